"""List filters for finding clauses that need an editor."""

from __future__ import annotations

from django.contrib import admin

from clauses.models import (ClauseDepartment, ClauseIndustry, ClauseRegion, Department, Industry, Region,
                            TagLink)


class _LinkedFilter(admin.SimpleListFilter):
    """Clauses with an active link to the chosen entry."""

    model = None
    link_model = None
    link_name = ""

    def lookups(self, request, model_admin):
        used = self.link_model.objects.active().values_list(f"{self.parameter_name}_id", flat=True).distinct()
        return [(entry.pk, entry.name) for entry in self.model.objects.filter(pk__in=used).order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.link_name}__{self.parameter_name}_id": self.value(),
                                      f"{self.link_name}__status": TagLink.Status.ACTIVE}).distinct()
        return queryset


class DepartmentFilter(_LinkedFilter):
    title, parameter_name, model, link_name = "部门", "department", Department, "clausedepartment_links"
    link_model = ClauseDepartment


class RegionFilter(_LinkedFilter):
    title, parameter_name, model, link_name = "地区", "region", Region, "clauseregion_links"
    link_model = ClauseRegion


class IndustryFilter(_LinkedFilter):
    title, parameter_name, model, link_name = "产业", "industry", Industry, "clauseindustry_links"
    link_model = ClauseIndustry


class RoleFilter(admin.SimpleListFilter):
    title, parameter_name = "部门角色", "role"

    def lookups(self, request, model_admin):
        return ClauseDepartment.Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(clausedepartment_links__role=self.value(),
                                   clausedepartment_links__status=TagLink.Status.ACTIVE).distinct()
        return queryset


class ProvenanceFilter(admin.SimpleListFilter):
    title, parameter_name = "标签来源", "provenance"

    def lookups(self, request, model_admin):
        return [("editor", "含编辑添加的标签"), ("rejected", "含编辑否决的标签")]

    def queryset(self, request, queryset):
        if self.value() == "editor":
            condition = {"origin": TagLink.Origin.EDITOR}
        elif self.value() == "rejected":
            condition = {"status": TagLink.Status.REJECTED}
        else:
            return queryset
        ids = set()
        for link in ("clausedepartment_links", "clauseregion_links", "clauseindustry_links"):
            ids |= set(queryset.filter(**{f"{link}__{key}": value for key, value in condition.items()})
                       .values_list("pk", flat=True))
        return queryset.filter(pk__in=ids)


class MissingTagFilter(admin.SimpleListFilter):
    title, parameter_name = "缺少标签", "missing"

    def lookups(self, request, model_admin):
        return [("department", "没有责任部门"), ("region", "没有地区"), ("industry", "没有产业")]

    def queryset(self, request, queryset):
        link = {"department": "clausedepartment_links", "region": "clauseregion_links",
                "industry": "clauseindustry_links"}.get(self.value())
        if link is None:
            return queryset
        condition = {f"{link}__status": TagLink.Status.ACTIVE}
        if self.value() == "department":
            # A body only named in the text carries no responsibility.
            condition[f"{link}__role__in"] = [role for role in ClauseDepartment.Role.values
                                              if role != ClauseDepartment.Role.NAMED]
        return queryset.exclude(pk__in=queryset.filter(**condition).values("pk"))
