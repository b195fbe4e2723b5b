"""List filters for finding clauses that need an editor.

A filter value comes from the address bar, so it may be anything: a value a
filter cannot use is ignored with a message naming it, never a server error.
"""

from __future__ import annotations

import re
from functools import cached_property

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q

from clauses.gazetteer import snapshot
from clauses.models import TAG_KINDS, Clause, ClauseDepartment, Document, Industry, TagLink, tag_kind
from search.facet_filters import industries_within, tagged_with_regions

from .autocomplete import picker

# A primary key as the database can hold it (a bigint): ASCII digits only.
_ROW_ID = re.compile(r"[0-9]{1,18}")


def _clauses_of(links) -> Q:
    """The clauses of ``links`` (tag rows), as ``pk IN (SELECT clause_id …)``. Measured on 100,000 clauses
    (SQLite): a join needs DISTINCT over every match (190 ms for the busiest department, 390 for a
    sector); a correlated EXISTS checks clause after clause until a page is full (75 ms for a
    department of 3 clauses); IN reads the tag index once (38, 106 and 2 ms)."""
    return Q(pk__in=links.values("clause_id"))


def _warn_once(request, parameter: str, message: str) -> None:
    # The change list may ask a filter more than once (facet counts): one message a filter.
    warned = request.__dict__.setdefault("_warned_list_filters", set())
    if parameter not in warned:
        warned.add(parameter)
        messages.warning(request, message)


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
            _warn_once(request, self.parameter_name, f"筛选条件“{self.title}”的值“{value}”无效，已忽略。")
            return queryset
        return self.filter_checked(request, queryset, value)

    def filter_checked(self, request, queryset, value: str):
        """Filter by a usable value; a subclass may also say something of it."""
        return self.filter(queryset, value)


class _PickerFilter(_CheckedFilter):
    """Clauses linked to one entry of ``entry``, picked by typing its name (``autocomplete.picker``).

    A national gazetteer has tens of thousands of departments and every county of China: a
    filter listing each is neither usable nor fast. The box looks entries up through the admin's
    autocomplete of ``source_field`` (a foreign key to ``entry``); choosing one reloads the list.
    """

    template = "admin/clauses/picker_filter.html"
    entry = None  # the model picked from
    source_field = None  # whose autocomplete answers: a foreign key to ``entry``
    placeholder = ""

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.admin_site = model_admin.admin_site

    def lookups(self, request, model_admin):
        return ()  # nothing listed: entries are looked up as the editor types

    def has_output(self) -> bool:
        return True

    def is_usable(self, value: str) -> bool:
        # Any row id, not only those with tags: a saved link to an entry whose last tag was removed
        # still finds (no) clauses.
        return bool(_ROW_ID.fullmatch(value))

    @cached_property
    def chosen(self):
        """The entry the value names, or None; read once (the list asks each filter more than once)."""
        value = self.value()
        return self.entry.objects.filter(pk=int(value)).first() if value and self.is_usable(value) else None

    def filter_checked(self, request, queryset, value: str):
        if self.chosen is None:
            # A bookmark to an entry since deleted or merged away: say so, rather than show an empty
            # list under an empty box.
            _warn_once(request, self.parameter_name, f"所选{self.title}（编号 {value}）已不存在，列表为空。请重新选择。")
        return self.filter(queryset, value)

    def choices(self, changelist):
        chosen = self.chosen
        # The form replaces the address's query: every other parameter rides along, the page number does not.
        kept = [(name, value) for name, values in changelist.filter_params.items() if name != self.parameter_name
                for value in values]
        yield {"picker": picker(self.source_field, self.admin_site, name=self.parameter_name, chosen=chosen,
                                placeholder=self.placeholder),
               "kept": kept, "selected": chosen is not None,
               "clear_url": changelist.get_query_string(remove=[self.parameter_name])}


