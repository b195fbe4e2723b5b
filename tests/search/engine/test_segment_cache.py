"""The per-segment array cache: computed once per segment and key, bounded in bytes."""

from __future__ import annotations

import numpy as np

from search.engine.segment_cache import ENTRY_OVERHEAD, SegmentCache


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
    room = 2 * (1_000 + ENTRY_OVERHEAD) + 500  # room for two arrays of 1,000 bytes
    cache = SegmentCache(max_bytes=room)
    reader = FakeReader("a")
    for key in ("one", "two"):
        cache.get(reader, (key,), lambda: np.zeros(125))
    cache.get(reader, ("one",), lambda: np.ones(125))  # touch "one": "two" is now the oldest
    cache.get(reader, ("three",), lambda: np.zeros(125))
    assert cache.size_bytes <= room
    assert cache.get(reader, ("one",), lambda: np.full(125, 7.0))[0] == 0.0  # kept
    assert cache.get(reader, ("two",), lambda: np.full(125, 7.0))[0] == 7.0  # evicted, computed again



def test_shrinking_the_cache_evicts_the_oldest_at_once():
    cache = SegmentCache(max_bytes=10_000)
    reader = FakeReader("a")
    for key in ("one", "two", "three"):
        cache.get(reader, (key,), lambda: np.zeros(125))  # 1,000 bytes each
    room = 2 * (1_000 + ENTRY_OVERHEAD) + 500
    cache.resize(room)
    assert cache.size_bytes <= room
    assert cache.get(reader, ("one",), lambda: np.full(125, 7.0))[0] == 7.0  # the oldest went
    assert cache.get(reader, ("three",), lambda: np.full(125, 7.0))[0] == 0.0  # the newest stayed


def test_entries_of_nearly_nothing_still_count_against_the_bound():
    # A term a segment lacks is cached as two empty arrays: a crawler's million words must not
    # grow the cache without bound.
    cache = SegmentCache(max_bytes=100 * ENTRY_OVERHEAD)
    reader = FakeReader("a")
    for number in range(1_000):
        cache.get(reader, ("postings", "text", f"word{number}".encode()), lambda: (np.zeros(0), np.zeros(0)))
    assert cache.size_bytes <= 100 * ENTRY_OVERHEAD
    assert len(cache._entries) <= 100


def test_the_connection_options_size_the_process_caches(settings):
    """FACET_CACHE_MB and POSTINGS_CACHE_MB of HAYSTACK_CONNECTIONS reach the engine's caches."""
    from search.engine import facets, matching
    from search.engine.backend import ClauseWhooshBackend

    before = facets.cache.max_bytes, matching.cache.max_bytes
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "FACET_CACHE_MB": 3, "POSTINGS_CACHE_MB": 5,
               "LOCK_TIMEOUT": 0.5}
    try:
        backend = ClauseWhooshBackend("default", **options)
        assert facets.cache.max_bytes == 3 * 2**20
        assert matching.cache.max_bytes == 5 * 2**20
        assert backend.lock_timeout == 0.5
        default_options = {key: value for key, value in options.items()
                           if key not in ("FACET_CACHE_MB", "POSTINGS_CACHE_MB", "LOCK_TIMEOUT")}
        ClauseWhooshBackend("default", **default_options)
        assert (facets.cache.max_bytes, matching.cache.max_bytes) == (128 * 2**20, 96 * 2**20)
    finally:
        facets.cache.resize(before[0])
        matching.cache.resize(before[1])


def test_postings_read_block_by_block_equal_whooshs_iteration_with_deletions(tmp_path):
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    from search.engine.segment_cache import read_postings

    # Enough documents for many blocks of delta-coded ids, and a few deleted.
    index = create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True), body=TEXT))
    with index.writer() as writer:
        for number in range(3_000):
            words = ["common"] * (1 + number % 3) + (["rare"] if number % 97 == 0 else []) + [f"w{number % 11}"]
            writer.add_document(id=str(number), body=" ".join(words))
    with index.writer() as writer:
        for number in (0, 1, 2, 500, 2_999):
            writer.delete_by_term("id", str(number))
    with index.searcher() as searcher:
        reader = searcher.reader()
        assert reader.has_deletions()
        for term in ("common", "rare", "w3"):
            docs, frequencies = read_postings(reader, "body", term)
            matcher = reader.postings("body", term).child  # without the deletion filter
            matcher.reset()
            expected = list(matcher.items_as("weight"))
            assert len(expected) > 20
            assert docs.tolist() == [docnum for docnum, _ in expected]
            assert frequencies.tolist() == [weight for _, weight in expected]
            assert {0, 1, 2} <= set(docs.tolist()) or term != "common"  # deleted ones are kept
