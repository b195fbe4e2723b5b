"""Pages of departments, regions and industries, and their JSON twins (``/api/…``, ``?format=json``).

Each page and its JSON come from one selector; a bad filter or page number
is a 400 with the reason, an unknown address a 404, a merged entry's old
address a 301 to where it went.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from clauses.models import Department, Document, Industry, Region
from policykb.charts import bar_chart
from policykb.http import json_response, wants_json

from .. import limits, spreadsheet
from ..selectors import PageOutOfRange
from . import lookup, tagged, task_tables, tasks
from .filters import PAGE_FILTERS, PageFilters, read_filters
from .overview import collection_facets

_LEVEL_LABELS = dict(Department.Level.choices)


class _BadRequest(Exception):
    pass


class _PageOutOfRange(Exception):
    pass


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise _BadRequest(f"“{raw[:20]}”不是页码。")
    return int(raw)


def _not_found(request, message: str):
    if wants_json(request):
        return json_response({"error": message}, status=404)
    return render(request, "404.html", {"message": message}, status=404)


def _bad_request(request, message: str, template: str = "", context: dict | None = None):
    if wants_json(request) or not template:
        return json_response({"error": message}, status=400)
    return render(request, template, {**(context or {}), "error": message}, status=400)


def _find(request, kind: lookup.EntryKind, slug: str):
    """(entry, None) or (None, the response: a 404, or a redirect to the same address of where it went)."""
    entry, moved_to = kind.find(slug)
    if moved_to:
        match = request.resolver_match
        target = reverse(f"{match.namespace}:{match.url_name}", kwargs={**match.kwargs, "slug": moved_to})
        query = request.META.get("QUERY_STRING", "")
        return None, HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
    if entry is None:
        return None, _not_found(request, f"没有地址为“{slug}”的{kind.noun}。")
    return entry, None


def _with(params: list[tuple[str, str]], **extra) -> str:
    pairs = [*params, *((name, str(value)) for name, value in extra.items() if value)]
    return f"?{urlencode(pairs)}" if pairs else ""


def _entry_json(entry) -> dict:
    return {"slug": entry.slug, "name": entry.name}


# Departments ---------------------------------------------------------------------------------------------


@require_GET
def department_list(request):
    counts = collection_facets("lead", "co", "department")
    departments = []
    for department in Department.objects.select_related("jurisdiction").order_by("name"):
        departments.append({
            "department": department,
            "lead": counts["lead"].get(department.name, 0), "co": counts["co"].get(department.name, 0),
            "all": counts["department"].get(department.name, 0),
        })
    departments.sort(key=lambda row: (-row["lead"], -row["co"], -row["all"], row["department"].name))
    if wants_json(request):
        return json_response({"departments": [
            {**_entry_json(row["department"]),
             "jurisdiction": _entry_json(row["department"].jurisdiction) if row["department"].jurisdiction else None,
             "level": row["department"].level, "lead": row["lead"], "co": row["co"],
             "mentioned_or_responsible": row["all"],
             "url": request.build_absolute_uri(reverse("entries:department", args=[row["department"].slug]))}
            for row in departments]})
    with_tasks = [row for row in departments if row["all"]]
    return render(request, "entries/departments.html", {
        "rows": with_tasks, "without": len(departments) - len(with_tasks)})


def _department_context(request, department: Department, filters: PageFilters, page_number: int) -> dict:
    """The page's context; raises ``_PageOutOfRange`` past the last page."""
    clause_q = filters.clause_q() if filters.resolved else None
    summary = tasks.task_summary(department, clause_q)
    page_size = limits.ENTRY_PAGE_SIZE
    num_pages = max(1, math.ceil(summary.tasks / page_size))
    if page_number > num_pages:
        raise _PageOutOfRange
    start = (page_number - 1) * page_size
    links = tasks.department_links(department, clause_q)[start:start + page_size]
    rows = list(tasks.task_rows(list(links), department=department))
    typed = filters.typed
    return {
        "department": department, "filters": filters, "filter_values": filters.values,
        "filter_names": PAGE_FILTERS, "rows": rows, "counts": summary.roles,
        "count": summary.tasks, "page": page_number, "num_pages": num_pages,
        "short_names": sorted({department.short_name, *department.aliases.values_list("name", flat=True)} - {""}),
        "level_label": _LEVEL_LABELS.get(department.level, ""),
        "documents": _documents_of(department),
        "charts": [bar_chart("按年份", summary.years), bar_chart("按文件类型", summary.kinds)],
        "exports": {extension: reverse("entries:department-tasks", args=[department.slug, extension]) + _with(typed)
                    for extension in task_tables.FORMATS},
        "search_links": {
            "lead": reverse("search:page") + _with([("lead", department.name), *typed]),
            "co": reverse("search:page") + _with([("co", department.name), *typed]),
            "all": reverse("search:page") + _with([("department", department.name), *typed]),
        },
        "previous_url": _with(typed, page=page_number - 1) if page_number > 1 else "",
        "next_url": _with(typed, page=page_number + 1) if page_number < num_pages else "",
        "roles": tasks.ROLE_SHORT,
    }


