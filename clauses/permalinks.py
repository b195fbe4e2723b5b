"""Permalinks of clauses: ``/d/<slug>/<path>/``, the path mirroring the numbering.

A clause key ``p2.i5`` (part 2, item 5) becomes ``/d/chuanbanfa-2022-67/p2/i5/``:
ASCII, short, readable, and the same for as long as the clause keeps its
numbering. A version-pinned link adds ``@<version>`` to the path
(``/d/chuanbanfa-2022-67/p2/i5@3/``) and names the text that was cited.
Every such link is built by ``clause_url`` and read by ``read_clause_path``;
the address itself comes from the ``clause`` route (``policykb/urls.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

_PATH = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)*$")
_VERSION = re.compile(r"^(?P<path>.+?)@(?P<version>[0-9]{1,9})$")


def clause_path(key: str) -> str:
    return key.replace(".", "/")


def key_from_path(path: str) -> str | None:
    path = path.strip("/")
    if not _PATH.match(path):
        return None
    return path.replace("/", ".")


def read_clause_path(path: str) -> tuple[str | None, int | None]:
    """(clause key or None if the path names no clause, pinned version or None) of a clause route's path."""
    pinned = _VERSION.match(path)
    return key_from_path(pinned["path"] if pinned else path), int(pinned["version"]) if pinned else None


def clause_url(slug: str, key: str, version: int | None = None) -> str:
    """The clause's permalink; with a version, the link pinned to that version's text.

    The ``clause`` route is the ``document`` route followed by the clause's path
    (``policykb/urls.py``; a test holds the two together). Reversing it for every
    clause cost about 20 µs a link, two seconds more for an export of 100,000
    results; the document's address is reversed once instead.
    """
    path = clause_path(key) + (f"@{version}" if version else "")
    return f"{_document_url(get_urlconf(), get_script_prefix(), slug)}{path}/"


@lru_cache(maxsize=4096)
def _document_url(urlconf: str | None, script_prefix: str, slug: str) -> str:
    """The document's address under one URLconf and script prefix (reverse() reads both from the request)."""
    return reverse("document", kwargs={"slug": slug}, urlconf=urlconf)
