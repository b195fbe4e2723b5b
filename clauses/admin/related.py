"""Related-clause suggestions: editors confirm (shown first) or reject (never shown)."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from clauses.models import RelatedClause

from .autocomplete import PickerMedia
from .filters import SourceDocumentFilter, TargetDocumentFilter


@admin.register(RelatedClause)
class RelatedClauseAdmin(PickerMedia, admin.ModelAdmin):
    """Suggested related clauses: editors confirm (shown first) or reject (never shown)."""

    list_display = ("source", "target", "score", "status", "decided_by", "decided_at")
    # Each clause is named by its document (Clause.__str__): read with it, not once a row.
    list_select_related = ("source__document", "target__document", "decided_by")
    list_filter = ("status", SourceDocumentFilter, TargetDocumentFilter)
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
