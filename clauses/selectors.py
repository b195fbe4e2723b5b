"""Reads of documents and clauses, shaped for the API and pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from clauses.models import (Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, Document,
                            DocumentIssuer, DocumentRelation)


def document_list() -> QuerySet[Document]:
    return Document.objects.annotate(
        clause_count=Count("clauses", filter=Q(clauses__retired_at__isnull=True))
    ).order_by("-issued_on", "title")


def _tagged_clauses() -> QuerySet[Clause]:
    return (
        Clause.objects.current().order_by("order")
        .select_related("parent", "document")
        .prefetch_related(
            "translations",
            Prefetch("clausedepartment_links",
                     queryset=ClauseDepartment.objects.active().select_related("department", "created_by")),
            Prefetch("clauseregion_links",
                     queryset=ClauseRegion.objects.active().select_related("region", "created_by")),
            Prefetch("clauseindustry_links",
                     queryset=ClauseIndustry.objects.active().select_related("industry", "created_by")),
        )
    )


def clause_detail(slug: str, key: str) -> Clause | None:
    """A current clause with its document, parent and active tags."""
    return _tagged_clauses().filter(document__slug=slug, key=key).first()


def document_detail(slug: str) -> Document | None:
    """A document with its issuers, relations and current clauses with active tags."""
    return (
        Document.objects.filter(slug=slug)
        .select_related("jurisdiction")
        .prefetch_related(
            Prefetch("issuer_links", queryset=DocumentIssuer.objects.select_related("department")),
            Prefetch("outgoing_relations", queryset=DocumentRelation.objects.select_related("target")),
            Prefetch("incoming_relations", queryset=DocumentRelation.objects.select_related("source")),
            Prefetch("clauses", queryset=_tagged_clauses(), to_attr="current_clauses"),
        )
        .first()
    )
