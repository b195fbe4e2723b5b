"""The index follows the database: saves, tag edits, deletes, locks, rebuilds."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from haystack import connections
from whoosh import index as whoosh_index

from clauses.models import Clause, ClauseDepartment, ClauseRegion, Department, Region, TagLink
from search import build, indexing, records
from search.models import PendingIndexUpdate
from search.selectors import SearchRequest, search
from tests.admin_forms import add_inline_row, change_form_data


def keys(q="", *filters) -> set[str]:
    return {hit.clause["key"] for hit in search(SearchRequest(q=q, filters=list(filters), page_size=100)).hits}


def _merge_away_the_segments_of(searching):
    """Edit through another thread's backend until a merge deletes every segment ``searching`` has open.

    Returns that backend. Each edit adds a small segment; the eighth merges them.
    """
    old_segments = [segment.segment_id() for segment in searching.index._segments()]
    index = connections["default"].get_unified_index().get_index(Clause)
    clauses = list(index.index_queryset().filter(document__slug="chuanbanfa-2022-67", kind="item")[:10])
    connections.reload("default")
    writing = connections["default"].get_backend()
    for number, clause in enumerate(clauses):
        clause.text = f"合并竞争标记{number}"
        writing.update(index, [clause])
    files = set(searching.storage.list())
    assert not any(name.startswith(old) for old in old_segments for name in files), "nothing was merged"
    return writing


def _commits_land_after_the_next_check(monkeypatch, backend, generation: int) -> list[int]:
    """The backend's next check for a newer commit sees ``generation``; every later one the newest.

    Returns the stale answers not yet given: empty once the check was made.
    """
    newest = backend.index.latest_generation
    stale_checks = [generation]
    monkeypatch.setattr(backend.index, "latest_generation", lambda: stale_checks.pop() if stale_checks else newest())
    return stale_checks


@pytest.mark.usefixtures("indexed_seeds")
class TestRealtimeIndexing:
    def test_clause_text_saved_is_searchable_after_commit(self, django_capture_on_commit_callbacks):
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            clause.text += "新增氢能示范内容"
            clause.save()
        assert "p2.i2" not in keys("氢能示范"), "indexed before the commit"
        for callback in callbacks:
            callback()
        assert keys("氢能示范") == {"p2.i2"}

    def test_tag_edit_through_the_admin_form_is_reflected(self, client, django_capture_on_commit_callbacks):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        client.force_login(admin)
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p6.i14")
        yibin = Region.objects.get(name="宜宾市")
        assert "p6.i14" not in keys("", ("region", "宜宾市"))
        url = f"/admin/clauses/clause/{clause.pk}/change/"
        data = change_form_data(client.get(url))
        add_inline_row(data, "clauseregion_links", clause.pk, region=yibin)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        link = ClauseRegion.objects.get(clause=clause, region=yibin)
        assert (link.origin, link.created_by) == ("editor", admin)
        assert "p6.i14" in keys("", ("region", "宜宾市"))
        assert "p6.i14" in keys("", ("region", "川南经济区"))

    def test_removed_tag_leaves_the_facet(self, django_capture_on_commit_callbacks):
        link = ClauseDepartment.objects.get(clause__document__slug="chuanbanfa-2022-67", clause__key="p5.i12",
                                            department__name="四川省财政厅")
        assert "p5.i12" in keys("", ("department", "四川省财政厅"))
        with django_capture_on_commit_callbacks(execute=True):
            link.status = TagLink.Status.REJECTED
            link.save()
        assert "p5.i12" not in keys("", ("department", "四川省财政厅"))

    def test_m2m_add_through_the_clause_is_reflected(self, django_capture_on_commit_callbacks):
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i3")
        customs = Department.objects.get(name="成都海关")
        with django_capture_on_commit_callbacks(execute=True):
            clause.departments.add(customs, through_defaults={"role": "co", "origin": "editor"})
        assert "p2.i3" in keys("", ("department", "成都海关"))

    def test_deleted_clause_leaves_the_index(self, django_capture_on_commit_callbacks):
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        with django_capture_on_commit_callbacks(execute=True):
            clause.delete()
        assert "p2.i1" not in keys("南充")

    def test_removal_under_a_held_writer_lock_is_queued_not_lost(self, settings, django_capture_on_commit_callbacks):
        backend = connections["default"].get_backend()
        backend.lock_timeout = 0.2
        clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        clause_id = clause.pk
        held = backend.index.writer()  # another process writing
        try:
            with django_capture_on_commit_callbacks(execute=True):
                clause.delete()
            assert list(PendingIndexUpdate.objects.values_list("clause_id", flat=True)) == [clause_id]
            assert "p2.i1" in keys("南充"), "the lock was held: the entry is still there, but queued"
        finally:
            held.cancel()
        assert indexing.apply_pending() == 1
        assert "p2.i1" not in keys("南充")
        assert not PendingIndexUpdate.objects.exists()

    def test_queued_writes_go_out_with_the_next_write(self, django_capture_on_commit_callbacks):
        first = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        PendingIndexUpdate.objects.create(clause_id=first.pk)
        Clause.objects.filter(pk=first.pk).update(text="改写后的文本 氢能走廊")  # no signal: only queued
        second = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
        with django_capture_on_commit_callbacks(execute=True):
            second.save()
        assert keys("氢能走廊") == {"p2.i1"}

    def test_concurrent_writers_lose_no_update(self):
        """Six workers, each with its own backend, write at once: every write lands."""
        index = connections["default"].get_unified_index().get_index(Clause)
        clauses = list(index.index_queryset().filter(document__slug="chuanbanfa-2022-67", kind="item")[:6])
        for number, clause in enumerate(clauses):
            clause.text = f"并发写入标记{number} 并发测试"
        errors = []
        start = threading.Barrier(len(clauses))

        def write(clause):
            try:
                connections.reload("default")  # a worker's own backend and lock attempts
                backend = connections["default"].get_backend()
                start.wait()
                backend.update(index, [clause])
            except Exception as error:  # reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(clause,)) for clause in clauses]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert keys("并发测试") == {clause.key for clause in clauses}

    def test_opening_the_index_survives_a_commit_between_listing_and_reading(self, monkeypatch):
        """A thread opens the index just as another commits: the first table of contents it
        finds is deleted before it reads it (seen in CI as a FileNotFoundError)."""
        index = connections["default"].get_unified_index().get_index(Clause)
        clause = index.index_queryset().get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        clause.text = "提交竞争标记 打开索引"
        listed = whoosh_index.TOC._latest_generation
        raced = []

        def list_then_commit(storage, indexname):
            generation = listed(storage, indexname)
            if not raced:
                raced.append(generation)
                connections["default"].get_backend().update(index, [clause])  # a real commit
            return generation

        opening = connections["default"].get_backend()
        opening.setup_complete = False
        monkeypatch.setattr(whoosh_index.TOC, "_latest_generation", list_then_commit)
        opening.setup()
        monkeypatch.undo()

        assert raced and opening.index.latest_generation() > raced[0], "no commit raced the opening"
        assert keys("提交竞争标记") == {"p2.i1"}

    def test_a_search_survives_a_merge_deleting_its_segments_mid_search(self, monkeypatch):
        """A commit that merges segments deletes their files; a search that checked for a newer
        commit just before still reads them (Whoosh opens column files lazily)."""
        searching = connections["default"].get_backend()
        searching.setup_complete = False
        before = searching._searcher()
        generation = searching.index.latest_generation()
        writing = _merge_away_the_segments_of(searching)

        _commits_land_after_the_next_check(monkeypatch, searching, generation)
        searched_with = []
        open_searcher = searching._searcher

        def spy(*args):
            searched_with.append(open_searcher(*args))
            return searched_with[-1]

        monkeypatch.setattr(searching, "_searcher", spy)
        results = searching.search("产业", facets=["region"], end_offset=200)
        monkeypatch.undo()
        assert searched_with[0] is before, "the first attempt did not read the stale commit"
        assert len(searched_with) == 2 and searched_with[1] is not before

        fresh = writing.search("产业", facets=["region"], end_offset=200)
        assert results["hits"] == fresh["hits"] > 10
        assert [result.pk for result in results["results"]] == [result.pk for result in fresh["results"]]
        assert results["facets"] == fresh["facets"]

    def test_the_identifiers_read_after_a_rebuild_survive_a_merge_mid_read(self, monkeypatch):
        """``document_ids`` (a rebuild's catch-up) reads deleted documents' stored ids: the same race."""
        index = connections["default"].get_unified_index().get_index(Clause)
        searching = connections["default"].get_backend()
        searching.setup_complete = False
        searching.update(index, [index.index_queryset().get(document__slug="chuanbanfa-2022-67", key="p2.i1")])
        searching._searcher()  # its segments have a deleted document, whose stored id is read
        generation = searching.index.latest_generation()
        writing = _merge_away_the_segments_of(searching)

        _commits_land_after_the_next_check(monkeypatch, searching, generation)
        identifiers = searching.document_ids()
        monkeypatch.undo()
        assert identifiers == writing.document_ids()
        assert len(identifiers) == Clause.objects.current().count()

    def test_a_search_that_read_an_older_commit_without_error_is_done_again(self, monkeypatch):
        searching = connections["default"].get_backend()
        searching._searcher()
        generation = searching.index.latest_generation()
        index = connections["default"].get_unified_index().get_index(Clause)
        clause = index.index_queryset().get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        clause.text = "提交之后的标记"
        connections.reload("default")
        connections["default"].get_backend().update(index, [clause])  # no merge: nothing is deleted

        stale_checks = _commits_land_after_the_next_check(monkeypatch, searching, generation)
        results = searching.search("提交之后的标记", facets=["region"])

        assert not stale_checks, "the search did not check the commit first"
        assert [int(result.pk) for result in results["results"]] == [clause.pk]

    def test_rebuild_builds_beside_the_live_index_and_search_stays_up(self, search_index_dir):
        live = search_index_dir / "current"
        before = live.resolve()
        seen_during_build = []

        def progress(_message):
            seen_during_build.append(search(SearchRequest()).count)

        report = build.rebuild(progress=progress)
        assert report.clauses == 116
        assert seen_during_build and all(count == 116 for count in seen_during_build)
        assert live.resolve() != before
        assert search(SearchRequest()).count == 116
        assert build.is_current()


@pytest.mark.usefixtures("indexed_seeds")
def test_renaming_a_province_reaches_clauses_tagged_with_its_cities(django_capture_on_commit_callbacks):
    province = Region.objects.get(name="四川省")
    assert "p2.i1" in keys("", ("region", "四川省"))
    with django_capture_on_commit_callbacks(execute=True):
        province.name = "四川省（测试改名）"
        province.save()
    assert "p2.i1" in keys("", ("region", "四川省（测试改名）"))


@pytest.mark.usefixtures("indexed_seeds")
def test_an_index_failure_after_commit_queues_the_work_instead_of_failing_the_save(
        monkeypatch, django_capture_on_commit_callbacks):
    backend = connections["default"].get_backend()

    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(backend, "write", broken)
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i2")
    with django_capture_on_commit_callbacks(execute=True):
        clause.text += "磁盘已满测试"
        clause.save()
    assert list(PendingIndexUpdate.objects.values_list("clause_id", flat=True)) == [clause.pk]
    monkeypatch.undo()
    assert indexing.apply_pending() == 1
    assert keys("磁盘已满测试") == {"p2.i2"}


@pytest.mark.usefixtures("indexed_seeds")
def test_a_build_in_two_writer_processes_finds_the_same_as_one(monkeypatch):
    single = search(SearchRequest(q="产业转移", page_size=100))
    monkeypatch.setattr(build, "_processes", lambda clauses: 2)
    report = build.rebuild()
    assert report.clauses == 116
    double = search(SearchRequest(q="产业转移", page_size=100))
    assert double.count == single.count
    assert double.facets == single.facets
    assert {hit.permalink for hit in double.hits} == {hit.permalink for hit in single.hits}


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.usefixtures("indexed_seeds")
def test_a_build_in_many_segments_finds_the_same_as_one(monkeypatch, processes):
    single = search(SearchRequest(q="产业转移", page_size=100))
    monkeypatch.setattr(build, "_processes", lambda clauses: processes)
    monkeypatch.setattr(build, "_SEGMENT", 50)
    assert build.rebuild().clauses == 116
    segments = connections["default"].get_backend()._searcher().reader().leaf_readers()
    assert len(segments) >= 3  # 116 clauses, each writer process starting a new segment every 50
    segmented = search(SearchRequest(q="产业转移", page_size=100))
    assert (segmented.count, segmented.facets) == (single.count, single.facets)
    # The same scores (global statistics); ties may come in another document order.
    assert sorted((round(hit.score, 9), hit.permalink) for hit in segmented.hits) == \
        sorted((round(hit.score, 9), hit.permalink) for hit in single.hits)
    assert search(SearchRequest()).count == 116


@pytest.mark.usefixtures("indexed_seeds")
def test_haystacks_own_rebuild_index_still_works_with_the_generation_link(search_index_dir):
    from django.core.management import call_command

    call_command("rebuild_index", interactive=False, verbosity=0)
    assert (search_index_dir / "current").is_symlink()
    assert search(SearchRequest()).count == 116


def _generations(search_index_dir) -> set[str]:
    return {path.name for path in search_index_dir.iterdir() if path.name.startswith("gen-")}


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.usefixtures("indexed_seeds")
def test_a_build_failing_midway_stops_its_processes_and_leaves_the_live_index(
        monkeypatch, processes, search_index_dir):
    import multiprocessing

    from django.db import DatabaseError

    build.rebuild()
    generations = _generations(search_index_dir)
    read = records.read_records
    batches = []

    def failing(ids):
        batches.append(ids)
        if len(batches) == 3:  # after 100 clauses: a writer process is running by then
            raise DatabaseError("disk I/O error")
        return read(ids)

    monkeypatch.setattr(build, "_processes", lambda clauses: processes)
    monkeypatch.setattr(build, "_BATCH", 50)
    monkeypatch.setattr(records, "read_records", failing)
    with pytest.raises(DatabaseError):
        build.rebuild()
    assert multiprocessing.active_children() == []  # nothing left waiting for work
    assert _generations(search_index_dir) == generations  # the half-built one is removed
    assert search(SearchRequest()).count == 116


@pytest.mark.usefixtures("indexed_seeds")
def test_a_writer_process_that_dies_fails_the_build_instead_of_losing_clauses(monkeypatch, search_index_dir):
    from django.core.management import CommandError, call_command

    from search.search_indexes import ClauseIndex

    prepare = ClauseIndex.prepare_record
    victim = Clause.objects.order_by("pk").values_list("pk", flat=True)[60]

    def poisoned(self, record):
        data = prepare(self, record)
        if record.pk == victim:
            data["text"] = 12345  # the analyzer in the writer process cannot read a number
        return data

    monkeypatch.setattr(build, "_processes", lambda clauses: 2)
    monkeypatch.setattr(ClauseIndex, "prepare_record", poisoned)
    with pytest.raises(CommandError, match="writer process failed.*live index is unchanged"):
        call_command("search_index", "--rebuild", verbosity=0)
    assert search(SearchRequest()).count == 116


@pytest.mark.usefixtures("indexed_seeds")
def test_loading_an_unchanged_gazetteer_reindexes_nothing(monkeypatch, django_capture_on_commit_callbacks):
    # make run loads the gazetteers on every start; at 300,000 clauses re-indexing
    # a grouping's clauses for an add() of existing members took minutes.
    from django.core.management import call_command

    from search import signals

    queued = []
    queue = signals._queue
    monkeypatch.setattr(signals, "_queue", lambda ids: queued.extend(ids) or queue(ids))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_gazetteers", verbosity=0)
    assert queued == []
    # A real change to a grouping still reaches its clauses.
    sichuan_south = Region.objects.get(name="川南经济区")
    member = sichuan_south.members.first()
    with django_capture_on_commit_callbacks(execute=True):
        sichuan_south.members.remove(member)
    assert queued


@pytest.mark.django_db
def test_a_rebuild_with_no_clauses_gives_an_empty_index(search_index_dir):
    """A new installation rebuilds before its first ingest: nothing to index is not an error."""
    assert not Clause.objects.exists()
    assert build.rebuild().clauses == 0
    assert search(SearchRequest(q="")).count == 0


@pytest.mark.django_db(transaction=True)
def test_a_committed_grouping_change_reindexes_with_the_new_roll_up(gazetteer_tables, tmp_path):
    """Real commits, not captured callbacks: Django empties its commit callbacks before it runs them,
    so the indexing queued before the gazetteer's own callback must still see the committed change."""
    from django.db import transaction

    from tests.ingesting import ingest_versions

    with transaction.atomic():
        if not gazetteer_tables.present():  # an earlier transactional test emptied every table
            gazetteer_tables.restore()
    ingest_versions(tmp_path / "pilot.txt", "关于试点的通知\n川办发〔2023〕9号\n\n各市(州)人民政府：\n\n",
                    "一、开展试点。支持宜宾市开展承接产业转移试点工作。\n")
    assert keys("承接产业转移试点") == {"p1"}
    assert keys("", ("region", "宜宾市")) == {"p1"}

    with transaction.atomic():
        grouping = Region.objects.create(name="测试协作区")
        grouping.members.add(Region.objects.get(name="宜宾市"))
    assert keys("", ("region", "测试协作区")) == {"p1"}

    with transaction.atomic():
        grouping.name = "测试协作区（改名）"
        grouping.save()
    assert keys("", ("region", "测试协作区（改名）")) == {"p1"}


@pytest.mark.usefixtures("indexed_seeds")
def test_a_writer_process_that_would_query_the_database_fails_the_build_clearly(monkeypatch, search_index_dir):
    """A writer shares the build's connection: a query there must fail, not interleave with the build's reads.
    Here the gazetteer is due to be checked again when the writers fork, so their first analysis queries."""
    from clauses.gazetteer import snapshot
    from search.engine import full_build
    from search.engine.full_build import BuildIncomplete

    build.rebuild()
    generations = _generations(search_index_dir)
    in_processes = full_build._write_in_processes

    def forking_with_a_check_due(*args):
        monkeypatch.setattr(snapshot, "_check_due", True)
        return in_processes(*args)

    monkeypatch.setattr(build, "_processes", lambda clauses: 2)
    monkeypatch.setattr(full_build, "_write_in_processes", forking_with_a_check_due)
    with pytest.raises(BuildIncomplete, match="must not use the database"):
        build.rebuild()
    assert _generations(search_index_dir) == generations
    assert search(SearchRequest()).count == 116
