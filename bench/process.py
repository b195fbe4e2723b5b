"""What both benchmarks share: a private data directory for Django, progress lines, processes' memory, the commit.

``make bench`` (bench/run.py) and ``make bench-ingest`` (bench/ingest.py)
each work in a data directory of their own, never the site's, and report
figures that must be traceable to the code measured.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def private_django(data_dir: str | None, *, prefix: str, **settings: str) -> tuple[Path, dict]:
    """Point this process (and the environment it hands to children) at ``data_dir`` — a new temporary
    directory if None — on SQLite, with ``settings`` as extra environment, and set Django up."""
    work = Path(data_dir or tempfile.mkdtemp(prefix=prefix))
    env = {**os.environ, "POLICYKB_DATA_DIR": str(work), "DJANGO_SETTINGS_MODULE": "policykb.settings", **settings}
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    return work, env


def say(message: str) -> None:
    """Progress on stderr: a 100,000-clause run takes a quarter of an hour."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def commit() -> str | None:
    """The code measured, so a figure can be traced to it."""
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def machine() -> str:
    """The machine a figure was measured on, as every report names it."""
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_results(out: str | Path, json_name: str, markdown_name: str, result: dict, report: str) -> None:
    """Write a run's figures (``json_name``) and its report (``markdown_name``) to ``out``, and print the report."""
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / json_name).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    (directory / markdown_name).write_text(report)
    print(report)
