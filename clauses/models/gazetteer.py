"""Gazetteers: departments, regions and industries, each with aliases.

They are loaded from ``fixtures/gazetteers/`` by ``load_gazetteers`` and then
cared for by editors. Facets and tags point at these rows, so a name change
is one edit, and aliases are how the texts' many spellings find them.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from simple_history.models import HistoricalRecords

from clauses.parsing.lexicon import fold
from clauses.parsing.slugs import ENTRY_SLUG_LENGTH, entry_slug


class DistinctAlias:
    """An alias may not be another entry's name, nor another entry's alias where both would apply.

    The lexicon and search treat every name and alias of an entry as the same
    thing, so an alias that another entry already answers to joins the two:
    宜宾市 as an alias of 泸州市 put 宜宾's clauses into 泸州's results. That is
    a merge, which only an admin makes (clauses/services/merge.py). Names are
    compared as the lexicon compares them (``fold``: bracket widths, spaces).
    Rows the gazetteer files share on purpose (中西部 for 中部 and 西部) stay;
    only a new or changed alias is checked.
    """

    owner_field = ""
    _MERGE_HINT = "如果两者确是同一条目，请管理员使用“合并”。"

    def clean(self):
        super().clean()
        key = fold(self.name or "")
        if not key or self._unchanged():
            return
        try:
            owner = getattr(self, self.owner_field)
        except ObjectDoesNotExist:
            owner = None
        entries = self._meta.get_field(self.owner_field).related_model.objects.all()
        aliases = self._alias_scope(type(self).objects.all(), owner)
        if owner is not None and owner.pk:
            entries = entries.exclude(pk=owner.pk)
            aliases = aliases.exclude(**{f"{self.owner_field}_id": owner.pk})
        for name in entries.values_list("name", flat=True):
            if fold(name) == key:
                raise ValidationError({"name": f"“{self.name}”是另一条目“{name}”的名称，不能作为别名。"
                                               + self._MERGE_HINT})
        for alias, owner_name in aliases.values_list("name", f"{self.owner_field}__name"):
            if fold(alias) == key:
                raise ValidationError({"name": f"“{self.name}”已是“{owner_name}”的别名“{alias}”，不能再作为"
                                               f"{self._scope_phrase()}另一条目的别名。" + self._MERGE_HINT})

    def _unchanged(self) -> bool:
        return bool(self.pk) and type(self).objects.filter(pk=self.pk, name=self.name).exists()

    def _alias_scope(self, aliases, owner):
        """The aliases this one must differ from: all of the same kind."""
        return aliases

    def _scope_phrase(self) -> str:
        return ""


class SluggedEntry(models.Model):
    """A gazetteer entry with a page of its own, at an address that never changes.

    The slug is given when the row is first saved (``parsing.slugs.entry_slug``)
    and never regenerated: a renamed entry keeps its address, and a merged one
    sends its visitors on (``EntryRedirect``). Bulk inserts, which skip
    ``save()``, give it with ``assign_slugs``.
    """

    slug = models.SlugField("标识（slug）", max_length=ENTRY_SLUG_LENGTH, unique=True, editable=False)

    class Meta:
        abstract = True

    def slug_qualifiers(self) -> list[str]:
        """What tells this entry from another whose name reads the same in pinyin, most telling first."""
        return []

    def save(self, *args, **kwargs):
        if self.slug:
            return super().save(*args, **kwargs)
        # Two processes may make namesakes at once (two ingests, each meeting 各市（州）人民政府 of its
        # province): both pick the same free slug, and the second insert fails. It picks again.
        for attempt in range(_SLUG_ATTEMPTS):
            assign_slugs(type(self), [self])
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                taken = type(self).objects.filter(slug=self.slug).exclude(pk=self.pk).exists()
                self.slug = ""
                if not taken or attempt == _SLUG_ATTEMPTS - 1:
                    raise


_SLUG_ATTEMPTS = 5


def assign_slugs(model, entries: list[SluggedEntry]) -> None:
    """Give each of ``entries`` without a slug one that no row of ``model`` and no other of them has.

    Nor a merged entry's old address: a page cited there must not become another entry's.
    """
    taken = set(model.objects.values_list("slug", flat=True))
    taken.update(EntryRedirect.objects.filter(model=model._meta.model_name).values_list("slug", flat=True))
    taken.update(entry.slug for entry in entries if entry.slug)
    for entry in entries:
        if not entry.slug:
            entry.slug = entry_slug(entry.name, entry.slug_qualifiers(), taken,
                                    fallback=model._meta.model_name)
            taken.add(entry.slug)


class EntryRedirect(models.Model):
    """The address of an entry merged into another (``services.merge``): its page now lives at ``target_slug``."""

    model = models.CharField("条目类型", max_length=20)  # the entry's model name: department, region, industry
    slug = models.SlugField("原标识", max_length=ENTRY_SLUG_LENGTH)
    target_slug = models.SlugField("新标识", max_length=ENTRY_SLUG_LENGTH)

    class Meta:
        verbose_name = verbose_name_plural = "条目转址"
        constraints = [models.UniqueConstraint(fields=["model", "slug"], name="unique_entry_redirect")]

    def __str__(self) -> str:
        return f"{self.model}/{self.slug} → {self.target_slug}"


class Region(SluggedEntry):
    class Kind(models.TextChoices):
        NATION = "nation", "全国"
        MACRO_REGION = "macro_region", "大区"
        PROVINCE = "province", "省级"
        PREFECTURE = "prefecture", "地级"
        COUNTY = "county", "县级"
        SUBREGION = "subregion", "省内片区"
        ZONE = "zone", "区域战略/功能区"
        AREA_TYPE = "area_type", "特殊类型地区"

    # Unique: facets and filters name regions. The few county names borne by
    # several counties (朝阳区, 城区) are qualified by their parent (北京市朝阳区),
    # and the bare name is an alias of each (``clauses.gazetteer.region_entries``).
    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    # A division's code (GB/T 2260): how the loader finds it again after an editor renamed it.
    code = models.CharField("行政区划代码（GB/T 2260）", max_length=6, blank=True, db_index=True)
    # The administrative tree: 全国 → 西部 → 四川省 → 宜宾市.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name="上级地区")
    # Groupings that cut across the tree (川南经济区, 成渝地区双城经济圈) list their members.
    members = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="groupings",
                                     verbose_name="所含地区")

    class Meta:
        verbose_name = verbose_name_plural = "地区"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code"], condition=~Q(code=""),
                                               name="unique_region_code")]

    def __str__(self) -> str:
        return self.name

    def slug_qualifiers(self) -> list[str]:
        return [self.code, self.parent.name if self.parent_id else ""]


class RegionAlias(DistinctAlias, models.Model):
    owner_field = "region"
    history = HistoricalRecords()
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="aliases", verbose_name="地区")
    name = models.CharField("别名", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "地区别名"
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_region_alias")]

    def __str__(self) -> str:
        return self.name


class Department(SluggedEntry):
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

    name = models.CharField("名称", max_length=120)
    short_name = models.CharField("简称", max_length=60, blank=True)
    level = models.CharField("层级", max_length=20, choices=Level.choices, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.MINISTRY)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="subordinates", verbose_name="上级部门")
    # Where the body acts: 四川省 for 省发展改革委, 全国 for a ministry.
    jurisdiction = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="departments", verbose_name="辖区")
    # False for names ingestion met but the gazetteer did not know.
    in_gazetteer = models.BooleanField("已收入名录", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "部门"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "jurisdiction"],
                                               name="unique_department_per_jurisdiction")]

    def __str__(self) -> str:
        return self.name

    def slug_qualifiers(self) -> list[str]:
        return [self.jurisdiction.name if self.jurisdiction_id else ""]


class DepartmentAlias(DistinctAlias, models.Model):
    owner_field = "department"
    history = HistoricalRecords()
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="aliases",
                                   verbose_name="部门")
    name = models.CharField("别名", max_length=120)

    class Meta:
        verbose_name = verbose_name_plural = "部门别名"
        constraints = [models.UniqueConstraint(fields=["department", "name"],
                                               name="unique_department_alias")]

    def __str__(self) -> str:
        return self.name

    def _alias_scope(self, aliases, owner):
        # 省发改委 is every province's own body: a short name is shared across
        # jurisdictions (the lexicon picks the document's), never within one.
        region = owner.jurisdiction if owner is not None else None
        if region is None or region.kind == Region.Kind.NATION:
            return aliases.filter(Q(department__jurisdiction__isnull=True)
                                  | Q(department__jurisdiction__kind=Region.Kind.NATION))
        return aliases.filter(department__jurisdiction=region)

    def _scope_phrase(self) -> str:
        return "同一辖区内"


class Industry(SluggedEntry):
    name = models.CharField("名称", max_length=100, unique=True)
    # Two levels: a sector (no parent) and the industries under it.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name="上级产业")

    class Meta:
        verbose_name = verbose_name_plural = "产业"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def slug_qualifiers(self) -> list[str]:
        return [self.parent.name if self.parent_id else ""]


class IndustryAlias(DistinctAlias, models.Model):
    owner_field = "industry"
    history = HistoricalRecords()
    industry = models.ForeignKey(Industry, on_delete=models.CASCADE, related_name="aliases", verbose_name="产业")
    name = models.CharField("别名", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "产业别名"
        constraints = [models.UniqueConstraint(fields=["industry", "name"], name="unique_industry_alias")]

    def __str__(self) -> str:
        return self.name


class GazetteerVersion(models.Model):
    """One row, its number raised in the transaction of every gazetteer change.

    Each process keeps one picture of the gazetteer (``clauses.gazetteer.snapshot``)
    and compares its number with this row at the start of each request: a change
    saved by another process, or another worker, is seen on the next request.
    """

    version = models.PositiveBigIntegerField("版本号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "名录版本"

    def __str__(self) -> str:
        return f"名录版本 {self.version}"
