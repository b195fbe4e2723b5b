"""Filling an empty index: segments written by long-lived writer processes, listed in one commit.

Whoosh's multi-process writer (``MpWriter``) lives only as long as one
commit: its processes are forked again for every round of a build, so each
round starts with cold analysis caches (the lines and encoded positions a
process has seen), and each round ends waiting for its slowest process.
(Whoosh's ``SegmentWriter`` also ignores the ``poolclass`` it is given.) Here:

- the calling process reads and prepares the documents and hands them out in
  batches of ``JOB`` over a queue; it holds the index's write lock;
- each writer process lives for the whole build and writes a segment of its
  own every ``segment_size`` documents (which bounds its memory), with the
  build's posting pool;
- when every process is done, one table of contents lists all the segments
  (a build's segments are never merged: see ``backend.merge_edit_segments``).

With one process the same segments are written in the calling process.
Either way, nothing is visible until the final commit: a failure leaves the
index as empty as it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import traceback
from collections.abc import Callable, Iterable

from whoosh.writing import PostingPool, SegmentWriter

JOB = 100  # documents handed to a writer process at a time
_QUEUED_JOBS = 4  # per process: enough to keep it busy while the reader prepares more
_POLL = 1.0  # seconds between checks that the writer processes are alive


log = logging.getLogger(__name__)


class BuildIncomplete(Exception):
    """A writer process failed or died: the build made nothing visible."""


class BuildPostingPool(PostingPool):
    """Whoosh's posting pool for a full build, without its per-posting type assertions.

    A build adds about a hundred postings a clause; ``PostingPool.add``
    asserts each one's types, then estimates its size. The formats writing
    here (``schema``) give bytes, so only the estimate is kept, unchanged:
    the pool spills sorted runs at the same sizes.
    """

    def add(self, item):
        fieldname, text, _docnum, _weight, value = item
        self.fieldnames.add(fieldname)
        # PostingPool.add's estimate: a tuple, a str, a unicode text, an int, a float, a value string.
        self.currentsize += 150 + len(fieldname) + 2 * len(text) + len(value or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


class _SegmentSeries:
    """Documents written into consecutive segments of at most ``size`` documents each; each finished
    segment is handed to ``finished``."""

    def __init__(self, index, options: dict, size: int, finished: Callable[[object], None]):
        self.index, self.options, self.size, self.finished = index, options, size, finished
        self.writer = None

    def add(self, fields: dict) -> None:
        if self.writer is None:
            # Not locking: the process that started the build holds the lock.
            self.writer = SegmentWriter(self.index, _lk=False, **self.options)
            # SegmentWriter takes ``poolclass`` but always makes a PostingPool.
            self.writer.pool = BuildPostingPool(self.writer._tempstorage, self.writer.newsegment,
                                                limitmb=self.options.get("limitmb", 128))
        self.writer.add_document(**fields)
        if self.writer.doc_count() == self.size:
            self.close()

    def close(self) -> None:
        if self.writer is not None:
            self.finished(self.writer._finalize_segment())
            self.writer = None

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer._close_segment()
            self.writer = None


def write(index, documents: Iterable[dict], *, processes: int, segment_size: int, options: dict,
          in_writer: Callable[[], None] | None = None) -> int:
    """Write ``documents`` (fields as a writer takes them) into ``index``, which must be empty; return how many.

    ``options`` are SegmentWriter's (``limitmb``, ``codec``, ``compound``).
    ``in_writer`` is called first thing in each writer process.
    Raises ``BuildIncomplete`` if a writer process fails or dies; an error of the
    calling process (reading the database) propagates as it is.
    """
    lock_holder = index.writer(**options)  # writes no documents: it takes the lock and commits the list
    try:
        if processes > 1:
            count, segments = _write_in_processes(index, documents, processes, segment_size, options, in_writer)
        else:
            segments = []
            series = _SegmentSeries(index, options, segment_size, segments.append)
            try:
                count = 0
                for fields in documents:
                    series.add(fields)
                    count += 1
                series.close()
            except BaseException:
                series.cancel()
                raise
    except BaseException:
        lock_holder.cancel()
        raise
    try:
        lock_holder._close_segment()
        lock_holder._commit_toc(lock_holder.segments + segments)
    finally:
        lock_holder._finish()  # releases the write lock, also if the commit failed (a full disk)
    return count


def _write_in_processes(index, documents, processes, segment_size, options, in_writer):
    context = multiprocessing.get_context("fork")  # the writers inherit the loaded analyzer and its dictionary
    jobs = context.Queue(processes * _QUEUED_JOBS)
    results = context.Queue()
    workers = [context.Process(target=_writer_process, args=(index, options, segment_size, jobs, results, in_writer),
                               daemon=True, name=f"index writer {number + 1}")
               for number in range(processes)]
    for worker in workers:
        worker.start()
    collected = _Results(results, workers)
    try:
        count = 0
        job = []
        for fields in documents:
            job.append(fields)
            count += 1
            if len(job) == JOB:
                collected.put(jobs, job)
                job = []
        if job:
            collected.put(jobs, job)
        for _ in workers:
            collected.put(jobs, None)
        segments = collected.wait_for_all()
    except BaseException:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join()
        _discard_unsent(jobs)
        raise
    finally:
        jobs.close()
        results.close()
    for worker in workers:
        worker.join()
    written = sum(segment.doc_count_all() for segment in segments)
    if written != count:
        raise BuildIncomplete(f"the writer processes wrote {written} documents of {count}")
    return count, segments


def _discard_unsent(jobs) -> None:
    """Read back the jobs the queue's feeder thread is still sending to writers that are gone.

    The feeder blocks on the full pipe (this process holds its other end), so
    the thread, and the pickled jobs, would live as long as the process — and
    at exit Python would wait for it forever. Reading the pipe here (not
    through ``get``, whose lock a terminated writer may hold) lets it finish.
    """
    jobs.close()  # the feeder stops after what it holds, and then closes the pipe
    feeder = getattr(jobs, "_thread", None)
    reader = getattr(jobs, "_reader", None)
    while feeder is not None and reader is not None and feeder.is_alive():
        try:
            # Raw bytes, never a whole message: a writer terminated while reading one
            # leaves the pipe mid-message, where a message read could wait forever.
            if reader.poll(_POLL):
                os.read(reader.fileno(), 1 << 16)
        except (OSError, EOFError, ValueError):  # the feeder closed the pipe meanwhile
            break
    jobs.cancel_join_thread()


class _Results:
    """What the writer processes report, read while handing them work so a failure is noticed at once."""

    def __init__(self, results, workers):
        self.results, self.workers = results, workers
        self.segments = []
        self.done = 0

    def put(self, jobs, job) -> None:
        while True:
            self._read(wait=False)
            self._check_alive()
            try:
                jobs.put(job, timeout=_POLL)
                return
            except queue.Full:
                pass

    def wait_for_all(self) -> list:
        while self.done < len(self.workers):
            if not self._read(wait=True):
                self._check_alive()
                if all(worker.exitcode is not None for worker in self.workers) and not self._read(wait=True):
                    # Every writer has exited and nothing more is coming: one ended without reporting.
                    raise BuildIncomplete(f"{len(self.workers) - self.done} writer process(es) ended without "
                                          "finishing their segments")
        return self.segments

    def _read(self, *, wait: bool) -> bool:
        try:
            kind, value = self.results.get(timeout=_POLL) if wait else self.results.get_nowait()
        except queue.Empty:
            return False
        if kind == "segment":
            self.segments.append(value)
        elif kind == "done":
            self.done += 1
        else:
            error, details = value
            log.error("An index writer process failed:\n%s", details)
            raise BuildIncomplete(f"a writer process failed ({error})")
        return True

    def _check_alive(self) -> None:
        for worker in self.workers:
            if worker.exitcode not in (None, 0):
                # Killed (out of memory?) before it could report: drain what it may have said first.
                while self._read(wait=False):
                    pass
                raise BuildIncomplete(f"{worker.name} stopped (exit code {worker.exitcode})")


def _next_job(jobs):
    """The next job, or None at the end; exits if the build process is gone (killed), rather than wait forever.

    A writer inherits the build's locks (the index's, the rebuild's): one left
    waiting would hold them, and every later rebuild would find one running.
    """
    while True:
        try:
            return jobs.get(timeout=_POLL)
        except queue.Empty:
            if not multiprocessing.parent_process().is_alive():
                raise SystemExit("the index build process is gone") from None


def _writer_process(index, options, segment_size, jobs, results, in_writer) -> None:
    series = _SegmentSeries(index, options, segment_size, lambda segment: results.put(("segment", segment)))
    try:
        if in_writer is not None:
            in_writer()
        while (job := _next_job(jobs)) is not None:
            for fields in job:
                series.add(fields)
        series.close()
        results.put(("done", None))
    except BaseException as error:
        series.cancel()
        results.put(("failed", (traceback.format_exception_only(error)[-1].strip(), traceback.format_exc())))
    finally:
        results.close()
        results.join_thread()  # everything put is sent before the process exits
