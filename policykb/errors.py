"""Error pages that answer in the client's language: JSON for the API and ``?format=json``, a page otherwise.

Django answers a request it refuses before any view runs — more than
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` parameters, a malformed header — with
``handler400``, whose stock page is English HTML even on ``/api/``. The
request's parameters cannot be read here (reading them is what failed), so
the kind of answer is decided from the path and the raw query string.
"""

from __future__ import annotations

from django.shortcuts import render

from .http import json_response, wants_json

BAD_REQUEST = "请求无法处理：参数过多或格式有误。"


def bad_request(request, exception=None):
    if wants_json(request):
        return json_response({"error": BAD_REQUEST}, status=400)
    return render(request, "400.html", {"message": BAD_REQUEST}, status=400)
