"""``ingest_files``: a collection of files, parsed in parallel, stored one by one, resumable.

The stages of ``ingest_document`` spread over processes: parsing is pure
(``parse_source``) and runs in ``jobs`` worker processes; storing runs here,
in file order, one transaction per document (SQLite has one writer, and the
same files give the same slugs and ids however many workers parsed them).

- A file stored before with nothing changed (same name, bytes, sidecar,
  parser and gazetteer: its fingerprint) is "unchanged" without being
  parsed, so a rerun over a stored collection costs a query per file.
- The search index is written every ``index_every`` documents rather than
  after each (``search.indexing.deferred``): the outbox rows commit with
  each document, so a process that dies leaves them for the next writer.
  With ``jobs`` > 1 it is written by a process beside this one
  (``search.background_indexing``), so storing does not wait for it; what
  that process has not written when storing ends is written here.
  The last write, at the end, must succeed for everything stored to be
  searchable: if it fails (the index locked, the disk full), the run keeps
  why (``index_error``) and the rows stay queued for ``manage.py
  search_index --flush``.
- ``stop()`` (the command's Ctrl-C) ends the run after the document being
  stored; the run says so, and a rerun resumes by skipping what is stored.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count, Q

from clauses.gazetteer import snapshot
from clauses.models import Document
from clauses.parsing.lexicon import Lexicon
from clauses.parsing.limits import Limits
from clauses.parsing.types import ParsedDocument
from search import background_indexing, indexing

from .ingest import (IngestReport, Source, fingerprint_of, ingest_limits, parse_source, read_source, report_counts,
                     reporting_failure, store_parsed)

STATUSES = ("created", "updated", "unchanged", "failed")
INDEX_EVERY = 100  # documents stored between two index writes


@dataclass
class StageTimes:
    """Seconds spent in each stage. ``parsing`` is summed over the workers (it overlaps the others when
    they run in parallel); ``waiting`` is how long storing waited for a parse."""

    reading: float = 0.0
    parsing: float = 0.0
    waiting: float = 0.0
    storing: float = 0.0
    indexing: float = 0.0  # what storing spent on the index, or waited for it
    indexing_beside: float = 0.0  # the index written by a process beside storing (overlapping the others)


@dataclass
class IngestRun:
    """What a run did, so far: one report per file handled, in file order."""

    total: int
    jobs: int
    reports: list[IngestReport] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    started: float = field(default_factory=time.perf_counter)
    interrupted: bool = False
    stop_requested: bool = False
    # Why the run's last index write failed: what it stored is queued for the index, not searchable yet.
    index_error: str = ""

    def stop(self) -> None:
        """End the run once the document being stored is committed."""
        self.stop_requested = True

    def index_not_written(self, error: Exception) -> None:
        self.index_error = str(error) or type(error).__name__

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def clauses(self) -> int:
        return sum(report.clauses for report in self.reports if report.ok)

    def count(self, status: str) -> tuple[int, int]:
        """(documents, clauses) with ``status``."""
        chosen = [report for report in self.reports if report.status == status]
        return len(chosen), sum(report.clauses for report in chosen)

    @property
    def changed(self) -> list[int]:
        """The documents this run created or updated."""
        return [report.document_id for report in self.reports if report.status in ("created", "updated")]


def stored_unchanged(source: Source, lexicon: Lexicon) -> Document | None:
    """The document ``source`` was stored as, if nothing parsing reads has changed since; found without parsing.

    The fingerprint covers the bytes, the sidecar, the parser's version and
    the gazetteer's: the same fingerprint from the same file name is the same
    parse. A document whose original file is not kept yet is not skipped:
    ``store_parsed`` keeps it.
    """
    return (Document.objects.filter(source_file=source.name, ingest_fingerprint=fingerprint_of(source, lexicon),
                                    source_files__sha256=source.sha256)
            .annotate(current_clauses=Count("clauses", filter=Q(clauses__retired_at__isnull=True))).first())


def ingest_files(files: list[Path], *, lexicon: Lexicon, replace: bool = False, jobs: int = 1,
                 index_every: int = INDEX_EVERY, detailed: bool = False,
                 on_report: Callable[[IngestRun, IngestReport], None] = lambda run, report: None,
                 run: IngestRun | None = None) -> IngestRun:
    """Ingest ``files`` in order; ``on_report`` hears of each. Never raises for a bad file.

    ``detailed``: count every tag of a skipped document too (as the
    per-document report prints them); otherwise only its clauses.
    ``run``: the run to fill (the caller keeps it to ``stop()`` it).
    A KeyboardInterrupt while storing rolls that document back and ends the run.
    """
    run = run or IngestRun(total=len(files), jobs=jobs)
    limits = ingest_limits()
    # Leaving the block writes every committed document to the index, however it is left: searchable
    # before the run reports (and before related suggestions), or the failure kept in the run.
    with indexing.deferred(on_failure=run.index_not_written):
        _store_files(files, lexicon, limits, replace, jobs, index_every, detailed, on_report, run)
        last_write = time.perf_counter()
    run.times.indexing += time.perf_counter() - last_write
    return run


def _store_files(files: list[Path], lexicon: Lexicon, limits: Limits, replace: bool, jobs: int, index_every: int,
                 detailed: bool, on_report: Callable[[IngestRun, IngestReport], None], run: IngestRun) -> None:
    """Each file parsed (in ``jobs`` processes) and stored, in order; the index written every ``index_every``
    documents stored."""
    stored_since_index = 0
    with _parser(lexicon, limits, jobs) as parse, _indexer(jobs, run) as index_now:
        pending: deque[tuple[Source | None, IngestReport, Future | None]] = deque()
        sources = _sources(files, lexicon, limits, run, detailed)
        try:
            while True:
                # Keep the workers busy a few documents ahead of storing.
                while len(pending) < 4 * max(1, jobs) and not run.stop_requested:
                    item = next(sources, None)
                    if item is None:
                        break
                    source, report = item
                    pending.append((source, report, parse(source) if source is not None else None))
                if not pending or run.stop_requested:
                    break
                source, report, parsing = pending.popleft()
                if parsing is not None:
                    waited = time.perf_counter()
                    parsed, seconds, failure = parsing.result()
                    run.times.waiting += time.perf_counter() - waited
                    run.times.parsing += seconds
                    if failure is not None:
                        report = failure
                    else:
                        _store(parsed, source, lexicon, replace, report, run)
                        stored_since_index += report.status in ("created", "updated")
                run.reports.append(report)
                on_report(run, report)
                if stored_since_index >= index_every:
                    index_now()
                    stored_since_index = 0
        except KeyboardInterrupt:
            # The document being stored was rolled back with its transaction; the ones before are committed.
            run.interrupted = True
        if run.stop_requested:
            run.interrupted = True
        for _, _, parsing in pending:
            if parsing is not None:
                parsing.cancel()


@contextmanager
def _indexer(jobs: int, run: IngestRun) -> Iterator[Callable[[], None]]:
    """``index_now()``: write the stored documents to the index — in a process beside this one when
    ``jobs`` > 1 and it can run, else here. On leaving, that process has ended; what it has not
    written, the last write (``ingest_files``) writes."""
    if jobs > 1 and background_indexing.available():
        # The index's jieba (with the gazetteer's words) loaded here, once: the indexer starts with it, and
        # the related suggestions after storing cut with it too.
        snapshot.current().cutter
        indexer = background_indexing.BackgroundIndexer()
        with indexer:
            try:
                yield indexer.request
            finally:
                waited = time.perf_counter()
                try:
                    indexer.close()
                except KeyboardInterrupt:  # a second Ctrl-C: still, the last write must not race the indexer
                    run.interrupted = True
                    indexer.close()
                run.times.indexing += time.perf_counter() - waited
                run.times.indexing_beside += indexer.busy_seconds
    else:
        yield lambda: _apply_index(run)


def _store(parsed: ParsedDocument, source: Source, lexicon: Lexicon, replace: bool, report: IngestReport,
           run: IngestRun) -> None:
    started = time.perf_counter()
    try:
        with reporting_failure(report, source.name):
            store_parsed(parsed, source, lexicon=lexicon, replace=replace, report=report)
    finally:
        run.times.storing += time.perf_counter() - started


def _apply_index(run: IngestRun) -> None:
    """An index write during the run: if it fails, the next one (at the latest the last) writes its rows."""
    started = time.perf_counter()
    indexing.apply_pending_once_committed()
    run.times.indexing += time.perf_counter() - started


def _sources(files: list[Path], lexicon: Lexicon, limits: Limits, run: IngestRun,
             detailed: bool) -> Iterator[tuple[Source | None, IngestReport]]:
    """Each file read, with its report: without a source if it failed to read or is stored unchanged."""
    for path in files:
        started = time.perf_counter()
        report = IngestReport(source=path.name)
        source = None
        with reporting_failure(report, path.name):
            source = read_source(path, limits)
            document = stored_unchanged(source, lexicon)
            if document is not None:
                report.status, report.document_id = "unchanged", document.pk
                report.slug, report.title, report.clauses = document.slug, document.title, document.current_clauses
                report.warnings = list(document.warnings)
                if detailed:
                    report_counts(report, document)
                source = None
        run.times.reading += time.perf_counter() - started
        yield source, report


class _parser:
    """``parse(source)`` → a future of (parsed or None, seconds, failed report or None): in ``jobs`` worker
    processes, or here when ``jobs`` is 1."""

    def __init__(self, lexicon: Lexicon, limits: Limits, jobs: int) -> None:
        self.lexicon, self.limits, self.jobs = lexicon, limits, jobs
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Callable[[Source], Future]:
        if self.jobs > 1:
            # Forked workers share what this process has loaded: jieba's dictionary, loaded here once
            # (about 1.5 s), rather than in every worker.
            forking = "fork" in multiprocessing.get_all_start_methods()
            if forking:
                _load_language(self.lexicon)
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker,
                                            initargs=(self.lexicon, self.limits, os.getpid()),
                                            mp_context=multiprocessing.get_context("fork") if forking else None)
            return lambda source: self.pool.submit(_parse_in_worker, source)
        return self._parse_here

    def _parse_here(self, source: Source) -> Future:
        future: Future = Future()
        future.set_result(_parse(source, self.lexicon, self.limits))
        return future

    def __exit__(self, *exc_info) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _parse(source: Source, lexicon: Lexicon, limits: Limits) -> tuple[ParsedDocument | None, float, IngestReport | None]:
    """Parse ``source``; a failure comes back as its report (an exception may not survive the trip back)."""
    started = time.perf_counter()
    report = IngestReport(source=source.name)
    parsed = None
    with reporting_failure(report, source.name):
        parsed = parse_source(source, lexicon=lexicon, limits=limits)
    return parsed, time.perf_counter() - started, (report if parsed is None else None)


def _load_language(lexicon: Lexicon) -> None:
    """Load what the lexicon asks of the language (jieba's words and cut) now rather than on first use."""
    lexicon.word_tag("载入")
    if lexicon.cut is not None:
        list(lexicon.cut("载入"))


# A worker process's lexicon and limits, received once (``_start_worker``) rather than with every document.
_worker: dict = {}


def _start_worker(lexicon: Lexicon, limits: Limits, parent: int) -> None:
    # Ctrl-C reaches the whole process group: the main process decides when to stop, the workers go on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from django.apps import apps

    if not apps.ready:  # a spawned (not forked) worker
        import django

        django.setup()
    _worker.update(lexicon=lexicon, limits=limits)
    # ``parent`` was taken in the parent: read here, it could already be an adopter's pid.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose command was killed (not interrupted) would wait for work for ever: it ends too."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _parse_in_worker(source: Source) -> tuple[ParsedDocument | None, float, IngestReport | None]:
    return _parse(source, _worker["lexicon"], _worker["limits"])
