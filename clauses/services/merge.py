"""Merging two gazetteer entries: every link moves, the old name stays as an alias.

Used when an editor finds 省经信厅 and 四川省经济和信息化厅 as two rows, or an
unknown name ingestion kept turns out to be a known body. ``preview`` says
what would move; ``merge`` does it in one transaction.
"""

from __future__ import annotations

from django.db import transaction

from clauses.gazetteer import snapshot
from clauses.models import Department, Document, DocumentIssuer, EntryRedirect, Industry, Region, tag_kind
from clauses.parsing.types import Role


def preview(source) -> dict[str, int]:
    """How many links, aliases and references would move away from ``source``."""
    kind = tag_kind(type(source))
    counts = {
        "条款标签": kind.link.objects.filter(**{kind.key: source}).count(),
        "别名": kind.alias.objects.filter(**{kind.key: source}).count(),
    }
    if isinstance(source, Department):
        counts["发文单位"] = DocumentIssuer.objects.filter(department=source).count()
        counts["下级机构"] = source.subordinates.count()
    if isinstance(source, Region):
        counts["下级地区"] = source.children.count()
        counts["所属片区成员"] = source.members.count()
        counts["管辖部门"] = source.departments.count()
        counts["文件"] = Document.objects.filter(jurisdiction=source).count()
    if isinstance(source, Industry):
        counts["下级产业"] = source.children.count()
    return counts


def _stronger(first, second):
    """Of two links of one clause, the one to keep: an editor's, then the stronger role."""
    def rank(link):
        role = Role(link.role).strength if hasattr(link, "role") else 0
        return (link.origin != "editor", link.status != "active", role)
    return min((first, second), key=rank)


@transaction.atomic
def merge(source, target) -> set[int]:
    """Move everything from ``source`` to ``target`` and delete ``source``; returns touched clause ids."""
    if type(source) is not type(target) or source.pk == target.pk:
        raise ValueError("merge needs two different entries of the same kind")
    kind = tag_kind(type(source))
    touched: set[int] = set()
    for link in kind.link.objects.filter(**{kind.key: source}):
        touched.add(link.clause_id)
        existing = kind.link.objects.filter(clause_id=link.clause_id, **{kind.key: target}).first()
        if existing is None:
            setattr(link, kind.key, target)
            link.save()
        elif _stronger(existing, link) is link:
            existing.delete()
            setattr(link, kind.key, target)
            link.save()
        else:
            link.delete()
    for alias in kind.alias.objects.filter(**{kind.key: source}):
        if not kind.alias.objects.filter(**{kind.key: target, "name": alias.name}).exists():
            kind.alias.objects.create(**{kind.key: target, "name": alias.name})
    if source.name != target.name:
        kind.alias.objects.get_or_create(**{kind.key: target, "name": source.name})
    if isinstance(source, Department):
        for issuer in DocumentIssuer.objects.filter(department=source):
            if DocumentIssuer.objects.filter(document_id=issuer.document_id, department=target).exists():
                issuer.delete()
            else:
                issuer.department = target
                issuer.save()
        source.subordinates.update(parent=target)
        if target.in_gazetteer is False and source.in_gazetteer:
            Department.objects.filter(pk=target.pk).update(in_gazetteer=True)
        snapshot.bump()  # update() sends no signal
    if isinstance(source, Region):
        source.children.update(parent=target)
        snapshot.bump()  # before the members' signals ask which regions roll up to the target
        target.members.add(*source.members.all())
        for grouping in source.groupings.all():
            grouping.members.add(target)
        source.departments.update(jurisdiction=target)
        Document.objects.filter(jurisdiction=source).update(jurisdiction=target)
    if isinstance(source, Industry):
        source.children.update(parent=target)
        snapshot.bump()
    _redirect(source, target)
    source.delete()
    return touched


def _redirect(source, target) -> None:
    """The source's page address leads to the target's from now on, as do addresses that led to the source."""
    model = source._meta.model_name
    EntryRedirect.objects.filter(model=model, target_slug=source.slug).update(target_slug=target.slug)
    EntryRedirect.objects.update_or_create(model=model, slug=source.slug, defaults={"target_slug": target.slug})
