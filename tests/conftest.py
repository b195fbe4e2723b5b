"""Shared fixtures: the gazetteer, loaded into the test database once per run."""

from __future__ import annotations

import pytest
from django.conf import settings

from clauses.gazetteer.files import read_gazetteer_files
from clauses.parsing.lexicon import Lexicon


@pytest.fixture(scope="session")
def gazetteer_data():
    return read_gazetteer_files(settings.GAZETTEER_DIR)


@pytest.fixture(scope="session")
def lexicon(gazetteer_data) -> Lexicon:
    """The gazetteer as the pure parsing code sees it (no database)."""
    return Lexicon(gazetteer_data)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, gazetteer_data):
    from clauses.gazetteer.loader import load_gazetteers

    with django_db_blocker.unblock():
        load_gazetteers(gazetteer_data)
