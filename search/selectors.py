"""The one place a clause search is built: query, filters, facets, sort, page.

Views (HTML, JSON, CSV) validate their input into a ``SearchRequest`` and
call ``search()``; what comes back is plain data (``SearchOutcome``) read from
the index's stored fields, so rendering a page needs no database query per
result.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from haystack import connections
from haystack.query import SearchQuerySet

from clauses.gazetteer import snapshot
from clauses.models import Clause, Document
from clauses.parsing import lines as shape
from clauses.parsing.types import Role
from clauses.permalinks import clause_url

from .words import to_simplified
from .highlight import snippet
from .limits import DEFAULT_PAGE_SIZE, MAX_FILTERS, MAX_PAGE_SIZE, MAX_SUGGESTION_COUNTS
from .facet_table import FACET_BY_NAME, FACETS
from . import ranking
from .query import ParsedQuery, parse_query, to_whoosh

SORTS = {"relevance": None, "date": "-issued", "-date": "issued"}
_KIND_LABELS = dict(Clause.Kind.choices)


@dataclass
class SearchRequest:
    q: str = ""
    filters: list[tuple[str, str]] = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass
class Hit:
    document: dict
    clause: dict
    text: str
    snippet: str
    departments: list[dict]
    regions: list[str]
    industries: list[str]
    permalink: str
    title: str = ""
    score: float | None = None
    # Why the clause was found where its text does not say it: a word of the query that names a
    # department responsible for it ({"word", "department", "role"}), in the query's order.
    matched_through: list[dict] = field(default_factory=list)

    @property
    def responsible_departments(self) -> list[dict]:
        """The departments responsible for the clause (``Role.is_responsible``), not those only named."""
        return [item for item in self.departments if Role(item["role"]).is_responsible]


@dataclass
class SearchOutcome:
    request: SearchRequest
    query: ParsedQuery
    count: int
    page: int
    num_pages: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    filters: list[tuple[str, str]]
    notes: list[str]
    direct_hit: dict | None = None
    suggestions: list[dict] = field(default_factory=list)


class PageOutOfRange(ValueError):
    """The page number is past the last page."""


def _direct_hit(text: str) -> tuple[str, Document | None]:
    """A 文号 in any bracket form names a document: take it out of the words."""
    folded = to_simplified(text)
    match = shape.DOC_NUMBER.search(folded)
    if not match:
        return text, None
    number = shape.normalise_doc_number(match["prefix"], match["year"], match["serial"])
    document = Document.objects.filter(doc_number=number).first()
    if document is None:
        return text, None
    return (folded[: match.start()] + " " + folded[match.end():]).strip(), document


def canonical_filter(name: str, value: str) -> tuple[list[str], str | None]:
    """The indexed value(s) a filter means, or what is wrong with the value (no name has it)."""
    value = value.strip()
    facet = FACET_BY_NAME.get(name)
    if facet is None:
        return [], f"不能按“{name}”筛选"
    found = facet.values.canonical(value)
    return (found, None) if found else ([], facet.values.refusal(value))


def _any_of(name: str, values: list[str]) -> str:
    # Several canonical names for one typed name (经济和信息化厅 in two provinces): any of them.
    return "(" + " OR ".join(f'{name}_exact:"{value.replace(chr(34), "")}"' for value in values) + ")"


def _narrowed(sqs: SearchQuerySet, filters: list[tuple[str, list[str]]],
              excluded: list[tuple[str, list[str]]] = ()) -> SearchQuerySet:
    for name, values in filters:
        sqs = sqs.narrow(_any_of(name, values))
    for name, values in excluded:
        sqs = sqs.narrow(f"(* NOT {_any_of(name, values)})")
    return sqs


def _base(query: ParsedQuery, filters: list[tuple[str, list[str]]], document: Document | None,
          excluded: list[tuple[str, list[str]]] = ()):
    sqs = SearchQuerySet().raw_search(_whoosh_query(query))
    if document is not None:
        filters = [*filters, ("document", [document.slug])]
    return _narrowed(sqs, filters, excluded)


def _whoosh_query(query: ParsedQuery) -> str:
    gazetteer = snapshot.current()
    return to_whoosh(query, gazetteer.synonyms, gazetteer.departments_named, ranking.responsibility_weights(),
                     ranking.RESPONSIBILITY_FIELDS)


@dataclass(frozen=True)
class _DepartmentWord:
    """A word of the query that names departments: found in a clause's text, or through them."""

    word: str
    forms: tuple[str, ...]  # the word and its synonyms, as a text may print it
    departments: frozenset[str]


def _department_words(query: ParsedQuery) -> list[_DepartmentWord]:
    gazetteer = snapshot.current()
    found = []
    for text in query.department_words():
        departments = gazetteer.departments_named(text)
        if departments:
            found.append(_DepartmentWord(text, (text, *gazetteer.synonyms(text)), frozenset(departments)))
    return found


