"""Write a clause's extracted tags without undoing an editor's work.

For each kind of tag the ingester says what the text supports now; this
module makes the stored links agree, under three rules:

- an editor's link is never touched;
- a link an editor rejected stays rejected, even when the text still says it;
- an extracted link the text no longer supports is removed (it was only ever
  the ingester's reading of the text).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import router
from django.db.models.signals import m2m_changed
from simple_history.utils import bulk_create_with_history

from clauses.models import Clause, TagLink


@dataclass(frozen=True)
class DesiredLink:
    target_id: int
    matched_text: str = ""
    span_start: int | None = None
    span_end: int | None = None
    role: str | None = None  # departments only

    def fields(self) -> dict:
        values = {"matched_text": self.matched_text[:200], "span_start": self.span_start,
                  "span_end": self.span_end}
        if self.role is not None:
            values["role"] = self.role
        return values


class NewLinks:
    """Links to create, collected over a document's clauses and created together (``create``).

    Created one by one, a 50-clause document's 300 links were 600 INSERTs (each
    link and its history row) and most of the time storing it took. Together
    they are a few; the history rows are written as ``post_save`` would have
    written them, and the index hears of the clauses as from ``Clause.departments.add``.
    """

    def __init__(self) -> None:
        self.links: dict[tuple[type[TagLink], str], list[TagLink]] = defaultdict(list)

    def add(self, link: TagLink, target_field: str) -> None:
        self.links[type(link), target_field].append(link)

    def create(self) -> None:
        for (model, target_field), links in self.links.items():
            bulk_create_with_history(links, model, batch_size=500)
            target = model._meta.get_field(target_field)
            targets: dict[int, set[int]] = defaultdict(set)
            clauses: dict[int, Clause] = {}
            for link in links:
                targets[link.clause_id].add(getattr(link, target.attname))
                clauses[link.clause_id] = link.clause
            for clause_id, pk_set in targets.items():
                m2m_changed.send(sender=model, instance=clauses[clause_id], action="post_add", reverse=False,
                                 model=target.related_model, pk_set=pk_set, using=router.db_for_write(model))
        self.links.clear()


def sync_extracted_links(model: type[TagLink], target_field: str, clause: Clause,
                         desired: list[DesiredLink], new_links: NewLinks | None = None, *,
                         existing: dict[int, TagLink] | None = None) -> int:
    """Make ``clause``'s extracted ``model`` links match ``desired``; return changes.

    With ``new_links``, the links to create are added to it for the caller to create.
    ``existing`` is the clause's stored links by target id, when the caller read
    them for a whole document at once (it is consumed); otherwise they are read here.
    """
    changes = 0
    if existing is None:
        existing = {getattr(link, f"{target_field}_id"): link for link in model.objects.filter(clause=clause)}
    for wanted in desired:
        link = existing.pop(wanted.target_id, None)
        if link is None:
            link = model(clause=clause, origin=TagLink.Origin.EXTRACTED,
                         **{f"{target_field}_id": wanted.target_id}, **wanted.fields())
            if new_links is None:
                link.save()
            else:
                new_links.add(link, target_field)
            changes += 1
            continue
        if link.origin != TagLink.Origin.EXTRACTED or link.status != TagLink.Status.ACTIVE:
            continue
        stale = {name: value for name, value in wanted.fields().items() if getattr(link, name) != value}
        if stale:
            for name, value in stale.items():
                setattr(link, name, value)
            link.save(update_fields=[*stale, "updated_at"])
            changes += 1
    for link in existing.values():
        if link.origin == TagLink.Origin.EXTRACTED and link.status == TagLink.Status.ACTIVE:
            link.delete()
            changes += 1
    return changes
