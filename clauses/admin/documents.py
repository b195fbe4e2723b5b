"""Documents and their relations. Sources are changed by re-ingesting or uploading, never edited here."""

from __future__ import annotations

from functools import update_wrapper

from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html, format_html_join

from clauses.models import Document, DocumentRelation

from . import uploads


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "doc_number", "issued_on", "level", "kind", "source_file")
    list_filter = ("level", "kind")
    search_fields = ("title", "doc_number", "slug")
    # get_absolute_url alone would add a "view on site" button; whether to have one is its own decision.
    view_on_site = False
    # An address typed without a scheme is taken as https (Django 6's default; 5.2 warns that it takes http).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        # The text-derived fields are the ingester's; only an admin may correct metadata here (an editor
        # changes a document by uploading a new version, previewed before it is stored).
        if request.user.is_superuser:
            return ("slug", "source_file", "source_sha256", "ingest_fingerprint", "references", "warnings",
                    "original_files")
        return [*(field.name for field in Document._meta.fields), "original_files"]

    @admin.display(description="原始文件")
    def original_files(self, document):
        """Every distinct file the document was read from, newest first (the newest is the reader's 原文)."""
        files = document.source_files.defer("content").select_related("uploaded_by") if document.pk else []
        if not files:
            return "—"
        return format_html(
            "<table><thead><tr><th>文件名</th><th>sha256</th><th>大小</th><th>上传者</th><th>时间</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>", (
                (file.name, file.sha256, filesizeformat(file.size),
                 file.uploaded_by.get_username() if file.uploaded_by else "命令行收录",
                 file.stored_at.strftime("%Y-%m-%d %H:%M")) for file in files)))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_upload": request.user.has_perm(uploads.PERMISSION)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        def view(function):
            def bound(request, **kwargs):
                return function(request, self, **kwargs)

            # A view's own csrf_exempt too: the upload view checks CSRF itself (uploads.upload_view).
            return self.admin_site.admin_view(update_wrapper(bound, function))

        own = [
            path("upload/", view(uploads.upload_view), name="clauses_document_upload"),
            path("upload/<uuid:batch>/", view(uploads.preview_view), name="clauses_document_upload_preview"),
            path("upload/<uuid:batch>/confirm/", view(uploads.confirm_view), name="clauses_document_upload_confirm"),
            path("upload/<uuid:batch>/cancel/", view(uploads.cancel_view), name="clauses_document_upload_cancel"),
        ]
        return own + super().get_urls()


@admin.register(DocumentRelation)
class DocumentRelationAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "target", "evidence")
    list_filter = ("kind",)
    search_fields = ("source__title", "target__title", "evidence")
