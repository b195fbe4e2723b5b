"""The parsing lexicon built from the database's gazetteer rows."""

from __future__ import annotations

from collections import defaultdict

from clauses.models import (Department, DepartmentAlias, Industry, IndustryAlias, Region,
                            RegionAlias)
from clauses.parsing.lexicon import GazetteerData, Lexicon

from . import dictionary


def _aliases(model, owner_field: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for owner_id, name in model.objects.values_list(f"{owner_field}_id", "name"):
        found[owner_id].append(name)
    return found


def gazetteer_from_database() -> GazetteerData:
    region_aliases = _aliases(RegionAlias, "region")
    regions = list(Region.objects.select_related("parent"))
    industry_aliases = _aliases(IndustryAlias, "industry")
    industries = list(Industry.objects.select_related("parent"))
    department_aliases = _aliases(DepartmentAlias, "department")
    # Names ingestion kept as unknown are not gazetteer knowledge: matching
    # them would hide that nobody has checked them yet.
    departments = list(Department.objects.filter(in_gazetteer=True).select_related("jurisdiction"))
    region_entries = [{"name": region.name, "kind": region.kind,
                       "parent": region.parent.name if region.parent else None,
                       "aliases": region_aliases[region.pk]} for region in regions]
    return GazetteerData(
        regions=region_entries, **dictionary.LANGUAGE,
        industries=[{"name": industry.name, "parent": industry.parent.name if industry.parent else None,
                     "aliases": industry_aliases[industry.pk]} for industry in industries],
        departments=[{"name": department.name,
                      "jurisdiction": department.jurisdiction.name if department.jurisdiction else None,
                      "kind": department.kind,
                      "aliases": department_aliases[department.pk]} for department in departments],
    )


def lexicon_from_database() -> Lexicon:
    return Lexicon(gazetteer_from_database())
