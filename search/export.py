"""The CSV export of a search: every result, streamed, one export at a time per serving process.

A whole-collection export at 100,000 clauses is 100,000 rows (65 MB, about
8 s of one worker thread; ``make bench``) and anyone may ask for it. Streaming keeps a worker's memory that of one batch and
sends the first rows at once; the guard below keeps exports from taking
every thread of a worker: while one runs, another is answered 429 with a
Retry-After, and searches go on. The guard is per process on purpose — it
protects that process's threads; with N workers, N exports run at most.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Iterator

from . import presentation
from .selectors import SearchRequest, every_hit

RETRY_AFTER_SECONDS = 10
_running = threading.BoundedSemaphore(1)


class ExportBusy(Exception):
    """Another export is being written by this process."""


class _Line:
    """A file-like target for ``csv.writer`` that hands back what was written."""

    def write(self, value: str) -> str:
        return value


class _ReleasedWhenDone:
    """Streamed content that gives the export slot back however the response ends.

    A generator's ``finally`` does not run if it is closed before its first
    row — a client that disconnects at once — so the slot is released in
    ``close()``, which the server calls on every response.
    """

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._released = False

    def __iter__(self):
        try:
            yield from self._lines
        finally:
            self.close()

    def close(self) -> None:
        if not self._released:
            self._released = True
            _running.release()


def _lines(http_request, search_request: SearchRequest) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(presentation.CSV_HEADER)  # the BOM: spreadsheet programs then read the Chinese as UTF-8
    for hit in every_hit(search_request):
        yield writer.writerow(presentation.csv_row(http_request, hit))


def csv_lines(http_request, search_request: SearchRequest) -> Iterable[str]:
    """The export's lines; raises ``ExportBusy`` when this process is already writing one."""
    if not _running.acquire(blocking=False):
        raise ExportBusy
    return _ReleasedWhenDone(_lines(http_request, search_request))
