"""Documents and the relations between them."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.db import models
from django.urls import reverse

from clauses.parsing.types import DocumentKind, DocumentLevel, RelationKind
from clauses.parsing.urls import is_web_url

from .choices import labelled
from .gazetteer import Department, Region


class Document(models.Model):
    # The levels and kinds parsing and sidecars give documents, as readers call them.
    Level = labelled(DocumentLevel, {
        DocumentLevel.NATIONAL: "国家级", DocumentLevel.PROVINCIAL: "省级", DocumentLevel.MUNICIPAL: "市级",
        DocumentLevel.COUNTY: "县级", DocumentLevel.OTHER: "其他",
    }, module=__name__, qualname="Document.Level")
    Kind = labelled(DocumentKind, {
        DocumentKind.POLICY: "政策文件", DocumentKind.IMPLEMENTING: "实施文件",
        DocumentKind.INTERPRETATION: "政策解读", DocumentKind.NEWS: "新闻报道",
    }, module=__name__, qualname="Document.Kind")

    # Part of every permalink: never changes once published.
    slug = models.SlugField("标识（slug）", max_length=80, unique=True)
    title = models.CharField("标题", max_length=300)
    # 文号, always printed with 六角括号: 川办发〔2022〕67号.
    doc_number = models.CharField("文号", max_length=60, blank=True, db_index=True)
    issuers = models.ManyToManyField(Department, through="DocumentIssuer", related_name="issued_documents",
                                     blank=True, verbose_name="发文单位")
    issued_on = models.DateField("成文日期", null=True, blank=True)
    level = models.CharField("层级", max_length=20, choices=Level.choices, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.POLICY)
    language = models.CharField("语言", max_length=10, default="zh")
    jurisdiction = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="documents", verbose_name="地区")
    source_file = models.CharField("原文件名", max_length=255)
    source_sha256 = models.CharField("原文件 SHA-256", max_length=64)
    source_url = models.URLField("来源网址", max_length=500, blank=True)
    source_name = models.CharField("来源名称", max_length=120, blank=True)
    # What the last ingest was made of (source, sidecar, parser, gazetteer):
    # equal fingerprints mean re-ingesting would change nothing.
    ingest_fingerprint = models.CharField("收录指纹", max_length=64, blank=True)
    # Stored or changed since its related-clause suggestions were last made: set with every store,
    # cleared when they are made for this text (services.related). A store whose suggestions did not
    # follow (killed, database busy, failed after an upload) is so found again by the next ingest.
    related_pending = models.BooleanField("相关条款待推荐", default=False)
    # Other documents the text names (文号 / 《title》), kept so a relation
    # forms when the named document arrives later.
    references = models.JSONField("文中引用", default=list, blank=True)
    extra = models.JSONField("其他元数据", default=dict, blank=True)
    warnings = models.JSONField("收录提示", default=list, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文件"
        ordering = ["-issued_on", "title"]
        # Editors upload documents in the admin (preview, then confirm); changing or deleting one stays the admins'.
        permissions = [("upload_document", "可以上传文件（预览后确认）")]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        """The document's reader (its first page)."""
        return reverse("document", kwargs={"slug": self.slug})

    @property
    def source_link(self) -> str:
        """``source_url`` if it is safe to make a link of (http or https), else "".

        Pages link the source only through this: whatever a sidecar or an old
        ingest stored, ``javascript:`` or ``data:`` never becomes a live link.
        """
        return self.source_url if is_web_url(self.source_url) else ""


class SourceFile(models.Model):
    """A file a document was ingested from, kept byte for byte: the reader's 原文 and the record of uploads.

    Kept in the database rather than beside it, so a file is stored in the
    same transaction as the clauses read from it (never one without the
    other), every process sees it, and a backup of the database holds it.
    Files are bounded by ``POLICYKB_MAX_DOCUMENT_MB``. A document keeps every
    distinct file it was read from; the one its current text was read from
    (``Document.source_sha256``) is its 原文.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="source_files",
                                 verbose_name="文件")
    sha256 = models.CharField("SHA-256", max_length=64)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")
    media_type = models.CharField("文件格式", max_length=100)
    content = models.BinaryField("内容")
    # Who uploaded it in the admin; empty for `manage.py ingest`.
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="上传者")
    stored_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "原文文件"
        ordering = ["-stored_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["document", "sha256"], name="unique_source_file")]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"

    @staticmethod
    def media_type_of(name: str) -> str:
        guessed, _ = mimetypes.guess_type(name)
        return {".md": "text/markdown"}.get(name[name.rfind("."):].lower(), guessed or "application/octet-stream")


class DocumentIssuer(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="issuer_links",
                                 verbose_name="文件")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    # Citations list issuers in the order the text gives them.
    order = models.PositiveSmallIntegerField("顺序")

    class Meta:
        verbose_name = verbose_name_plural = "发文单位"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["document", "department"], name="unique_issuer")]

    def __str__(self) -> str:
        return self.department.name if self.department_id else "—"


class DocumentRelation(models.Model):
    Kind = labelled(RelationKind, {
        RelationKind.IMPLEMENTS: "贯彻落实", RelationKind.INTERPRETS: "解读", RelationKind.REPORTS_ON: "报道",
        RelationKind.CITES: "引用",
    }, module=__name__, qualname="DocumentRelation.Kind")

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_relations",
                               verbose_name="文件")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="incoming_relations",
                               verbose_name="相关文件")
    kind = models.CharField("关系", max_length=20, choices=Kind.choices)
    # How the source names the target: a 文号 or 《title》 as printed.
    evidence = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文件关系"
        constraints = [models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_relation")]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"
