"""Expected search results computed from the models alone, never from the search code under test."""

from __future__ import annotations

from clauses.models import ClauseRegion, Region


def region_and_everything_above(region: Region) -> set[str]:
    """The region, its administrative parents and every grouping that contains any of them, from the models
    (not the gazetteer snapshot, whose roll-up the facets are made of)."""
    names, pending = set(), [region]
    while pending:
        current = pending.pop()
        if current.name in names:
            continue
        names.add(current.name)
        pending += [*([current.parent] if current.parent_id else []), *current.groupings.all()]
    return names


def clauses_within_regions(*names: str) -> set[int]:
    """Current clauses tagged, once rolled up, with every one of the regions ``names``."""
    rolled: dict[int, set[str]] = {}
    for link in ClauseRegion.objects.active().filter(clause__retired_at__isnull=True).select_related("region"):
        rolled.setdefault(link.clause_id, set()).update(region_and_everything_above(link.region))
    return {clause_id for clause_id, regions in rolled.items() if set(names) <= regions}
