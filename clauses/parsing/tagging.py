"""Stage 7: tag every clause with departments (and roles), regions, industries.

Reads the clauses, the lexicon and the document's jurisdiction and issuers.
Fills each clause's ``departments``, ``regions`` and ``industries``:

- responsibility brackets and duty lines (牵头单位：…；配合单位：…) give lead /
  co-responsible / implementing roles (``responsibility.py``); a lead may
  also be named in the body (…牵头);
- the issuing departments are ``issuing`` where the preface or signature
  names them;
- any other department the text names is ``named``;
- regions and industries come from longest-match lookup, with the matched
  span kept as evidence; which division a place name means is the lexicon's
  (``choose_regions``), whether it is printed as a place at all is
  ``places.py``'s. A 文号 is masked first, so 国办发 is not 国办.

Every name goes through the gazetteer's aliases; a name it does not know is
kept (``known=False``) — as printed, or built for the document's place where
a level is printed (省商务厅 → 湖北省商务厅, ``bodies.py``). It is still a real
body (``pattern``) when so built from a body every place has, when it is a
vertical body's office printed with its place (南昌海关,
``vertical_bodies.py``), or when it is the implementing tier; any other is
returned so the report can list it.
Offsets refer to ``ParsedClause.full_text``.
"""

from __future__ import annotations

from dataclasses import replace

from . import lines as shape
from .bodies import LEVEL_ENDINGS, local_bodies_in, local_body, standard_local_body
from .lexicon import NATIONAL, Entry, Lexicon, Match, fold
from .places import printed_as_a_place, weak_form_counts
from .responsibility import ResponsibilityContext, body_leads, find_responsibilities
from .types import BodyPattern, ClauseKind, DepartmentMention, ParsedClause, Role, Span, TermMention
from .vertical_bodies import vertical_bodies_in, vertical_body


def _mask_doc_numbers(text: str) -> str:
    for match in shape.DOC_NUMBER.finditer(text):
        text = text[: match.start()] + "\0" * (match.end() - match.start()) + text[match.end():]
    return text


class _DepartmentSet:
    """Departments of one clause, each once, in its strongest role."""

    def __init__(self) -> None:
        self.by_name: dict[str, DepartmentMention] = {}

    def add(self, mention: DepartmentMention) -> None:
        current = self.by_name.get(mention.name)
        if current is None or Role(mention.role).strength < Role(current.role).strength:
            self.by_name[mention.name] = mention

    def mentions(self) -> list[DepartmentMention]:
        return list(self.by_name.values())


def _span(full: str, raw: str, start_at: int) -> Span | None:
    position = full.find(raw, start_at)
    if position < 0:
        position = full.find(raw)
    return Span(position, position + len(raw), raw) if position >= 0 else None


def _local_body_named_short(full: str, match, entry, place_ends: set[int]) -> bool:
    """Is a national body's short form here part of a local body's name (市发展改革委, 洛阳市发展改革委)?

    Short forms are shared by every level (发展改革委 is the NDRC's and every province's
    and city's); printed after a level or a place, it is not the national body, whatever
    the gazetteer knows of that place. The national body's full name is never affected.
    """
    if entry.jurisdiction != NATIONAL or fold(match.text) == fold(entry.name):
        return False
    return match.start in place_ends or (match.start > 0 and full[match.start - 1] in LEVEL_ENDINGS)


def _inside_a_recognised_body(match, spans: list[Span]) -> bool:
    """Is this gazetteer name part of a body's name recognised by its pattern (人民银行 in 人民银行南昌中心支行)?"""
    return any(span.start <= match.start and match.end <= span.end and (span.start, span.end) != (match.start, match.end)
               for span in spans)


def _vertical_bodies_printed(full: str, matches: list[tuple[Match, list[Entry]]], lexicon: Lexicon,
                             jurisdiction: str | None) -> list[tuple[int, int, str, str]]:
    """(start, end, name, place) of the vertical offices printed around the divisions found.

    ``matches``: each gazetteer match with the regions it may mean (``Lexicon.choose_regions``).
    """
    place_spans = [(match.start, match.end) for match, regions in matches
                   if any(region.level is not None for region in regions)]
    return vertical_bodies_in(full, place_spans, lambda place: lexicon.division_named(place, jurisdiction))


def _recognised_body(name: str, built_for: str | None, places_above: list[str],
                     lexicon: Lexicon) -> tuple[str, str, BodyPattern] | None:
    """(name, place, how) of a real body the gazetteer does not list, or None.

    A vertical body's office printed with its place (南昌海关), or a body every
    place has (``lexicon.standard_bodies``) of the place it was built for
    (``built_for``, by ``local_body``) or printed with (湖北省商务厅).
    """
    jurisdiction = places_above[0] if places_above else None  # the document's own place
    vertical = vertical_body(name, lambda place: lexicon.division_named(place, jurisdiction))
    if vertical:
        return *vertical, BodyPattern.VERTICAL
    place = built_for or next((above for above in places_above if name.startswith(above)), None) \
        or lexicon.division_named_first(name, jurisdiction)  # 湖北省商务厅 in a Guangdong plan
    if place and standard_local_body(name, place, lexicon.standard_bodies):
        return name, place, BodyPattern.LOCAL
    return None


