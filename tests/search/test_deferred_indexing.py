"""``indexing.deferred()``: commits queue their clauses; the index is written when the block ends."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from haystack import connections

from clauses.models import Clause
from search import indexing
from search.models import PendingIndexUpdate
from search.selectors import SearchRequest, search


def keys(q: str) -> set[str]:
    return {hit.clause["key"] for hit in search(SearchRequest(q=q, page_size=100)).hits}


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed_seeds")
@pytest.mark.parametrize("leaving", ["normally", "by an exception"])
def test_a_commit_inside_is_queued_and_written_when_the_block_ends(django_capture_on_commit_callbacks, leaving):
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
    # The test's own transaction never commits: the outer capture runs its callbacks as a commit would.
    with django_capture_on_commit_callbacks(execute=True), (
            pytest.raises(KeyboardInterrupt) if leaving != "normally" else nullcontext()):
        with indexing.deferred():
            with django_capture_on_commit_callbacks(execute=True):  # the save's commit
                clause.text += "新增氢能示范内容"
                clause.save()
            assert PendingIndexUpdate.objects.filter(clause_id=clause.pk).exists()
            assert "p2.i2" not in keys("氢能示范"), "written at the commit"
            if leaving != "normally":
                raise KeyboardInterrupt
        assert "p2.i2" not in keys("氢能示范"), "written before the commit"
    assert keys("氢能示范") == {"p2.i2"}
    assert not PendingIndexUpdate.objects.exists()

    # Outside the block, a commit is written at once again.
    with django_capture_on_commit_callbacks(execute=True):
        clause.text += "再加锂电走廊"
        clause.save()
    assert keys("锂电走廊") == {"p2.i2"}


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed_seeds")
@pytest.mark.parametrize("told", [True, False], ids=["to on_failure", "to the log"])
def test_the_last_write_failing_is_told_and_its_rows_stay_queued(
        monkeypatch, django_capture_on_commit_callbacks, caplog, told):
    """A bulk ingest passes ``on_failure`` to say the run's clauses are not searchable; without it the
    failure is only logged, as after a save in the web app, and nothing raises."""
    backend = connections["default"].get_backend()

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(backend, "write", disk_full)
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
    failures: list[Exception] = []
    # The row a save queues, put there directly: the save's own after-commit write would fail and log too.
    with django_capture_on_commit_callbacks(execute=True):
        with indexing.deferred(on_failure=failures.append if told else None):
            PendingIndexUpdate.objects.create(clause_id=clause.pk)
    logged = [record.getMessage() for record in caplog.records if record.name == "search.indexing"]
    if told:
        assert [str(error) for error in failures] == ["No space left on device"] and logged == []
    else:
        assert logged == ["search index not written; the change stays queued for the next write: "
                          "No space left on device"]
    assert list(PendingIndexUpdate.objects.values_list("clause_id", flat=True)) == [clause.pk]
