"""A process killed at any step after a commit leaves the change queued; a fresh process indexes it.

Each test runs a real save in a separate ``manage.py`` process against a data
directory of its own, makes that process wait at a step by holding what the
step needs (the index's write lock, the database's write lock), kills it with
SIGKILL there, and then lets a fresh process apply the outbox.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.index import open_dir
from whoosh.query import And, Term

from tests.data_dirs import database, index_path, manage, start

ADD_YIBIN_TO_A_CLAUSE = """
from clauses.models import Clause, Region
from clauses.services.tag_edits import add_tag
clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p6.i14")
add_tag(clauses=[clause], kind="region", target=Region.objects.get(name="宜宾市"), user=None)
"""


def _clause_id(data_dir) -> int:
    return database(data_dir).execute(
        "SELECT c.id FROM clauses_clause c JOIN clauses_document d ON d.id = c.document_id "
        "WHERE d.slug = 'chuanbanfa-2022-67' AND c.key = 'p6.i14'").fetchone()[0]


def _committed(data_dir, clause_id) -> bool:
    return database(data_dir).execute(
        "SELECT COUNT(*) FROM clauses_clauseregion l JOIN clauses_region r ON r.id = l.region_id "
        "WHERE l.clause_id = ? AND r.name = '宜宾市'", (clause_id,)).fetchone()[0] == 1


def _indexed_in_yibin(data_dir, clause_id) -> bool:
    """Read straight from the Whoosh files: is the clause's document tagged 宜宾市?"""
    with open_dir(str(index_path(data_dir).resolve())).searcher() as searcher:
        query = And([Term("id", f"clauses.clause.{clause_id}"), Term("region_exact", "宜宾市")])
        return len(searcher.search(query)) == 1


def _queued(data_dir) -> list[int]:
    return [row[0] for row in database(data_dir).execute("SELECT clause_id FROM search_pendingindexupdate")]


def _wait_for(condition, process, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the process ended before {what}:\n{process.stdout.read()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.05)


def _kill(process) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL


@pytest.fixture
def index_write_lock(populated_data_dir):
    """Whoosh's write lock on the live index, held as another writer would hold it."""
    lock = FileStorage(str(index_path(populated_data_dir).resolve())).lock("MAIN_WRITELOCK")
    assert lock.acquire(blocking=False)
    yield lock
    if lock.fd is not None:  # the test may have released it already
        lock.release()


def test_killed_after_the_commit_before_the_index_write(populated_data_dir, index_write_lock):
    clause_id = _clause_id(populated_data_dir)
    assert not _indexed_in_yibin(populated_data_dir, clause_id) and _queued(populated_data_dir) == []

    saving = start(populated_data_dir, "shell", "-c", ADD_YIBIN_TO_A_CLAUSE)
    # Committed, and now waiting for the index's write lock in its on-commit hook.
    _wait_for(lambda: _committed(populated_data_dir, clause_id), saving, "the tag was committed")
    _kill(saving)
    assert clause_id in _queued(populated_data_dir), "a committed change left nothing queued"

    index_write_lock.release()
    manage(populated_data_dir, "search_index", "--flush")
    assert _indexed_in_yibin(populated_data_dir, clause_id)
    assert _queued(populated_data_dir) == []


def test_killed_after_the_index_write_before_the_queue_is_settled(populated_data_dir, index_write_lock):
    clause_id = _clause_id(populated_data_dir)
    saving = start(populated_data_dir, "shell", "-c", ADD_YIBIN_TO_A_CLAUSE)
    _wait_for(lambda: _committed(populated_data_dir, clause_id), saving, "the tag was committed")
    holder = database(populated_data_dir)
    holder.execute("BEGIN IMMEDIATE")  # the outbox cannot be settled while this holds the write lock
    try:
        index_write_lock.release()
        _wait_for(lambda: _indexed_in_yibin(populated_data_dir, clause_id), saving, "the index had the change")
        _kill(saving)
    finally:
        holder.execute("ROLLBACK")
    assert clause_id in _queued(populated_data_dir), "the row went before the index was known to have it"

    result = manage(populated_data_dir, "search_index", "--flush")
    assert "Applied 1 queued" in result.stdout
    assert _indexed_in_yibin(populated_data_dir, clause_id)
    assert _queued(populated_data_dir) == []
