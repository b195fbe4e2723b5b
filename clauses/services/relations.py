"""Document relations from the references each document's text makes.

Relations are derived data, recomputed from documents' stored references:
after a document is stored, its own and those of the documents that name it
or pointed to it (``sync_relations(changed=…)``), so a document that names
one ingested later gains its relation then.
"""

from __future__ import annotations

from clauses.models import Document, DocumentRelation
from clauses.parsing.types import RelationKind

# When a text names another document in several ways, the strongest reading wins.
_STRENGTH = list(RelationKind)  # listed strongest first


def _targets(reference: dict, source: Document) -> list[Document]:
    documents = Document.objects.exclude(pk=source.pk)
    if reference.get("doc_number"):
        return list(documents.filter(doc_number=reference["doc_number"]))
    if reference.get("title"):
        return list(documents.filter(title=reference["title"]))
    return []


def sync_relations(*, changed: Document | None = None) -> int:
    """Recompute documents' outgoing relations; return how many changed.

    Every document's, or, when one document has ``changed`` (been stored),
    only those it can alter: its own, those whose references name it (by 文号,
    or by title where they print no 文号), and those that pointed to it before.
    Recomputing every document after each stored one made a collection's
    ingest quadratic: thousands of queries per document at 2,000 documents.
    """
    if changed is None:
        sources = list(Document.objects.all())
    else:
        naming = [pk for pk, references in Document.objects.exclude(pk=changed.pk).values_list("pk", "references")
                  if any(_names(reference, changed) for reference in references or ())]
        pointing = DocumentRelation.objects.filter(target=changed).values_list("source_id", flat=True)
        sources = [changed, *Document.objects.filter(pk__in={*naming, *pointing}).order_by("pk")]
    return sum(_sync_outgoing(source) for source in sources)


def _names(reference: dict, document: Document) -> bool:
    """Whether ``reference`` names ``document`` as ``_targets`` reads it: by 文号, else by title."""
    if reference.get("doc_number"):
        return reference["doc_number"] == document.doc_number
    return bool(reference.get("title")) and reference["title"] == document.title


def _sync_outgoing(source: Document) -> int:
    changes = 0
    wanted: dict[int, tuple[str, str]] = {}
    for reference in source.references:
        evidence = reference.get("doc_number") or f"《{reference.get('title', '')}》"
        for target in _targets(reference, source):
            kind = reference["relation"]
            current = wanted.get(target.pk)
            if current is None or _STRENGTH.index(kind) < _STRENGTH.index(current[0]):
                wanted[target.pk] = (kind, evidence)
    existing = {(relation.target_id, relation.kind): relation
                for relation in DocumentRelation.objects.filter(source=source)}
    for target_id, (kind, evidence) in wanted.items():
        relation = existing.pop((target_id, kind), None)
        if relation is None:
            DocumentRelation.objects.create(source=source, target_id=target_id, kind=kind, evidence=evidence)
            changes += 1
    for relation in existing.values():
        relation.delete()
        changes += 1
    return changes
