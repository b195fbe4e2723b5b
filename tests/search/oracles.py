"""Expected search results computed from the models alone, never from the search code under test."""

from __future__ import annotations

from clauses.models import ClauseRegion, Region


def region_and_everything_above(region: Region) -> set[str]:
    """The regions a clause tagged with ``region`` is found by, from the models (not the gazetteer
    snapshot, whose roll-up the facets are made of): the region, its administrative parents and every
    grouping that contains any of them; and for a grouping, its members (and theirs) with their parents."""
    names, pending = set(), [region]
    while pending:
        current = pending.pop()
        if current.name in names:
            continue
        names.add(current.name)
        pending += [*([current.parent] if current.parent_id else []), *current.groupings.all()]
    members, listed = list(region.members.all()), set()
    while members:
        member = members.pop()
        if member.pk in listed:
            continue
        listed.add(member.pk)
        members += member.members.all()
        while member is not None:
            names.add(member.name)
            member = member.parent
    return names


def rolled_up_regions() -> dict[int, set[str]]:
    """Each current clause's regions once rolled up (``region_and_everything_above`` of each tag)."""
    rolled: dict[int, set[str]] = {}
    for link in ClauseRegion.objects.active().filter(clause__retired_at__isnull=True).select_related("region"):
        rolled.setdefault(link.clause_id, set()).update(region_and_everything_above(link.region))
    return rolled


def clauses_within_regions(*names: str, rolled: dict[int, set[str]] | None = None) -> set[int]:
    """Current clauses tagged, once rolled up, with every one of the regions ``names``."""
    rolled = rolled_up_regions() if rolled is None else rolled
    return {clause_id for clause_id, regions in rolled.items() if set(names) <= regions}
