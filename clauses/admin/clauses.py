"""The clause admin: read the source, edit the tags, find work, see history.

- The source text is read-only: sources are corrected by re-ingesting.
- A tag an editor adds is the editor's; an extracted tag an editor removes is
  rejected (kept for audit, hidden from search) so a re-ingest cannot bring
  it back.
- Two editors on one clause: the page carries the clause's revision, and a
  save made from an older revision is refused with a message, never applied
  over the colleague's work.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path

from clauses.models import (TAG_KINDS, Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, Department, TagLink,
                            tag_kind)
from clauses.services.tag_edits import add_tag, remove_link, remove_tag

from . import history
from .autocomplete import PickerMedia, choice_label
from .filters import (DepartmentFilter, DocumentFilter, IndustryFilter, MissingTagFilter, ProvenanceFilter,
                      RegionFilter, RoleFilter)


class _TagInline(admin.TabularInline):
    extra = 0
    readonly_fields = ("provenance_display",)

    def get_queryset(self, request):
        # The entry too: each row is titled by it (``ClauseDepartment.__str__``).
        return (super().get_queryset(request).filter(status=TagLink.Status.ACTIVE)
                .select_related("created_by", tag_kind(self.model).key))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == tag_kind(self.model).key:
            # A saved row's entry reads as the autocomplete offered it (市财政局（宜宾市）), not by name alone.
            field.label_from_instance = choice_label
            if db_field.related_model is Department:
                field.queryset = field.queryset.select_related("jurisdiction")
        return field

    @admin.display(description="来源")
    def provenance_display(self, link):
        if link.pk is None:
            return "—"
        if link.origin == TagLink.Origin.EDITOR:
            who = link.created_by.get_username() if link.created_by else "?"
            return f"编辑 {who} 于 {link.created_at:%Y-%m-%d %H:%M} 添加"
        return f"自动抽取：“{link.matched_text}”" if link.matched_text else "自动抽取"


class ClauseDepartmentInline(_TagInline):
    model = ClauseDepartment
    fields = ("department", "role", "provenance_display")
    autocomplete_fields = ("department",)


class ClauseRegionInline(_TagInline):
    model = ClauseRegion
    fields = ("region", "provenance_display")
    autocomplete_fields = ("region",)


class ClauseIndustryInline(_TagInline):
    model = ClauseIndustry
    fields = ("industry", "provenance_display")
    autocomplete_fields = ("industry",)


def _existing_row(link: TagLink) -> TagLink:
    """A tag added on the page may exist already, rejected and so hidden: reuse that row."""
    target = tag_kind(type(link)).key
    existing = type(link).objects.filter(clause_id=link.clause_id,
                                         **{f"{target}_id": getattr(link, f"{target}_id")}).first()
    if existing is None:
        return link
    if hasattr(link, "role"):
        existing.role = link.role
    return existing


class ClauseForm(forms.ModelForm):
    """Carries the revision the editor started from, to catch a colleague's save."""

    revision = forms.IntegerField(label="修订号", widget=forms.HiddenInput)

    class Meta:
        model = Clause
        fields = ("revision",)

    def clean_revision(self):
        started_from = self.cleaned_data["revision"]
        # Locked for the rest of the save, so two saves cannot both pass this check.
        current = Clause.objects.select_for_update().filter(pk=self.instance.pk).values_list(
            "revision", flat=True).first()
        if current is not None and current != started_from:
            raise ValidationError(
                "另一位编辑在您打开此页之后已保存了这一条款。您的修改没有保存："
                "请重新打开本页，查看对方的修改后再编辑。", code="conflict")
        return started_from


class BulkTagForm(forms.Form):
    kind = forms.ChoiceField(label="标签类型", choices=[(kind.key, kind.tag_label) for kind in TAG_KINDS])
    role = forms.ChoiceField(label="角色", choices=ClauseDepartment.Role.choices, required=False)

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # One field a kind, named by its key. Typed, not listed: a national gazetteer has tens of
        # thousands of entries. The clause page's tag rows ask the same autocomplete.
        for kind in TAG_KINDS:
            widget = AutocompleteSelect(kind.entry_field, admin_site)
            self.fields[kind.key] = forms.ModelChoiceField(kind.entry.objects.all(), required=False,
                                                           label=kind.label, widget=widget)
            self.fields[kind.key].label_from_instance = choice_label
        self.order_fields(["kind", "department", "role"])

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and not data.get(kind):
            raise ValidationError("请选择要添加或移除的标签。")
        return data


class _ClauseChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # The page's lead departments in one query, not one a row; only for the page shown (the
        # actions and the counts read the same queryset and need none).
        leads = ClauseDepartment.objects.active().filter(role=ClauseDepartment.Role.LEAD).select_related("department")
        self.result_list = self.result_list.prefetch_related(
            Prefetch("clausedepartment_links", queryset=leads, to_attr="lead_links"))


