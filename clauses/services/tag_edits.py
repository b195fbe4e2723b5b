"""Editors' tag edits outside a single clause page: bulk add and remove.

Adding makes an editor's link (or re-activates a rejected one, now the
editor's); removing rejects an extracted link and deletes an editor's own.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from clauses.models import Clause, TagLink, tag_kind


@transaction.atomic
def add_tag(*, clauses: list[Clause], kind: str, target, user, role: str | None = None) -> int:
    """Tag ``clauses`` with ``target``, an entry of the tag kind ``kind`` ("region")."""
    model = tag_kind(kind).link
    changed = 0
    for clause in clauses:
        link = model.objects.filter(clause=clause, **{kind: target}).first()
        if link is None:
            link = model(clause=clause, **{kind: target})
        elif link.status == TagLink.Status.ACTIVE and (role is None or link.role == role):
            continue
        link.origin, link.status, link.created_by = TagLink.Origin.EDITOR, TagLink.Status.ACTIVE, user
        link.rejected_by, link.rejected_at = None, None
        if role is not None:
            link.role = role
        link.save()
        changed += 1
    _bump_revisions(clauses)
    return changed


def _bump_revisions(clauses: list[Clause]) -> None:
    """A bulk edit is a save of each clause: a page opened before it is now out of date."""
    Clause.objects.filter(pk__in=[clause.pk for clause in clauses]).update(revision=F("revision") + 1)


def remove_link(link: TagLink, *, user) -> None:
    """What removing a tag means: an extracted one is rejected (kept), an editor's is deleted."""
    if link.origin == TagLink.Origin.EXTRACTED:
        link.status, link.rejected_by, link.rejected_at = TagLink.Status.REJECTED, user, timezone.now()
        link.save()
    else:
        link.delete()


@transaction.atomic
def remove_tag(*, clauses: list[Clause], kind: str, target, user) -> int:
    model = tag_kind(kind).link
    links = model.objects.active().filter(clause__in=clauses, **{kind: target})
    count = 0
    for link in links:
        remove_link(link, user=user)
        count += 1
    _bump_revisions(clauses)
    return count
