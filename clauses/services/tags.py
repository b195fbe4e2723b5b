"""Write a clause's extracted tags without undoing an editor's work.

For each kind of tag the ingester says what the text supports now; this
module makes the stored links agree, under three rules:

- an editor's link is never touched;
- a link an editor rejected stays rejected, even when the text still says it;
- an extracted link the text no longer supports is removed (it was only ever
  the ingester's reading of the text).
"""

from __future__ import annotations

from dataclasses import dataclass

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


def sync_extracted_links(model: type[TagLink], target_field: str, clause: Clause,
                         desired: list[DesiredLink]) -> int:
    """Make ``clause``'s extracted ``model`` links match ``desired``; return changes."""
    changes = 0
    existing = {getattr(link, f"{target_field}_id"): link for link in model.objects.filter(clause=clause)}
    for wanted in desired:
        link = existing.pop(wanted.target_id, None)
        if link is None:
            model.objects.create(clause=clause, origin=TagLink.Origin.EXTRACTED,
                                 **{f"{target_field}_id": wanted.target_id}, **wanted.fields())
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
