"""The gazetteer as a process sees it: one snapshot, rebuilt when the version row moves.

Search reads the gazetteer all the time — every name's other names
(工信部 ↔ 工业和信息化部), the canonical names a filter stands for, the regions
a clause rolls up to (宜宾 is in 四川 and 西部 too), jieba's dictionary — so
each process keeps one ``Snapshot`` of it in memory.

An edit must reach every process: ``make run`` serves with several gunicorn
workers, and commands run in processes of their own. Every gazetteer change
raises the one ``GazetteerVersion`` row in its own transaction (the receivers
below; ``bump()`` for writes that send no signal). The first use of the
snapshot in each request reads that row — one query by primary key — and
builds a new snapshot if the number moved, so every worker sees an edit on
its next request; later uses in the request cost nothing. Outside requests
(commands, index writers, tests) a process checks again after its own
changes commit.

A transaction that changed the gazetteer sees its change at once, in a
snapshot of its own kept on its database connection: other threads never see
data that is not committed, and the version a rolled-back transaction raised
is never taken for the data it did not keep. That snapshot reads each table
when first asked (a region saved during ``load_gazetteers`` asks only for
the region tree); the shared one reads them all at once, so that what it
holds is no older than its version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.signals import request_started
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from clauses.models import TAG_KINDS, Department, GazetteerVersion, Industry, Region
from clauses.parsing.bodies import body_typed, without_place
from clauses.parsing.lexicon import is_county_short_form

from .segmentation import Segmentation, segmentation_for

_MIN_TERM = 2  # jieba keeps whole only names of two characters or more
_NATIONAL = "国家"  # how the State Council's bodies name their place: 国家发展和改革委员会


@dataclass(frozen=True)
class _Vocabulary:
    forms: dict[str, set[str]]  # a name or alias → every name and alias of what it names
    canonical: dict[str, dict[str, set[str]]]  # kind → name or alias → the entries' names
    terms: frozenset[str]  # what jieba must keep whole


@dataclass(frozen=True)
class _RegionTree:
    rolled_up: dict[int, list[int]]  # a region → itself, then every region a clause tagged with it is found by
    names: dict[int, str]
    parent_names: dict[str, str | None]  # a region's name → its administrative parent's


class Snapshot:
    """Everything search needs from the gazetteer, read from the database once."""

    def __init__(self, version: int | None):
        self.version = version

    def read_tables(self) -> Snapshot:
        """Read every table now rather than on first use (jieba is still built on first use)."""
        for part in ("_vocabulary", "_regions", "_industries", "_bodies"):
            getattr(self, part)  # a cached property: read once, kept
        return self

    def synonyms(self, word: str) -> list[str]:
        """Other names of whatever ``word`` names, longest first; [] for an ordinary word."""
        others = self._vocabulary.forms.get(word, set()) - {word}
        return sorted(others, key=lambda form: (-len(form), form))

    def canonical_names(self, kind: str, name: str) -> list[str]:
        """The canonical name(s) a typed department/region/industry name stands for."""
        return sorted(self._vocabulary.canonical[kind].get(name, set()))

    def departments_named(self, word: str) -> list[str]:
        """The departments a word typed in a query can mean: those it names (工信部, 省发改委), and, for a
        body typed without its place (发改委, 经信厅: ``bodies.body_typed``), that body of every place."""
        named = set(self._vocabulary.canonical["department"].get(word, ()))
        body = body_typed(word)
        if body:
            named |= self._bodies.get(body, set())
        return sorted(named)

    def region_names(self, region_id: int) -> list[str]:
        """The region and every region a clause tagged with it is found by, itself first.

        Up the tree (宜宾市 → 四川省 → 西部 → 全国) and to the groupings that
        contain it (川南经济区); for a grouping, also down to its members and up
        from each of them (宜宾—泸州组团 → 宜宾市, 泸州市): a clause about the
        组团 concerns 宜宾, and filtering by 宜宾 finds it.
        """
        regions = self._regions
        return [regions.names[pk] for pk in regions.rolled_up.get(region_id, [])]

    def industry_names(self, industry_id: int) -> list[str]:
        """The industry and its sector."""
        return self._industries.get(industry_id, [])

    def regions_rolling_up_to(self, *region_ids: int) -> set[int]:
        """The regions whose clauses are found by any of ``region_ids`` (``region_names``), these included.

        A change to one of ``region_ids`` (a new name, members) changes the facets of their clauses.
        """
        wanted = set(region_ids)
        return wanted | {pk for pk, up in self._regions.rolled_up.items() if wanted.intersection(up)}

    @property
    def region_parent_names(self) -> dict[str, str | None]:
        return self._regions.parent_names

    @property
    def segmenter(self):
        """jieba's ``Tokenizer`` with every gazetteer term in its dictionary."""
        return self._segmentation.segmenter

    @property
    def cutter(self):
        """The segmenter's cut, computed faster: what search indexes and queries are cut with."""
        return self._segmentation.cutter

    @cached_property
    def terms(self) -> frozenset[str]:
        """Every name and alias in the gazetteer — the database's, or the fixture files' before it has any —
        but counties' short forms (孟津, 南部): as often words as places, forced whole they would
        cut words apart (and each raises jieba's total, moving near-ties elsewhere). Nor are they
        other names in search (``synonyms``)."""
        return self._vocabulary.terms or _file_terms()

    @cached_property
    def _segmentation(self) -> Segmentation:
        return segmentation_for(self.terms)

    @cached_property
    def _vocabulary(self) -> _Vocabulary:
        # Names ingestion kept as unknown are found by search, but are not
        # gazetteer knowledge for jieba: nobody has checked them yet.
        unchecked = set(Department.objects.filter(in_gazetteer=False).values_list("pk", flat=True))
        forms: dict[str, set[str]] = {}
        canonical: dict[str, dict[str, set[str]]] = {}
        terms: set[str] = set()
        county_ids = set(Region.objects.filter(kind=Region.Kind.COUNTY).values_list("pk", flat=True))
        for tag_kind in TAG_KINDS:
            kind = tag_kind.key
            names = dict(tag_kind.entry.objects.values_list("pk", "name"))
            entries: dict[int, set[str]] = {pk: {name} for pk, name in names.items()}
            for owner_id, alias in tag_kind.alias.objects.values_list(f"{kind}_id", "name"):
                if owner_id in entries:  # not an entry saved after ``names`` was read
                    entries[owner_id].add(alias)
            canonical[kind] = {}
            for pk, entry_forms in entries.items():
                for form in entry_forms:
                    canonical[kind].setdefault(form, set()).add(names[pk])  # a filter may name it so
                # A county's short forms (孟津, 合作, 南部) are words as often as places: a query
                # for 合作 is not one for 合作市, and forced whole in jieba they would cut words apart.
                if kind == "region" and pk in county_ids:
                    entry_forms = {form for form in entry_forms
                                   if not is_county_short_form(form, names[pk], "county")}
                for form in entry_forms:
                    forms.setdefault(form, set()).update(entry_forms)
                if not (kind == "department" and pk in unchecked):
                    terms.update(entry_forms)
        return _Vocabulary(forms=forms, canonical=canonical,
                           terms=frozenset(term for term in terms if len(term) >= _MIN_TERM))

    @cached_property
    def _regions(self) -> _RegionTree:
        regions = {pk: (name, parent_id)
                   for pk, name, parent_id in Region.objects.values_list("pk", "name", "parent")}
        groupings: dict[int, list[int]] = {}  # a region → the groupings that list it
        members: dict[int, list[int]] = {}  # a grouping → the regions it lists
        memberships = Region.members.through.objects.values_list("from_region_id", "to_region_id")
        for grouping_id, member_id in memberships:
            if grouping_id in regions and member_id in regions:  # not a region saved after ``regions`` was read
                groupings.setdefault(member_id, []).append(grouping_id)
                members.setdefault(grouping_id, []).append(member_id)

        def upwards(start: int, *, through_groupings: bool) -> list[int]:
            seen: list[int] = []
            queue = [start]
            while queue:
                current = queue.pop(0)
                if current in seen:
                    continue
                seen.append(current)
                if regions[current][1] in regions:
                    queue.append(regions[current][1])
                if through_groupings:
                    queue.extend(groupings.get(current, []))
            return seen

        rolled_up: dict[int, list[int]] = {}
        for pk in regions:
            found = upwards(pk, through_groupings=True)
            # A grouping's members (and theirs), each with its place in the tree — not their other
            # groupings: 长江经济带 lists 四川省, which is in 川渝地区, but is not within 川渝地区.
            pending, listed = list(members.get(pk, [])), set()
            while pending:
                member = pending.pop(0)
                if member not in listed:
                    listed.add(member)
                    found += [region for region in upwards(member, through_groupings=False) if region not in found]
                    pending += members.get(member, [])
            rolled_up[pk] = found
        names = {pk: name for pk, (name, _) in regions.items()}
        return _RegionTree(rolled_up=rolled_up, names=names,
                           parent_names={name: names.get(parent_id) for name, parent_id in regions.values()})

    @cached_property
    def _bodies(self) -> dict[str, set[str]]:
        """A body's name without its place (发展和改革委员会) → the departments of that body in every place."""
        bodies: dict[str, set[str]] = {}
        for name, place in Department.objects.values_list("name", "jurisdiction__name"):
            # 四川省商务厅 → 商务厅, 国家发展和改革委员会 → 发展和改革委员会; 商务部 is its own.
            body = without_place(name, place) or without_place(name, _NATIONAL) or name
            bodies.setdefault(body, set()).add(name)
        return bodies

    @cached_property
    def _industries(self) -> dict[int, list[str]]:
        industries = {pk: (name, parent_id)
                      for pk, name, parent_id in Industry.objects.values_list("pk", "name", "parent")}
        return {pk: [name, industries[parent_id][0]] if parent_id in industries else [name]
                for pk, (name, parent_id) in industries.items()}


