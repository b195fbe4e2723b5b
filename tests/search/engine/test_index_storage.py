"""How the index is kept on disk and opened: lean schema, plain segment files, one open searcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from haystack import connections
from whoosh.fields import STORED

from clauses.models import Clause
from search import build
from search.engine.segment_cache import leaves
from search.selectors import SearchRequest, search


@pytest.fixture
def backend():
    return connections["default"].get_backend()


@pytest.mark.usefixtures("indexed_seeds")
class TestSchema:
    def test_text_is_searchable_with_positions_but_not_stored(self, backend):
        text = backend.index.schema["text"]
        assert text.indexed and text.format.supports("positions") and text.scorable
        assert not text.stored and not text.column_type

    def test_payload_is_stored_only(self, backend):
        assert isinstance(backend.index.schema["payload"], STORED)
        assert search(SearchRequest(q="南充")).hits[0].text  # what a result shows comes from it

    def test_each_facet_is_written_once_as_its_exact_twin(self, backend):
        names = set(backend.index.schema.names())
        for facet in ("department", "lead", "co", "region", "industry", "document", "level", "kind", "year"):
            assert f"{facet}_exact" in names
            assert facet not in names

    def test_date_and_reading_order_sort_from_columns(self, backend):
        for name in ("issued", "position"):
            assert backend.index.schema[name].column_type is not None


@pytest.mark.usefixtures("indexed_seeds")
class TestOpenSearcher:
    def test_searches_share_one_searcher_until_the_index_changes(self, backend, django_capture_on_commit_callbacks):
        search(SearchRequest(q="南充"))
        first = backend._searcher()
        assert backend._searcher() is first
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
        with django_capture_on_commit_callbacks(execute=True):
            clause.text += "新增氢能示范内容"
            clause.save()
        second = backend._searcher()
        assert second is not first and first.is_closed
        assert [hit.clause["key"] for hit in search(SearchRequest(q="氢能示范")).hits] == ["p2.i2"]

    def test_an_update_hides_the_old_version_of_a_cached_segment(self, backend, django_capture_on_commit_callbacks):
        # Whoosh's Searcher.refresh() would reuse the segment reader by id and keep
        # showing the replaced document; the backend opens a fresh searcher instead.
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        before = search(SearchRequest(q="南充")).count
        with django_capture_on_commit_callbacks(execute=True):
            clause.text = clause.text.replace("南充", "某地")
            clause.save()
        assert search(SearchRequest(q="南充")).count == before - 1


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.usefixtures("indexed_seeds")
def test_a_full_build_writes_plain_segment_files(search_index_dir, monkeypatch, processes):
    monkeypatch.setattr(build, "_processes", lambda clauses: processes)
    build.rebuild()
    live = Path(search_index_dir) / "current"
    segments = connections["default"].get_backend().index._segments()
    assert segments and not any(segment.is_compound() for segment in segments)
    assert not list(live.resolve().glob("*.seg"))


@pytest.mark.usefixtures("indexed_seeds")
def test_document_ids_are_the_live_clauses_after_updates_and_deletes(backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        updated = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
        updated.text += "。"
        updated.save()
        Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i3").delete()
    assert any(leaf.has_deletions() for leaf, _ in leaves(backend._searcher()))
    expected = {f"clauses.clause.{pk}" for pk in Clause.objects.current().values_list("pk", flat=True)}
    assert backend.document_ids() == expected
    assert f"clauses.clause.{updated.pk}" in expected and len(expected) == 115


@pytest.mark.usefixtures("indexed_seeds")
def test_edits_merge_their_own_small_segments_and_never_a_builds(backend, monkeypatch,
                                                                 django_capture_on_commit_callbacks):
    from search.engine import backend as backend_module

    # The seeds' one segment of 116 clauses plays a build's segment here.
    monkeypatch.setattr(backend_module, "SMALL_SEGMENT", 100)
    built = {leaf.segment().segment_id() for leaf, _ in leaves(backend._searcher())}
    clauses = list(Clause.objects.filter(document__slug="chuanbanfa-2022-67").order_by("pk")[:9])
    counts = []
    for clause in clauses:
        with django_capture_on_commit_callbacks(execute=True):
            clause.text += "。"
            clause.save()
        segments = [leaf.segment() for leaf, _ in leaves(backend._searcher())]
        assert built <= {segment.segment_id() for segment in segments}  # the large one is never merged
        counts.append(len(segments))
    # Eight edits leave eight small segments; the ninth merges them into its own.
    assert counts == list(range(2, 2 + backend_module.SMALL_SEGMENTS_BEFORE_MERGE)) + [2]
    assert search(SearchRequest()).count == 116


def test_the_merge_policy_leaves_a_large_index_of_build_segments_alone():
    from search.engine.backend import merge_edit_segments

    class Segment:
        def __init__(self, documents):
            self.documents = documents

        def doc_count_all(self):
            return self.documents

    # What a build of 300,000 clauses writes, plus one edit: Whoosh's MERGE_SMALL
    # would merge 24 of these segments (total 230,001 < fib(28) = 317,811).
    segments = [Segment(10_000) for _ in range(30)] + [Segment(1)]
    assert merge_edit_segments(writer=None, segments=segments) is segments
