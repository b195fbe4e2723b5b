"""Gazetteer care: aliases, merging duplicates, and telling when search needs a rebuild.

Editors add aliases; admins also correct entries and merge duplicates (every
link moves, the old name stays as an alias — after a preview of what moves).
A new term reaches every process's jieba and synonyms on its next request
(``clauses.gazetteer.snapshot``); texts already indexed match it only after
the index is rebuilt, so the admin says so and offers the rebuild.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import path

from clauses.models import Department, DepartmentAlias, Industry, IndustryAlias, Region, RegionAlias, tag_kind
from clauses.services.merge import merge, preview

from . import index_rebuild
from .autocomplete import ranked_by_match


class MergeForm(forms.Form):
    target = forms.ChoiceField(label="合并到", widget=forms.RadioSelect)


class GazetteerAdmin(admin.ModelAdmin):
    """Shared by departments, regions and industries."""

    actions = ("merge_selected",)
    core_fields: tuple[str, ...] = ()
    # How the autocomplete orders equally good matches: (field, its values from the top down).
    match_tiers: tuple[str, list] | None = None

    def get_readonly_fields(self, request, obj=None):
        # The slug is the page's address, given once (``SluggedEntry``): shown, never edited.
        return ("slug",) if request.user.is_superuser else (*self.core_fields, "slug")

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # links must move first: merge instead

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("merge_selected", None)
        return actions

    def get_search_results(self, request, queryset, search_term):
        # Best match first where the order is not the editor's to choose: the autocomplete's answers.
        # A list page sorts the results again by its own ordering.
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return ranked_by_match(found, search_term, other_names=self.named_exactly(search_term.strip()),
                               tiers=self.match_tiers), may_have_duplicates

    def named_exactly(self, term: str) -> Q:
        """Entries one of whose other names — an alias, a short name — is ``term`` (发改委, 工信部)."""
        alias = tag_kind(self.model).alias
        named = Q(Exists(alias.objects.filter(**{alias.owner_field: OuterRef("pk")}, name=term)))
        if any(field.name == "short_name" for field in self.model._meta.fields):
            named |= Q(short_name=term)
        return named

    def save_formset(self, request, form, formset, change):
        added = any(not alias.pk for alias in formset.save(commit=False))
        super().save_formset(request, form, formset, change)
        if added:
            index_rebuild.notice(request)

    @admin.action(description="合并所选条目（预览后确认）")
    def merge_selected(self, request, queryset):
        if not request.user.is_superuser:
            raise PermissionDenied
        entries = list(queryset)
        if len(entries) < 2:
            self.message_user(request, "请至少选择两个条目来合并。", messages.ERROR)
            return None
        form = MergeForm(request.POST if "confirm" in request.POST else None)
        form.fields["target"].choices = [(entry.pk, str(entry)) for entry in entries]
        if "confirm" in request.POST and form.is_valid():
            target = next(entry for entry in entries if str(entry.pk) == form.cleaned_data["target"])
            with transaction.atomic():
                for source in entries:
                    if source.pk != target.pk:
                        merge(source, target)
            self.message_user(request, f"已合并到“{target}”，原名称保留为别名。", messages.SUCCESS)
            index_rebuild.notice(request)
            return None
        previews = [(entry, preview(entry)) for entry in entries]
        return render(request, "admin/clauses/merge_preview.html", {
            **self.admin_site.each_context(request), "form": form, "previews": previews, "opts": self.model._meta,
            "action": request.POST.get("action"), "title": "合并条目：预览将要移动的内容"})

    def get_urls(self):
        own = [path("rebuild-index/", self.admin_site.admin_view(self.rebuild_index_view),
                    name="clauses_rebuild_index")] if self.model is Department else []
        return own + super().get_urls()

    def rebuild_index_view(self, request):
        return index_rebuild.rebuild_index_view(request, self.admin_site)


class DepartmentAliasInline(admin.TabularInline):
    model = DepartmentAlias
    extra = 1


@admin.register(Department)
class DepartmentAdmin(GazetteerAdmin):
    list_display = ("name", "short_name", "level", "jurisdiction", "parent", "in_gazetteer")
    list_filter = ("level", "kind", "in_gazetteer")
    search_fields = ("name", "short_name", "aliases__name")
    inlines = (DepartmentAliasInline,)
    core_fields = ("name", "short_name", "level", "kind", "parent", "jurisdiction", "in_gazetteer")
    match_tiers = ("level", Department.Level.values)  # 国家级, 省级, 市级, 县级, then collective and unknown

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("jurisdiction")  # listed, and in choice labels


class RegionAliasInline(admin.TabularInline):
    model = RegionAlias
    extra = 1


@admin.register(Region)
class RegionAdmin(GazetteerAdmin):
    list_display = ("name", "kind", "code", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "code")
    inlines = (RegionAliasInline,)
    core_fields = ("name", "kind", "code", "parent", "members")
    match_tiers = ("kind", Region.Kind.values)  # 全国, 大区, 省级, 地级, 县级, then the groupings


class IndustryAliasInline(admin.TabularInline):
    model = IndustryAlias
    extra = 1


@admin.register(Industry)
class IndustryAdmin(GazetteerAdmin):
    list_display = ("name", "parent")
    search_fields = ("name", "aliases__name")
    inlines = (IndustryAliasInline,)
    core_fields = ("name", "parent")
    match_tiers = ("parent__isnull", [True])  # a sector before the industries within
