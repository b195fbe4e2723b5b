"""Tags: links from a clause to departments, regions and industries.

Every link says where it came from. ``extracted`` links were found by
ingestion (``matched_text`` and the span in ``Clause.full_text`` show
where); ``editor`` links were made by a person (``created_by``). A link an
editor removes is not deleted but ``rejected``: hidden from search and kept
for audit, and a re-ingest that finds the same tag again leaves it rejected.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from clauses.parsing.types import Role

from .choices import every_member, labelled
from .clauses import Clause
from .gazetteer import Department, Industry, Region


class TagQuerySet(models.QuerySet):
    def active(self) -> TagQuerySet:
        return self.filter(status=TagLink.Status.ACTIVE)


class DepartmentLinkQuerySet(TagQuerySet):
    def responsible(self) -> DepartmentLinkQuerySet:
        """Links in a role that carries responsibility for the clause (``Role.is_responsible``)."""
        return self.filter(role__in=[role for role in Role if role.is_responsible])


class TagLink(models.Model):
    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "自动抽取"
        EDITOR = "editor", "编辑添加"

    class Status(models.TextChoices):
        ACTIVE = "active", "有效"
        REJECTED = "rejected", "编辑已否决"

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="%(class)s_links", verbose_name="条款")
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    matched_text = models.CharField("匹配文字", max_length=200, blank=True)
    span_start = models.PositiveIntegerField("起始位置", null=True, blank=True)
    span_end = models.PositiveIntegerField("结束位置", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", verbose_name="添加者")
    created_at = models.DateTimeField("添加时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    rejected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", verbose_name="否决者")
    rejected_at = models.DateTimeField("否决时间", null=True, blank=True)

    objects = TagQuerySet.as_manager()
    # Every change — by ingestion (no user) or an editor — with before and after.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def provenance(self) -> dict:
        """Where the tag came from, as the API and admin show it."""
        if self.origin == self.Origin.EDITOR:
            source = {"origin": "editor",
                      "by": self.created_by.get_username() if self.created_by else None,
                      "at": self.created_at.isoformat() if self.created_at else None}
        else:
            source = {"origin": "extracted", "matched_text": self.matched_text,
                      "span": [self.span_start, self.span_end] if self.span_start is not None else None}
        source["status"] = self.status
        return source


class ClauseDepartment(TagLink):
    # The roles parsing gives departments (``clauses.parsing.types.Role``), as editors call them.
    Role = labelled(Role, {
        Role.LEAD: "牵头", Role.CO_RESPONSIBLE: "配合/共同负责", Role.IMPLEMENTING: "落实层级",
        Role.ISSUING: "发文单位", Role.NAMED: "文中提及",
    }, module=__name__, qualname="ClauseDepartment.Role")
    # The same, as short as the small print of a department's tag in search results.
    ROLE_SHORT_LABELS = every_member(Role, {
        Role.LEAD: "牵头", Role.CO_RESPONSIBLE: "配合", Role.IMPLEMENTING: "落实", Role.ISSUING: "发文",
        Role.NAMED: "提及",
    }, qualname="ClauseDepartment.ROLE_SHORT_LABELS")

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="clause_links",
                                   verbose_name="部门")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    objects = DepartmentLinkQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "责任部门"
        ordering = ["clause", "id"]
        constraints = [models.UniqueConstraint(fields=["clause", "department"],
                                               name="unique_clause_department")]

    def __str__(self) -> str:
        """What the row is, as the admin titles it and its history names it: 四川省财政厅 · 配合."""
        department = self.department.name if self.department_id else "—"
        role = self.ROLE_SHORT_LABELS.get(self.role)
        return f"{department} · {role}" if role else department

    @property
    def is_responsible(self) -> bool:
        """Whether the department is responsible for the clause, not only named in it."""
        return Role(self.role).is_responsible


class ClauseRegion(TagLink):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="clause_links", verbose_name="地区")

    class Meta:
        verbose_name = verbose_name_plural = "地区标签"
        ordering = ["clause", "id"]
        constraints = [models.UniqueConstraint(fields=["clause", "region"], name="unique_clause_region")]

    def __str__(self) -> str:
        return self.region.name if self.region_id else "—"


class ClauseIndustry(TagLink):
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT, related_name="clause_links",
                                 verbose_name="产业")

    class Meta:
        verbose_name = verbose_name_plural = "产业标签"
        ordering = ["clause", "id"]
        constraints = [models.UniqueConstraint(fields=["clause", "industry"], name="unique_clause_industry")]

    def __str__(self) -> str:
        return self.industry.name if self.industry_id else "—"
