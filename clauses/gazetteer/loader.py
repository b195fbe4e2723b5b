"""``load_gazetteers``: put the gazetteer files into the database.

Idempotent. It adds what is missing — rows, aliases, parents, members — and
never deletes. Rows that exist keep their fields (an editor may have
corrected them) unless ``update=True`` asks the files to win. Its writes
that send no signal (``update()``, ``bulk_create()``) raise the gazetteer
version themselves (``snapshot.bump()``), so every process sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from clauses.models import (Department, DepartmentAlias, Industry, IndustryAlias, Region,
                            RegionAlias)
from clauses.models.gazetteer import assign_slugs
from clauses.parsing.lexicon import GazetteerData

from . import snapshot
from .files import GazetteerFileError


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=lambda: {"regions": 0, "industries": 0, "departments": 0})
    aliases_added: int = 0

    def __str__(self) -> str:
        made = ", ".join(f"{count} {name}" for name, count in self.created.items())
        return f"created {made}; {self.aliases_added} aliases added"


def _require(mapping: dict, name: str | None, what: str, owner: str):
    if name is None:
        return None
    if name not in mapping:
        raise GazetteerFileError(f"{owner}: unknown {what} {name!r}")
    return mapping[name]


@transaction.atomic
def load_gazetteers(data: GazetteerData, *, update: bool = False) -> LoadReport:
    report = LoadReport()

    regions = _load_regions(data.regions, update, report)

    industries: dict[str, Industry] = {}
    for entry in data.industries:
        industry, created = Industry.objects.get_or_create(name=entry["name"])
        report.created["industries"] += created
        industries[industry.name] = industry
    for entry in data.industries:
        industry = industries[entry["name"]]
        parent = _require(industries, entry.get("parent"), "parent industry", entry["name"])
        if parent and (industry.parent_id is None or update):
            Industry.objects.filter(pk=industry.pk).update(parent=parent)
            snapshot.bump()
        report.aliases_added += _add_aliases(IndustryAlias, "industry", industry, entry)

    departments: dict[tuple[str, str], Department] = {}
    for entry in data.departments:
        jurisdiction = _require(regions, entry.get("jurisdiction") or "全国", "jurisdiction", entry["name"])
        defaults = {"short_name": entry.get("short_name") or "", "level": entry.get("level") or "",
                    "kind": entry.get("kind") or Department.Kind.MINISTRY, "in_gazetteer": True}
        department, created = Department.objects.get_or_create(
            name=entry["name"], jurisdiction=jurisdiction, defaults=defaults)
        if not created and (update or not department.in_gazetteer):
            # A name ingestion kept as unknown is now in the gazetteer.
            Department.objects.filter(pk=department.pk).update(**defaults)
            snapshot.bump()
        report.created["departments"] += created
        departments[(entry["name"], jurisdiction.name)] = department
    by_name = {}
    for (name, _), department in departments.items():
        by_name.setdefault(name, department)
    for entry in data.departments:
        jurisdiction = entry.get("jurisdiction") or "全国"
        department = departments[(entry["name"], jurisdiction)]
        parent = _require(by_name, entry.get("parent"), "parent department", entry["name"])
        if parent and (department.parent_id is None or update):
            Department.objects.filter(pk=department.pk).update(parent=parent)
            snapshot.bump()
        report.aliases_added += _add_aliases(DepartmentAlias, "department", department, entry)
    return report


def _load_regions(entries: list[dict], update: bool, report: LoadReport) -> dict[str, Region]:
    """The regions of ``entries`` by name, made or found; a few queries, not a few per region.

    China's divisions make some 3,300 regions and 3,300 aliases, and every
    ``make run`` loads them again: existing rows are read once and only
    what is missing is written. A division is found by its code first, so a
    name an editor corrected stays; the region keeps it.
    """
    by_code = {region.code: region for region in Region.objects.exclude(code="")}
    by_name = {region.name: region for region in Region.objects.all()}
    regions: dict[str, Region] = {}
    missing: list[Region] = []
    for entry in entries:
        code = entry.get("code") or ""
        region = (by_code.get(code) if code else None) or by_name.get(entry["name"])
        if region is None:
            region = Region(name=entry["name"], kind=entry["kind"], code=code)
            missing.append(region)
        elif update and (region.kind, region.code) != (entry["kind"], code):
            Region.objects.filter(pk=region.pk).update(kind=entry["kind"], code=code)
            snapshot.bump()
        regions[entry["name"]] = region
    if missing:
        assign_slugs(Region, missing)  # bulk_create skips save(), which gives the others theirs
        Region.objects.bulk_create(missing, batch_size=500)
        snapshot.bump()
        report.created["regions"] += len(missing)
        saved = {region.name: region for region in Region.objects.filter(name__in=[r.name for r in missing])}
        regions.update({entry["name"]: saved[entry["name"]] for entry in entries if entry["name"] in saved})

    reparented: list[Region] = []
    for entry in entries:
        region = regions[entry["name"]]
        parent = _require(regions, entry.get("parent"), "parent region", entry["name"])
        if parent and region.parent_id != parent.pk and (region.parent_id is None or update):
            region.parent = parent
            reparented.append(region)
    if reparented:
        Region.objects.bulk_update(reparented, ["parent"], batch_size=500)
        snapshot.bump()

    memberships = set(Region.members.through.objects.values_list("from_region_id", "to_region_id"))
    new_members = []
    for entry in entries:
        region = regions[entry["name"]]
        for name in entry.get("members", []):
            member = _require(regions, name, "member region", entry["name"])
            if (region.pk, member.pk) not in memberships:
                memberships.add((region.pk, member.pk))
                new_members.append(Region.members.through(from_region_id=region.pk, to_region_id=member.pk))
    if new_members:
        Region.members.through.objects.bulk_create(new_members)
        snapshot.bump()

    existing: dict[int, set[str]] = {}
    for owner_id, alias in RegionAlias.objects.values_list("region_id", "name"):
        existing.setdefault(owner_id, set()).add(alias)
    new_aliases = []
    for entry in entries:
        region = regions[entry["name"]]
        have = existing.setdefault(region.pk, set())
        # A division an editor renamed keeps its official name as one of its names.
        for alias in [*entry.get("aliases", []), entry["name"]]:
            if alias not in have and alias != region.name:
                have.add(alias)
                new_aliases.append(RegionAlias(region=region, name=alias))
    if new_aliases:
        RegionAlias.objects.bulk_create(new_aliases, batch_size=500)
        snapshot.bump()
    report.aliases_added += len(new_aliases)
    return regions


def _add_aliases(model, field_name: str, owner, entry: dict) -> int:
    existing = set(model.objects.filter(**{field_name: owner}).values_list("name", flat=True))
    wanted = [alias for alias in dict.fromkeys(entry.get("aliases", []))
              if alias not in existing and alias != owner.name]
    short = entry.get("short_name")
    if short and short not in existing and short != owner.name and short not in wanted:
        wanted.append(short)
    if wanted:
        model.objects.bulk_create([model(**{field_name: owner, "name": alias}) for alias in wanted])
        snapshot.bump()
    return len(wanted)
