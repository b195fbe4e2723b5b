"""The clause index: what is searchable and what every facet holds.

One entry per current clause. ``text`` is what words match (label,
heading, clause text and its translations); ``context`` is where the clause
stands (its document's title and 文号, the heading of the part it is in),
also matched but weighted less (``search.ranking``), so a clause that says a
word itself comes before one found only through its title; the facets hold
canonical names (document: its slug) so filters and labels stay stable;
``payload`` stores what a result shows, so a result page needs no database
query per row.
"""

from __future__ import annotations

import json

from django.db.models import Prefetch
from haystack import indexes
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_model_ct

from clauses.gazetteer import snapshot
from clauses.models import Clause, ClauseDepartment, ClauseIndustry, ClauseRegion
from clauses.parsing.types import Role

from .engine.analysis import ChineseAnalyzer
from .records import ClauseRecord
from .words import dictionary, indexed_whole, span, words

_CLAUSE_CT = get_model_ct(Clause)


_ANALYZER = ChineseAnalyzer(words, indexed_whole, dictionary, span)


class ClauseIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, analyzer=_ANALYZER)
    context = indexes.CharField(analyzer=_ANALYZER)
    department = indexes.MultiValueField(faceted=True)
    lead = indexes.MultiValueField(faceted=True)
    co = indexes.MultiValueField(faceted=True)
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
    # The document's database id: results of equal score and date go by it, then by position, the
    # same in every build (search/engine/ordering.py).
    document_key = indexes.IntegerField()
    # The departments responsible for the clause (every role but a mere mention), which a
    # department typed in the query reaches (``query.to_whoosh``); not a facet.
    responsible = indexes.MultiValueField()
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
        data.update(_record_fields(ClauseRecord.from_clause(clause)))
        return data

    def prepare_record(self, record: ClauseRecord) -> dict:
        """What ``full_prepare`` gives for the record's clause, without reading it as a model."""
        data = {ID: f"{_CLAUSE_CT}.{record.pk}", DJANGO_CT: _CLAUSE_CT, DJANGO_ID: str(record.pk),
                **_record_fields(record)}
        for field in self.fields.values():
            source = getattr(field, "facet_for", None)
            if source:  # haystack copies each faceted field into its _exact twin
                data[field.index_fieldname] = data[self.fields[source].index_fieldname]
        return data


def _record_fields(record: ClauseRecord) -> dict:
    document, parent = record.document, record.parent
    gazetteer = snapshot.current()
    parent_kind, parent_label, parent_heading = parent or ("", "", "")
    in_part = parent_kind == Clause.Kind.PART
    return {
        "text": "\n".join(part for part in (record.label, record.heading, record.text,
                                           *(text for _, text in record.translations)) if part),
        "context": "\n".join(part for part in (document.title, document.doc_number, parent_heading) if part),
        "department": sorted({name for name, _ in record.departments}),
        "lead": sorted({name for name, role in record.departments if role == ClauseDepartment.Role.LEAD}),
        "co": sorted({name for name, role in record.departments if role == ClauseDepartment.Role.CO_RESPONSIBLE}),
        "responsible": sorted({name for name, role in record.departments if Role(role).is_responsible}),
        "region": sorted({name for pk, _ in record.regions for name in gazetteer.region_names(pk)}),
        "industry": sorted({name for pk, _ in record.industries for name in gazetteer.industry_names(pk)}),
        "document": [document.slug],
        "level": [document.level] if document.level else [],
        "kind": [document.kind] if document.kind else [],
        "year": [str(document.issued_on.year)] if document.issued_on else [],
        "issued": int(document.issued_on.strftime("%Y%m%d")) if document.issued_on else 0,
        "position": record.order,
        "document_key": document.pk,
        "payload": json.dumps({
            "document": {"slug": document.slug, "title": document.title, "doc_number": document.doc_number,
                         "issued_on": document.issued_on.isoformat() if document.issued_on else None},
            "clause": {"key": record.key, "label": record.label, "number": record.number,
                       "heading": record.heading, "kind": record.kind,
                       "part_heading": parent_heading if in_part else "",
                       "part_label": parent_label if in_part else ""},
            "text": record.full_text,
            "translations": dict(record.translations),
            "departments": [{"name": name, "role": role} for name, role in record.departments],
            "regions": [name for _, name in record.regions],
            "industries": [name for _, name in record.industries],
        }, ensure_ascii=False),
    }
