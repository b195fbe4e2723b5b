"""The kinds of tag a clause has — department, region, industry — and what each is made of.

Code that treats the three alike (the admin's filters and history, bulk
edits, merges, search's signals) iterates ``TAG_KINDS`` or looks a kind up
here, instead of listing the three models by hand; a fourth kind is added
here once. Code about one kind in particular (roles exist for departments
only) names its models directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from .gazetteer import Department, DepartmentAlias, Industry, IndustryAlias, Region, RegionAlias
from .tags import ClauseDepartment, ClauseIndustry, ClauseRegion, TagLink


@dataclass(frozen=True)
class TagKind:
    key: str  # the link's and the alias's foreign key to the entry; the bulk form's and filters' value
    entry: type[models.Model]  # the gazetteer: Department
    alias: type[models.Model]  # its other names: DepartmentAlias
    link: type[TagLink]  # the clause's tag, the M2M's through model: ClauseDepartment
    label: str  # an entry, as editors call it: 部门
    tag_label: str  # the tag on a clause, as editors and readers call it: 责任部门

    @property
    def entry_field(self) -> models.ForeignKey:
        """The link's foreign key to the entry (``ClauseDepartment.department``): what the admin's
        autocomplete looks entries up through, for the tag rows, the bulk form and the list filters."""
        return self.link._meta.get_field(self.key)

    @property
    def links_name(self) -> str:
        """The clause's reverse accessor to its links: ``clause.clausedepartment_links``."""
        return f"{self.link._meta.model_name}_links"


TAG_KINDS = (
    TagKind("department", Department, DepartmentAlias, ClauseDepartment, "部门", "责任部门"),
    TagKind("region", Region, RegionAlias, ClauseRegion, "地区", "地区"),
    TagKind("industry", Industry, IndustryAlias, ClauseIndustry, "产业", "产业"),
)
_BY_KEY = {kind.key: kind for kind in TAG_KINDS}
_BY_MODEL = {model: kind for kind in TAG_KINDS for model in (kind.entry, kind.alias, kind.link)}


def tag_kind(key_or_model: str | type[models.Model]) -> TagKind:
    """The kind with this key ("region"), or of this entry, alias or link model; KeyError if none."""
    if isinstance(key_or_model, str):
        return _BY_KEY[key_or_model]
    return _BY_MODEL[key_or_model]
