"""Search views: the officials' page, its JSON twin and its CSV and Excel exports — one selector —
and the responsibility matrix of a search (``search.matrix``) with its JSON twin."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from policykb.http import json_response

from . import export, matrix, presentation, spreadsheet
from .forms import SearchForm
from .selectors import PageOutOfRange, SearchRequest, search


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _page_with_error(request, form.error_message())
    try:
        outcome = search(form.search_request())
    except PageOutOfRange:
        return _page_with_error(request, "页码超出了结果范围。")
    return render(request, "search/search.html", presentation.page_context(request, outcome))


def _page_with_error(request, message: str):
    """The page for a bad request: the message, over the results of its words alone."""
    outcome = search(SearchRequest(q=request.GET.get("q", "")))
    return render(request, "search/search.html", presentation.page_context(request, outcome, error=message),
                  status=400)


@require_GET
def search_api(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return json_response({"error": form.error_message()}, status=400)
    try:
        outcome = search(form.search_request())
    except PageOutOfRange as error:
        return json_response({"error": str(error)}, status=400)
    return json_response(presentation.as_json(request, outcome))


@require_GET
@spreadsheet.retry_later_when_busy
def search_csv(request):
    """Every result of the search as CSV, streamed (see ``search.export``)."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _bad_export(form)
    return export.csv_download(request, form.search_request())


@require_GET
@spreadsheet.retry_later_when_busy
def search_xlsx(request):
    """Every result of the search as an Excel file (see ``search.export``)."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _bad_export(form)
    return export.xlsx_download(request, form.search_request())


def _bad_export(form: SearchForm) -> HttpResponse:
    """A download asked for with a bad parameter: the reason as text, which a browser shows."""
    return HttpResponse(form.error_message(), status=400, content_type="text/plain; charset=utf-8")


def _matrix(request):
    """(the matrix, None) or (None, what is wrong with the request)."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return None, form.error_message()
    try:
        return matrix.responsibility_matrix(form.search_request(), rows=request.GET.get("rows", "lead"),
                                            columns=request.GET.get("columns", "date")), None
    except matrix.BadMatrixRequest as problem:
        return None, str(problem)


@require_GET
def matrix_page(request):
    found, problem = _matrix(request)
    if problem:
        return render(request, "search/matrix.html",
                      presentation.matrix_context(request, matrix.empty_matrix(SearchRequest()), error=problem),
                      status=400)
    return render(request, "search/matrix.html", presentation.matrix_context(request, found))


@require_GET
def matrix_api(request):
    found, problem = _matrix(request)
    if problem:
        return json_response({"error": problem}, status=400)
    return json_response(presentation.matrix_json(request, found))


@require_GET
@spreadsheet.retry_later_when_busy
def matrix_xlsx(request):
    """The matrix as an Excel file: a row per department, a column per document."""
    found, problem = _matrix(request)
    if problem:
        return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
    columns, rows = matrix.table(found, lambda slug: request.build_absolute_uri(
        reverse("entries:department", args=[slug])))
    return spreadsheet.xlsx_download("policykb-责任矩阵.xlsx", columns, rows, "责任矩阵")
