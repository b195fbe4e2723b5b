"""The clause index: what is searchable and what every facet holds.

One entry per current clause. ``text`` is what words match (document title
and 文号, label, heading, clause text and its translations); the facets hold
canonical names (document: its slug) so filters and labels stay stable;
``payload`` stores what a result shows, so a result page needs no database
query per row.
"""

from __future__ import annotations

import json

from django.db.models import Prefetch
from haystack import indexes

from clauses.models import Clause, ClauseDepartment, ClauseIndustry, ClauseRegion

from . import rollup
from .analyzer import ChineseAnalyzer


class ClauseIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, analyzer=ChineseAnalyzer())
    department = indexes.MultiValueField(faceted=True)
    lead = indexes.MultiValueField(faceted=True)
    region = indexes.MultiValueField(faceted=True)
    industry = indexes.MultiValueField(faceted=True)
    document = indexes.MultiValueField(faceted=True)
    level = indexes.MultiValueField(faceted=True)
    kind = indexes.MultiValueField(faceted=True)
    year = indexes.MultiValueField(faceted=True)
    # Sorting by date: yyyymmdd, 0 when the document gives no date, so
    # undated documents come last when the newest come first.
    issued = indexes.IntegerField()
    position = indexes.IntegerField()
    payload = indexes.CharField(indexed=False)

    def get_model(self):
        return Clause

    def index_queryset(self, using=None):
        return (
            Clause.objects.current()
            .select_related("document", "parent")
            .prefetch_related(
                "translations",
                Prefetch("clausedepartment_links", to_attr="active_departments",
                         queryset=ClauseDepartment.objects.active().select_related("department")),
                Prefetch("clauseregion_links", to_attr="active_regions",
                         queryset=ClauseRegion.objects.active().select_related("region")),
                Prefetch("clauseindustry_links", to_attr="active_industries",
                         queryset=ClauseIndustry.objects.active().select_related("industry")),
            )
        )

    def read_queryset(self, using=None):
        return Clause.objects.select_related("document")

    def prepare(self, clause: Clause) -> dict:
        data = super().prepare(clause)
        document = clause.document
        departments = [(link.department.name, link.role) for link in clause.active_departments]
        regions = [link.region for link in clause.active_regions]
        industries = [link.industry for link in clause.active_industries]
        parent = clause.parent
        data.update({
            "text": "\n".join(part for part in (
                document.title, document.doc_number, clause.label, parent.heading if parent else "",
                clause.heading, clause.text,
                *(translation.text for translation in clause.translations.all())) if part),
            "department": sorted({name for name, _ in departments}),
            "lead": sorted({name for name, role in departments if role == "lead"}),
            "region": sorted({name for region in regions for name in rollup.region_names(region.pk)}),
            "industry": sorted({name for industry in industries for name in rollup.industry_names(industry.pk)}),
            "document": [document.slug],
            "level": [document.level] if document.level else [],
            "kind": [document.kind] if document.kind else [],
            "year": [str(document.issued_on.year)] if document.issued_on else [],
            "issued": int(document.issued_on.strftime("%Y%m%d")) if document.issued_on else 0,
            "position": clause.order,
            "payload": json.dumps({
                "document": {"slug": document.slug, "title": document.title,
                             "doc_number": document.doc_number,
                             "issued_on": document.issued_on.isoformat() if document.issued_on else None},
                "clause": {"key": clause.key, "label": clause.label, "number": clause.number,
                           "heading": clause.heading, "kind": clause.kind,
                           "part_heading": parent.heading if parent and parent.kind == "part" else "",
                           "part_label": parent.label if parent and parent.kind == "part" else ""},
                "text": clause.full_text,
                "translations": {translation.language: translation.text
                                 for translation in clause.translations.all()},
                "departments": [{"name": name, "role": role} for name, role in departments],
                "regions": [region.name for region in regions],
                "industries": [industry.name for industry in industries],
            }, ensure_ascii=False),
        })
        return data