# A department in more documents than this gets a text box for the document filter, not a list of them all.
MAX_DOCUMENT_CHOICES = 200


def _documents_of(department: Department) -> list[tuple[str, str]]:
    """The documents the department has tasks in (slug, short title), newest first — the document filter's
    choices — or [] when there are more than ``MAX_DOCUMENT_CHOICES``."""
    documents = list(Document.objects.filter(clauses__clausedepartment_links__department=department,
                                             clauses__clausedepartment_links__status="active",
                                             clauses__clausedepartment_links__role__in=tasks.TASK_ROLES,
                                             clauses__retired_at__isnull=True)
                     .order_by("-issued_on", "title").values_list("slug", "title").distinct()[:MAX_DOCUMENT_CHOICES + 1])
    if len(documents) > MAX_DOCUMENT_CHOICES:
        return []
    return [(slug, title if len(title) <= 32 else title[:31] + "…") for slug, title in documents]


def _task_json(request, row: tasks.TaskRow) -> dict:
    return {
        "document": {key: row.document[key] for key in ("slug", "title", "doc_number", "issued_on")},
        "clause": {key: row.clause[key] for key in ("key", "label", "number", "heading")},
        "role": row.role,
        "excerpt": row.excerpt,
        "departments": [{"name": item["name"], "slug": item["slug"], "role": item["role"]} for item in row.departments],
        "permalink": request.build_absolute_uri(row.permalink),
    }


@require_GET
def department_page(request, slug: str):
    department, response = _find(request, lookup.DEPARTMENTS, slug)
    if response:
        return response
    filters = read_filters(request.GET)
    try:
        page_number = _page_number(request)
        if filters.problem:
            raise _BadRequest(filters.problem)
        context = _department_context(request, department, filters, page_number)
    except _PageOutOfRange:
        return _bad_request(request, "页码超出了结果范围。", "entries/department.html",
                            _department_context(request, department, filters, 1))
    except _BadRequest as problem:
        return _bad_request(request, str(problem), "entries/department.html",
                            _department_context(request, department, PageFilters(), 1))
    if wants_json(request):
        jurisdiction = department.jurisdiction
        return json_response({
            "department": {**_entry_json(department), "short_names": context["short_names"],
                           "jurisdiction": _entry_json(jurisdiction) if jurisdiction else None,
                           "level": department.level, "kind": department.kind},
            "counts": context["counts"],
            "filters": [{"facet": name, "value": value} for name, value in filters.typed],
            "count": context["count"], "page": context["page"], "num_pages": context["num_pages"],
            "clauses": [_task_json(request, row) for row in context["rows"]],
        })
    return render(request, "entries/department.html", context)


@require_GET
@spreadsheet.retry_later_when_busy
def department_tasks(request, slug: str, extension: str):
    """The department's 任务分工表 as Excel or CSV, under the page's filters (``task_tables``)."""
    if extension not in task_tables.FORMATS:
        return _not_found(request, f"没有“{extension}”格式的任务分工表（可用 xlsx 或 csv）。")
    department, response = _find(request, lookup.DEPARTMENTS, slug)
    if response:
        return response
    filters = read_filters(request.GET)
    if filters.problem:
        return HttpResponse(filters.problem, status=400, content_type="text/plain; charset=utf-8")
    return task_tables.department_download(request, department, filters.clause_q() if filters.resolved else None,
                                           extension)


@require_GET
@spreadsheet.retry_later_when_busy
def document_tasks(request, slug: str, extension: str):
    """A document's own 任务分工表, in reading order, as Excel or CSV."""
    if extension not in task_tables.FORMATS:
        return _not_found(request, f"没有“{extension}”格式的任务分工表（可用 xlsx 或 csv）。")
    document = Document.objects.filter(slug=slug).first()
    if document is None:
        return _not_found(request, f"没有标识为“{slug}”的文件。")
    return task_tables.document_download(request, document, extension)


# Regions and industries --------------------------------------------------------------------------------


def _region_place(region: Region) -> dict:
    ancestors, parent = [], region.parent
    while parent is not None and len(ancestors) < 10:
        ancestors.insert(0, parent)
        parent = parent.parent
    return {"ancestors": ancestors, "children": list(region.children.order_by("code", "name")),
            "groupings": list(region.groupings.order_by("name")), "members": list(region.members.order_by("code", "name")),
            "departments": list(region.departments.order_by("name"))}


def _industry_place(industry: Industry) -> dict:
    return {"ancestors": [industry.parent] if industry.parent_id else [],
            "children": list(industry.children.order_by("name")), "groupings": [], "members": [], "departments": []}


