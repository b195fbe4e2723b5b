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
  span kept as evidence. A 文号 is masked first, so 国办发 is not 国办.

Every name goes through the gazetteer's aliases; a name it does not know is
kept as printed (``known=False``) and returned so the report can list it.
Offsets refer to ``ParsedClause.full_text``.
"""

from __future__ import annotations

from . import lines as shape
from .lexicon import Lexicon, fold
from .responsibility import ResponsibilityContext, body_leads, find_responsibilities
from .types import ClauseKind, DepartmentMention, ParsedClause, Role, Span, TermMention


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


def tag_clauses(clauses: list[ParsedClause], *, lexicon: Lexicon, jurisdiction: str | None,
                issuers: list[str]) -> list[str]:
    """Tag ``clauses`` in place; return the unknown department names, in order."""
    context = ResponsibilityContext()
    unknown: list[str] = []
    for clause in clauses:
        full = clause.full_text
        departments = _DepartmentSet()
        text_offset = max(full.find(clause.text), 0) if clause.text else 0

        for raw, role, bracket in find_responsibilities(clause.text, context):
            entry = lexicon.resolve_department(raw, jurisdiction)
            span = _span(full, raw, text_offset + bracket.start)
            if entry:
                departments.add(DepartmentMention(entry.name, entry.jurisdiction, role, raw, True, span))
            else:
                name = fold(raw)
                departments.add(DepartmentMention(name, jurisdiction, role, raw, False, span))
                if name not in unknown:
                    unknown.append(name)

        department_spans: list[tuple[int, int, str, str | None]] = []
        seen_terms: set[tuple[str, str]] = set()
        for match in lexicon.find(_mask_doc_numbers(full)):
            span = Span(match.start, match.end, full[match.start:match.end])
            entry = lexicon.choose_department(match.entries, jurisdiction)
            if entry is not None:
                department_spans.append((match.start, match.end, entry.name, entry.jurisdiction))
                role = Role.ISSUING if (entry.name in issuers and clause.kind in (ClauseKind.PREFACE,
                                                                                   ClauseKind.SIGNATURE)) \
                    else Role.NAMED
                departments.add(DepartmentMention(entry.name, entry.jurisdiction, role, span.text, True, span))
                continue
            for term in match.entries:
                if term.kind in ("region", "industry") and (term.kind, term.name) not in seen_terms:
                    seen_terms.add((term.kind, term.name))
                    target = clause.regions if term.kind == "region" else clause.industries
                    target.append(TermMention(term.name, span))

        leads = set(body_leads(full, [(start, end) for start, end, _, _ in department_spans]))
        for start, end, name, entry_jurisdiction in department_spans:
            if (start, end) in leads:
                span = Span(start, end, full[start:end])
                departments.add(DepartmentMention(name, entry_jurisdiction, Role.LEAD, span.text, True, span))

        if clause.kind == ClauseKind.SIGNATURE:
            for issuer in issuers:
                departments.add(DepartmentMention(issuer, jurisdiction, Role.ISSUING, issuer,
                                                  lexicon.resolve_department(issuer, jurisdiction) is not None))
        clause.departments = departments.mentions()
    return unknown
