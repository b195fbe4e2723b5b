"""Keeping the index in step with the database: applying the index outbox.

``apply_pending()`` is the single way the index changes outside a full
rebuild: every clause with a pending outbox row (``search.outbox``) is
written — a current clause (re)written, a missing or retired one removed —
and the rows are settled only after the index has them. If the index cannot
be written (locked by another writer for longer than the backend waits, disk
full), the rows stay and the next write, or ``manage.py search_index
--flush``, applies them: an update or a removal is never dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from pathlib import Path

from django.db import transaction
from haystack import connections

from clauses.models import Clause

from . import outbox, rebuilds
from .engine import index_dirs
from .engine.backend import IndexBusy

log = logging.getLogger(__name__)

_FETCH = 500  # clauses read per query while writing
# Inside ``deferred()``: a commit leaves its outbox rows for the caller to apply.
_deferred: ContextVar[bool] = ContextVar("index_writes_deferred", default=False)


def _index_and_backend(using: str = "default"):
    connection = connections[using]
    index = connection.get_unified_index().get_index(Clause)
    return index, connection.get_backend()


def _live_generation(backend) -> str:
    if not backend.live_link:
        return ""
    return Path(index_dirs.live_target(Path(backend.path))).name


def _write(ids: set[int], using: str = "default") -> str:
    """Write ``ids`` to the index; returns the generation written to."""
    index, backend = _index_and_backend(using)
    ordered = sorted(ids)

    def current():
        for start in range(0, len(ordered), _FETCH):
            yield from index.index_queryset(using=using).filter(pk__in=ordered[start:start + _FETCH])

    # Every id is removed, then the current ones are read and written back, all under one lock.
    backend.write(index, current, [f"clauses.clause.{pk}" for pk in ordered])
    return backend.generation


def apply_pending(using: str = "default", *, rebuild_owner: bool = False) -> int:
    """Write every clause the outbox holds to the index; returns how many clauses were written.

    Raises what the index write raised; the rows then stay pending.
    ``rebuild_owner`` is for the rebuild's catch-up, which holds the rebuild
    lock itself and writes to the generation it has just swapped in.
    """
    _, backend = _index_and_backend(using)
    if not backend.setup_complete:
        # Only the first time: setting up again reopens the index, which drops this
        # thread's open searcher and its parsed queries after every save.
        backend.setup()
    rows = outbox.pending(_live_generation(backend))
    if not rows:
        return 0
    clause_ids = set(rows.values())
    try:
        written_to = _write(clause_ids, using)
    except Exception as error:
        outbox.note_error(list(rows), error)
        raise
    # Checked after the write: a rebuild that takes its lock later reads the database later too.
    may_delete = written_to == _live_generation(backend) and (
        rebuild_owner or not rebuilds.is_running(Path(backend.path).parent))
    outbox.settle(list(rows), written_to, may_delete=may_delete)
    return len(clause_ids)


# Told why the index was not written (the rows stay queued), instead of the log.
OnFailure = Callable[[Exception], None]


@contextmanager
def deferred(*, on_failure: OnFailure | None = None) -> Iterator[None]:
    """Within it, a commit queues its clauses in the outbox but does not write them to the index.

    For a bulk ingest: one index commit per document costs more than the
    document's own transaction at 100,000 clauses, so the caller applies the
    outbox itself every so many documents (``apply_pending_once_committed``). Nothing can be
    lost: the rows are committed with the change, and if the process dies
    first, the next writer (or ``manage.py search_index --flush``) applies
    them. The outbox is applied on leaving, however the block is left: the
    last write, whose failure goes to ``on_failure`` if given (a command can
    then say that its changes are not searchable yet), else to the log.
    """
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        apply_pending_once_committed(on_failure=on_failure)


def apply_pending_once_committed(*, on_failure: OnFailure | None = None) -> None:
    """Apply the outbox now or, inside a transaction, once it commits: never rows that may yet roll back.

    A failure goes to ``on_failure`` if given, else to the log.
    """
    transaction.on_commit(partial(apply_pending_or_log, on_failure=on_failure))


def apply_pending_after_commit() -> None:
    """The on-commit hook: an index failure must not turn a committed save into an error page."""
    if not _deferred.get():
        apply_pending_or_log()


def apply_pending_or_log(*, on_failure: OnFailure | None = None) -> None:
    """``apply_pending``, saying why the index was not written instead of raising: to ``on_failure`` if
    given, else to the log (a web request's save stays a save)."""
    try:
        apply_pending()
    except Exception as error:  # busy, disk full, permissions: the outbox keeps the work; say so
        if on_failure is not None:
            on_failure(error)
            return
        level = logging.WARNING if isinstance(error, IndexBusy) else logging.ERROR
        log.log(level, "search index not written; the change stays queued for the next write: %s", error)

