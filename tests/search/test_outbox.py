"""The index outbox: rows written with the change, settled only once the index has it, rebuilds included."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from haystack import connections

from clauses.models import Clause, ClauseRegion, Region
from search import build, indexing, rebuilds
from search.models import PendingIndexUpdate
from search.selectors import SearchRequest, search


def keys(q="", *filters) -> set[str]:
    return {hit.clause["key"] for hit in search(SearchRequest(q=q, filters=list(filters), page_size=100)).hits}


def queued() -> list[int]:
    return list(PendingIndexUpdate.objects.order_by("pk").values_list("clause_id", flat=True))


def _clause(key: str) -> Clause:
    return Clause.objects.get(document__slug="chuanbanfa-2022-67", key=key)


def test_an_ingest_queues_each_clause_once_in_its_own_transaction(db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from tests.data_dirs import SEEDS

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("ingest", str(SEEDS), verbosity=0)
        # Before the commit: every clause the ingest wrote has its row, once, though
        # each clause, link and document save signalled.
        rows = queued()
    assert sorted(rows) == sorted(Clause.objects.values_list("pk", flat=True))
    for callback in callbacks:
        callback()
    assert queued() == []
    assert search(SearchRequest()).count == Clause.objects.current().count()


@pytest.mark.usefixtures("indexed_seeds")
class TestOutbox:
    def test_a_save_writes_its_row_before_the_commit(self, django_capture_on_commit_callbacks):
        clause = _clause("p2.i2")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            clause.text += "新增氢能示范内容"
            clause.save()
            assert queued() == [clause.pk]
        for callback in callbacks:
            callback()
        assert queued() == [] and keys("氢能示范") == {"p2.i2"}

    def test_a_rolled_back_savepoint_takes_its_row_and_the_clause_is_queued_again(
            self, django_capture_on_commit_callbacks):
        clause = _clause("p2.i2")
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    clause.text += "回滚的内容"
                    clause.save()
                    raise RuntimeError("the editor's save failed")
            except RuntimeError:
                pass
            assert queued() == []
            clause.refresh_from_db()
            clause.text += "保存的氢能内容"
            clause.save()
            assert queued() == [clause.pk]
        assert keys("保存的氢能内容") == {"p2.i2"} and queued() == []

    def test_a_row_queued_while_the_index_is_written_survives(self, monkeypatch):
        clause = _clause("p2.i1")
        PendingIndexUpdate.objects.create(clause_id=clause.pk)
        backend = connections["default"].get_backend()
        write = backend.write

        def write_while_another_transaction_commits(*args):
            write(*args)
            PendingIndexUpdate.objects.create(clause_id=clause.pk)  # newer work for the same clause

        monkeypatch.setattr(backend, "write", write_while_another_transaction_commits)
        assert indexing.apply_pending() == 1
        assert queued() == [clause.pk]

    def test_a_failed_write_keeps_the_rows_with_the_reason(self, monkeypatch):
        clause = _clause("p2.i1")
        PendingIndexUpdate.objects.create(clause_id=clause.pk)

        def broken(*args):
            raise OSError("No space left on device")

        monkeypatch.setattr(connections["default"].get_backend(), "write", broken)
        with pytest.raises(OSError):
            indexing.apply_pending()
        assert list(PendingIndexUpdate.objects.values_list("clause_id", "error")) == [
            (clause.pk, "No space left on device")]


def _tag_while_the_build_runs(clause: Clause, region: Region, capture, done: list):
    """A progress callback: once the build has read every clause, an editor's transaction that began
    before the rebuild (its timestamps say so) commits, and its own prompt index write runs."""
    began = timezone.now() - timedelta(minutes=5)

    def progress(message):
        if done:
            return
        done.append(message)
        with capture(execute=True):
            link = ClauseRegion.objects.create(clause=clause, region=region, origin="editor")
            ClauseRegion.objects.filter(pk=link.pk).update(updated_at=began, created_at=began)
            Clause.objects.filter(pk=clause.pk).update(updated_at=began)
        assert rebuilds.is_running(), "the change was not made during the rebuild"

    return progress


@pytest.mark.usefixtures("indexed_seeds")
def test_a_transaction_straddling_the_start_of_a_rebuild_reaches_the_new_index(
        django_capture_on_commit_callbacks):
    clause, yibin = _clause("p6.i14"), Region.objects.get(name="宜宾市")
    assert "p6.i14" not in keys("", ("region", "宜宾市"))
    done = []
    report = build.rebuild(progress=_tag_while_the_build_runs(clause, yibin, django_capture_on_commit_callbacks, done))
    assert done
    assert "p6.i14" in keys("", ("region", "宜宾市"))
    assert report.caught_up >= 1
    assert queued() == []


@pytest.mark.usefixtures("indexed_seeds")
def test_a_rebuild_dying_after_its_swap_leaves_the_change_queued_for_the_next_write(
        monkeypatch, django_capture_on_commit_callbacks):
    clause, yibin = _clause("p6.i14"), Region.objects.get(name="宜宾市")
    done = []

    def dies(*args, **kwargs):
        raise SystemExit("killed")

    monkeypatch.setattr(build, "_queue_entries_of_removed_clauses", dies)  # after the swap, before the catch-up
    with pytest.raises(SystemExit):
        build.rebuild(progress=_tag_while_the_build_runs(clause, yibin, django_capture_on_commit_callbacks, done))
    assert done and not rebuilds.is_running()
    assert "p6.i14" not in keys("", ("region", "宜宾市")), "the new generation should lack the change"
    assert queued() == [clause.pk]
    assert rebuilds.read_status().state == "failed"

    assert indexing.apply_pending() == 1
    assert "p6.i14" in keys("", ("region", "宜宾市")) and queued() == []


@pytest.mark.usefixtures("indexed_seeds")
def test_only_one_rebuild_runs_at_a_time():
    with rebuilds.exclusive("admin"):
        assert rebuilds.is_running()
        with pytest.raises(rebuilds.RebuildRunning, match="started by admin"):
            build.rebuild()
        assert rebuilds.read_status().state == "running"
    assert not rebuilds.is_running()
    assert rebuilds.read_status().state == "finished"


@pytest.mark.usefixtures("indexed_seeds")
def test_a_catch_up_that_cannot_write_says_the_new_index_is_live_and_keeps_the_changes(
        monkeypatch, django_capture_on_commit_callbacks):
    from django.core.management import CommandError, call_command

    from search.engine.backend import IndexBusy

    clause, yibin = _clause("p6.i14"), Region.objects.get(name="宜宾市")
    done = []
    apply = indexing.apply_pending

    def busy_for_the_catch_up(*args, rebuild_owner=False, **kwargs):
        if rebuild_owner:
            raise IndexBusy("search index is locked by another writer")
        return apply(*args, rebuild_owner=rebuild_owner, **kwargs)

    monkeypatch.setattr(indexing, "apply_pending", busy_for_the_catch_up)
    monkeypatch.setattr(build, "_build_and_swap", _swapping_while_tagging(
        build._build_and_swap, clause, yibin, django_capture_on_commit_callbacks, done))
    with pytest.raises(CommandError, match="new index is live.*--flush"):
        call_command("search_index", "--rebuild", verbosity=0)
    assert done and not rebuilds.is_running()
    status = rebuilds.read_status()
    assert status.state == "failed" and "新索引已启用" in status.message
    assert queued() == [clause.pk]
    monkeypatch.setattr(indexing, "apply_pending", apply)
    call_command("search_index", "--flush", verbosity=0)
    assert "p6.i14" in keys("", ("region", "宜宾市")) and queued() == []


def _swapping_while_tagging(build_and_swap, clause, region, capture, done):
    def wrapped(live, progress, status):
        return build_and_swap(live, _tag_while_the_build_runs(clause, region, capture, done), status)
    return wrapped


@pytest.mark.usefixtures("indexed_seeds")
def test_a_writer_settles_only_the_rows_it_read(django_capture_on_commit_callbacks):
    """A row another writer marked for a rebuild that started after this writer looked is the rebuild's."""
    backend = connections["default"].get_backend()
    backend.setup()
    marked_for_a_rebuild = PendingIndexUpdate.objects.create(clause_id=_clause("p2.i1").pk,
                                                             applied_to=backend.generation)
    with django_capture_on_commit_callbacks(execute=True):
        ClauseRegion.objects.create(clause=_clause("p6.i14"), region=Region.objects.get(name="宜宾市"),
                                    origin="editor")
    assert "p6.i14" in keys("", ("region", "宜宾市"))
    assert list(PendingIndexUpdate.objects.values_list("pk", flat=True)) == [marked_for_a_rebuild.pk]
