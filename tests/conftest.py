"""Shared fixtures: the gazetteer, loaded into the test database once per run."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from haystack import connections

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


@pytest.fixture(autouse=True)
def search_index_dir(request, tmp_path):
    """Every test gets its own Whoosh index directory (created on first use).

    Tests that share an index (``seeded_index`` for a class, ``browser_index_dir``
    for the live server of the browser tests) use that one instead.
    """
    for shared in ("seeded_index", "browser_index_dir"):
        if shared in request.fixturenames:
            yield request.getfixturevalue(shared)
            return
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "index" / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        yield tmp_path / "index"
    connections.reload("default")


@pytest.fixture(autouse=True)
def fresh_gazetteer_snapshot():
    """A test's rolled-back data must not live on in the process's gazetteer snapshot.

    A change a test commits only in its own transaction (``on_commit`` callbacks
    run by ``django_capture_on_commit_callbacks``) reaches the shared snapshot,
    and the rollback leaves the version row at a number the next test may reach
    with other data.
    """
    yield
    from clauses.gazetteer import snapshot

    snapshot.reset()


@pytest.fixture(scope="session")
def populated_data_dir_template(tmp_path_factory):
    """A data directory made as ``make run`` makes it (seeds ingested and indexed), once per run."""
    from tests.data_dirs import populate

    data_dir = tmp_path_factory.mktemp("populated-data-dir")
    populate(data_dir)
    return data_dir


@pytest.fixture
def populated_data_dir(populated_data_dir_template, tmp_path):
    """A private copy of the populated data directory, for a test that changes it."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(populated_data_dir_template, copy, symlinks=True)
    return copy


def pytest_collection_modifyitems(config, items):
    """Mark the slow groups by folder, so ``-m "not browser and not bench"`` leaves them out."""
    tests = Path(__file__).parent
    for item in items:
        group = item.path.relative_to(tests).parts[0]
        if group in ("browser", "bench"):
            item.add_marker(group)
