"""Permalinks of clauses: ``/d/<slug>/<path>/``, the path mirroring the numbering.

A clause key ``p2.i5`` (part 2, item 5) becomes ``/d/chuanbanfa-2022-67/p2/i5/``:
ASCII, short, readable, and the same for as long as the clause keeps its
numbering.
"""

from __future__ import annotations

import re

_PATH = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)*$")


def clause_path(key: str) -> str:
    return key.replace(".", "/")


def key_from_path(path: str) -> str | None:
    path = path.strip("/")
    if not _PATH.match(path):
        return None
    return path.replace("/", ".")


def clause_url(slug: str, key: str) -> str:
    return f"/d/{slug}/{clause_path(key)}/"
