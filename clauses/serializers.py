"""Plain-dict views of documents and clauses for the JSON API."""

from __future__ import annotations

from clauses.models import Clause, Document


def document_summary(document: Document) -> dict:
    return {
        "slug": document.slug,
        "title": document.title,
        "doc_number": document.doc_number,
        "issued_on": document.issued_on.isoformat() if document.issued_on else None,
        "level": document.level,
        "kind": document.kind,
    }


def _relation(relation, other: Document) -> dict:
    return {"kind": relation.kind, "evidence": relation.evidence, "document": document_summary(other)}


def clause_detail(clause: Clause) -> dict:
    return {
        "key": clause.key,
        "kind": clause.kind,
        "label": clause.label,
        "number": clause.number,
        "heading": clause.heading,
        "text": clause.text,
        "parent": clause.parent.key if clause.parent else None,
        "translations": {translation.language: translation.text for translation in clause.translations.all()},
        "departments": [{"name": link.department.name, "role": link.role, "provenance": link.provenance}
                        for link in clause.clausedepartment_links.all()],
        "regions": [{"name": link.region.name, "provenance": link.provenance}
                    for link in clause.clauseregion_links.all()],
        "industries": [{"name": link.industry.name, "provenance": link.provenance}
                       for link in clause.clauseindustry_links.all()],
    }


def document_detail(document: Document, clauses: list[Clause]) -> dict:
    """A document with the clauses of one reader page (see ``reader_pages``)."""
    return {
        **document_summary(document),
        "issuers": [link.department.name for link in document.issuer_links.all()],
        "language": document.language,
        "jurisdiction": document.jurisdiction.name if document.jurisdiction else None,
        "source": {"file": document.source_file, "sha256": document.source_sha256,
                   "url": document.source_url, "name": document.source_name},
        "relations": {
            "outgoing": [_relation(relation, relation.target) for relation in document.outgoing_relations.all()],
            "incoming": [_relation(relation, relation.source) for relation in document.incoming_relations.all()],
        },
        "warnings": document.warnings,
        "clauses": [clause_detail(clause) for clause in clauses],
    }


def clause_page(request, context: dict) -> dict:
    clause, document = context["clause"], context["document"]
    citations = context["citations"]
    version = context["version"]
    return {
        "document": document_summary(document),
        "clause": clause_detail(clause),
        "retired": clause.retired_at is not None,
        "permalink": citations.permalink,
        "citations": {"gongwen": citations.gongwen, "gbt7714": citations.gbt7714, "permalink": citations.permalink,
                      "pinned": context["pinned_link"]},
        "versions": [{"number": item.number, "text": item.text, "created_at": item.created_at.isoformat()}
                     for item in context["versions"]],
        "version": {"number": version.number, "text": version.text, "differs": "diff" in context}
        if version else None,
        "related": [{"status": link.status, "score": link.score,
                     "document": document_summary(link.target.document),
                     "clause": {"key": link.target.key, "label": link.target.label, "heading": link.target.heading},
                     "permalink": request.build_absolute_uri(link.target.get_absolute_url())}
                    for link in context["related"]],
        "previous": context["previous"].get_absolute_url() if context["previous"] else None,
        "next": context["next"].get_absolute_url() if context["next"] else None,
    }
