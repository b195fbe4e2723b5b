"""Which department row each mention of a document names; a body never seen before becomes a row.

A name the gazetteer knows resolves to its row (the one of the mention's
jurisdiction, else any of that name). An unknown name becomes an unverified
row of its place — the place it names (省X in a city's document), once that
place is a region, else the document's — for an editor to check; a body
recognised by its pattern (湖北省商务厅, 南昌海关) is typed and levelled at once.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.db.models import F

from clauses.models import Department, Region
from clauses.parsing.types import BodyPattern, DepartmentMention


class DepartmentResolver:
    """Department rows for mentions; unknown names become unverified rows."""

    def __init__(self, jurisdiction: Region | None, *, names: set[str]) -> None:
        self.jurisdiction = jurisdiction
        self.cache: dict[tuple[str, str | None], Department] = {}
        self.regions: dict[str, Region | None] = {}
        # The stored bodies of the names the document mentions, read at once rather than name by name.
        self.stored: dict[str, list[Department]] = defaultdict(list)
        # Among namesakes, the gazetteer's own row before one ingestion created, then one of no place (a
        # national body), then the oldest: the first is the fallback when no place matches (``_stored``).
        for department in (Department.objects.filter(name__in=names).select_related("jurisdiction")
                           .order_by("name", "-in_gazetteer", F("jurisdiction_id").asc(nulls_first=True), "pk")):
            self.stored[department.name].append(department)

    def _region(self, name: str) -> Region | None:
        if name not in self.regions:
            self.regions[name] = Region.objects.filter(name=name).first()
        return self.regions[name]

    def _stored(self, name: str, jurisdiction: str | None) -> Department | None:
        """The stored body of that name in that jurisdiction, else any of that name."""
        candidates = self.stored.get(name, [])
        in_place = (department for department in candidates
                    if (department.jurisdiction.name if department.jurisdiction else None) == jurisdiction)
        return next(in_place, None) or next(iter(candidates), None)

    def get(self, mention: DepartmentMention) -> Department:
        key = (mention.name, mention.jurisdiction if mention.resolved else None)
        if key in self.cache:
            return self.cache[key]
        department = None
        if mention.known:
            department = self._stored(mention.name, mention.jurisdiction)
        if department is None:
            # A body named for a place other than the document's (省X in a city's document) belongs there,
            # once that place is a region; until then, to the document's.
            own = (self._region(mention.jurisdiction)
                   if mention.jurisdiction and mention.jurisdiction != getattr(self.jurisdiction, "name", None)
                   else None)
            place = own or self.jurisdiction
            department = next((stored for stored in self.stored.get(mention.name, [])
                               if stored.jurisdiction_id == getattr(place, "pk", None)), None)
            if department is None:
                department, _ = Department.objects.get_or_create(
                    name=mention.name, jurisdiction=place,
                    defaults={"kind": Department.Kind.UNVERIFIED, "in_gazetteer": False})
            if mention.pattern and department.kind == Department.Kind.UNVERIFIED:
                # A real body, recognised by its pattern: no editor needs to check it, though the
                # gazetteer does not list it (in_gazetteer stays False, so the lexicon never learns it).
                department.kind, department.level = _kind(mention), _level(place)
                department.save(update_fields=["kind", "level"])
            if department not in self.stored[department.name]:
                self.stored[department.name].append(department)
        self.cache[key] = department
        return department


# What kind of body each pattern recognises.
_PATTERN_KINDS = {BodyPattern.LOCAL: Department.Kind.MINISTRY, BodyPattern.VERTICAL: Department.Kind.BRANCH,
                  BodyPattern.TIER: Department.Kind.COLLECTIVE}
_DEPARTMENT_LEVELS = {Region.Kind.NATION: Department.Level.NATIONAL, Region.Kind.PROVINCE: Department.Level.PROVINCIAL,
           Region.Kind.PREFECTURE: Department.Level.MUNICIPAL, Region.Kind.COUNTY: Department.Level.COUNTY}


def _level(place: Region | None) -> str:
    """The level of a body of ``place``: a province's is provincial, a prefecture's municipal, a county's county."""
    return _DEPARTMENT_LEVELS.get(place.kind, "") if place is not None else ""


# A government and its general office are no functional department (部门) but the government itself.
_GOVERNMENT = re.compile(r"(人民政府|人民政府办公厅|人民政府办公室)$")


def _kind(mention: DepartmentMention) -> str:
    """The kind of a body recognised by its pattern: 湖北省人民政府 is a government, 湖北省商务厅 a department."""
    if mention.pattern == BodyPattern.LOCAL and _GOVERNMENT.search(mention.name):
        return Department.Kind.PARTY_STATE
    return _PATTERN_KINDS[mention.pattern]
