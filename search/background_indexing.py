"""Applying the index outbox in a forked process while a bulk ingest goes on storing.

A bulk ingest stores documents in one process (SQLite has one writer) and
parses them in others. Writing the index — jieba's cut and Whoosh's
postings, pure Python — took a third of the storing process's time; here it
runs in a process of its own, so that storing, parsing and indexing overlap
on the machine's cores.

Nothing can be lost or written stale: the outbox (``search.outbox``) is safe
for several writers, the indexer applies only committed rows, and the ingest
applies whatever is left itself once the indexer has ended. An indexer that
fails or dies leaves its rows pending for that last apply.

The indexer is forked, so it starts with what the ingest has loaded (jieba,
the gazetteer snapshot, the settings as they are, in tests too). It shares
the parent's memory but not its database connection or its open index: it
opens its own (``_detach``), and keeps the parent's objects referenced and
unused until it exits, so that no finalizer closes the parent's socket or
SQLite handle.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time

from django.db import connections
from haystack import connections as search_connections

log = logging.getLogger(__name__)

# The parent's connections, as the indexer inherited them: never used, never closed.
_inherited: list = []


def available() -> bool:
    """Whether an indexer can run beside this process: fork exists, every database is a file or a
    server another process can open (a test's in-memory SQLite is not), outside any transaction, and
    every index is in files (an index in memory is this process's alone)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    for connection in connections.all():
        if connection.in_atomic_block:
            return False
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            return False
    return all(search_connections[alias].get_backend().use_file_storage
               for alias in search_connections.connections_info)


class BackgroundIndexer:
    """A forked process that applies the outbox whenever ``request()`` asks, until ``close()``."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._wake = context.Event()
        self._stop = context.Event()
        self._busy_seconds = context.Value("d", 0.0)
        # The ingest's pid, taken here: read in the indexer, it could already be its adopter's.
        self._process = context.Process(
            target=_serve, args=(self._wake, self._stop, self._busy_seconds, os.getpid()),
            name="policykb-indexer", daemon=True)

    def __enter__(self) -> BackgroundIndexer:
        self._process.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def request(self) -> None:
        """Apply the outbox as soon as the indexer is free (at once if it is idle); does not wait."""
        self._wake.set()

    def close(self) -> None:
        """Let the indexer finish what it is writing, and end it; waits until it has ended.

        Called again after a Ctrl-C interrupted the wait, it waits again: the
        ingest's last write must not race the indexer for the index's lock.
        """
        if self._process.pid is None:
            return
        self._stop.set()
        self._wake.set()
        self._process.join()

    @property
    def busy_seconds(self) -> float:
        """How long the indexer spent writing the index."""
        return self._busy_seconds.value


# How often an idle indexer checks that the ingest is still there.
_PARENT_CHECK_SECONDS = 1.0


def _serve(wake, stop, busy_seconds, ingest: int) -> None:
    # Ctrl-C reaches the whole process group: the ingest decides when to stop, and ends the indexer.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _detach()
    from clauses.gazetteer import snapshot

    from . import indexing

    while True:
        if not wake.wait(timeout=_PARENT_CHECK_SECONDS):
            if os.getppid() != ingest:
                # The ingest was killed (SIGKILL, out of memory): it will never ask again. Its rows stay
                # in the outbox for the next writer; an indexer left waiting would hold its pipes open.
                os._exit(1)
            continue
        wake.clear()
        if stop.is_set():
            return
        started = time.perf_counter()
        try:
            snapshot.check_for_changes()  # an editor's alias or rename since the last write
            indexing.apply_pending()
        except Exception as error:  # noqa: BLE001 — the rows stay pending; the ingest applies them at its end
            log.warning("background index write failed; the ingest applies the outbox at its end: %s", error)
        busy_seconds.value += time.perf_counter() - started


def _detach() -> None:
    """Give the indexer connections and an index of its own, keeping the parent's untouched."""
    for connection in connections.all(initialized_only=True):
        _inherited.append(connection.connection)
        connection.connection = None  # the next query connects anew
    for alias in search_connections.connections_info:
        backend = search_connections[alias].get_backend()
        _inherited.append(getattr(backend, "_open_searcher", None))
        backend._open_searcher = None
        backend.setup_complete = False  # reopened on the first write
