"""JSON responses that are safe to embed anywhere.

``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes, so a query or a
clause containing ``<script>`` can never become markup, even if a page or a
careless client drops the JSON into HTML. Chinese stays readable (no ASCII
escaping of other characters).
"""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse

_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class HtmlSafeJSONEncoder(DjangoJSONEncoder):
    def encode(self, o) -> str:
        return super().encode(o).translate(_UNSAFE)


def wants_json(request) -> bool:
    """The API, or a page's JSON twin (``?format=json``).

    Read from the path and the raw query string, not ``request.GET``: error
    pages use it when reading the parameters is what failed (too many of them).
    """
    return request.path.startswith("/api/") or "format=json" in request.META.get("QUERY_STRING", "").split("&")


def json_response(data: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, encoder=HtmlSafeJSONEncoder,
                        json_dumps_params={"ensure_ascii": False})
