"""What each facet means in the database: the clauses a filter keeps, as a ``Q`` over ``Clause``.

The index answers searches; pages that list one department's tasks read the
database instead (the index cannot order a department's lead clauses before
its others within a document, nor tell two bodies of the same name apart).
Both must mean the same thing by a filter, so each facet of
``facet_table.FACET_TABLE`` has its twin here, built from the same roll-ups
the index applies (``snapshot.region_names``, ``snapshot.industry_names``).
tests/search/test_facet_filters.py checks, for every facet value of a
collection, that the twin keeps as many clauses as the facet counts.

Values are canonical (``Facet.values.canonical`` has resolved what was typed).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q

from clauses.gazetteer import snapshot
from clauses.models import ClauseDepartment, ClauseIndustry, ClauseRegion, Industry, Region
from clauses.parsing.types import Role


def _departments(role: Role | None) -> Callable[[list[str]], Q]:
    def clauses_with(names: list[str]) -> Q:
        links = ClauseDepartment.objects.active().filter(clause=OuterRef("pk"), department__name__in=names)
        return Q(Exists(links.filter(role=role) if role else links))
    return clauses_with


def regions_within(names: list[str]) -> set[int]:
    """The regions whose clauses a filter by ``names`` finds: each, and every region that rolls up to it."""
    gazetteer = snapshot.current()
    return gazetteer.regions_rolling_up_to(*Region.objects.filter(name__in=names).values_list("pk", flat=True))


def industries_within(names: list[str]) -> set[int]:
    """The industries whose clauses a filter by ``names`` finds: each, and a sector's industries."""
    return set(Industry.objects.filter(Q(name__in=names) | Q(parent__name__in=names)).values_list("pk", flat=True))


def _regions(names: list[str]) -> Q:
    return Q(Exists(ClauseRegion.objects.active().filter(clause=OuterRef("pk"), region_id__in=regions_within(names))))


def _industries(names: list[str]) -> Q:
    return Q(Exists(ClauseIndustry.objects.active().filter(clause=OuterRef("pk"),
                                                          industry_id__in=industries_within(names))))


CLAUSE_FILTERS: dict[str, Callable[[list[str]], Q]] = {
    "department": _departments(None),
    "lead": _departments(Role.LEAD),
    "co": _departments(Role.CO_RESPONSIBLE),
    "region": _regions,
    "industry": _industries,
    "document": lambda slugs: Q(document__slug__in=slugs),
    "level": lambda keys: Q(document__level__in=keys),
    "kind": lambda keys: Q(document__kind__in=keys),
    "year": lambda years: Q(document__issued_on__year__in=[int(year) for year in years]),
}


def clause_filter(resolved: list[tuple[str, list[str]]]) -> Q:
    """The clauses that every one of the resolved filters keeps."""
    kept = Q()
    for name, values in resolved:
        kept &= CLAUSE_FILTERS[name](values)
    return kept
