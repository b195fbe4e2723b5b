"""Real PolicyKB data directories for tests that run ``manage.py`` in separate processes.

A data directory (``POLICYKB_DATA_DIR``) holds a file-backed SQLite database
and the search index, as on a laptop or a server. ``populate()`` makes one the
way ``make run`` does; ``manage()`` runs a command against it in a fresh
process, so a test can kill that process or compare two directories.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SEEDS = settings.BASE_DIR / "fixtures" / "documents"


def environment(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "POLICYKB_INDEX_DIR", "DJANGO_SETTINGS_MODULE")}
    return {**env, "POLICYKB_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "policykb.settings",
            "PYTHONWARNINGS": "ignore"}


def command(*args: str) -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]


def manage(data_dir: Path, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(command(*args), env=environment(data_dir), cwd=settings.BASE_DIR,
                            capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def start(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(command(*args), env=environment(data_dir), cwd=settings.BASE_DIR,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def populate(data_dir: Path) -> None:
    """Migrate, load the gazetteers, ingest the seed documents and build the index."""
    manage(data_dir, "migrate", "--noinput", "-v", "0")
    manage(data_dir, "load_gazetteers", "-v", "0")
    manage(data_dir, "ingest", str(SEEDS), "-v", "0")
    manage(data_dir, "search_index", "-v", "0")


def database(data_dir: Path) -> sqlite3.Connection:
    """The directory's database, opened directly (autocommit): what is really committed."""
    return sqlite3.connect(data_dir / "policykb.sqlite3", isolation_level=None, timeout=30)


def index_path(data_dir: Path) -> Path:
    return data_dir / "index" / "current"
