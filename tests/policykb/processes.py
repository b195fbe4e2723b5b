"""Running PolicyKB's entry points in their own processes, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def run(args: list[str], *, data_dir, **environment) -> subprocess.CompletedProcess:
    """``args`` run from the project directory with a fresh data dir and only the given settings."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("POLICYKB_", "DJANGO_")) and key not in ("HOST", "PORT", "DATABASE_URL")}
    env.update({"POLICYKB_DATA_DIR": str(data_dir), **environment})
    return subprocess.run(args, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]