class _LinkedFilter(_PickerFilter):
    """Clauses with an active link to the chosen entry of the subclass's ``kind``."""

    kind = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.title, cls.parameter_name = cls.kind.label, cls.kind.key
        cls.entry = cls.kind.entry
        # The tag inlines' own autocomplete (ClauseDepartment.department): same answers, same permission.
        cls.source_field = cls.kind.entry_field
        cls.placeholder = f"输入{cls.kind.label}名称"

    def filter(self, queryset, value: str):
        return queryset.filter(self.tagged(**{f"{self.kind.key}_id": int(value)}))

    def tagged(self, **link_conditions) -> Q:
        """Clauses with an active link meeting ``link_conditions``."""
        return _clauses_of(self.kind.link.objects.active().filter(**link_conditions))


class DocumentFilter(_PickerFilter):
    """The rows of one document: a list may hold a clause from each of thousands of documents."""

    title, parameter_name, entry = "文件", "document", Document
    source_field = Clause._meta.get_field("document")
    placeholder = "输入标题或文号"
    path = "document"  # from the listed row to its document

    def filter(self, queryset, value: str):
        return queryset.filter(**{f"{self.path}_id": int(value)})


class SourceDocumentFilter(DocumentFilter):
    """A related-clause suggestion by the document of its clause."""

    title, parameter_name, path = "条款所在文件", "source_document", "source__document"


class TargetDocumentFilter(DocumentFilter):
    """A related-clause suggestion by the document of the clause suggested."""

    title, parameter_name, path = "相关条款所在文件", "target_document", "target__document"


class DepartmentFilter(_LinkedFilter):
    """Clauses of the chosen department (with a role chosen too, ``RoleFilter`` keeps those where
    this department has that role)."""

    kind = tag_kind("department")


class RegionFilter(_LinkedFilter):
    """Clauses of the chosen region and of every region within it (四川省 includes 宜宾市), as search finds them."""

    kind = tag_kind("region")

    def filter(self, queryset, value: str):
        # Search's own query, a correlated EXISTS: for a region it is the faster form (四川省's 226 regions:
        # 60 ms against 149 with IN, at 100,000 clauses), as most clauses carry a region.
        return queryset.filter(tagged_with_regions(snapshot.current().regions_rolling_up_to(int(value))))


class IndustryFilter(_LinkedFilter):
    """Clauses of the chosen industry, or of any industry of the chosen sector, as search finds them."""

    kind = tag_kind("industry")

    def filter(self, queryset, value: str):
        names = Industry.objects.filter(pk=int(value)).values_list("name", flat=True)
        return queryset.filter(self.tagged(industry_id__in=industries_within(list(names))))


class RoleFilter(_CheckedFilter):
    """Clauses where a department has the chosen role; with a department chosen too, where that
    department has it (its lead tasks), not where it is named and another body leads.

    The pairing is made here, not by the department filter: Django counts each choice of a filter
    (``_facets``) by varying this filter's value over the others' results, so the role must be
    applied by the role filter for 牵头 (12), 配合 (7) … to count what a click on them shows.
    """

    title, parameter_name = "部门角色", "role"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        department = request.GET.get(DepartmentFilter.parameter_name, "")
        self.department = int(department) if _ROW_ID.fullmatch(department) else None

    def lookups(self, request, model_admin):
        return ClauseDepartment.Role.choices

    def filter(self, queryset, value: str):
        links = ClauseDepartment.objects.active().filter(clause=OuterRef("pk"), role=value)
        if self.department is not None:
            links = links.filter(department_id=self.department)  # the same link: that department's role
        # A correlated EXISTS, not ``_clauses_of``: nearly every clause has a lead, so IN would read
        # 100,000 tag rows even when a department has already narrowed the list to its own (140 ms
        # against 48 for the busiest department's lead clauses, at 100,000 clauses; alone, 152 and 161).
        return queryset.filter(Exists(links))


class ProvenanceFilter(_CheckedFilter):
    title, parameter_name = "标签来源", "provenance"

    def lookups(self, request, model_admin):
        return [("editor", "含编辑添加的标签"), ("rejected", "含编辑否决的标签")]

    def filter(self, queryset, value: str):
        if value == "editor":
            condition = {"origin": TagLink.Origin.EDITOR}
        else:
            condition = {"status": TagLink.Status.REJECTED}
        kept = Q()
        for kind in TAG_KINDS:
            kept |= _clauses_of(kind.link.objects.filter(**condition))
        return queryset.filter(kept)


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
