"""Who is rebuilding the index: one rebuild at a time, its progress, and starting one in the background.

A rebuild holds an exclusive ``flock`` on ``rebuild.lock`` in the index
directory for as long as it runs. The kernel drops the lock when the process
ends, however it ends (``kill -9``, a server restart), so "is a rebuild
running?" is answered by the lock, never by a status that a dead process
could leave saying "running" forever. The outbox asks the same question
before it deletes a row (``search.outbox``).

``rebuild.json`` beside it says what the last rebuild did: who started it and
when, how many clauses of how many it has indexed, and how it ended. Only
the process holding the lock writes it, each time in one rename.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from haystack import connections

LOCK_FILE = "rebuild.lock"
STATUS_FILE = "rebuild.json"
LOG_FILE = "rebuild.log"
# A probe of the lock holds it (shared) for microseconds; a starting rebuild
# retries for this long before it concludes another rebuild has it.
ACQUIRE_SECONDS = 2.0
PROGRESS_EVERY = 1.0  # seconds between status writes while indexing


class RebuildRunning(Exception):
    """Another process is rebuilding the index."""


@dataclass
class RebuildStatus:
    state: str  # running, finished, failed, or interrupted (it stopped without saying how)
    started_by: str
    started_at: str
    pid: int
    done: int = 0
    total: int = 0
    finished_at: str = ""
    message: str = ""


def index_root() -> Path:
    """The directory holding the index generations (the parent of the ``current`` link)."""
    return Path(connections["default"].get_backend().path).parent


def _open_lock(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    return open(root / LOCK_FILE, "a+b")


def is_running(root: Path | None = None) -> bool:
    """Whether some process holds the rebuild lock now."""
    root = root or index_root()
    if not (root / LOCK_FILE).exists():
        return False
    with _open_lock(root) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def read_status(root: Path | None = None) -> RebuildStatus | None:
    """The last rebuild's status; "interrupted" if it says running but nobody holds the lock."""
    root = root or index_root()
    try:
        status = RebuildStatus(**json.loads((root / STATUS_FILE).read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None
    if status.state == "running" and not is_running(root):
        status.state = "interrupted"
    return status


class StatusWriter:
    """The running rebuild's status file; written by the lock holder only."""

    def __init__(self, root: Path, status: RebuildStatus) -> None:
        self.root = root
        self.status = status
        self._written_at = 0.0
        self.write()

    def write(self) -> None:
        path = self.root / STATUS_FILE
        temporary = path.with_name(f".{STATUS_FILE}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(self.status), ensure_ascii=False))
        os.replace(temporary, path)
        self._written_at = time.monotonic()

    def progress(self, done: int, total: int) -> None:
        self.status.done, self.status.total = done, total
        if done == total or time.monotonic() - self._written_at >= PROGRESS_EVERY:
            self.write()

    def end(self, state: str, message: str = "") -> None:
        self.status.state, self.status.message = state, message
        self.status.finished_at = timezone.now().isoformat()
        self.write()


@contextmanager
def exclusive(started_by: str = "", root: Path | None = None):
    """Hold the rebuild lock; yields the status writer. Raises ``RebuildRunning`` if another has it."""
    root = root or index_root()
    lock = _open_lock(root)
    try:
        deadline = time.monotonic() + ACQUIRE_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    running = read_status(root)
                    who = f" (started by {running.started_by or 'a command'} at {running.started_at})" \
                        if running and running.state == "running" else ""
                    raise RebuildRunning(f"another rebuild of the search index is running{who}") from None
                time.sleep(0.02)
        writer = StatusWriter(root, RebuildStatus(state="running", started_by=started_by,
                                                  started_at=timezone.now().isoformat(), pid=os.getpid()))
        try:
            yield writer
        except BaseException as error:
            writer.end("failed", str(error) or type(error).__name__)
            raise
        if writer.status.state == "running":
            writer.end("finished")
    finally:
        lock.close()  # releases the lock


def start_in_background(started_by: str) -> None:
    """Start ``manage.py search_index --rebuild`` as its own process and return at once.

    The process outlives the request (its own session, so a worker's restart
    does not stop it); its output goes to ``rebuild.log`` in the index
    directory. A thread reaps it when it ends, so no zombie is left behind.
    """
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOG_FILE, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "search_index", "--rebuild",
             "--started-by", started_by, "-v", "2"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            cwd=settings.BASE_DIR)
    threading.Thread(target=process.wait, name="search-rebuild-reaper", daemon=True).start()
