"""Search tests run against a real Whoosh index of the ingested seeds.

``seeded_index`` gives a test class one copy of it, for tests that only read;
``indexed_seeds`` (tests/conftest.py) gives a test its own, for tests that write.
Both come from the seeds ingested and indexed once per run (``seeded_template``).
``seeds_and_corpus_index`` adds the five corpus documents, for the judged queries.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from haystack import connections

from tests.conftest import SeededTemplate
from tests.row_snapshots import database_contents, tables_changed_since

CORPUS = settings.BASE_DIR / "tests" / "clauses" / "parsing" / "data" / "corpus"


@contextmanager
def _index_at(index_dir: Path):
    """Search and index writes go to ``index_dir`` (an index directory: ``current`` and its generation)."""
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(index_dir / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        try:
            yield index_dir
        finally:
            connections.reload("default")


@contextmanager
def _read_only_copy(template: SeededTemplate, index_dir: Path):
    """A copy of ``template``'s index and its rows, in a transaction rolled back at the end."""
    with _index_at(template.copy_index(index_dir)):
        with transaction.atomic():
            template.indexed.restore()
            yield index_dir
            transaction.set_rollback(True)


@pytest.fixture(scope="class")
def seeded_index(seeded_template, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), _read_only_copy(seeded_template,
                                                      tmp_path_factory.mktemp("seeded-index")) as index_dir:
        yield index_dir


@pytest.fixture(scope="session")
def seeds_and_corpus_template(seeded_template, gazetteer_tables, django_db_blocker,
                              tmp_path_factory) -> SeededTemplate:
    """The seeds and the five corpus documents ingested and indexed once per run, rolled back at once.

    Built on the seeds' template: its rows restored and its index copied, then
    ``manage.py ingest`` of the corpus folder, whose queued index writes are run
    by hand (the transaction never commits).
    """
    index_dir = seeded_template.copy_index(tmp_path_factory.mktemp("seeds-and-corpus-template"))
    with django_db_blocker.unblock(), _index_at(index_dir), transaction.atomic():
        if not gazetteer_tables.present():  # a transactional test before this one emptied every table
            gazetteer_tables.restore()
        before = database_contents()
        seeded_template.indexed.restore()
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        call_command("ingest", str(CORPUS), verbosity=0)
        ingested = tables_changed_since(before)
        for _, callback, _ in connection.run_on_commit[start:]:
            callback()
        # A committed ingest indexes each document before it suggests related clauses (through the
        # index); here they wait for the index writes run by hand, and count as the ingest's rows.
        from clauses.models import RelatedClause
        from clauses.services.related import suggest_related

        suggest_related()
        indexed = tables_changed_since(before)
        ingested.rows[RelatedClause] = indexed.rows.get(RelatedClause, [])
        transaction.set_rollback(True)
    return SeededTemplate(ingested=ingested, indexed=indexed, index_dir=index_dir)


@pytest.fixture(scope="class")
def seeds_and_corpus_index(seeds_and_corpus_template, django_db_blocker, tmp_path_factory):
    """A test class's copy of the seeds and the corpus indexed, for tests that only read."""
    with django_db_blocker.unblock(), _read_only_copy(
            seeds_and_corpus_template, tmp_path_factory.mktemp("seeds-and-corpus-index")) as index_dir:
        yield index_dir
