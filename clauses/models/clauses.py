"""Clauses — the unit officials search, tag and cite — with versions and translations."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from clauses.parsing.types import ClauseKind
from clauses.permalinks import clause_url
from clauses.short_titles import short_title

from .choices import labelled
from .documents import Document


class ClauseQuerySet(models.QuerySet):
    def current(self) -> ClauseQuerySet:
        """Clauses still in their document (a re-ingest retires, never deletes)."""
        return self.filter(retired_at__isnull=True)


class Clause(models.Model):
    # The kinds parsing gives clauses (``ClauseKind``), as readers call them.
    Kind = labelled(ClauseKind, {
        ClauseKind.PREFACE: "序言", ClauseKind.ADDRESSEE: "主送", ClauseKind.PART: "部分", ClauseKind.ITEM: "项",
        ClauseKind.SUB_ITEM: "目", ClauseKind.CLOSING: "结语", ClauseKind.SIGNATURE: "落款",
        ClauseKind.ATTACHMENT: "附件",
    }, module=__name__, qualname="Clause.Kind")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="clauses", verbose_name="文件")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children", verbose_name="上级条款")
    # Identity inside the document, from the numbering: p2.i5 is part 2, item 5.
    key = models.CharField("条款键", max_length=60)
    order = models.PositiveIntegerField("顺序")
    label = models.CharField("序号", max_length=20, blank=True, help_text="按原文所印：一、 / （五） / (五) / 1﹒")
    number = models.PositiveIntegerField("数字序号", null=True, blank=True)
    heading = models.CharField("标题", max_length=200, blank=True)
    text = models.TextField("正文", blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    departments = models.ManyToManyField("Department", through="ClauseDepartment", related_name="clauses",
                                         verbose_name="部门")
    regions = models.ManyToManyField("Region", through="ClauseRegion", related_name="clauses", verbose_name="地区")
    industries = models.ManyToManyField("Industry", through="ClauseIndustry", related_name="clauses",
                                        verbose_name="产业")
    # Set when a re-ingest no longer finds the clause; its row, tags and
    # versions stay for old citations.
    retired_at = models.DateTimeField("停用时间", null=True, blank=True)
    # Bumped by every editor's save: a save made from an older page is a conflict.
    revision = models.PositiveIntegerField("修订号", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "条款"
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "key"], name="unique_clause_key")]

    def __str__(self) -> str:
        """《short title》（文号）label, as an editor recognises the clause (``short_titles``)."""
        document = self.document
        number = f"（{document.doc_number}）" if document.doc_number else ""
        return f"《{short_title(document.title)}》{number}{self.label or self.Kind(self.kind).label}"

    def get_absolute_url(self) -> str:
        """The clause's permalink (``clauses.permalinks``)."""
        return clause_url(self.document.slug, self.key)

    @property
    def full_text(self) -> str:
        """Heading and text as a reader sees them; tag offsets refer to this."""
        return self.join_heading(self.heading, self.text)

    @staticmethod
    def join_heading(heading: str, text: str) -> str:
        if heading and not text.startswith(heading):
            return f"{heading}\n{text}" if text else heading
        return text


class ClauseVersion(models.Model):
    """Every text a clause has had, so a citation can show what was cited."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="versions", verbose_name="条款")
    number = models.PositiveIntegerField("版本号")
    # The clause's key when this version was current: a version-pinned link
    # (…/p8/i20@1/) names the clause that had that number then.
    key = models.CharField("条款键", max_length=60, blank=True, db_index=True)
    label = models.CharField("序号", max_length=20, blank=True)
    heading = models.CharField("标题", max_length=200, blank=True)
    text = models.TextField("正文", blank=True)
    source_sha256 = models.CharField("原文件 SHA-256", max_length=64)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "条款版本"
        ordering = ["clause", "number"]
        constraints = [models.UniqueConstraint(fields=["clause", "number"], name="unique_clause_version")]

    def get_absolute_url(self) -> str:
        """The link pinned to this version: …/p2/i5@3/, under the number the clause had then.

        Pinned links are read that way (``selectors.version_for_pinned_link``): under
        the clause's number of today, a clause renumbered since would link to
        whichever clause had that number at this version.
        """
        return clause_url(self.clause.document.slug, self.key or self.clause.key, version=self.number)


class ClauseTranslation(models.Model):
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="translations", verbose_name="条款")
    language = models.CharField("语言", max_length=10)
    text = models.TextField("译文")

    class Meta:
        verbose_name = verbose_name_plural = "条款译文"
        constraints = [models.UniqueConstraint(fields=["clause", "language"], name="unique_translation")]


class ClauseKeyHistory(models.Model):
    """A key a clause used to have.

    If no current clause has that key any more, the old permalink answers 301
    to the clause's new place; if another clause has taken the number, its
    page says where the earlier one went.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="old_keys", verbose_name="文件")
    key = models.CharField("旧条款键", max_length=60)
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="old_keys", verbose_name="条款")
    changed_at = models.DateTimeField("变更时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "条款旧键"
        constraints = [models.UniqueConstraint(fields=["document", "key"], name="unique_old_clause_key")]


class RelatedClause(models.Model):
    """Two clauses of different documents on the same subject.

    Suggested by text similarity (``score``); an editor confirms or rejects
    a suggestion. Confirmed links are shown first; rejected ones never.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "系统建议"
        CONFIRMED = "confirmed", "编辑确认"
        REJECTED = "rejected", "编辑否决"

    source = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="related_links", verbose_name="条款")
    target = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="+", verbose_name="相关条款")
    score = models.FloatField("相似度", default=0)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="决定人")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "相关条款"
        ordering = ["source", "-score"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_related_clause")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
