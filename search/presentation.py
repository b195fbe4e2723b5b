"""Turning a ``SearchOutcome`` into what each view shows: page context, JSON, export rows."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from clauses.gazetteer import snapshot
from clauses.models import ClauseDepartment
from clauses.parsing.types import Role

from .facet_table import FACET_BY_NAME, FACET_TABLE, FACETS
from .query import without_exclusion
from .selectors import Hit, SearchOutcome
from .spreadsheet import Column

TOP_VALUES = 8


def _params(request, *, drop: tuple[str, str] | None = None, add: tuple[str, str] | None = None,
            page: int | None = None) -> str:
    pairs = [(key, value) for key, values in request.GET.lists() for value in values
             if key != "page" and (key, value) != drop]
    if add and add not in pairs:
        pairs.append(add)
    if page and page > 1:
        pairs.append(("page", str(page)))
    return "?" + urlencode(pairs)


def _region_tree(values: list[tuple[str, int]], add_url) -> list[dict]:
    """Facet values nested under the nearest region above them that also has hits."""
    parents = snapshot.current().region_parent_names
    present = {name for name, _ in values}
    nodes = {name: {"value": name, "label": name, "count": count, "url": add_url(name), "children": []}
             for name, count in values}
    roots = []
    for name, _ in values:
        parent = parents.get(name)
        while parent and parent not in present:
            parent = parents.get(parent)
        (nodes[parent]["children"] if parent else roots).append(nodes[name])
    return roots


def page_context(request, outcome: SearchOutcome, error: str = "") -> dict:
    active = set(outcome.filters)
    facets = []
    for facet in FACET_TABLE:
        labels = facet.values.labels()
        values = [(value, count) for value, count in outcome.facets.get(facet.name, [])]

        def add_url(value, name=facet.name):
            return _params(request, add=(name, value))

        entries = [{"value": value, "label": labels.get(value, value), "count": count,
                    "url": add_url(value), "active": (facet.name, value) in active} for value, count in values]
        facets.append({"name": facet.name, "label": facet.label, "top": entries[:TOP_VALUES],
                       "more": entries[TOP_VALUES:],
                       "tree": _region_tree(values, add_url) if facet.tree else None})
    chips = []
    for name, value in outcome.filters:
        facet = FACET_BY_NAME[name]
        chips.append({"facet": facet.label, "label": facet.values.labels().get(value, value),
                      "remove_url": _params(request, drop=(name, value))})
    for name, value in outcome.query.excluded:  # typed in the box: -region:宜宾
        facet = FACET_BY_NAME[name]
        chips.append({"facet": "排除" + facet.label, "label": facet.values.labels().get(value, value),
                      "remove_url": _with_query(request, without_exclusion(request.GET.get("q", ""), (name, value)))})
    return {
        "outcome": outcome, "q": outcome.request.q, "facets": facets, "chips": chips, "error": error,
        "roles": ClauseDepartment.ROLE_SHORT_LABELS,
        "sort": outcome.request.sort,
        "previous_url": _params(request, page=outcome.page - 1) if outcome.page > 1 else "",
        "next_url": _params(request, page=outcome.page + 1) if outcome.page < outcome.num_pages else "",
        "csv_url": reverse("search:export") + _params(request),
        "xlsx_url": reverse("search:export-xlsx") + _params(request),
        "suggestions": [{**suggestion, "url": _suggestion_url(request, suggestion)}
                        for suggestion in outcome.suggestions],
    }


def _suggestion_url(request, suggestion: dict) -> str:
    if "filter" in suggestion:
        return _params(request, drop=tuple(suggestion["filter"]))
    return _with_query(request, " ".join(request.GET.get("q", "").replace(suggestion["word"], " ").split()))


def _with_query(request, q: str) -> str:
    """This search's URL with another text in the box (and back to page 1)."""
    pairs = [(key, value) for key, values in request.GET.lists() for value in values if key not in ("q", "page")]
    return "?" + urlencode([("q", q), *pairs])


def hit_json(request, hit: Hit) -> dict:
    return {
        "document": {key: hit.document[key] for key in ("slug", "title", "doc_number")},
        "clause": {key: hit.clause[key] for key in ("label", "number", "heading")},
        "permalink": request.build_absolute_uri(hit.permalink),
        "snippet": str(hit.snippet),
        # Empty when the text itself matched; else the departments a query word found it through.
        "matched_through": hit.matched_through,
        "departments": hit.departments,
        "regions": hit.regions,
        "industries": hit.industries,
    }


def as_json(request, outcome: SearchOutcome) -> dict:
    return {
        "query": outcome.request.q,
        "count": outcome.count,
        "page": outcome.page,
        "num_pages": outcome.num_pages,
        "results": [hit_json(request, hit) for hit in outcome.hits],
        "facets": {facet: [{"value": value, "count": count} for value, count in outcome.facets.get(facet, [])]
                   for facet in FACETS},
        "excluded": [{"facet": name, "value": value} for name, value in outcome.query.excluded],
        "message": outcome.notes[0] if outcome.notes else None,
        "notes": outcome.notes,
        "direct_hit": outcome.direct_hit,
        "suggestions": outcome.suggestions,
    }


# The export's columns (CSV and Excel); ``export_row`` gives a result's cells in this order.
EXPORT_COLUMNS = (
    Column("文件"), Column("文号"), Column("条款"), Column("标题"), Column("条款文本", wrap=True),
    Column("牵头部门"), Column("责任部门"), Column("地区"), Column("产业"), Column("链接", link=True),
)


def export_row(request, hit: Hit) -> list[str]:
    """A result's cells, as text; ``spreadsheet`` guards them against running as formulas."""
    lead = "、".join(item["name"] for item in hit.departments if item["role"] == Role.LEAD)
    responsible = "、".join(item["name"] for item in hit.responsible_departments)
    label = " ".join(part for part in (hit.clause.get("part_label", ""), hit.clause["label"]) if part)
    row = [hit.document["title"], hit.document["doc_number"], label, hit.clause["heading"], hit.text, lead,
           responsible, "、".join(hit.regions), "、".join(hit.industries), request.build_absolute_uri(hit.permalink)]
    return [value or "" for value in row]