@admin.register(Clause)
class ClauseAdmin(PickerMedia, admin.ModelAdmin):
    form = ClauseForm
    list_display = ("__str__", "heading", "kind", "lead_departments")
    list_filter = (DocumentFilter, DepartmentFilter, RoleFilter, RegionFilter, IndustryFilter, ProvenanceFilter,
                   MissingTagFilter, "kind")
    search_fields = ("text", "heading", "key", "document__title", "document__doc_number")
    readonly_fields = ("document", "key", "label", "number", "heading", "text", "kind", "retired_at")
    fields = ("document", "key", "label", "number", "heading", "text", "kind", "retired_at", "revision")
    inlines = (ClauseDepartmentInline, ClauseRegionInline, ClauseIndustryInline)
    actions = ("add_tag_to_selected", "remove_tag_from_selected")
    list_per_page = 50
    # The change form links the permalink itself (change_form.html); no second "view on site".
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")

    def get_changelist(self, request, **kwargs):
        return _ClauseChangeList

    @admin.display(description="牵头部门")
    def lead_departments(self, clause):
        return "、".join(link.department.name for link in clause.lead_links)

    def has_add_permission(self, request):
        return False  # clauses come from ingesting documents

    def has_delete_permission(self, request, obj=None):
        return False  # a re-ingest retires clauses; deleting would break citations

    def save_model(self, request, obj, form, change):
        # Only the revision is editable here; the tags are saved by the inlines.
        Clause.objects.filter(pk=obj.pk).update(revision=F("revision") + 1)

    def save_formset(self, request, form, formset, change):
        for link in formset.save(commit=False):
            if link.pk is None:
                link = _existing_row(link)
            # Whatever an editor saves is the editor's: a re-ingest must not undo it.
            link.origin, link.status, link.created_by = TagLink.Origin.EDITOR, TagLink.Status.ACTIVE, request.user
            link.rejected_by = link.rejected_at = None
            link.save()
        for link in formset.deleted_objects:
            remove_link(link, user=request.user)

    # -- bulk actions ---------------------------------------------------------
    def _bulk(self, request, queryset, *, adding: bool):
        form = BulkTagForm(request.POST if "apply" in request.POST else None, admin_site=self.admin_site)
        if "apply" in request.POST and form.is_valid():
            kind, clauses = form.cleaned_data["kind"], list(queryset)
            target = form.cleaned_data[kind]
            if adding:
                count = add_tag(clauses=clauses, kind=kind, target=target, user=request.user,
                                role=(form.cleaned_data["role"] or ClauseDepartment.Role.CO_RESPONSIBLE) if kind == "department" else None)
                self.message_user(request, f"已为 {count} 条条款添加“{target}”。", messages.SUCCESS)
            else:
                count = remove_tag(clauses=clauses, kind=kind, target=target, user=request.user)
                self.message_user(request, f"已从 {count} 条条款移除“{target}”。", messages.SUCCESS)
            return None
        return render(request, "admin/clauses/bulk_tag.html", {
            **self.admin_site.each_context(request), "form": form, "clauses": queryset,
            "action": request.POST.get("action"), "adding": adding, "opts": self.model._meta,
            "title": "批量添加标签" if adding else "批量移除标签"})

    @admin.action(description="为所选条款添加标签", permissions=["change"])
    def add_tag_to_selected(self, request, queryset):
        return self._bulk(request, queryset, adding=True)

    @admin.action(description="从所选条款移除标签", permissions=["change"])
    def remove_tag_from_selected(self, request, queryset):
        return self._bulk(request, queryset, adding=False)

    # -- history --------------------------------------------------------------
    def get_urls(self):
        own = [
            path("<int:clause_id>/tag-history/", self.admin_site.admin_view(self.tag_history_view),
                 name="clauses_clause_tag_history"),
            path("recent-edits/", self.admin_site.admin_view(self.recent_edits_view),
                 name="clauses_clause_recent_edits"),
        ]
        return own + super().get_urls()

    def tag_history_view(self, request, clause_id: int):
        clause = get_object_or_404(Clause.objects.select_related("document"), pk=clause_id)
        if not self.has_view_permission(request, clause):
            raise PermissionDenied
        return TemplateResponse(request, "admin/clauses/tag_history.html", {
            **self.admin_site.each_context(request), "clause": clause, "opts": self.model._meta,
            "entries": history.tag_changes(clause_ids=[clause.pk]),
            "title": f"标签修改记录：{clause}"})

    def recent_edits_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(request, "admin/clauses/recent_edits.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "entries": history.tag_changes(editors_only=True, limit=200), "title": "最近的编辑修改"})
