"""Helpers for ingestion tests: seed files copied to a temp dir, ingested for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.services.ingest import ingest_document
from tests.row_snapshots import TablesSnapshot, database_contents, tables_changed_since

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


@pytest.fixture(scope="session")
def seeds_ingested_one_by_one(gazetteer_tables, django_db_blocker) -> TablesSnapshot:
    """The tables ``ingest_document`` writes for each seed file in turn, as it left them: once per run,
    in a transaction rolled back at once (``ingested_seeds`` puts them back for each test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        if not gazetteer_tables.present():  # a transactional test before this one emptied every table
            gazetteer_tables.restore()
        before = database_contents()
        lexicon = lexicon_from_database()
        reports = [ingest_document(source=path, lexicon=lexicon) for path in sorted(SEEDS.glob("*.txt"))]
        assert [report.status for report in reports] == ["created"] * 5, [report.error for report in reports]
        written = tables_changed_since(before)
        # Whole tables are kept: rows a test wrote before asking for the seeds would become
        # every later test's. Only the gazetteer may be there before.
        leftovers = [model.__name__ for model in written.rows
                     if before.get(model) and model not in gazetteer_tables.rows]
        if leftovers:
            raise RuntimeError(f"the seeds' rows would keep rows written before them: {leftovers}")
        transaction.set_rollback(True)  # the index writes it queued on commit are dropped, as in a test
    return written


@pytest.fixture
def ingested_seeds(seed_dir, ingest, seeds_ingested_one_by_one):
    """The seeds in ``seed_dir``, stored as ``ingest`` stores each file (what it keeps of a file is its
    name and bytes, not where it lies): the run's rows put back in this test's transaction, in
    milliseconds rather than the second ingesting them takes."""
    seeds_ingested_one_by_one.restore()
    return seed_dir
