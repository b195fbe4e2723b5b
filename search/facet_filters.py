"""What each facet means in the database: the clauses a filter keeps, as a ``Q`` over ``Clause``.

The index answers searches; pages that list one department's tasks read the
database instead (the index cannot order a department's lead clauses before
its others within a document, nor tell two bodies of the same name apart).
Both must mean the same thing by a filter, so each facet of
``facet_table.FACET_TABLE`` has its twin here, built from the same roll-ups
the index applies (``snapshot.region_names``, ``snapshot.industry_names``).
tests/search/entries/test_facet_filters.py checks, for every facet value of a
collection, that the twin keeps as many clauses as the facet counts.

Values are canonical (``Facet.values.canonical`` has resolved what was typed).
Each twin takes the path from the model queried to the clause ("" on
``Clause``, "clause__" on a tag link), so the filter is applied to the rows
being read rather than through a subquery over every clause.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, F, OuterRef, Q

from clauses.gazetteer import snapshot
from clauses.models import ClauseDepartment, ClauseIndustry, ClauseRegion, Industry, Region
from clauses.parsing.types import Role


def _departments(role: Role | None) -> Callable[[list[str], str], Q]:
    def clauses_with(names: list[str], path: str) -> Q:
        links = ClauseDepartment.objects.active().filter(clause=OuterRef(f"{path}pk"), department__name__in=names)
        return Q(Exists(links.filter(role=role) if role else links))
    return clauses_with


def regions_within(names: list[str]) -> set[int]:
    """The regions whose clauses a filter by ``names`` finds: each, and every region that rolls up to it."""
    gazetteer = snapshot.current()
    return gazetteer.regions_rolling_up_to(*Region.objects.filter(name__in=names).values_list("pk", flat=True))


def industries_within(names: list[str]) -> set[int]:
    """The industries whose clauses a filter by ``names`` finds: each, and a sector's industries."""
    return set(Industry.objects.filter(Q(name__in=names) | Q(parent__name__in=names)).values_list("pk", flat=True))


def _regions(names: list[str], path: str) -> Q:
    return tagged_with_regions(regions_within(names), path)


def tagged_with_regions(region_ids: set[int], path: str = "") -> Q:
    """Clauses (at ``path``) with an active tag of one of ``region_ids``; with ``regions_rolling_up_to``,
    a region's clauses as search finds them (四川省 finds 宜宾市's)."""
    # ``region_id + 0``: compared as a value, not through an index. Given the column, SQLite looks each
    # clause up once per region of the list ((clause_id, region_id) index) — 3,284 lookups a clause for
    # 全国, 18 s for a department page at 100,000 clauses — instead of reading the clause's few tags
    # and checking each against the list (0.2 s). PostgreSQL plans both alike.
    tags = (ClauseRegion.objects.active().filter(clause=OuterRef(f"{path}pk"))
            .alias(region_value=F("region_id") + 0).filter(region_value__in=region_ids))
    return Q(Exists(tags))


def _industries(names: list[str], path: str) -> Q:
    return Q(Exists(ClauseIndustry.objects.active().filter(clause=OuterRef(f"{path}pk"),
                                                          industry_id__in=industries_within(names))))


def _document(field: str, convert=str) -> Callable[[list[str], str], Q]:
    return lambda values, path: Q(**{f"{path}document__{field}__in": [convert(value) for value in values]})


CLAUSE_FILTERS: dict[str, Callable[[list[str], str], Q]] = {
    "department": _departments(None),
    "lead": _departments(Role.LEAD),
    "co": _departments(Role.CO_RESPONSIBLE),
    "region": _regions,
    "industry": _industries,
    "document": _document("slug"),
    "level": _document("level"),
    "kind": _document("kind"),
    "year": _document("issued_on__year", int),
}


def clause_filter(resolved: list[tuple[str, list[str]]], path: str = "") -> Q:
    """The clauses that every one of the resolved filters keeps; ``path`` leads from the rows read to the clause."""
    kept = Q()
    for name, values in resolved:
        kept &= CLAUSE_FILTERS[name](values, path)
    return kept
