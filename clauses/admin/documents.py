"""Documents and their relations. Sources are changed by re-ingesting, never here."""

from __future__ import annotations

from django.contrib import admin

from clauses.models import Document, DocumentRelation


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "doc_number", "issued_on", "level", "kind", "source_file")
    list_filter = ("level", "kind")
    search_fields = ("title", "doc_number", "slug")
    # get_absolute_url alone would add a "view on site" button; whether to have one is its own decision.
    view_on_site = False

    def get_readonly_fields(self, request, obj=None):
        # The text-derived fields are the ingester's; only an admin may correct metadata here.
        if request.user.is_superuser:
            return ("slug", "source_file", "source_sha256", "ingest_fingerprint", "references", "warnings")
        return [field.name for field in Document._meta.fields]


@admin.register(DocumentRelation)
class DocumentRelationAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "target", "evidence")
    list_filter = ("kind",)
    search_fields = ("source__title", "target__title", "evidence")
