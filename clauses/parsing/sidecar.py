"""Reading a document's optional sidecar: ``NAME.meta.json`` beside ``NAME.txt``.

A sidecar supplies what the text lacks (slug, source URL, date, …); see
``metadata.py`` for which fields it may set and how.
"""

from __future__ import annotations

import json
from pathlib import Path

from .types import ParseError

SIDECAR_SUFFIX = ".meta.json"


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def read_sidecar(source: Path) -> dict | None:
    path = sidecar_path(source)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(f"{path.name}: sidecar is not valid UTF-8 JSON ({error})") from None
    if not isinstance(data, dict):
        raise ParseError(f"{path.name}: sidecar must be a JSON object")
    return data