def _file_terms() -> frozenset[str]:
    from .files import read_gazetteer_files

    data = read_gazetteer_files(settings.GAZETTEER_DIR)
    terms = set()
    for entries in (data.departments, data.regions, data.industries):
        for entry in entries:
            forms = [entry["name"], *entry.get("aliases", [])]
            terms.update(form for form in forms if not is_county_short_form(form, entry["name"], entry.get("kind")))
    return frozenset(term for term in terms if len(term) >= _MIN_TERM)


# The shared snapshot, and whether the version row must be read before it is used again.
_lock = threading.Lock()
_shared: Snapshot | None = None
_check_due = True


def current() -> Snapshot:
    """The gazetteer as this thread's transaction sees it."""
    global _shared, _check_due
    connection = transaction.get_connection()
    changes = _uncommitted_changes(connection)
    if changes:
        return _private(connection, changes)
    with _lock:
        if _shared is None or _check_due:
            version = _read_version()
            _check_due = False
            if _shared is None or version is None or version != _shared.version:
                _shared = Snapshot(version).read_tables()
        return _shared


def reset() -> None:
    """Forget the shared snapshot: the next use reads the database (a restored database, tests' rollbacks)."""
    global _shared
    with _lock:
        _shared = None


def bump() -> None:
    """Record a gazetteer change in the current transaction; for writes that send no signal (``update()``)."""
    global _check_due
    if not GazetteerVersion.objects.filter(pk=1).update(version=F("version") + 1):
        GazetteerVersion.objects.get_or_create(pk=1)  # made by the migration; here only if deleted since
        GazetteerVersion.objects.filter(pk=1).update(version=F("version") + 1)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        with _lock:
            _check_due = True  # committed already
        return
    change = _Change()
    connection._gazetteer_changes = [*getattr(connection, "_gazetteer_changes", ()), change]
    transaction.on_commit(change)


