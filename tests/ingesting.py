"""Successive versions of one small document, ingested as an editor would publish them."""

from __future__ import annotations

from pathlib import Path

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.services.ingest import ingest_document


def ingest_versions(path: Path, header: str, *bodies: str) -> None:
    """Ingest ``header + body`` for each body in turn, from the same file (so: new versions of one document)."""
    for body in bodies:
        path.write_text(header + body, encoding="utf-8")
        ingest_document(source=path, lexicon=lexicon_from_database())
