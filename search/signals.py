"""Queue what a transaction changed in the index outbox, and index it once it commits.

haystack's ``RealtimeSignalProcessor`` listens to ``post_save`` and
``post_delete`` only, so a tag edited through a ManyToMany ``set()`` or an
admin inline never reaches the index, and it writes before the transaction
commits. This processor collects the clauses each change touches — a clause,
its document, a tag link, a renamed department/region/industry — and writes
an outbox row for each (``search.outbox``) in the same transaction, so a
committed change is never without one. After the commit
(``transaction.on_commit``) the outbox is applied at once, so an edit is
searchable as soon as it commits.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from haystack.signals import BaseSignalProcessor

from clauses.gazetteer import snapshot
from clauses.models import (TAG_KINDS, Clause, ClauseDepartment, ClauseIndustry, ClauseRegion,
                            ClauseTranslation, Document, Industry, Region)

from . import indexing, outbox


class _Batch:
    """The clauses one transaction has queued; the outbox is applied when it commits.

    An ingest fires a signal for every clause and every tag link: a clause
    gets one outbox row per transaction, not one per signal. A row belongs
    to the savepoints open when it was written; a rolled-back savepoint takes
    its rows with it, so a clause queued under one no longer counts as queued.
    """

    def __init__(self) -> None:
        self.queued: dict[int, tuple] = {}
        self.done = False

    def add(self, ids: set[int], savepoints: tuple) -> None:
        new = [pk for pk in sorted(ids) if not _still_open(self.queued.get(pk), savepoints)]
        outbox.enqueue(new)
        for pk in new:
            self.queued[pk] = savepoints

    def __call__(self) -> None:
        self.done = True
        indexing.apply_pending_after_commit()


def _still_open(written_under: tuple | None, savepoints: tuple) -> bool:
    return written_under is not None and savepoints[:len(written_under)] == written_under


def _queue(clause_ids) -> None:
    ids = set(clause_ids)
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        # Autocommit: the change is already committed on its own.
        outbox.enqueue(sorted(ids))
        indexing.apply_pending_after_commit()
        return
    batch = getattr(connection, "_search_batch", None)
    # A rolled-back transaction drops its on-commit callbacks, and the batch with them.
    if batch is None or batch.done or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = connection._search_batch = _Batch()
        # Robust: an index failure must not turn a committed save into an error page.
        transaction.on_commit(batch, robust=True)
    batch.add(ids, tuple(connection.savepoint_ids))


def _clause_changed(sender, instance, **kwargs):
    _queue([instance.pk])


def _link_changed(sender, instance, **kwargs):
    _queue([instance.clause_id])


def _translation_changed(sender, instance, **kwargs):
    _queue([instance.clause_id])


def _document_changed(sender, instance, **kwargs):
    _queue(Clause.objects.filter(document_id=instance.pk).values_list("pk", flat=True))


def _gazetteer_entry_changed(sender, instance, **kwargs):
    """A renamed department, region or industry changes facet values of its clauses.

    A region's name is also in the facet of every clause tagged with a region
    that rolls up to it (宜宾 rolls up to 四川省; 京津冀 down to 北京市), so those
    clauses are refreshed too.
    """
    if sender is Region:
        _queue(ClauseRegion.objects.filter(region_id__in=snapshot.current().regions_rolling_up_to(instance.pk))
               .values_list("clause_id", flat=True))
        return
    if sender is Industry:
        below = [instance.pk, *Industry.objects.filter(parent=instance).values_list("pk", flat=True)]
        _queue(ClauseIndustry.objects.filter(industry_id__in=below).values_list("clause_id", flat=True))
        return
    _queue(ClauseDepartment.objects.filter(department=instance).values_list("clause_id", flat=True))


def _grouping_changed(sender, instance, action, pk_set, **kwargs):
    """Regions joining or leaving a grouping (川南经济区) change their clauses' roll-up.

    Django also signals an ``add()`` of members that were all there already
    (``pk_set`` empty), as ``load_gazetteers`` does on every ``make run``:
    that changes nothing, and re-indexing the grouping's clauses for it took
    minutes at 300,000 clauses.
    """
    if action in ("post_add", "post_remove") and not pk_set:
        return
    if action.startswith("post_"):
        regions = snapshot.current().regions_rolling_up_to(instance.pk, *(pk_set or ()))
        _queue(ClauseRegion.objects.filter(region_id__in=regions).values_list("clause_id", flat=True))


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Clause):
        _queue([instance.pk])
    elif pk_set:
        _queue(pk_set)


class ClauseSignalProcessor(BaseSignalProcessor):
    _receivers = [
        (post_save, _clause_changed, Clause), (post_delete, _clause_changed, Clause),
        (post_save, _document_changed, Document),
        (post_save, _translation_changed, ClauseTranslation), (post_delete, _translation_changed, ClauseTranslation),
    ] + [(post_save, _gazetteer_entry_changed, kind.entry) for kind in TAG_KINDS] + [
        (signal, _link_changed, kind.link) for kind in TAG_KINDS for signal in (post_save, post_delete)] + [
        # The link models are the through models of Clause.departments, .regions and .industries.
        (m2m_changed, _m2m_changed, kind.link) for kind in TAG_KINDS] + [
        (m2m_changed, _grouping_changed, Region.members.through)]

    def setup(self):
        # The gazetteer snapshot's receivers first: ours ask it which regions roll up
        # (``regions_rolling_up_to``), and must find this transaction's change recorded, not
        # build the shared snapshot from rows that are not committed yet. haystack's
        # app is ready before clauses', so without this they would come second.
        snapshot.connect_signals()
        for signal, receiver, sender in self._receivers:
            signal.connect(receiver, sender=sender, dispatch_uid=f"search-{receiver.__name__}-{sender.__name__}")

    def teardown(self):
        for signal, receiver, sender in self._receivers:
            signal.disconnect(receiver, sender=sender, dispatch_uid=f"search-{receiver.__name__}-{sender.__name__}")
