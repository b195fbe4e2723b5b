"""Run a function over chunks of work in forked processes that share the parent's memory.

Related-clause suggestions (``related``) cut 100,000 texts with jieba and
search and score as many candidates in a bulk run: pure Python, one core
each. The worker processes are forked, not spawned, so that they start with
what the parent built — jieba's dictionary, the vectors, the index's arrays
— without pickling or loading it again; only the chunk's results travel back
(pickled). A worker must touch no database connection and read no index
file: the connection's socket or SQLite handle, and the file offsets of the
index's open files, are the parent's too. Hand workers plain data, read the
database and the index in the parent.

Results come back in the order of the chunks, whatever the number of
workers, so a caller that merges them in that order computes the same thing
with one process or many. An exception in a worker is raised in the parent
(with the worker's traceback as its cause); a worker that dies (killed, out
of memory) raises ``BrokenProcessPool``; either way the remaining chunks are
cancelled, and nothing is left running.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

# What the workers run, set before they are forked: a function and its chunks are not pickled (a closure over
# the parent's arrays could not be), only each chunk's index and result.
_task: tuple[Callable, Sequence] | None = None


def forked_map(function: Callable[[Chunk], Result], chunks: Sequence[Chunk], *, jobs: int) -> list[Result]:
    """``[function(chunk) for chunk in chunks]``, computed by up to ``jobs`` forked processes.

    With one job or one chunk, in this process.
    """
    global _task
    if jobs <= 1 or len(chunks) <= 1:
        return [function(chunk) for chunk in chunks]
    if _task is not None:
        raise RuntimeError("forked_map is not reentrant")
    _task = (function, chunks)
    try:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=multiprocessing.get_context("fork"))
        try:
            return list(pool.map(_run, range(len(chunks))))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _task = None


def _run(index: int):
    function, chunks = _task
    return function(chunks[index])


def split(items: Sequence[Chunk], size: int) -> list[Sequence[Chunk]]:
    """``items`` in contiguous slices of ``size``, in order.

    The slices do not depend on the number of workers: merged in order, their
    results are the same computed by one process or many, to the last bit.
    """
    return [items[start:start + size] for start in range(0, len(items), size)]
