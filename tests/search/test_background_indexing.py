"""A bulk ingest's index written by a process beside it: everything ends in the index, even if that process fails.

The indexer is forked from the ingest and needs a database another process
can open, so these tests run ``manage.py ingest --jobs 2`` in a process of
its own against a real data directory (``tests.data_dirs``), then read the
database and the Whoosh files directly.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from whoosh.index import open_dir

from tests.data_dirs import database, environment, index_path, manage

DOCUMENTS = 8


def _write_documents(directory) -> None:
    directory.mkdir()
    for number in range(1, DOCUMENTS + 1):
        (directory / f"notice{number:02d}.txt").write_text(
            f"关于开展第{number}批园区协作的通知\n鄂政办发〔2031〕{number}号\n\n各市、州人民政府：\n\n"
            f"一、承接转移。支持襄阳市承接第{number}批装备制造产业转移。\n\n"
            f"二、加强保障。（牵头单位：省经信厅；配合单位：省商务厅）\n", encoding="utf-8")


def _current_clause_ids(data_dir) -> set[int]:
    return {row[0] for row in database(data_dir).execute(
        "SELECT c.id FROM clauses_clause c JOIN clauses_document d ON d.id = c.document_id "
        "WHERE c.retired_at IS NULL")}


def _indexed_clause_ids(data_dir) -> set[int]:
    with open_dir(str(index_path(data_dir).resolve())).searcher() as searcher:
        return {int(fields["id"].rsplit(".", 1)[1]) for fields in searcher.all_stored_fields()}


def _queued(data_dir) -> int:
    return database(data_dir).execute("SELECT COUNT(*) FROM search_pendingindexupdate").fetchone()[0]


def test_the_index_is_written_beside_storing_and_holds_every_stored_clause(populated_data_dir, tmp_path):
    _write_documents(tmp_path / "documents")
    before = _current_clause_ids(populated_data_dir)

    result = manage(populated_data_dir, "ingest", str(tmp_path / "documents"), "--jobs", "2",
                    "--index-every", "2", "--progress", "0")

    created = next(line.split()[1:] for line in result.stdout.splitlines() if line.startswith("created "))
    assert int(created[0]) == DOCUMENTS
    beside = result.stdout.split("(and ")[1].split(" s in a process beside storing)")[0]
    assert float(beside) > 0, result.stdout  # the indexer did write
    clauses = _current_clause_ids(populated_data_dir)
    assert len(clauses - before) == int(created[1]) >= DOCUMENTS * 2
    assert _indexed_clause_ids(populated_data_dir) == clauses
    assert _queued(populated_data_dir) == 0


# The ingest with the indexer's every write failing (as on a full disk): the ingest's own last
# write must still index everything. The failure is injected in the forked indexer only.
FAILING_INDEXER = """
import os, sys
import django
django.setup()
from django.core.management import call_command
from search import indexing

ingest_process = os.getpid()
real_apply = indexing.apply_pending

def apply_pending(*args, **kwargs):
    if os.getpid() != ingest_process:
        raise OSError(28, "No space left on device")
    return real_apply(*args, **kwargs)

indexing.apply_pending = apply_pending
call_command("ingest", sys.argv[1], jobs=2, index_every=2, progress=0)
"""


def test_an_indexer_that_fails_leaves_its_clauses_for_the_ingest_to_index(populated_data_dir, tmp_path):
    _write_documents(tmp_path / "documents")

    result = subprocess.run([sys.executable, "-c", FAILING_INDEXER, str(tmp_path / "documents")],
                            env=environment(populated_data_dir), capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stderr[-3000:]
    assert "background index write failed" in result.stderr and "No space left on device" in result.stderr
    assert _indexed_clause_ids(populated_data_dir) == _current_clause_ids(populated_data_dir)
    assert _queued(populated_data_dir) == 0


# An ingest killed outright (SIGKILL, the out-of-memory killer) cannot end its indexer; the indexer must see it.
KILLED_INGEST = """
import os, signal
import django
django.setup()
from search.background_indexing import BackgroundIndexer

indexer = BackgroundIndexer().__enter__()
print(indexer._process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _ended(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in state  # exited; reaped by whoever adopted it, in its own time


def test_the_indexer_of_an_ingest_killed_outright_ends_too(populated_data_dir):
    result = subprocess.run([sys.executable, "-c", KILLED_INGEST], env=environment(populated_data_dir),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL
    indexer = int(result.stdout.split()[0])
    deadline = time.monotonic() + 30
    while not _ended(indexer):
        assert time.monotonic() < deadline, "the indexer outlived its ingest"
        time.sleep(0.2)
