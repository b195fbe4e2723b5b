"""Uploading documents in the admin: a form, a preview of what would be stored, then confirm or cancel.

Editors and admins (``clauses.upload_document``) upload one or more files with
optional metadata (a sidecar's fields). Nothing is stored before the editor
confirms: the preview (``services.upload_preview``) shows each file's
metadata, clause tree and tags, and, for a new version of a stored document,
the change clause by clause. A file that cannot be read is refused with the
parse's message and never staged. Confirming stores the whole batch in one
transaction (``services.uploads``) and records it in the admin's history.

An upload request is bounded as a whole before its files are read: Django
writes each file to memory or a temporary file as it arrives, so a request
larger than ``MAX_FILES`` files of the largest size a document may have is
stopped at its first file (``_RequestSizeLimit``) and the editor told why.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Document
from clauses.parsing.limits import check_size
from clauses.parsing.sidecar import validate_sidecar
from clauses.parsing.sources import DOCUMENT_SUFFIXES
from clauses.parsing.types import ParseError
from clauses.services import uploads
from clauses.services.ingest import IngestReport, Source, ingest_limits, reporting_failure
from clauses.services.upload_preview import STATUS_LABELS, UploadPreview, preview_upload

PERMISSION = "clauses.upload_document"
# Files in one upload, at most: each is parsed for the preview within one request.
MAX_FILES = 20
# The sidecar's fields that name one document: given with several files, they would all claim it.
ONE_DOCUMENT_FIELDS = ("title", "doc_number", "slug")
# Bytes of an upload request beyond its files: the form's other fields and each part's headers.
_FORM_ROOM = 64 * 2**10


def max_request_bytes() -> int:
    """The most an upload request may carry: ``MAX_FILES`` files of the largest size a document may have."""
    return int(MAX_FILES * ingest_limits().max_bytes) + _FORM_ROOM


class _RequestSizeLimit(FileUploadHandler):
    """First of the request's upload handlers: stops a request larger than ``limit`` at its first file.

    Nothing of the files is kept (the handlers after this one never see a byte); the rest of the body
    is read and dropped, so that the browser, still sending, gets the page saying why. The fields
    before the first file (the CSRF token) are read as usual.
    """

    def __init__(self, request, limit: int) -> None:
        super().__init__(request)
        self.limit, self.request_size, self.refused = limit, 0, False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_size = content_length  # what Django will read of the body, at most
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.request_size > self.limit:
            self.refused = True
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None

    def message(self) -> str:
        per_file = ingest_limits().max_bytes / 2**20
        return (f"这次上传共 {self.request_size / 2**20:.1f} MB，超过一次上传可以携带的 {MAX_FILES * per_file:g} MB"
                f"（最多 {MAX_FILES} 个文件，每个不超过 {per_file:g} MB）。没有暂存任何文件；"
                "请删去过大的文件或分批上传。")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files (Django's "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(DOCUMENT_SUFFIXES))}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def _optional(label: str, help_text: str = "", **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, **kwargs)


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="文件", allow_empty_file=True,  # an empty file gets the parse's own message, like any bad file
        help_text=f"可一次选择多个，最多 {MAX_FILES} 个；格式：{'、'.join(sorted(DOCUMENT_SUFFIXES))}。")
    title = _optional("标题", "仅上传一个文件时可填。")
    doc_number = _optional("文号", "仅上传一个文件时可填，如 川办发〔2022〕67号。")
    slug = _optional("标识（slug）", "仅上传一个文件时可填：永久链接的一部分，小写字母、数字和连字符。")
    issued_on = forms.DateField(label="成文日期", required=False, help_text="YYYY-MM-DD")
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "（由文本识别）"), *Document.Level.choices])
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "（由文本识别）"), *Document.Kind.choices])
    jurisdiction = _optional("地区", "发文机关所在地区，如 四川省。")
    issuers = _optional("发文单位", "多个以“、”分隔。")
    source_url = _optional("来源网址", "http:// 或 https:// 开头。")
    language = _optional("语言", "如 zh、ko。")

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(f"一次最多上传 {MAX_FILES} 个文件，您选择了 {len(files)} 个。请分批上传。")
        return files

    def clean(self):
        data = super().clean()
        sidecar = {}
        for name in ("title", "doc_number", "slug", "jurisdiction", "source_url", "language", "level", "kind"):
            if data.get(name):
                sidecar[name] = data[name]
        if data.get("issued_on"):
            sidecar["issued_on"] = data["issued_on"].isoformat()
        if data.get("issuers"):
            sidecar["issuers"] = [name.strip() for name in data["issuers"].replace("，", "、").split("、")
                                  if name.strip()]
        if len(data.get("files") or []) > 1 and any(name in sidecar for name in ONE_DOCUMENT_FIELDS):
            raise ValidationError("标题、文号和标识只能在上传一个文件时填写：它们只属于一个文件。")
        if sidecar:
            try:
                validate_sidecar(sidecar, name="元数据", field_lengths=ingest_limits().field_lengths)
            except ParseError as error:
                raise ValidationError(str(error)) from None
        data["sidecar"] = sidecar or None
        return data


def _require_permission(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _read(upload, *, sidecar: dict | None, limits) -> Source:
    """An uploaded file as a ``Source``; its size is checked before it is read into memory.

    Its name's suffix is not checked: the parse reads the format from the
    bytes and refuses what it cannot read with a message saying what to
    upload instead (the form's ``accept`` only steers the browser's picker).
    """
    check_size(upload.size, limits, name=upload.name)
    return Source(name=upload.name, raw=upload.read(), sidecar=sidecar)


def _previewed(name: str, read_source) -> tuple[Source | None, UploadPreview | None, str]:
    """(source, preview, "") for a file that can be stored, (…, None, why not) for one that cannot.

    Whatever goes wrong — a refused file, a bug — becomes the file's message, as in ``manage.py ingest``.
    """
    report, source, preview = IngestReport(source=name), None, None
    with reporting_failure(report, name):
        source = read_source()
        preview = preview_upload(source, lexicon=lexicon_from_database(), limits=ingest_limits())
        report.status = "previewed"
    return source, preview, report.error


def _context(model_admin, request, **context) -> dict:
    return {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta, **context}


@csrf_exempt  # checked in _upload_view, once the request's size is bounded (Django's documented way)
def upload_view(request, model_admin):
    _require_permission(request)
    size_limit = _RequestSizeLimit(request, max_request_bytes())
    request.upload_handlers.insert(0, size_limit)
    return _upload_view(request, model_admin, size_limit)


@csrf_protect
def _upload_view(request, model_admin, size_limit: _RequestSizeLimit):
    data, files = request.POST, request.FILES  # the body read through size_limit (if the CSRF check has not)
    form = UploadForm(data or None, files or None) if not size_limit.refused else UploadForm()
    refused: list[str] = [size_limit.message()] if size_limit.refused else []
    if request.method == "POST" and form.is_valid():
        limits, staged = ingest_limits(), []
        for upload in form.cleaned_data["files"]:
            source, preview, error = _previewed(
                upload.name, lambda upload=upload: _read(upload, sidecar=form.cleaned_data["sidecar"], limits=limits))
            if preview is None:
                refused.append(error if error.startswith(upload.name) else f"{upload.name}：{error}")
            else:
                staged.append(source)
        if staged:
            batch = uploads.stage(staged, user=request.user)
            for reason in refused:
                messages.error(request, f"未暂存：{reason}")
            return redirect("admin:clauses_document_upload_preview", batch=batch)
    return TemplateResponse(request, "admin/clauses/document/upload.html", _context(
        model_admin, request, title="上传文件", form=form, refused=refused,
        max_megabytes=f"{ingest_limits().max_bytes / 2**20:g}"))


def preview_view(request, model_admin, batch: uuid.UUID):
    _require_permission(request)
    sources = uploads.staged_sources(batch, request.user)
    if not sources:
        raise Http404("没有这一批上传的文件（可能已确认、已取消或已过期）。")
    files = []
    for source in sources:
        _, preview, error = _previewed(source.name, lambda source=source: source)
        files.append({"name": source.name, "preview": preview, "error": error})
    return TemplateResponse(request, "admin/clauses/document/upload_preview.html", _context(
        model_admin, request, title="上传预览", files=files, batch=batch,
        can_confirm=all(file["preview"] for file in files)))


@require_POST
def confirm_view(request, model_admin, batch: uuid.UUID):
    _require_permission(request)
    if not uploads.staged_sources(batch, request.user):
        raise Http404("没有这一批上传的文件（可能已确认、已取消或已过期）。")
    try:
        stored = uploads.confirm(batch, user=request.user, lexicon=lexicon_from_database(), limits=ingest_limits(),
                                 on_stored=lambda item: _log(request, model_admin, item))
    except uploads.UploadFailed as error:
        messages.error(request, f"没有保存任何文件：{error}")
        return redirect("admin:clauses_document_upload_preview", batch=batch)
    changed = [item.report.document_id for item in stored if item.report.status in ("created", "updated")]
    if changed and not uploads.refresh_related_suggestions(changed):
        messages.warning(request, "文件已保存，但相关条款推荐未能更新；请管理员运行 manage.py suggest_related --pending（下次运行 manage.py ingest 时也会补上）。")
    documents = Document.objects.in_bulk([item.report.document_id for item in stored])
    messages.success(request, format_html("已保存：{}", format_html_join(
        "；", '<a href="{}">{}</a>（{}）', ((documents[item.report.document_id].get_absolute_url(),
                                          documents[item.report.document_id].title, _summary(item))
                                         for item in stored))))
    if len(stored) == 1:
        return redirect("admin:clauses_document_change", stored[0].report.document_id)
    return redirect("admin:clauses_document_changelist")


@require_POST
def cancel_view(request, model_admin, batch: uuid.UUID):
    _require_permission(request)
    if uploads.cancel(batch, user=request.user):
        messages.info(request, "已取消上传，没有保存任何文件。")
    return redirect(reverse("admin:clauses_document_changelist"))


def _summary(item: uploads.StoredUpload) -> str:
    if item.report.status == "unchanged":
        return "内容未变，无需更新"
    if item.report.status == "created":
        return f"新文件，新增 {item.report.clauses} 条"
    return "新版本：" + "、".join(f"{STATUS_LABELS[status]} {count}" for status, count in item.counts.items())


def _log(request, model_admin, item: uploads.StoredUpload) -> None:
    """Who uploaded which file (by its sha256) and what it did, in the document's admin history."""
    if item.report.status == "unchanged":
        return
    document = Document.objects.get(pk=item.report.document_id)
    message = f"上传 {item.source.name}（sha256 {item.source.sha256[:12]}）：{_summary(item)}"
    if item.report.status == "created":
        model_admin.log_addition(request, document, message)
    else:
        model_admin.log_change(request, document, message)
