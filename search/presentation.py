"""Turning a ``SearchOutcome`` into what each view shows: page context, JSON, export rows; and the matrix's."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from clauses.gazetteer import snapshot
from clauses.models import ClauseDepartment
from clauses.parsing.types import Role

from .entries.lookup import link_departments
from .facet_table import FACET_BY_NAME, FACET_TABLE, FACETS
from .limits import MAX_QUERY_LENGTH
from .matrix import COLUMN_ORDERS, ROW_ORDERS, Matrix
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
    link_departments(outcome.hits)
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
        "matrix_url": reverse("search:matrix") + _without(request, "page", "sort", "page_size"),
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


def matrix_context(request, found: Matrix, error: str = "") -> dict:
    """The matrix page: each cell's links open the search for its clauses (this search, the department, the document)."""
    def search_url(role: str, department: str, document: str = "") -> str:
        pairs = [(key, value) for key, values in request.GET.lists() for value in values
                 if key not in ("page", "rows", "columns", "page_size", "sort")]
        pairs.append((role, department))
        if document:
            pairs.append(("document", document))
        return reverse("search:page") + "?" + urlencode(pairs)

    rows = [{"row": row, "lead_url": search_url("lead", row.name), "co_url": search_url("co", row.name),
             "cells": [{"cell": cell, "lead_url": search_url("lead", row.name, column.slug) if cell.lead else "",
                        "co_url": search_url("co", row.name, column.slug) if cell.co else ""}
                       for cell, column in zip(row.cells, found.columns)]}
            for row in found.rows]
    return {
        "matrix": found, "rows": rows, "q": found.request.q or request.GET.get("q", "")[:MAX_QUERY_LENGTH],
        "error": error,
        "filters": [{"facet": FACET_BY_NAME[name].label, "value": value} for name, value in found.request.filters],
        "row_orders": [(key, label, _reordered(request, "rows", key))
                       for key, label in ROW_ORDERS.items()],
        "column_orders": [(key, label, _reordered(request, "columns", key)) for key, label in COLUMN_ORDERS.items()],
        "row_order": request.GET.get("rows", "lead"), "column_order": request.GET.get("columns", "date"),
        "search_url": reverse("search:page") + _without(request, "rows", "columns"),
        "json_url": reverse("search:matrix-api") + _params(request),
        "xlsx_url": reverse("search:matrix-xlsx") + _params(request),
    }


def _reordered(request, name: str, value: str) -> str:
    pairs = [(key, item) for key, values in request.GET.lists() for item in values if key != name]
    return "?" + urlencode([*pairs, (name, value)])


def _without(request, *names: str) -> str:
    pairs = [(key, item) for key, values in request.GET.lists() for item in values if key not in names]
    return "?" + urlencode(pairs) if pairs else ""


def matrix_json(request, found: Matrix) -> dict:
    return {
        "query": found.request.q,
        "filters": [{"facet": name, "value": value} for name, value in found.request.filters],
        "count": found.count,
        "documents": [{"slug": column.slug, "title": column.title, "doc_number": column.doc_number,
                       "issued_on": column.issued_on, "lead": column.lead, "co": column.co}
                      for column in found.columns],
        "departments": [{"name": row.name, "slug": row.slug, "lead": row.lead, "co": row.co,
                         "cells": [{"lead": cell.lead, "co": cell.co} for cell in row.cells]}
                        for row in found.rows],
        "hidden_departments": found.hidden_rows,
        "hidden_documents": found.hidden_columns,
        "notes": found.notes,
    }