def _tagged_page(request, kind: lookup.EntryKind, slug: str):
    entry, response = _find(request, kind, slug)
    if response:
        return response
    place = _region_place(entry) if kind is lookup.REGIONS else _industry_place(entry)
    names = tuple(name for name in PAGE_FILTERS if name != kind.key)
    filters = read_filters(request.GET, names, room=limits.MAX_FILTERS - 1)  # the entry's own filter is one
    context = {"kind": kind, "entry": entry, "place": place, "filters": filters, "filter_values": filters.values,
               "filter_names": names,
               "roles": tasks.ROLE_SHORT}
    try:
        page_number = _page_number(request)
        if filters.problem:
            raise _BadRequest(filters.problem)
        outcome, hits = tagged.tagged_clauses(kind.key, entry, filters, page_number)
    except (_BadRequest, PageOutOfRange) as problem:
        message = str(problem) if isinstance(problem, _BadRequest) else "页码超出了结果范围。"
        outcome, hits = tagged.tagged_clauses(kind.key, entry, PageFilters(), 1)
        return _bad_request(request, message, "entries/tagged.html",
                            {**context, **_tagged_context(kind, entry, PageFilters(), outcome, hits)})
    if wants_json(request):
        return json_response({
            kind.key: {**_entry_json(entry), **_place_json(place, kind)},
            "filters": [{"facet": name, "value": value} for name, value in filters.typed],
            "count": outcome.count, "page": outcome.page, "num_pages": outcome.num_pages,
            "clauses": [{"document": {key: item.hit.document[key] for key in ("slug", "title", "doc_number", "issued_on")},
                         "clause": {key: item.hit.clause[key] for key in ("key", "label", "number", "heading")},
                         "via": item.via,
                         "departments": item.hit.responsible_departments,
                         "permalink": request.build_absolute_uri(item.hit.permalink)} for item in hits],
            "lead_departments": [{"name": name, "count": count} for name, count in outcome.facets.get("lead", [])[:20]],
        })
    return render(request, "entries/tagged.html", {**context, **_tagged_context(kind, entry, filters, outcome, hits)})


def _place_json(place: dict, kind: lookup.EntryKind) -> dict:
    brief = [_entry_json(item) for item in place["ancestors"]]
    data = {"parent": brief[-1] if brief else None, "ancestors": brief,
            "children": [_entry_json(item) for item in place["children"]]}
    if kind is lookup.REGIONS:
        data["groupings"] = [_entry_json(item) for item in place["groupings"]]
        data["members"] = [_entry_json(item) for item in place["members"]]
    return data


def _tagged_context(kind, entry, filters: PageFilters, outcome, hits) -> dict:
    typed = filters.typed
    lead = outcome.facets.get("lead", [])[:15]
    lead_slugs = dict(Department.objects.filter(name__in=[name for name, _ in lead]).values_list("name", "slug"))
    return {
        "outcome": outcome, "hits": hits,
        "lead_chart": bar_chart("牵头条款最多的部门", [
            (name, count, reverse("entries:department", args=[lead_slugs[name]]) if name in lead_slugs else "")
            for name, count in lead]),
        "search_url": reverse("search:page") + _with([(kind.key, entry.name), *typed]),
        "previous_url": _with(typed, page=outcome.page - 1) if outcome.page > 1 else "",
        "next_url": _with(typed, page=outcome.page + 1) if outcome.page < outcome.num_pages else "",
    }


@require_GET
def region_page(request, slug: str):
    return _tagged_page(request, lookup.REGIONS, slug)


@require_GET
def industry_page(request, slug: str):
    return _tagged_page(request, lookup.INDUSTRIES, slug)


def _tagged_list(request, kind: lookup.EntryKind):
    counts = collection_facets(kind.key)[kind.key]
    entries = kind.model.objects.order_by("name")
    if kind is lookup.REGIONS:
        entries = entries.select_related("parent")
    rows = [{"entry": entry, "count": counts.get(entry.name, 0)} for entry in entries]
    if wants_json(request):
        return json_response({kind.key + "s" if kind.key != "industry" else "industries": [
            {**_entry_json(row["entry"]),
             "parent": _entry_json(row["entry"].parent) if row["entry"].parent_id else None,
             **({"kind": row["entry"].kind} if kind is lookup.REGIONS else {}),
             "clauses": row["count"],
             "url": request.build_absolute_uri(reverse(kind.page_name, args=[row["entry"].slug]))}
            for row in rows]})
    shown = sorted((row for row in rows if row["count"]), key=lambda row: (-row["count"], row["entry"].name))
    return render(request, "entries/tagged_list.html", {"kind": kind, "rows": shown, "without": len(rows) - len(shown)})


@require_GET
def region_list(request):
    return _tagged_list(request, lookup.REGIONS)


@require_GET
def industry_list(request):
    return _tagged_list(request, lookup.INDUSTRIES)
