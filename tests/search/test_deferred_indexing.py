"""``indexing.deferred()``: commits queue their clauses; the index is written when the block ends."""

from __future__ import annotations

from contextlib import nullcontext

import pytest

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
