"""Read the index's facet tables before the first official has to wait for them.

The first search of a new serving process reads every facet table of every
segment from disk (about 2–3 s at 100,000 clauses; the benchmark reports it),
and so does the first search after a full rebuild swaps in a new generation:
its segments are new to every process's cache (``search.engine.segment_cache``).
Reading the files into the OS page cache beforehand would not help — the
rebuild has just written them, so they are there already; the cost is each
process decoding them. So ``policykb/serving.py`` (gunicorn's settings) runs
``watch()`` in a background thread of each worker: it warms at start, then
again as soon as it sees the ``current`` link point at a new generation,
usually before the first request after the swap.
It also searches a single character, which is matched by the terms that
contain it (``search.engine.containing``): every segment's lexicon is read
and joined for that, 0.3–0.5 s at 100,000 clauses, once.
A search answered while the warm-up runs is correct, only not yet faster.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

logger = logging.getLogger(__name__)


def warm() -> None:
    """Browse everything once (every facet table of every segment is read and cached),
    then search a word (jieba's dictionary is loaded: over a second on its own) and a
    character (every segment's lexicon is read)."""
    from .selectors import SearchRequest, search

    started = time.perf_counter()
    try:
        outcome = search(SearchRequest())
        search(SearchRequest(q="产业转移"))
        search(SearchRequest(q="锂"))
    except Exception:  # a missing or broken index must not stop the worker; searches will say so
        logger.exception("search warm-up failed")
        return
    logger.info("search warm-up: %d clauses, facet tables, jieba and lexicons read in %.1f s", outcome.count,
                time.perf_counter() - started)


def watch(stop: threading.Event | None = None, poll_seconds: float = 1.0) -> None:
    """Warm now, then again each time a rebuild swaps in a new generation (until ``stop`` is set)."""
    from haystack import connections

    from .engine import index_dirs

    stop = stop or threading.Event()
    live = Path(connections["default"].get_backend().path)
    warmed = None
    while not stop.is_set():
        generation = index_dirs.live_target(live)
        if generation != warmed:
            warmed = generation
            warm()
        stop.wait(poll_seconds)