class _Change:
    """A change of an open transaction: called when it commits, dropped from ``run_on_commit`` if it rolls back."""

    committed = False

    def __call__(self) -> None:
        global _check_due
        self.committed = True
        with _lock:
            _check_due = True


def _uncommitted_changes(connection) -> tuple[_Change, ...]:
    global _check_due
    changes = getattr(connection, "_gazetteer_changes", None)
    if not changes:
        return ()
    waiting = {id(callback) for _, callback, _ in connection.run_on_commit}
    pending = tuple(change for change in changes if id(change) in waiting and not change.committed)
    if len(pending) < len(changes):
        # Committed or rolled back; the version row says which. Django empties
        # ``run_on_commit`` before it runs a commit's callbacks, so one queued
        # before our ``_Change`` (indexing the saved clauses) gets here first
        # and must not be given the snapshot from before the change.
        with _lock:
            _check_due = True
    connection._gazetteer_changes = list(pending)
    if not pending:
        connection._gazetteer_private = None  # its jieba may be 70 MB
    return pending


def _private(connection, changes: tuple[_Change, ...]) -> Snapshot:
    """A snapshot of what the transaction sees, until it changes the gazetteer again or rolls back to before."""
    kept = getattr(connection, "_gazetteer_private", None)
    if kept is None or kept[0] != changes:
        kept = connection._gazetteer_private = (changes, Snapshot(version=None))
    return kept[1]


def _read_version() -> int | None:
    try:
        return GazetteerVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    except DatabaseError:  # no table yet (before ``migrate``)
        return None


def _changed(sender, action: str | None = None, pk_set=None, **kwargs) -> None:
    # ``add()`` of members a grouping already has (``load_gazetteers`` on every ``make run``) changes nothing.
    if action is not None and (not action.startswith("post_") or (action != "post_clear" and not pk_set)):
        return
    bump()


def check_for_changes() -> None:
    """Read the version row at the next use: each request does, and a process serving none (the
    background indexer) before each piece of work, so that it sees the editors' changes."""
    global _check_due
    _check_due = True  # one assignment: no lock needed


def _request_started(**_kwargs) -> None:
    check_for_changes()


def connect_signals() -> None:
    for kind in TAG_KINDS:
        for changed in (kind.entry, kind.alias):
            post_save.connect(_changed, sender=changed, dispatch_uid=f"gazetteer-{changed.__name__}-save")
            post_delete.connect(_changed, sender=changed, dispatch_uid=f"gazetteer-{changed.__name__}-delete")
    m2m_changed.connect(_changed, sender=Region.members.through, dispatch_uid="gazetteer-region-members")
    request_started.connect(_request_started, dispatch_uid="gazetteer-version-check")
