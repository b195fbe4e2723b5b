"""The serving process reads the facet tables at start, before the first search needs them."""

from __future__ import annotations

import threading

import pytest
from haystack import connections

from policykb import serving
from search import warmup
from search.engine import containing, facets
from search.facet_table import FACETS
from search.engine.segment_cache import leaves


@pytest.mark.usefixtures("seeds_indexed_anew")
def test_warm_up_caches_every_facet_table_of_every_segment(monkeypatch):
    built = []
    read = facets._build
    monkeypatch.setattr(facets, "_build", lambda reader, field: built.append(field) or read(reader, field))
    warmup.warm()
    segments = len(leaves(connections["default"].get_backend()._searcher()))
    assert sorted(built) == sorted(f"{facet}_exact" for facet in FACETS for _ in range(segments))
    warmup.warm()
    assert len(built) == len(FACETS) * segments  # the second time everything comes from the cache


@pytest.mark.usefixtures("seeds_indexed_anew")
def test_warm_up_reads_the_lexicon_of_every_segment(monkeypatch):
    # A single character typed is matched by the terms containing it, found in the lexicons.
    read = []
    original = containing._read
    monkeypatch.setattr(containing, "_read", lambda leaf, field: read.append(field) or original(leaf, field))
    warmup.warm()
    assert read.count("text") == len(leaves(connections["default"].get_backend()._searcher()))
    warmup.warm()
    assert read.count("text") == len(leaves(connections["default"].get_backend()._searcher()))


def test_a_broken_index_does_not_stop_the_worker(monkeypatch, caplog):
    def broken(request):
        raise OSError("index directory missing")

    monkeypatch.setattr("search.selectors.search", broken)
    warmup.warm()
    assert "search warm-up failed" in caplog.text


def test_gunicorn_starts_the_warm_up_in_the_background(monkeypatch):
    started = threading.Event()
    monkeypatch.setattr(warmup, "watch", started.set)
    serving.post_worker_init(worker=None)
    assert started.wait(5)


@pytest.mark.usefixtures("indexed_seeds")
def test_each_new_generation_is_warmed_as_soon_as_it_is_swapped_in(monkeypatch):
    from search import build

    warmed = []
    read = facets._build
    monkeypatch.setattr(facets, "_build", lambda reader, field: warmed.append(reader.segment().segment_id())
                        or read(reader, field))
    stop = threading.Event()
    watcher = threading.Thread(target=warmup.watch, kwargs={"stop": stop, "poll_seconds": 0.05})
    watcher.start()
    try:
        build.rebuild()
        new_segments = {reader.segment().segment_id()
                        for reader, _ in leaves(connections["default"].get_backend()._searcher())}
        deadline = threading.Event()
        for _ in range(200):  # up to 10 s
            if new_segments <= set(warmed):
                break
            deadline.wait(0.05)
    finally:
        stop.set()
        watcher.join(10)
    assert new_segments <= set(warmed), "the new generation's facet tables were not read by the watcher"
