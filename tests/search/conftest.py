"""Search tests run against a real Whoosh index of the ingested seeds.

``seeded_index`` gives a test class one copy of it, for tests that only read;
``indexed_seeds`` (tests/conftest.py) gives a test its own, for tests that write.
Both come from the seeds ingested and indexed once per run (``seeded_template``).
``seeds_and_corpus_index`` adds the five corpus documents, for the judged queries
(from ``seeds_and_corpus_template``, tests/conftest.py).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction

from tests.conftest import SeededTemplate, index_at


@contextmanager
def _read_only_copy(template: SeededTemplate, index_dir: Path):
    """A copy of ``template``'s index and its rows, in a transaction rolled back at the end."""
    with index_at(template.copy_index(index_dir)):
        with transaction.atomic():
            template.indexed.restore()
            yield index_dir
            transaction.set_rollback(True)


@pytest.fixture(scope="class")
def seeded_index(seeded_template, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), _read_only_copy(seeded_template,
                                                      tmp_path_factory.mktemp("seeded-index")) as index_dir:
        yield index_dir


@pytest.fixture(scope="class")
def seeds_and_corpus_index(seeds_and_corpus_template, django_db_blocker, tmp_path_factory):
    """A test class's copy of the seeds and the corpus indexed, for tests that only read."""
    with django_db_blocker.unblock(), _read_only_copy(
            seeds_and_corpus_template, tmp_path_factory.mktemp("seeds-and-corpus-index")) as index_dir:
        yield index_dir