def _matched_through(payload: dict, words: list[_DepartmentWord]) -> list[dict]:
    """The responsible departments that a word of the query found this clause through, where its text
    (as indexed: title, 文号, label, headings, text, translations) does not print the word."""
    document, clause = payload["document"], payload["clause"]
    printed = "\n".join([document["title"], document["doc_number"] or "", clause["label"], clause["part_heading"],
                         clause["heading"], payload["text"], *payload["translations"].values()])
    through = []
    for word in words:
        if any(form in printed for form in word.forms):
            continue
        through += [{"word": word.word, "department": item["name"], "role": item["role"]}
                    for item in payload["departments"]
                    if item["name"] in word.departments and Role(item["role"]).is_responsible]
    return through


def _hit(result, terms: list[str] | None, department_words: list[_DepartmentWord] = ()) -> Hit:
    """A result as shown; ``terms`` None: no snippet (exports print the whole text)."""
    payload = json.loads(result.payload)
    shown = "" if terms is None else snippet(payload["text"], terms,
                                             alternatives=list(payload["translations"].values()))
    return Hit(document=payload["document"], clause=payload["clause"], text=payload["text"], snippet=shown,
               departments=payload["departments"],
               regions=payload["regions"], industries=payload["industries"],
               permalink=clause_url(payload["document"]["slug"], payload["clause"]["key"]),
               title=_title(payload["clause"]), score=getattr(result, "score", None),
               matched_through=_matched_through(payload, department_words))


def _title(clause: dict) -> str:
    """How a result names its clause: （五）积极承接… — or 序言, 主送 for unnumbered ones."""
    title = f"{clause['label']}{clause['heading']}"
    return title or _KIND_LABELS.get(clause["kind"], clause["kind"])


def _highlight_terms(query: ParsedQuery) -> list[str]:
    terms = []
    for text in query.positive_texts():
        terms += [part for part in text.split() if part]
        terms += snapshot.current().synonyms(text)
    return terms


@dataclass
class _Plan:
    """A request read and resolved: what to search for, within what, and what to tell the user."""

    query: ParsedQuery
    document: Document | None
    notes: list[str]
    shown_filters: list[tuple[str, str]]
    resolved: list[tuple[str, list[str]]]
    excluded: list[tuple[str, list[str]]]
    unknown: bool  # a filter names nothing: no search is made


def _plan(request: SearchRequest) -> _Plan:
    text, document = _direct_hit(request.q or "")
    query = parse_query(text)
    notes = list(query.notes)
    if document is not None:
        notes.insert(0, f"文号直达：{document.title}（{document.doc_number}）")

    requested = list(dict.fromkeys([*request.filters, *query.filters]))
    if len(requested) > MAX_FILTERS:
        notes.append(f"筛选条件过多，只使用了前 {MAX_FILTERS} 个。")
        requested = requested[:MAX_FILTERS]
    plan = _Plan(query, document, notes, shown_filters=[], resolved=[], excluded=[], unknown=False)
    for name, value in requested:
        values, problem = canonical_filter(name, value)
        plan.shown_filters.append((name, value))
        if problem:
            notes.append(f"{problem}，因此没有结果。")
            plan.unknown = True
        else:
            plan.resolved.append((name, values))
    for name, value in list(dict.fromkeys(query.excluded))[:MAX_FILTERS]:
        values, problem = canonical_filter(name, value)
        if problem:
            notes.append(f"{problem}，这一排除条件已忽略。")
        else:
            plan.excluded.append((name, values))
    return plan


def _ordered(plan: _Plan, sort_name: str) -> SearchQuerySet:
    sqs = _base(plan.query, plan.resolved, plan.document, plan.excluded)
    sort = SORTS.get(sort_name)
    if sort:
        return sqs.order_by(sort)
    if plan.document is not None and plan.query.is_empty:
        return sqs.order_by("position")
    return sqs


def search(request: SearchRequest) -> SearchOutcome:
    plan = _plan(request)
    query = plan.query
    page_size = max(1, min(request.page_size, MAX_PAGE_SIZE))
    if plan.unknown:
        return SearchOutcome(request, query, 0, 1, 1, [], {}, plan.shown_filters, plan.notes,
                             direct_hit=_document_summary(plan.document))

    sqs = _ordered(plan, request.sort)
    for facet in FACETS:
        sqs = sqs.facet(facet, limit=-1)
    start = (request.page - 1) * page_size
    page = list(sqs[start:start + page_size])  # one backend call: the page, the total and the facets
    count = sqs.count()
    num_pages = max(1, math.ceil(count / page_size))
    if request.page > num_pages:
        raise PageOutOfRange(f"page {request.page} is past the last page ({num_pages})")
    terms = _highlight_terms(query)
    department_words = _department_words(query)
    hits = [_hit(result, terms, department_words) for result in page]
    facets = _facet_counts(sqs) if count else {}

    suggestions = []
    if count == 0:
        suggestions = _suggestions(query, plan.resolved, plan.document, plan.excluded)
    return SearchOutcome(request, query, count, request.page, num_pages, hits, facets, plan.shown_filters,
                         plan.notes, direct_hit=_document_summary(plan.document), suggestions=suggestions)


