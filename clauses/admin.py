"""Editors' admin: clause tags with their provenance.

The source text is read-only here — sources are corrected by re-ingesting.
A tag an editor adds is recorded as the editor's; an extracted tag an
editor removes is marked rejected (kept for audit, hidden from search) so a
re-ingest does not bring it back.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from clauses.models import (Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, Department,
                            DepartmentAlias, Document, Industry, IndustryAlias, Region, RegionAlias,
                            RelatedClause, TagLink)


class _TagInline(admin.TabularInline):
    extra = 0
    readonly_fields = ("origin", "status", "matched_text", "created_by", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=TagLink.Status.ACTIVE)


class ClauseDepartmentInline(_TagInline):
    model = ClauseDepartment
    fields = ("department", "role", "origin", "matched_text", "created_by", "created_at")
    autocomplete_fields = ("department",)


class ClauseRegionInline(_TagInline):
    model = ClauseRegion
    fields = ("region", "origin", "matched_text", "created_by", "created_at")
    autocomplete_fields = ("region",)


class ClauseIndustryInline(_TagInline):
    model = ClauseIndustry
    fields = ("industry", "origin", "matched_text", "created_by", "created_at")
    autocomplete_fields = ("industry",)


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ("__str__", "heading", "kind")
    list_filter = ("document", "kind")
    search_fields = ("text", "heading", "key")
    readonly_fields = ("document", "key", "label", "number", "heading", "text", "kind", "retired_at")
    fields = readonly_fields
    inlines = (ClauseDepartmentInline, ClauseRegionInline, ClauseIndustryInline)

    def has_add_permission(self, request):
        return False  # clauses come from ingesting documents

    def save_formset(self, request, form, formset, change):
        links = formset.save(commit=False)
        for link in links:
            if link.pk is None:
                link.origin, link.created_by = TagLink.Origin.EDITOR, request.user
            link.save()
        for link in formset.deleted_objects:
            if link.origin == TagLink.Origin.EXTRACTED:
                link.status, link.rejected_by, link.rejected_at = (
                    TagLink.Status.REJECTED, request.user, timezone.now())
                link.save()
            else:
                link.delete()


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "doc_number", "issued_on", "level", "kind")
    search_fields = ("title", "doc_number", "slug")


class DepartmentAliasInline(admin.TabularInline):
    model = DepartmentAlias
    extra = 1


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "jurisdiction", "in_gazetteer")
    list_filter = ("level", "in_gazetteer")
    search_fields = ("name", "short_name", "aliases__name")
    inlines = (DepartmentAliasInline,)


class RegionAliasInline(admin.TabularInline):
    model = RegionAlias
    extra = 1


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "code")
    inlines = (RegionAliasInline,)


class IndustryAliasInline(admin.TabularInline):
    model = IndustryAlias
    extra = 1


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent")
    search_fields = ("name", "aliases__name")
    inlines = (IndustryAliasInline,)


@admin.register(RelatedClause)
class RelatedClauseAdmin(admin.ModelAdmin):
    """Suggested related clauses: editors confirm (shown first) or reject (never shown)."""

    list_display = ("source", "target", "score", "status", "decided_by", "decided_at")
    list_filter = ("status", "source__document", "target__document")
    readonly_fields = ("source", "target", "score", "decided_by", "decided_at")
    fields = ("source", "target", "score", "status", "decided_by", "decided_at")
    actions = ("confirm", "reject")

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, status):
        count = queryset.update(status=status, decided_by=request.user, decided_at=timezone.now())
        self.message_user(request, f"{count} 条相关条款已标记为“{RelatedClause.Status(status).label}”。")

    @admin.action(description="确认所选相关条款")
    def confirm(self, request, queryset):
        self._decide(request, queryset, RelatedClause.Status.CONFIRMED)

    @admin.action(description="否决所选相关条款")
    def reject(self, request, queryset):
        self._decide(request, queryset, RelatedClause.Status.REJECTED)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.decided_by, obj.decided_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
