"""Read-only JSON API for inspecting what ingestion stored."""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_GET

from policykb.http import json_response

from clauses import reader_pages, selectors, serializers



@require_GET
def document_list(request):
    documents = selectors.document_list()
    results = [{**serializers.document_summary(document), "clauses": document.clause_count,
                "url": request.build_absolute_uri(reverse("clauses:document-detail", kwargs={"slug": document.slug}))}
               for document in documents]
    return json_response({"count": len(results), "results": results})


@require_GET
def document_detail(request, slug: str):
    document = selectors.document_detail(slug)
    if document is None:
        return json_response({"error": f"no document with slug {slug!r}"}, status=404)
    pages = reader_pages.document_pages(document.pk)
    page = reader_pages.requested_page(pages, request.GET.get("page"))
    if page is None:
        return json_response({"error": f"no page {request.GET['page'][:20]!r}; the document has {len(pages)}"},
                             status=404)
    return json_response({**serializers.document_detail(document, selectors.page_clauses(document, page)),
                          **reader_pages.page_links(request, page, pages)})