def every_hit(request: SearchRequest, *, batch: int = 500) -> Iterator[Hit]:
    """Every result of ``request`` in its order, read ``batch`` at a time (no facets, no page limit).

    For exports: memory stays that of one batch whatever the result size.
    Each batch is one search on the fast path; a commit landing between two
    batches can shift what the next one starts with, as between two pages.
    """
    plan = _plan(request)
    if plan.unknown:
        return
    sqs = _ordered(plan, request.sort)
    start = 0
    while True:
        results = list(sqs._clone()[start:start + batch])
        yield from (_hit(result, None) for result in results)
        if len(results) < batch:
            return
        start += batch


@dataclass
class CrossCounts:
    """How many clauses of a search have each pair of two facets' values (lead department, document)."""

    request: SearchRequest
    rows: str  # the facets counted: ``FACETS`` names
    columns: str
    count: int  # the clauses the search finds, as ``search(request).count``
    cells: dict[tuple[str, str], int]  # (row value, column value) → clauses having both; no zeros
    filters: list[tuple[str, str]]
    notes: list[str]
    direct_hit: dict | None = None


def cross_counts(request: SearchRequest, row_facet: str, column_facet: str) -> CrossCounts:
    """The clauses ``search(request)`` finds, counted per (``row_facet`` value, ``column_facet`` value).

    Planned exactly as ``search`` plans (filters resolved, exclusions, a
    文号's document, a filter naming nothing → no counts and its note), so a
    matrix means what the search means; a row value's cells sum to its count
    in the search's facet wherever every clause has one column value (the
    document). Values are the facets' stable identifiers (department names,
    document slugs). ``request.sort`` and the page are not used.
    """
    for name in (row_facet, column_facet):
        if name not in FACET_BY_NAME:
            raise ValueError(f"no facet named {name!r}")
    plan = _plan(request)
    direct_hit = _document_summary(plan.document)
    if plan.unknown:
        return CrossCounts(request, row_facet, column_facet, 0, {}, plan.shown_filters, plan.notes, direct_hit)
    query = _base(plan.query, plan.resolved, plan.document, plan.excluded).query
    fieldname = connections[query.backend.connection_alias].get_unified_index().get_facet_fieldname
    # The query string and narrowings haystack would pass to the backend's ``search`` (``SearchQuery.run``).
    count, cells = query.backend.cross_counts(query.build_query(), query.narrow_queries,
                                              fieldname(row_facet), fieldname(column_facet))
    return CrossCounts(request, row_facet, column_facet, count, cells, plan.shown_filters, plan.notes, direct_hit)


def _facet_counts(sqs: SearchQuerySet) -> dict[str, list[tuple[str, int]]]:
    fields = sqs.facet_counts().get("fields", {})
    # Whoosh counts clauses without any value under None: not a facet value.
    return {facet: sorted(((value, count) for value, count in fields.get(facet, []) if value),
                          key=lambda pair: (-pair[1], pair[0])) for facet in FACETS}


def _document_summary(document: Document | None) -> dict | None:
    if document is None:
        return None
    return {"slug": document.slug, "title": document.title, "doc_number": document.doc_number}


def _suggestions(query: ParsedQuery, filters: list[tuple[str, list[str]]], document,
                 excluded: list[tuple[str, list[str]]]) -> list[dict]:
    """What to drop to get results: each filter, or each word, left out in turn.

    Each is a count on the fast path (no facets), and there are at most
    ``MAX_SUGGESTION_COUNTS`` of them, filters first: a search that finds
    nothing must not cost more than one that finds much.
    """
    candidates = []
    for position, (name, values) in enumerate(filters):
        rest = filters[:position] + filters[position + 1:]
        candidates.append((lambda rest=rest: _base(query, rest, document, excluded).count(),
                           {"drop": f"{name}:{'/'.join(values)}", "filter": [name, values[0]]}))
    positive = [clause for clause in query.clauses if not clause.negated]
    if len(positive) > 1 or (positive and filters):
        for clause in positive:
            rest = ParsedQuery(raw=query.raw, clauses=[other for other in query.clauses if other is not clause])
            words = " OR ".join(text for _, text in clause.alternatives)
            candidates.append((lambda rest=rest: _base(rest, filters, document, excluded).count(),
                               {"drop": words, "word": words}))
    found = []
    for count_without, suggestion in candidates[:MAX_SUGGESTION_COUNTS]:
        count = count_without()
        if count:
            found.append({**suggestion, "count": count})
    return found
