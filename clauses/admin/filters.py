"""List filters for finding clauses that need an editor.

A filter value comes from the address bar, so it may be anything: a value a
filter cannot use is ignored with a message naming it, never a server error.
"""

from __future__ import annotations

import re

from django.contrib import admin, messages

from clauses.gazetteer import snapshot
from clauses.models import TAG_KINDS, ClauseDepartment, TagLink, tag_kind
from search.facet_filters import tagged_with_regions

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
    """Clauses with an active link to the chosen entry of the subclass's ``kind``."""

    kind = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.title, cls.parameter_name = cls.kind.label, cls.kind.key

    def lookups(self, request, model_admin):
        used = self.kind.link.objects.active().values_list(f"{self.kind.key}_id", flat=True).distinct()
        return [(entry.pk, entry.name) for entry in self.kind.entry.objects.filter(pk__in=used).order_by("name")]

    def is_usable(self, value: str) -> bool:
        # Any entry, not only those listed: a saved link to an entry whose
        # last tag was removed still finds (no) clauses.
        return bool(_ROW_ID.fullmatch(value))

    def filter(self, queryset, value: str):
        links = self.kind.links_name
        return queryset.filter(**{f"{links}__{self.kind.key}_id": int(value),
                                  f"{links}__status": TagLink.Status.ACTIVE}).distinct()


class DepartmentFilter(_LinkedFilter):
    kind = tag_kind("department")


class RegionFilter(_LinkedFilter):
    """Clauses of the chosen region and of every region within it (四川省 includes 宜宾市), as search finds them."""

    kind = tag_kind("region")

    def filter(self, queryset, value: str):
        return queryset.filter(tagged_with_regions(snapshot.current().regions_rolling_up_to(int(value))))


class IndustryFilter(_LinkedFilter):
    kind = tag_kind("industry")


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
        for kind in TAG_KINDS:
            ids |= set(queryset.filter(**{f"{kind.links_name}__{key}": wanted for key, wanted in condition.items()})
                       .values_list("pk", flat=True))
        return queryset.filter(pk__in=ids)


class MissingTagFilter(_CheckedFilter):
    title, parameter_name = "缺少标签", "missing"

    def lookups(self, request, model_admin):
        return [(kind.key, f"没有{kind.tag_label}") for kind in TAG_KINDS]

    def filter(self, queryset, value: str):
        links = tag_kind(value).link.objects.active()
        if links.model is ClauseDepartment:
            # A department only named in the text carries no responsibility: its clause still lacks one.
            links = links.responsible()
        return queryset.exclude(pk__in=links.values("clause_id"))
