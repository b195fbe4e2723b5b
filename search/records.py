"""What the index knows about a clause, read from a model or in bulk.

``ClauseIndex`` turns a ``ClauseRecord`` into index fields. A single save
makes the record from the ``Clause`` it has (``from_clause``); a full build
reads records for hundreds of clauses with one query per table
(``read_records``) — plain values instead of a dozen model instances per
clause, which was most of the build's time spent outside the index writer.
Both give equal records (a test compares them for every seed clause).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from clauses.models import Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, ClauseTranslation, TagLink


@dataclass(frozen=True)
class DocumentRecord:
    pk: int
    slug: str
    title: str
    doc_number: str
    issued_on: object  # datetime.date | None
    level: str
    kind: str


@dataclass(frozen=True)
class ClauseRecord:
    pk: int
    key: str
    label: str
    number: int | None
    heading: str
    text: str
    kind: str
    order: int
    document: DocumentRecord
    parent: tuple[str, str, str] | None  # (kind, label, heading)
    translations: tuple[tuple[str, str], ...]  # (language, text), in creation order
    departments: tuple[tuple[str, str], ...]  # (name, role), active links in creation order
    regions: tuple[tuple[int, str], ...]  # (pk, name)
    industries: tuple[tuple[int, str], ...]

    @property
    def full_text(self) -> str:
        return Clause.join_heading(self.heading, self.text)

    @classmethod
    def from_clause(cls, clause: Clause) -> ClauseRecord:
        """From a clause read with ``ClauseIndex.index_queryset()``'s prefetches."""
        document, parent = clause.document, clause.parent
        return cls(
            pk=clause.pk, key=clause.key, label=clause.label, number=clause.number, heading=clause.heading,
            text=clause.text, kind=clause.kind, order=clause.order,
            document=DocumentRecord(document.pk, document.slug, document.title, document.doc_number, document.issued_on,
                                    document.level, document.kind),
            parent=(parent.kind, parent.label, parent.heading) if parent else None,
            translations=tuple((translation.language, translation.text)
                               for translation in sorted(clause.translations.all(), key=lambda t: t.pk)),
            departments=tuple((link.department.name, link.role) for link in clause.active_departments),
            regions=tuple((link.region_id, link.region.name) for link in clause.active_regions),
            industries=tuple((link.industry_id, link.industry.name) for link in clause.active_industries),
        )


def _links(model, tag: str, clause_ids: list[int], *extra: str) -> dict[int, list[tuple]]:
    found = defaultdict(list)
    rows = (model.objects.filter(clause_id__in=clause_ids, status=TagLink.Status.ACTIVE).order_by("clause", "id")
            .values_list("clause_id", f"{tag}_id", f"{tag}__name", *extra))
    for clause_id, tag_id, name, *rest in rows:
        found[clause_id].append((tag_id, name, *rest))
    return found


def read_records(clause_ids: list[int]) -> list[ClauseRecord]:
    """Records of these clauses, in the order given, with one query per table."""
    columns = ("pk", "key", "label", "number", "heading", "text", "kind", "order", "parent__kind", "parent__label",
               "parent__heading", "parent_id", "document_id", "document__slug", "document__title", "document__doc_number",
               "document__issued_on", "document__level", "document__kind")
    rows = {row["pk"]: row for row in Clause.objects.filter(pk__in=clause_ids).values(*columns)}
    translations = defaultdict(list)
    for clause_id, language, text in (ClauseTranslation.objects.filter(clause_id__in=clause_ids).order_by("pk")
                                      .values_list("clause_id", "language", "text")):
        translations[clause_id].append((language, text))
    departments = _links(ClauseDepartment, "department", clause_ids, "role")
    regions = _links(ClauseRegion, "region", clause_ids)
    industries = _links(ClauseIndustry, "industry", clause_ids)
    documents: dict[str, DocumentRecord] = {}
    records = []
    for pk in clause_ids:
        row = rows.get(pk)
        if row is None:
            continue  # deleted since the ids were listed
        slug = row["document__slug"]
        document = documents.get(slug) or documents.setdefault(slug, DocumentRecord(
            row["document_id"], slug, row["document__title"], row["document__doc_number"], row["document__issued_on"],
            row["document__level"], row["document__kind"]))
        records.append(ClauseRecord(
            pk=pk, key=row["key"], label=row["label"], number=row["number"], heading=row["heading"],
            text=row["text"], kind=row["kind"], order=row["order"], document=document,
            parent=((row["parent__kind"], row["parent__label"], row["parent__heading"])
                    if row["parent_id"] is not None else None),
            translations=tuple(translations[pk]),
            departments=tuple((name, role) for _, name, role in departments[pk]),
            regions=tuple((tag_id, name) for tag_id, name in regions[pk]),
            industries=tuple((tag_id, name) for tag_id, name in industries[pk]),
        ))
    return records
