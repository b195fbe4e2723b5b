"""Read-only JSON API for inspecting what ingestion stored."""

from __future__ import annotations

from django.views.decorators.http import require_GET

from policykb.http import json_response

from clauses import selectors, serializers



@require_GET
def document_list(request):
    documents = selectors.document_list()
    results = [{**serializers.document_summary(document), "clauses": document.clause_count,
                "url": request.build_absolute_uri(f"/api/documents/{document.slug}/")}
               for document in documents]
    return json_response({"count": len(results), "results": results})


@require_GET
def document_detail(request, slug: str):
    document = selectors.document_detail(slug)
    if document is None:
        return json_response({"error": f"no document with slug {slug!r}"}, status=404)
    return json_response(serializers.document_detail(document))