def tag_clauses(clauses: list[ParsedClause], *, lexicon: Lexicon, jurisdiction: str | None,
                issuers: list[str]) -> list[str]:
    """Tag ``clauses`` in place; return the unknown department names, in order."""
    context = ResponsibilityContext()
    unknown: list[str] = []
    places_above = lexicon.region_ancestors(jurisdiction)  # the document's place and those above it
    for clause in clauses:
        full = clause.full_text
        departments = _DepartmentSet()
        text_offset = max(full.find(clause.text), 0) if clause.text else 0

        recognised_spans: list[Span] = []  # of bodies recognised by their pattern
        for raw, role, bracket in find_responsibilities(clause.text, context):
            span = _span(full, raw, text_offset + bracket.start)
            name, place = fold(raw), jurisdiction
            entry = lexicon.resolve_department(raw, jurisdiction)
            local = None if entry else local_body(name, places_above)
            if local:  # 省商务厅 in a Hubei document: 湖北省商务厅, whether the gazetteer lists it or not
                name, place = local
                entry = lexicon.resolve_department(name, jurisdiction)
            if entry:
                departments.add(DepartmentMention(entry.name, entry.jurisdiction, role, raw, True, span))
                continue
            recognised = _recognised_body(name, local[1] if local else None, places_above, lexicon)
            if recognised:
                name, place, pattern = recognised
            elif role == Role.IMPLEMENTING:  # 各设区市人民政府: responsibility knows the tier by its shape
                pattern = BodyPattern.TIER
            else:
                pattern = None
                if name not in unknown:
                    unknown.append(name)
            departments.add(DepartmentMention(name, place, role, raw, False, span, pattern))
            if pattern and span:
                recognised_spans.append(span)

        named: list[DepartmentMention] = []  # departments the running text names, each with its span
        seen_terms: set[tuple[str, str]] = set()
        place_ends: set[int] = set()
        places: list[tuple[Match, list[Entry]]] = []
        matches = [(match, lexicon.choose_regions(match.entries, jurisdiction))
                   for match in lexicon.find(_mask_doc_numbers(full))]
        # Vertical offices printed in the running text (推动广州海关…, 国家税务总局广东省税务局落实…):
        # named as printed; neither their national body's name nor their place is a tag of its own.
        for start, end, name, place in _vertical_bodies_printed(full, matches, lexicon, jurisdiction):
            named.append(DepartmentMention(name, place, Role.NAMED, name, False, Span(start, end, name),
                                           BodyPattern.VERTICAL))
            departments.add(named[-1])
        vertical_spans = [mention.span for mention in named]
        for match, candidate_regions in matches:
            if _inside_a_recognised_body(match, vertical_spans):
                continue
            span = Span(match.start, match.end, full[match.start:match.end])
            entry = lexicon.choose_department(match.entries, jurisdiction)
            if entry is not None and (_local_body_named_short(full, match, entry, place_ends)
                                      or _inside_a_recognised_body(match, recognised_spans)):
                continue
            if entry is not None:
                named.append(DepartmentMention(entry.name, entry.jurisdiction, Role.NAMED, span.text, True, span))
                role = Role.ISSUING if (entry.name in issuers and clause.kind in (ClauseKind.PREFACE,
                                                                                   ClauseKind.SIGNATURE)) \
                    else Role.NAMED
                departments.add(replace(named[-1], role=role))
                continue
            regions = [region for region in candidate_regions if printed_as_a_place(region, match, full, lexicon)]
            if regions:
                places.append((match, regions))
            if any(term.kind == "region" for term in match.entries):
                place_ends.add(match.end)
            for term in match.entries:
                if term.kind == "industry" and (term.kind, term.name) not in seen_terms:
                    seen_terms.add((term.kind, term.name))
                    clause.industries.append(TermMention(term.name, span))
        # Local bodies the running text names (向省工业和信息化厅报送 in a Guangdong plan), where the
        # gazetteer named none: named, or lead when the text says so (…牵头), as the gazetteer's are.
        division_spans = [(match.start, match.end, region.name) for match, regions in places
                          for region in regions if region.level is not None]
        local_spans = []
        for start, end, name, place in local_bodies_in(full, places_above, lexicon.standard_bodies,
                                                       division_spans, lexicon.is_word):
            if any(start < mention.span.end and mention.span.start < end for mention in named):
                continue
            span = Span(start, end, full[start:end])
            entry = lexicon.resolve_department(name, jurisdiction)
            named.append(DepartmentMention(entry.name, entry.jurisdiction, Role.NAMED, span.text, True, span)
                         if entry else
                         DepartmentMention(name, place, Role.NAMED, span.text, False, span, BodyPattern.LOCAL))
            departments.add(named[-1])
            local_spans.append(span)

        for match, regions in places:
            if _inside_a_recognised_body(match, local_spans):
                continue  # 湖北省 of 湖北省商务厅, like 四川省 of the gazetteer's 四川省商务厅
            span = Span(match.start, match.end, full[match.start:match.end])
            for term in regions:
                if term.weak and not weak_form_counts(term, match, places, full, lexicon, jurisdiction):
                    continue
                if (term.kind, term.name) not in seen_terms:
                    seen_terms.add((term.kind, term.name))
                    clause.regions.append(TermMention(term.name, span))

        leads = set(body_leads(full, [(mention.span.start, mention.span.end) for mention in named]))
        for mention in named:
            if (mention.span.start, mention.span.end) in leads:
                departments.add(replace(mention, role=Role.LEAD))

        if clause.kind == ClauseKind.SIGNATURE:
            for issuer in issuers:
                known = lexicon.resolve_department(issuer, jurisdiction) is not None
                recognised = None if known else _recognised_body(issuer, None, places_above, lexicon)
                place, pattern = recognised[1:] if recognised else (jurisdiction, None)
                departments.add(DepartmentMention(issuer, place, Role.ISSUING, issuer, known, pattern=pattern))
        clause.departments = departments.mentions()
    return unknown
