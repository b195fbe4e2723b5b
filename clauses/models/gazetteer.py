"""Gazetteers: departments, regions and industries, each with aliases.

They are loaded from ``fixtures/gazetteers/`` by ``load_gazetteers`` and then
cared for by editors. Facets and tags point at these rows, so a name change
is one edit, and aliases are how the texts' many spellings find them.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class Region(models.Model):
    class Kind(models.TextChoices):
        NATION = "nation", "全国"
        MACRO_REGION = "macro_region", "大区"
        PROVINCE = "province", "省级"
        PREFECTURE = "prefecture", "地级"
        SUBREGION = "subregion", "省内片区"
        ZONE = "zone", "区域战略/功能区"
        AREA_TYPE = "area_type", "特殊类型地区"

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField("GB/T 2260 code", max_length=6, blank=True, db_index=True)
    # The administrative tree: 全国 → 西部 → 四川省 → 宜宾市.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    # Groupings that cut across the tree (川南经济区, 成渝地区双城经济圈) list their members.
    members = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="groupings")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionAlias(models.Model):
    history = HistoricalRecords()
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_region_alias")]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "国家级"
        PROVINCIAL = "provincial", "省级"
        MUNICIPAL = "municipal", "市级"
        COUNTY = "county", "县级"
        COLLECTIVE = "collective", "层级统称"

    class Kind(models.TextChoices):
        PARTY_STATE = "party_state", "政府/办公厅"
        MINISTRY = "ministry", "部门"
        BRANCH = "branch", "垂直管理派出机构"
        OFFICE = "office", "议事协调机构办公室"
        COLLECTIVE = "collective", "实施层级"
        UNVERIFIED = "unverified", "未收录（待编辑核实）"

    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=60, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MINISTRY)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="subordinates")
    # Where the body acts: 四川省 for 省发展改革委, 全国 for a ministry.
    jurisdiction = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="departments")
    # False for names ingestion met but the gazetteer did not know.
    in_gazetteer = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "jurisdiction"],
                                               name="unique_department_per_jurisdiction")]

    def __str__(self) -> str:
        return self.name


class DepartmentAlias(models.Model):
    history = HistoricalRecords()
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "name"],
                                               name="unique_department_alias")]

    def __str__(self) -> str:
        return self.name


class Industry(models.Model):
    name = models.CharField(max_length=100, unique=True)
    # Two levels: a sector (no parent) and the industries under it.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return self.name


class IndustryAlias(models.Model):
    history = HistoricalRecords()
    industry = models.ForeignKey(Industry, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["industry", "name"], name="unique_industry_alias")]

    def __str__(self) -> str:
        return self.name
