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

    regions: dict[str, Region] = {}
    for entry in data.regions:
        defaults = {"kind": entry["kind"], "code": entry.get("code") or ""}
        region, created = Region.objects.get_or_create(name=entry["name"], defaults=defaults)
        if not created and update:
            Region.objects.filter(pk=region.pk).update(**defaults)
            snapshot.bump()
        report.created["regions"] += created
        regions[region.name] = region
    for entry in data.regions:
        region = regions[entry["name"]]
        parent = _require(regions, entry.get("parent"), "parent region", entry["name"])
        if parent and (region.parent_id is None or update):
            Region.objects.filter(pk=region.pk).update(parent=parent)
            snapshot.bump()
        members = [_require(regions, name, "member region", entry["name"]) for name in entry.get("members", [])]
        region.members.add(*members)
        report.aliases_added += _add_aliases(RegionAlias, "region", region, entry)

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
