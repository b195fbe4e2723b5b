"""Reads of documents and clauses, shaped for the API and pages."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from clauses.models import (TAG_KINDS, Clause, ClauseDepartment, ClauseKeyHistory, ClauseTranslation,
                            ClauseVersion, Document, DocumentIssuer, DocumentRelation, RelatedClause, SourceFile)
from clauses.reader_pages import ReaderPage, page_number_of, reader_url


def document_list() -> QuerySet[Document]:
    return Document.objects.annotate(
        clause_count=Count("clauses", filter=Q(clauses__retired_at__isnull=True))
    ).order_by("-issued_on", "title")


def _with_active_tags(clauses: QuerySet[Clause]) -> QuerySet[Clause]:
    """Clauses with their parent, document, translations and active tags, fetched in bulk."""
    return clauses.select_related("parent", "document").prefetch_related(
        "translations",
        *(Prefetch(kind.links_name, queryset=kind.link.objects.active().select_related(kind.key, "created_by"))
          for kind in TAG_KINDS),
    )


def document_detail(slug: str) -> Document | None:
    """A document with its issuers and relations; its clauses are read a page at a time.

    ``original_name`` and ``original_size`` describe its 原文 (``_original``;
    None if none is kept), read in the same query.
    """
    original = _original(SourceFile.objects.filter(document=OuterRef("pk"), sha256=OuterRef("source_sha256")))
    return (
        Document.objects.filter(slug=slug)
        .annotate(original_name=Subquery(original.values("name")[:1]),
                  original_size=Subquery(original.values("size")[:1]))
        .select_related("jurisdiction")
        .prefetch_related(
            Prefetch("issuer_links", queryset=DocumentIssuer.objects.select_related("department")),
            Prefetch("outgoing_relations", queryset=DocumentRelation.objects.select_related("target")),
            Prefetch("incoming_relations", queryset=DocumentRelation.objects.select_related("source")),
        )
        .first()
    )


def _original(files):
    """The 原文 among a document's kept files: the one its current text was read from (its
    ``source_sha256``), not the newest kept — an older version uploaded again is the text shown."""
    return files.order_by("-stored_at", "-pk")


def original_download(slug: str) -> SourceFile | None:
    """The 原文 of the document ``slug`` with its bytes, for its download; None if none is kept."""
    return _original(SourceFile.objects.filter(document__slug=slug,
                                               sha256=F("document__source_sha256"))).first()


def page_clauses(document: Document, page: ReaderPage) -> list[Clause]:
    """The current clauses of one reader page, with active tags and translations."""
    clauses = Clause.objects.current().filter(document=document, order__gte=page.first_order,
                                              order__lte=page.last_order)
    return list(_with_active_tags(clauses.order_by("order")))


def document_toc(document: Document, pages: list[ReaderPage], current: ReaderPage) -> list[dict]:
    """The whole document's table of contents: labels, headings and where each one is read.

    Only the start of a clause's text is read, so the contents of even the
    longest document stay small.
    """
    listed = (Clause.Kind.PART, Clause.Kind.ITEM, Clause.Kind.ATTACHMENT)
    entries = list(Clause.objects.current().filter(document=document, kind__in=listed)
                   .order_by("order")
                   .values("key", "kind", "label", "heading", "order", text_start=Substr("text", 1, 40)))
    for entry in entries:
        number = page_number_of(pages, entry["order"])
        entry["href"] = f"#{entry['key']}" if number == current.number else reader_url(document.slug, number,
                                                                                        entry["key"])
    return entries


def has_translation(document: Document) -> bool:
    return ClauseTranslation.objects.filter(clause__document=document, clause__retired_at__isnull=True).exists()


def clause_for_permalink(slug: str, key: str) -> Clause | None:
    """The clause a permalink names, current or retired (old citations must still open)."""
    return (_with_active_tags(Clause.objects.filter(document__slug=slug, key=key))
            .select_related("parent__parent")
            .prefetch_related(
                "versions",
                Prefetch("clausedepartment_links", to_attr="responsible_links",
                         queryset=ClauseDepartment.objects.active().responsible().select_related("department")),
                Prefetch("document__issuer_links", queryset=DocumentIssuer.objects.select_related("department")))
            .first())


def version_for_pinned_link(slug: str, key: str, number: int) -> ClauseVersion | None:
    """The version a pinned link names: the clause that had ``key`` at that version."""
    return (ClauseVersion.objects.filter(clause__document__slug=slug, key=key, number=number)
            .select_related("clause")
            # Two clauses may have held the key at that version number: the current one first.
            .order_by(F("clause__retired_at").asc(nulls_first=True), "-clause_id").first())


def earlier_holder(clause: Clause) -> Clause | None:
    """The clause that had this clause's number before a renumbering, if another one did."""
    history = (ClauseKeyHistory.objects.filter(document_id=clause.document_id, key=clause.key)
               .exclude(clause=clause).select_related("clause__document").first())
    return history.clause if history else None


def moved_clause(slug: str, key: str) -> Clause | None:
    """Where a clause went when its numbering changed, if it did."""
    history = (ClauseKeyHistory.objects.filter(document__slug=slug, key=key)
               .select_related("clause__document").first())
    return history.clause if history else None


def neighbours(clause: Clause) -> tuple[Clause | None, Clause | None]:
    siblings = Clause.objects.current().filter(document_id=clause.document_id).select_related("document")
    previous = siblings.filter(order__lt=clause.order).order_by("-order").first()
    following = siblings.filter(order__gt=clause.order).order_by("order").first()
    return previous, following


def related_clauses(clause: Clause) -> list[RelatedClause]:
    """Related clauses in other documents: confirmed first, then suggestions by score."""
    links = (RelatedClause.objects.filter(source=clause, target__retired_at__isnull=True)
             .exclude(status=RelatedClause.Status.REJECTED)
             .select_related("target__document", "target__parent"))
    return sorted(links, key=lambda link: (link.status != RelatedClause.Status.CONFIRMED, -link.score))


def home_overview() -> dict:
    """What the knowledge base holds, for the home page (its top departments, regions and industries come
    from the search's facets: ``search.entries.overview``)."""
    return {"documents": document_list(), "clause_count": Clause.objects.current().count()}
