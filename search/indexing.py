"""Keeping the index in step with the database, one set of clauses at a time.

``refresh_clauses(ids)`` is the single way the index changes outside a full
rebuild: a current clause is (re)written, a missing or retired one removed.
If the index is locked by another writer for longer than the backend waits,
the ids are queued in ``PendingIndexUpdate`` and retried on the next write —
an update or a removal is never dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError
from django.utils import timezone
from haystack import connections

from clauses.models import Clause

from .backend import IndexBusy
from .models import PendingIndexUpdate

log = logging.getLogger(__name__)


def _index_and_backend(using: str = "default"):
    connection = connections[using]
    index = connection.get_unified_index().get_index(Clause)
    return index, connection.get_backend()


def _write(ids: set[int], using: str = "default") -> None:
    index, backend = _index_and_backend(using)
    # Every id is removed, then the current ones are read and written back, all under one lock.
    backend.write(index, lambda: list(index.index_queryset(using=using).filter(pk__in=ids)),
                  [f"clauses.clause.{pk}" for pk in sorted(ids)])


def refresh_clauses(ids: Iterable[int], using: str = "default") -> bool:
    """Write ``ids`` (and anything queued) to the index; False if they had to be queued."""
    wanted = set(ids)
    read_at = timezone.now()
    try:
        queued = set(PendingIndexUpdate.objects.values_list("clause_id", flat=True))
    except DatabaseError:
        queued = set()
    try:
        _write(wanted | queued, using)
    except Exception as error:  # busy, disk full, permissions: keep the work, say so
        level = logging.WARNING if isinstance(error, IndexBusy) else logging.ERROR
        log.log(level, "search index not written; %d clause(s) queued for the next write: %s", len(wanted), error)
        for clause_id in wanted:
            PendingIndexUpdate.objects.update_or_create(clause_id=clause_id, defaults={"error": str(error)[:300]})
        return False
    if queued:
        # A row queued again while we wrote carries newer work: leave it.
        PendingIndexUpdate.objects.filter(clause_id__in=queued, queued_at__lte=read_at).delete()
    return True


def flush_pending(using: str = "default") -> int:
    """Apply every queued update now; returns how many were applied."""
    queued = list(PendingIndexUpdate.objects.values_list("clause_id", flat=True))
    if queued and refresh_clauses([], using):
        return len(queued)
    return 0
