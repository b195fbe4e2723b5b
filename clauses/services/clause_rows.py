"""A document's clause rows across versions: identity, renumbering, versions and translations.

``store_clauses`` makes the stored clauses of a document the parsed ones:
a clause keeps its row (and so its permalink, versions and editors' tags)
while its wording or number changes (``match_rows``), gains a version when
either does, and is retired, not deleted, when the text no longer has it.
The tags are the caller's (``services.ingest``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import router
from django.db.models.signals import post_save
from django.utils import timezone

from clauses.models import Clause, ClauseKeyHistory, ClauseTranslation, ClauseVersion, Document
from clauses.parsing.types import ParsedClause


def match_rows(rows: list[Clause], parsed_clauses: list[ParsedClause]) -> dict[str, Clause]:
    """Which stored row each parsed clause is, so identity survives edits and renumbering.

    In order: the same wording anywhere in the document (a renumbered clause);
    the same key (a clause edited in place); the same heading (renumbered and
    edited). What matches nothing is new; rows nobody matched are retired.
    The admin's upload preview shows a new version through this same matching.
    """
    free = list(rows)
    matched: dict[str, Clause] = {}
    rules = (
        lambda row, parsed: (row.kind, row.heading, row.text) == (parsed.kind, parsed.heading, parsed.text),
        lambda row, parsed: row.key == parsed.key,
        lambda row, parsed: row.kind == parsed.kind and bool(row.heading) and row.heading == parsed.heading,
    )
    for rule in rules:
        for parsed in parsed_clauses:
            if parsed.key in matched:
                continue
            row = next((row for row in free if rule(row, parsed)), None)
            if row is not None:
                matched[parsed.key] = row
                free.remove(row)
    return matched


def _follow_renumbering(document: Document, parsed_clauses: list[ParsedClause]) -> None:
    """Give every matched row its new key; remember old keys so their links answer 301."""
    rows = list(Clause.objects.filter(document=document))
    matched = match_rows(rows, parsed_clauses)
    moving = [(row, key) for key, row in matched.items() if row.key != key]
    taken = set(matched)
    # Rows left behind whose key a clause now uses step aside; they are retired later.
    displaced = [row for row in rows if row not in matched.values() and row.key in taken]
    # Two steps, so keys may swap places without breaking uniqueness.
    for row in [row for row, _ in moving] + displaced:
        Clause.objects.filter(pk=row.pk).update(key=f"~{row.pk}")
    for row, key in moving:
        ClauseKeyHistory.objects.update_or_create(document=document, key=row.key, defaults={"clause": row})
        Clause.objects.filter(pk=row.pk).update(key=key)
    for row in displaced:
        # Still a valid permalink path; the old key keeps pointing here in history.
        ClauseKeyHistory.objects.update_or_create(document=document, key=row.key, defaults={"clause": row})
        Clause.objects.filter(pk=row.pk).update(key=f"{row.key}-r{row.pk}")


def store_clauses(document: Document, parsed_clauses: list[ParsedClause], sha256: str, *,
                   new: bool) -> dict[str, Clause]:
    """Store the document's clauses, their versions and translations; return them by key.

    A ``new`` document has no stored rows: nothing to renumber, match, read or
    retire, and its clauses are created together (``_create_clauses``). Otherwise
    the stored clauses, versions and translations are read once for the whole
    document, not once per clause.
    """
    if not new:
        _follow_renumbering(document, parsed_clauses)
    existing = {} if new else {clause.key: clause for clause in Clause.objects.filter(document=document)}
    kept: dict[str, Clause] = {}
    created: list[Clause] = []
    for order, parsed in enumerate(parsed_clauses):
        values = {"order": order, "label": parsed.label, "number": parsed.number,
                  "heading": parsed.heading[:200], "text": parsed.text, "kind": parsed.kind,
                  "retired_at": None}
        clause = existing.pop(parsed.key, None)
        if clause is None:
            clause = Clause(document=document, key=parsed.key, **values)
            created.append(clause)
        else:
            changed = [name for name, value in values.items() if getattr(clause, name) != value]
            for name in changed:
                setattr(clause, name, values[name])
            if changed:
                clause.save(update_fields=[*changed, "updated_at"])
        kept[parsed.key] = clause
    _create_clauses(created, parsed_clauses, kept)
    _store_versions(document, list(kept.values()), sha256, new=new)
    _store_translations(document, kept, parsed_clauses, new=new)
    fresh = set(map(id, created))
    for parsed in parsed_clauses:
        clause = kept[parsed.key]
        parent_id = kept[parsed.parent_key].pk if parsed.parent_key in kept else None
        if clause.parent_id != parent_id and id(clause) not in fresh:
            clause.parent_id = parent_id
            clause.save(update_fields=["parent", "updated_at"])
    now = timezone.now()
    for clause in existing.values():
        if clause.retired_at is None:
            clause.retired_at = now
            clause.save(update_fields=["retired_at", "updated_at"])
    return kept


def _create_clauses(created: list[Clause], parsed_clauses: list[ParsedClause], kept: dict[str, Clause]) -> None:
    """INSERT ``created`` together, with their parents; the index hears of each as from ``save()``.

    A parent's id is known only once it is inserted, so parents are set by one
    UPDATE after the INSERT. ``post_save`` is sent for each clause afterwards,
    as ``Clause.objects.create`` would have sent it: the search outbox
    (``search.signals``) must get a row for every clause, tagged or not.
    """
    if not created:
        return
    Clause.objects.bulk_create(created, batch_size=500)
    fresh = set(map(id, created))
    with_parent = []
    for parsed in parsed_clauses:
        clause = kept[parsed.key]
        if id(clause) in fresh and parsed.parent_key in kept:
            clause.parent_id = kept[parsed.parent_key].pk
            with_parent.append(clause)
    if with_parent:
        Clause.objects.bulk_update(with_parent, ["parent"], batch_size=500)
    using = router.db_for_write(Clause)
    for clause in created:
        post_save.send(sender=Clause, instance=clause, created=True, update_fields=None, raw=False, using=using)


def _store_versions(document: Document, clauses: list[Clause], sha256: str, *, new: bool) -> None:
    """A new version for each clause whose wording (or number) differs from its latest one; created together.

    A new version when the wording changes, or the clause moved to a new
    number: pinned links must know which clause had which number when.
    """
    latest: dict[int, ClauseVersion] = {}
    if not new:
        for version in ClauseVersion.objects.filter(clause__document=document).order_by("clause_id", "-number"):
            latest.setdefault(version.clause_id, version)
    versions = []
    for clause in clauses:
        last = latest.get(clause.pk)
        if last is None or (last.key, last.label, last.heading, last.text) != (
                clause.key, clause.label, clause.heading, clause.text):
            versions.append(ClauseVersion(clause=clause, number=(last.number + 1) if last else 1,
                                          key=clause.key, label=clause.label, heading=clause.heading,
                                          text=clause.text, source_sha256=sha256))
    ClauseVersion.objects.bulk_create(versions, batch_size=500)


def _store_translations(document: Document, clauses: dict[str, Clause], parsed_clauses: list[ParsedClause], *,
                        new: bool) -> None:
    """Make each clause's stored translations the parsed ones (read once for the document, saved one by one)."""
    stored: dict[int, dict[str, ClauseTranslation]] = defaultdict(dict)
    if not new:
        for translation in ClauseTranslation.objects.filter(clause__document=document):
            stored[translation.clause_id][translation.language] = translation
    for parsed in parsed_clauses:
        clause = clauses[parsed.key]
        own = stored.pop(clause.pk, {})
        for language, text in parsed.translations.items():
            translation = own.pop(language, None)
            if translation is None:
                ClauseTranslation.objects.create(clause=clause, language=language, text=text)
            elif translation.text != text:
                translation.text = text
                translation.save(update_fields=["text"])
        for translation in own.values():
            translation.delete()
