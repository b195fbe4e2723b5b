"""Search views: the officials' page, its JSON twin and a CSV export — one selector."""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from policykb.http import json_response

from . import export, presentation
from .forms import BadParameter, search_request
from .selectors import PageOutOfRange, SearchRequest, search


@require_GET
def search_page(request):
    try:
        outcome = search(search_request(request.GET))
    except (BadParameter, PageOutOfRange) as error:
        message = error.message if isinstance(error, BadParameter) else "页码超出了结果范围。"
        outcome = search(SearchRequest(q=request.GET.get("q", "")))
        return render(request, "search/search.html",
                      presentation.page_context(request, outcome, error=message), status=400)
    return render(request, "search/search.html", presentation.page_context(request, outcome))


@require_GET
def search_api(request):
    try:
        outcome = search(search_request(request.GET))
    except BadParameter as error:
        return json_response({"error": error.message}, status=400)
    except PageOutOfRange as error:
        return json_response({"error": str(error)}, status=400)
    return json_response(presentation.as_json(request, outcome))


@require_GET
def search_csv(request):
    """Every result of the search as CSV, streamed (see ``search.export``)."""
    try:
        lines = export.csv_lines(request, search_request(request.GET))
    except BadParameter as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    except export.ExportBusy:
        response = HttpResponse("另一个导出正在进行，请稍后再试。", status=429,
                                content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(export.RETRY_AFTER_SECONDS)
        return response
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="policykb-search.csv"'
    return response
