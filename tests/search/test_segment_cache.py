"""The per-segment array cache: computed once per segment and key, bounded in bytes."""

from __future__ import annotations

import numpy as np

from search.segment_cache import SegmentCache


class FakeSegment:
    def __init__(self, name):
        self.name = name

    def segment_id(self):
        return self.name


class FakeReader:
    def __init__(self, name):
        self._segment = FakeSegment(name)

    def segment(self):
        return self._segment


def test_a_value_is_computed_once_per_segment_and_key():
    cache, calls = SegmentCache(max_bytes=10_000), []

    def compute(value):
        calls.append(value)
        return np.full(10, value)

    first, second = FakeReader("a"), FakeReader("b")
    assert cache.get(first, ("x",), lambda: compute(1))[0] == 1
    assert cache.get(FakeReader("a"), ("x",), lambda: compute(2))[0] == 1  # same segment, another reader
    assert cache.get(second, ("x",), lambda: compute(3))[0] == 3
    assert cache.get(first, ("y",), lambda: compute(4))[0] == 4
    assert calls == [1, 3, 4]


def test_least_recently_used_values_go_when_the_bytes_run_out():
    cache = SegmentCache(max_bytes=2_500)  # room for two arrays of 1,000 bytes
    reader = FakeReader("a")
    for key in ("one", "two"):
        cache.get(reader, (key,), lambda: np.zeros(125))
    cache.get(reader, ("one",), lambda: np.ones(125))  # touch "one": "two" is now the oldest
    cache.get(reader, ("three",), lambda: np.zeros(125))
    assert cache.size_bytes <= 2_500
    assert cache.get(reader, ("one",), lambda: np.full(125, 7.0))[0] == 0.0  # kept
    assert cache.get(reader, ("two",), lambda: np.full(125, 7.0))[0] == 7.0  # evicted, computed again
