"""Facet values that roll up a hierarchy: a clause tagged 宜宾 is in 四川 and 西部 too.

Regions roll up their administrative parents and the groupings that contain
them (川南经济区, 成渝地区双城经济圈); industries roll up to their sector. The
tables are small, so each process keeps them in memory and rebuilds them when
a region or industry changes.
"""

from __future__ import annotations

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save

from clauses.models import Industry, Region

_lock = threading.Lock()
_regions: dict[int, list[str]] | None = None
_industries: dict[int, list[str]] | None = None


def _build_regions() -> dict[int, list[str]]:
    regions = {region.pk: region for region in Region.objects.all()}
    parents = {pk: region.parent_id for pk, region in regions.items()}
    groupings: dict[int, list[int]] = {}
    for grouping_id, member_id in Region.members.through.objects.values_list("from_region_id", "to_region_id"):
        groupings.setdefault(member_id, []).append(grouping_id)
    rolled: dict[int, list[str]] = {}
    for pk in regions:
        seen: list[int] = []
        queue = [pk]
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.append(current)
            if parents.get(current):
                queue.append(parents[current])
            queue.extend(groupings.get(current, []))
        rolled[pk] = [regions[region_id].name for region_id in seen]
    return rolled


def _build_industries() -> dict[int, list[str]]:
    industries = {industry.pk: industry for industry in Industry.objects.all()}
    rolled = {}
    for pk, industry in industries.items():
        names = [industry.name]
        if industry.parent_id in industries:
            names.append(industries[industry.parent_id].name)
        rolled[pk] = names
    return rolled


def region_names(region_id: int) -> list[str]:
    """The region and every region it rolls up to, itself first."""
    global _regions
    with _lock:
        if _regions is None:
            _regions = _build_regions()
        return _regions.get(region_id, [])


def industry_names(industry_id: int) -> list[str]:
    global _industries
    with _lock:
        if _industries is None:
            _industries = _build_industries()
        return _industries.get(industry_id, [])


def regions_within(*region_ids: int) -> set[int]:
    """The regions and every region that rolls up to them (children, members, their children…)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Region.objects.values_list("pk", "parent_id"):
        if parent_id:
            children.setdefault(parent_id, []).append(pk)
    for grouping_id, member_id in Region.members.through.objects.values_list("from_region_id", "to_region_id"):
        children.setdefault(grouping_id, []).append(member_id)
    found, queue = set(), list(region_ids)
    while queue:
        current = queue.pop()
        if current not in found:
            found.add(current)
            queue.extend(children.get(current, []))
    return found


def reset(**_kwargs) -> None:
    global _regions, _industries
    with _lock:
        _regions = _industries = None


def connect_signals() -> None:
    for model in (Region, Industry):
        post_save.connect(reset, sender=model, dispatch_uid=f"rollup-{model.__name__}-save")
        post_delete.connect(reset, sender=model, dispatch_uid=f"rollup-{model.__name__}-delete")
    m2m_changed.connect(reset, sender=Region.members.through, dispatch_uid="rollup-region-members")
