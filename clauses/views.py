"""HTML pages of the knowledge base: home, the document reader and clause permalinks.

Each page has a JSON twin (``?format=json``) built from the same selector.
"""

from __future__ import annotations

import io

from django.http import FileResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from clauses import reader_pages, selectors, serializers
from clauses.citations import citations
from clauses.permalinks import clause_url, read_clause_path
from clauses.textdiff import text_diff
from policykb.charts import bar_chart
from policykb.http import json_response, wants_json
from search.entries.overview import top_entries


def _not_found(request, message: str, *, slug: str = ""):
    if wants_json(request):
        return json_response({"error": message}, status=404)
    document = selectors.document_list().filter(slug=slug).first() if slug else None
    return render(request, "404.html", {"message": message, "document": document}, status=404)


def home(request):
    overview = {**selectors.home_overview(), **top_entries()}
    overview["lead_chart"] = bar_chart("牵头条款最多的部门", [
        (row["name"], row["count"], reverse("entries:department", args=[row["slug"]]) if row["slug"] else "")
        for row in overview["leads"]], label_width=150, bar_area=150)
    return render(request, "clauses/home.html", overview)


def document_page(request, slug: str):
    document = selectors.document_detail(slug)
    if document is None:
        return _not_found(request, f"没有标识为“{slug}”的文件。")
    pages = reader_pages.document_pages(document.pk)
    page = reader_pages.requested_page(pages, request.GET.get("page"))
    if page is None:
        return _not_found(request, f"文件“{slug}”没有这一页（共 {len(pages)} 页）。", slug=slug)
    clauses = selectors.page_clauses(document, page)
    if wants_json(request):
        return json_response({**serializers.document_detail(document, clauses),
                              **reader_pages.page_links(request, page, pages),
                              "permalink": request.build_absolute_uri(document.get_absolute_url())})
    return render(request, "clauses/document.html", {
        "document": document, "clauses": clauses, "has_translation": selectors.has_translation(document),
        "canonical": request.build_absolute_uri(reader_pages.reader_url(slug, page.number)),
        "toc": selectors.document_toc(document, pages, page),
        "page": page, "pages": [(other.number, reader_pages.reader_url(slug, other.number)) for other in pages],
        "previous_page": reader_pages.reader_url(slug, page.number - 1) if page.number > 1 else "",
        "next_page": reader_pages.reader_url(slug, page.number + 1) if page.number < len(pages) else "",
    })


def document_original(request, slug: str):
    """The file the document was last read from (原文), byte for byte, always as a download.

    Never shown inline: an uploaded .html (or a file a browser might sniff as
    one) rendered on our origin could run its scripts with a reader's session.
    """
    original = selectors.original_download(slug)
    if original is None:
        return _not_found(request, f"没有标识为“{slug}”的文件，或它没有保存原文。", slug=slug)
    response = FileResponse(io.BytesIO(bytes(original.content)), as_attachment=True, filename=original.name,
                            content_type=original.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def clause_page(request, slug: str, clause_path: str):
    key, version_number = read_clause_path(clause_path)
    if key is None:
        return _not_found(request, f"“{clause_path}”不是条款链接。", slug=slug)

    # A pinned link names the clause that had this number at that version; it
    # is shown here even if the clause has moved since (its page says where).
    version = selectors.version_for_pinned_link(slug, key, version_number) if version_number else None
    clause = selectors.clause_for_permalink(slug, version.clause.key if version else key)
    if clause is None:
        moved = selectors.moved_clause(slug, key)
        if moved is not None and moved.retired_at is None:
            return HttpResponsePermanentRedirect(clause_url(slug, moved.key, version=version_number))
        return _not_found(request, f"文件“{slug}”中没有条款“{clause_path}”。", slug=slug)

    versions = list(clause.versions.all())
    if version_number is not None and version is None:
        version = next((item for item in versions if item.number == version_number), None)
        if version is None:
            return _not_found(request, f"条款“{clause_path}”没有第 {version_number} 版。", slug=slug)
    permalink = request.build_absolute_uri(clause.get_absolute_url())
    latest = versions[-1] if versions else None
    context = {
        "clause": clause, "document": clause.document, "canonical": permalink,
        "citations": citations(clause, permalink=permalink, accessed=timezone.localdate()),
        "versions": versions, "version": version, "latest": latest,
        "pinned_link": request.build_absolute_uri(latest.get_absolute_url()) if latest else "",
        "related": selectors.related_clauses(clause),
        "earlier_holder": selectors.earlier_holder(clause),
        "responsible": clause.responsible_links,
    }
    context["previous"], context["next"] = selectors.neighbours(clause)
    if clause.parent is not None:
        # The part this clause belongs to, on the reader page that shows it.
        pages = reader_pages.document_pages(clause.document_id)
        context["parent_link"] = reader_pages.reader_url(
            slug, reader_pages.page_number_of(pages, clause.parent.order), clause.parent.key)
    if version is not None and (version.text, version.heading) != (clause.text, clause.heading):
        context["diff"] = text_diff(version.text, clause.text)
    if wants_json(request):
        return json_response(serializers.clause_page(request, context))
    return render(request, "clauses/clause.html", context)
