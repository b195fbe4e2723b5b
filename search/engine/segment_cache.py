"""Arrays computed from one Whoosh segment, kept while memory allows.

A segment's postings, lengths and sort columns never change once written
(a delete only marks documents; arrays here include deleted documents and
searches drop them), so what is read from it can be kept under the segment's
id and reused by every later search of every later index generation that
still has the segment. Entries are evicted least recently used first when
the cache holds more than its bytes.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from whoosh.matching.wrappers import FilterMatcher

T = TypeVar("T")


def leaves(searcher) -> list[tuple[object, int]]:
    """(segment reader, offset of its first document) for each segment the searcher reads."""
    reader = searcher.reader()
    return reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]


def segment_id(reader) -> str:
    """The identity of a leaf reader's segment."""
    return reader.segment().segment_id()


def all_postings(reader, fieldname: str, text):
    """A term's postings in a segment, deleted documents included, from the start.

    Cached arrays must not depend on which documents are deleted: a search
    still running on an older index generation (where a document is not yet
    deleted) may read arrays another thread cached from a newer one. Whoosh
    wraps the postings in a deletion filter that has already skipped the
    leading deleted documents; its child, rewound, has them all. Deletions
    are applied per search instead.
    """
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
        matcher.reset()
    return matcher


def nbytes(value) -> int:
    """Approximate size of a cached value: its numpy arrays, counted recursively."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, (str, bytes)):
        return sys.getsizeof(value)
    if isinstance(value, (tuple, list)):
        return sum(nbytes(item) for item in value) + 8 * len(value)
    if hasattr(value, "__dataclass_fields__"):
        return sum(nbytes(getattr(value, name)) for name in value.__dataclass_fields__)
    return 64


# What an entry costs beside its value: the key (a tuple, the segment's id, a term), the dict's
# node, the array objects. An entry's value can be nearly nothing (a term a segment lacks), and
# a crawler's words must not grow the cache past its bound on those.
ENTRY_OVERHEAD = 400


class SegmentCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
        self._bytes = 0

    def resize(self, max_bytes: int) -> None:
        """Change the bound (the connection's OPTIONS set it; see ``backend``), evicting at once if it shrank."""
        with self._lock:
            self.max_bytes = max_bytes
            self._evict()

    def get(self, reader, key: tuple, compute: Callable[[], T]) -> T:
        """The value for ``key`` in ``reader``'s segment, computed once."""
        full_key = (segment_id(reader), *key)
        with self._lock:
            entry = self._entries.get(full_key)
            if entry is not None:
                self._entries.move_to_end(full_key)
                return entry[0]
        value = compute()  # outside the lock: two threads may both compute; both get a correct value
        size = nbytes(value) + ENTRY_OVERHEAD
        with self._lock:
            if full_key not in self._entries:
                self._entries[full_key] = (value, size)
                self._bytes += size
            self._evict()
        return value

    def _evict(self) -> None:
        """Drop the least recently used entries until the rest fit (always keeping the newest). Holds the lock."""
        while self._bytes > self.max_bytes and len(self._entries) > 1:
            _, (_, evicted) = self._entries.popitem(last=False)
            self._bytes -= evicted

    @property
    def size_bytes(self) -> int:
        return self._bytes


def read_postings(reader, fieldname: str, text, *, frequencies: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
    """(documents, term frequencies) of a term in a segment, deleted documents included.

    Whoosh's block posting reader stores a block's ids and weights together;
    decoding them a block at a time with numpy is many times faster than its
    per-posting iteration, which is kept for other matchers (inlined single
    postings). A test compares the two on a real index.
    """
    matcher = all_postings(reader, fieldname, text)
    docs, weights = [], []
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_byteids") and not matcher._byteids:
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            # A block stores its document numbers as deltas: Whoosh's delta_decode, vectorised.
            docs.append(np.cumsum(matcher._data[0], dtype=np.int64)[matcher._i:])
            if frequencies:
                matcher._read_weights()
                weights.append(np.asarray(matcher._weights, dtype=np.float32)[matcher._i:])
            matcher._next_block()
    else:
        ids, values = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            if frequencies:
                values.append(matcher.weight())
            matcher.next()
        docs.append(np.asarray(ids, dtype=np.int64))
        weights.append(np.asarray(values, dtype=np.float32))
    documents = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
    if not frequencies:
        return documents, None
    # Whoosh hands weights out as Python floats of float32 values: keep them exact.
    return documents, (np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)).astype(np.float64)
