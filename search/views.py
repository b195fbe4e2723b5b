"""Search views: the officials' page, its JSON twin and a CSV export — one selector."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from policykb.http import json_response

from . import presentation
from .forms import BadParameter, search_request
from .selectors import PageOutOfRange, SearchRequest, search

CSV_LIMIT = 10_000


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
    try:
        params = search_request(request.GET)
    except BadParameter as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    params.page, params.page_size = 1, 100
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="policykb-search.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(["文件", "文号", "条款", "标题", "条款文本", "牵头部门", "责任部门", "地区", "产业", "链接"])
    written = 0
    while written < CSV_LIMIT:
        outcome = search(params)
        for hit in outcome.hits:
            writer.writerow(presentation.csv_row(request, hit))
        written += len(outcome.hits)
        if params.page >= outcome.num_pages:
            break
        params.page += 1
    return response
