"""Read-only JSON API for inspecting what ingestion stored."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from clauses import selectors, serializers

_JSON = {"json_dumps_params": {"ensure_ascii": False}}


@require_GET
def document_list(request):
    documents = selectors.document_list()
    results = [{**serializers.document_summary(document), "clauses": document.clause_count,
                "url": request.build_absolute_uri(f"/api/documents/{document.slug}/")}
               for document in documents]
    return JsonResponse({"count": len(results), "results": results}, **_JSON)


@require_GET
def document_detail(request, slug: str):
    document = selectors.document_detail(slug)
    if document is None:
        return JsonResponse({"error": f"no document with slug {slug!r}"}, status=404, **_JSON)
    return JsonResponse(serializers.document_detail(document), **_JSON)
