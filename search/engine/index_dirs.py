"""Where the index lives: generation directories and the ``current`` link.

``SEARCH_INDEX_DIR/current`` is a symlink to the live generation. A rebuild
writes a new generation beside it and swaps the link in one rename, so
searches never see a half-built index; the previous generation is kept until
the next swap so a process still reading it is not cut off.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

_PREFIX = "gen-"


def new_generation(live: Path) -> Path:
    """An empty directory for a new index generation, next to ``live``."""
    root = live.parent
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    path.mkdir()
    return path


def ensure_live_link(live: Path) -> None:
    """Make ``live`` a link to a generation, creating an empty one if needed."""
    if live.is_symlink() and live.exists():
        return
    if live.is_dir() and not live.is_symlink():
        # An index from before generations existed: adopt it as one.
        adopted = new_generation(live)
        adopted.rmdir()
        live.rename(adopted)
        swap(live, adopted)
        return
    swap(live, new_generation(live))


def swap(live: Path, generation: Path) -> None:
    """Point ``live`` at ``generation`` atomically; drop generations older than the previous one."""
    previous = Path(os.path.realpath(live)) if live.is_symlink() else None
    temporary = live.with_name(f".{live.name}.{os.getpid()}.tmp")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(generation.name)
    os.replace(temporary, live)
    keep = {generation.resolve(), previous}
    for candidate in live.parent.glob(f"{_PREFIX}*"):
        if candidate.resolve() not in keep:
            shutil.rmtree(candidate, ignore_errors=True)


def live_target(live: Path) -> str:
    return os.path.realpath(live)
