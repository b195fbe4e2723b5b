"""Helpers for ingestion tests: seed files copied to a temp dir, ingested for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.services.ingest import ingest_document

SEEDS = settings.BASE_DIR / "fixtures" / "documents"


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped seeds (with sidecars) that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def ingest(db):
    lexicon = lexicon_from_database()

    def run(path: Path, **options):
        return ingest_document(source=path, lexicon=lexicon, **options)

    return run


@pytest.fixture
def ingested_seeds(seed_dir, ingest):
    reports = [ingest(path) for path in sorted(seed_dir.glob("*.txt"))]
    assert [report.status for report in reports] == ["created"] * 5, [report.error for report in reports]
    return seed_dir
