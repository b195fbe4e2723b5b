"""Read the index's facet tables before the first official has to wait for them.

The first search of a new serving process reads every facet table of every
segment from disk (about 2–3 s at 100,000 clauses; the benchmark reports it).
``policykb/serving.py`` (gunicorn's settings) runs ``warm()`` in a background thread when a worker
starts, so that cost is paid before the first request in the usual case.
A search answered while the warm-up runs is correct, only not yet faster.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)


def warm() -> None:
    """Browse everything once (every facet table of every segment is read and cached),
    then search a word (jieba's dictionary is loaded: over a second on its own)."""
    from .selectors import SearchRequest, search

    started = time.perf_counter()
    try:
        outcome = search(SearchRequest())
        search(SearchRequest(q="产业转移"))
    except Exception:  # a missing or broken index must not stop the worker; searches will say so
        logger.exception("search warm-up failed")
        return
    logger.info("search warm-up: %d clauses, facet tables and jieba read in %.1f s", outcome.count,
                time.perf_counter() - started)
