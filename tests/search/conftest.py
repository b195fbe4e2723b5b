"""Search tests run against a real Whoosh index built from the ingested seeds.

``seeded_index`` builds it once per test class, for tests that only read;
``indexed_seeds`` builds a private one per test, for tests that write.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from haystack import connections

SEEDS = settings.BASE_DIR / "fixtures" / "documents"


def _ingest_and_index() -> None:
    connection = transaction.get_connection()
    start = len(connection.run_on_commit)
    call_command("ingest", str(SEEDS), verbosity=0)
    # The surrounding test transaction never commits: run the index writes now.
    for _, callback, _ in connection.run_on_commit[start:]:
        callback()


@pytest.fixture(scope="class")
def seeded_index(django_db_setup, django_db_blocker, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("seeded-index")
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(index_dir / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        with django_db_blocker.unblock(), transaction.atomic():
            _ingest_and_index()
            yield index_dir
            transaction.set_rollback(True)
    connections.reload("default")


@pytest.fixture
def indexed_seeds(db):
    _ingest_and_index()
