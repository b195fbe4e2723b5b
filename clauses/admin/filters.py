"""List filters for finding clauses that need an editor.

A filter value comes from the address bar, so it may be anything: a value a
filter cannot use is ignored with a message naming it, never a server error.
"""

from __future__ import annotations

import re

from django.contrib import admin, messages

from clauses.models import (ClauseDepartment, ClauseIndustry, ClauseRegion, Department, Industry, Region,
                            TagLink)

# A primary key as the database can hold it (a bigint): ASCII digits only.
_ROW_ID = re.compile(r"[0-9]{1,18}")


class _CheckedFilter(admin.SimpleListFilter):
    """A list filter that checks its value before filtering with it."""

    def is_usable(self, value: str) -> bool:
        """By default the filter's own choices are its only values."""
        return value in {str(key) for key, _label in self.lookup_choices}

    def filter(self, queryset, value: str):
        raise NotImplementedError

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not self.is_usable(value):
            # The change list may ask a filter more than once (facet counts).
            warned = request.__dict__.setdefault("_ignored_list_filters", set())
            if self.parameter_name not in warned:
                warned.add(self.parameter_name)
                messages.warning(request, f"筛选条件“{self.title}”的值“{value}”无效，已忽略。")
            return queryset
        return self.filter(queryset, value)


class _LinkedFilter(_CheckedFilter):
    """Clauses with an active link to the chosen entry."""

    model = None
    link_model = None
    link_name = ""

    def lookups(self, request, model_admin):
        used = self.link_model.objects.active().values_list(f"{self.parameter_name}_id", flat=True).distinct()
        return [(entry.pk, entry.name) for entry in self.model.objects.filter(pk__in=used).order_by("name")]

    def is_usable(self, value: str) -> bool:
        # Any entry, not only those listed: a saved link to an entry whose
        # last tag was removed still finds (no) clauses.
        return bool(_ROW_ID.fullmatch(value))

    def filter(self, queryset, value: str):
        return queryset.filter(**{f"{self.link_name}__{self.parameter_name}_id": int(value),
                                  f"{self.link_name}__status": TagLink.Status.ACTIVE}).distinct()


class DepartmentFilter(_LinkedFilter):
    title, parameter_name, model, link_name = "部门", "department", Department, "clausedepartment_links"
    link_model = ClauseDepartment


class RegionFilter(_LinkedFilter):
    title, parameter_name, model, link_name = "地区", "region", Region, "clauseregion_links"
    link_model = ClauseRegion


class IndustryFilter(_LinkedFilter):
    title, parameter_name, model, link_name = "产业", "industry", Industry, "clauseindustry_links"
    link_model = ClauseIndustry


class RoleFilter(_CheckedFilter):
    title, parameter_name = "部门角色", "role"

    def lookups(self, request, model_admin):
        return ClauseDepartment.Role.choices

    def filter(self, queryset, value: str):
        return queryset.filter(clausedepartment_links__role=value,
                               clausedepartment_links__status=TagLink.Status.ACTIVE).distinct()


class ProvenanceFilter(_CheckedFilter):
    title, parameter_name = "标签来源", "provenance"

    def lookups(self, request, model_admin):
        return [("editor", "含编辑添加的标签"), ("rejected", "含编辑否决的标签")]

    def filter(self, queryset, value: str):
        if value == "editor":
            condition = {"origin": TagLink.Origin.EDITOR}
        else:
            condition = {"status": TagLink.Status.REJECTED}
        ids = set()
        for link in ("clausedepartment_links", "clauseregion_links", "clauseindustry_links"):
            ids |= set(queryset.filter(**{f"{link}__{key}": wanted for key, wanted in condition.items()})
                       .values_list("pk", flat=True))
        return queryset.filter(pk__in=ids)


class MissingTagFilter(_CheckedFilter):
    title, parameter_name = "缺少标签", "missing"

    def lookups(self, request, model_admin):
        return [("department", "没有责任部门"), ("region", "没有地区"), ("industry", "没有产业")]

    def filter(self, queryset, value: str):
        # A department only named in the text carries no responsibility: its clause still lacks one.
        links = {"department": ClauseDepartment.objects.active().responsible(),
                 "region": ClauseRegion.objects.active(), "industry": ClauseIndustry.objects.active()}[value]
        return queryset.exclude(pk__in=links.values("clause_id"))
