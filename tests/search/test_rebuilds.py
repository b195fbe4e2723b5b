"""Rebuilds run in their own process: started in the background, and never reported running once dead."""

from __future__ import annotations

import json
import os
import signal
import time

from search import rebuilds
from tests.data_dirs import index_path, manage, start


def _status_file(data_dir):
    return data_dir / "index" / rebuilds.STATUS_FILE


def _wait_for(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.05)


def test_a_rebuild_started_in_the_background_outlives_its_starter_and_reports_its_end(populated_data_dir):
    before = index_path(populated_data_dir).resolve()
    manage(populated_data_dir, "shell", "-c",
           "from search import rebuilds; rebuilds.start_in_background(started_by='admin')")
    root = populated_data_dir / "index"
    _wait_for(lambda: (status := rebuilds.read_status(root)) is not None and status.started_by == "admin"
              and status.state != "running", "the rebuild started in the background ended")
    status = rebuilds.read_status(root)
    assert (status.state, status.started_by, status.done, status.total) == ("finished", "admin", 116, 116)
    assert index_path(populated_data_dir).resolve() != before
    assert not rebuilds.is_running(root)


def test_a_killed_rebuild_is_reported_interrupted_and_the_next_one_starts(populated_data_dir):
    before = index_path(populated_data_dir).resolve()
    rebuilding = start(populated_data_dir, "search_index", "--rebuild", "--started-by", "admin")

    def running_here() -> bool:
        try:
            status = json.loads(_status_file(populated_data_dir).read_text())
        except (FileNotFoundError, ValueError):
            return False
        return status["state"] == "running" and status["pid"] == rebuilding.pid

    _wait_for(running_here, "the rebuild was running")
    os.kill(rebuilding.pid, signal.SIGKILL)
    rebuilding.wait(timeout=30)
    rebuilding.stdout.close()

    root = populated_data_dir / "index"
    assert rebuilds.read_status(root).state == "interrupted"
    assert not rebuilds.is_running(root)
    assert index_path(populated_data_dir).resolve() == before
    manage(populated_data_dir, "search_index", "--rebuild")
    assert rebuilds.read_status(root).state == "finished"
