"""Document relations from the references each document's text makes.

Relations are derived data: after every ingest they are recomputed from all
documents' stored references, so a document that names one ingested later
gains its relation then.
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


def sync_relations() -> int:
    """Recompute every document's outgoing relations; return how many changed."""
    changes = 0
    for source in Document.objects.all():
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
