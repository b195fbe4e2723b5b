"""Shared fixtures: the gazetteer, loaded into the test database once per run, and the seeds, ingested once.

Ingesting the five seed documents takes a second and a half; dozens of tests
start from it. They are ingested and indexed once per run (``seeded_template``)
and each test that wants them gets the same rows back in milliseconds, and a
copy of the same index (``seeds``, ``indexed_seeds``, and ``seeded_index`` in
tests/search/). The same goes for the seeds with the five corpus documents
(``seeds_and_corpus_template``, ``indexed_seeds_and_corpus``).
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from haystack import connections

from clauses.gazetteer.files import read_gazetteer_files
from clauses.parsing.lexicon import Lexicon
from tests.data_dirs import SEEDS
from tests.row_snapshots import TablesSnapshot, database_contents, tables_changed_since

CORPUS = settings.BASE_DIR / "tests" / "clauses" / "parsing" / "data" / "corpus"


@pytest.fixture(scope="session")
def gazetteer_data():
    return read_gazetteer_files(settings.GAZETTEER_DIR)


@pytest.fixture(scope="session")
def lexicon(gazetteer_data) -> Lexicon:
    """The gazetteer as the pure parsing code sees it (no database)."""
    return Lexicon(gazetteer_data)


# The gazetteer's tables as ``django_db_setup`` loaded them, and the database blocker, once this
# process has its test database (``pytest_runtest_teardown`` puts them back after a flush).
_loaded_gazetteer: dict = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, gazetteer_data) -> TablesSnapshot:
    """The test database with the gazetteer loaded; its value is the tables the load wrote, as it left them."""
    from clauses.gazetteer.loader import load_gazetteers

    with django_db_blocker.unblock():
        before = database_contents()
        load_gazetteers(gazetteer_data)
        tables = tables_changed_since(before)
    _loaded_gazetteer.update(tables=tables, blocker=django_db_blocker)
    yield tables
    _loaded_gazetteer.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that emptied every table (a transactional test's flush), the gazetteer is put back, committed.

    Every test then starts with the gazetteer loaded, whatever ran before it in
    its process: under ``--dist loadgroup`` pytest-xdist runs the groups first,
    the browser's transactional tests among them, rather than after every test
    that only reads the database (pytest-django's order within one process).
    """
    try:
        return (yield)
    finally:
        # With no next test the session's fixtures are gone too, the test database with them.
        if nextitem is not None and _loaded_gazetteer:
            with _loaded_gazetteer["blocker"].unblock(), transaction.atomic():
                if not _loaded_gazetteer["tables"].present():
                    _loaded_gazetteer["tables"].restore()


@pytest.fixture(scope="session")
def gazetteer_tables(django_db_setup) -> TablesSnapshot:
    """The gazetteer's tables, for a transactional test to put back (its flush empties every table;
    ``pytest_runtest_teardown`` puts them back after it, for the tests that follow)."""
    return django_db_setup


@pytest.fixture(autouse=True)
def search_index_dir(request, tmp_path):
    """Every test gets its own Whoosh index directory (created on first use).

    Tests that share an index (``seeded_index`` or ``seeds_and_corpus_index`` for a
    class, ``other_provinces`` for a module of tests/search, ``browser_index_dir`` for
    the live server of the browser tests) use that one instead.
    """
    for shared in ("seeded_index", "seeds_and_corpus_index", "other_provinces", "browser_index_dir"):
        if shared in request.fixturenames:
            yield request.getfixturevalue(shared)
            return
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "index" / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        yield tmp_path / "index"
    connections.reload("default")


@dataclass(frozen=True)
class SeededTemplate:
    """The tables the seeds' ingest wrote, as it left them (``ingested``: index updates still queued)
    and once indexed (``indexed``: the queue applied), and that index (``index_dir``, never written to)."""

    ingested: TablesSnapshot
    indexed: TablesSnapshot
    index_dir: Path

    def copy_index(self, target: Path) -> Path:
        """A private copy of the seeded index at ``target`` (an index directory: ``current`` and its generation)."""
        shutil.copytree(self.index_dir, target, symlinks=True, dirs_exist_ok=True)
        return target


def _indexed_and_suggested(connection, start: int, before, ingested):
    """After an ingest in a transaction that never commits: run the index writes it queued (from
    ``start`` in ``run_on_commit``), then suggest related clauses as a committed ingest would
    (through the index), counting the suggestions as the ingest's rows. The tables as indexed."""
    for _, callback, _ in connection.run_on_commit[start:]:
        callback()
    from clauses.models import RelatedClause
    from clauses.services.related import suggest_related

    suggest_related()
    indexed = tables_changed_since(before)
    ingested.rows[RelatedClause] = indexed.rows.get(RelatedClause, [])
    return indexed


@pytest.fixture(scope="session")
def seeded_template(gazetteer_tables, django_db_blocker, tmp_path_factory) -> SeededTemplate:
    """The five seeds ingested and indexed once per run, in a transaction rolled back at once."""
    index_dir = tmp_path_factory.mktemp("seeded-index-template")
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(index_dir / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}), django_db_blocker.unblock():
        connections.reload("default")
        with transaction.atomic():
            if not gazetteer_tables.present():  # a transactional test before this one emptied every table
                gazetteer_tables.restore()
            before = database_contents()
            connection = transaction.get_connection()
            start = len(connection.run_on_commit)
            call_command("ingest", str(SEEDS), verbosity=0)
            ingested = tables_changed_since(before)
            # Whole tables are kept: rows a test wrote before asking for the seeds would
            # become every later test's seeds. Only the gazetteer may be there before.
            leftovers = [model.__name__ for model in ingested.rows
                         if before.get(model) and model not in gazetteer_tables.rows]
            if leftovers:
                raise RuntimeError(f"the seeds' template would keep rows written before it: {leftovers}")
            indexed = _indexed_and_suggested(connection, start, before, ingested)
            transaction.set_rollback(True)
    connections.reload("default")
    return SeededTemplate(ingested=ingested, indexed=indexed, index_dir=index_dir)


@pytest.fixture
def seeds(db, seeded_template):
    """The five seeds ingested (``manage.py ingest fixtures/documents``) in this test's transaction.

    Their index updates are still queued, as after an ingest that has not committed; the
    test's index is empty (``indexed_seeds`` has them indexed).
    """
    seeded_template.ingested.restore()


@pytest.fixture
def indexed_seeds(db, seeded_template, search_index_dir):
    """The five seeds ingested and indexed, in this test's transaction and its own index directory."""
    seeded_template.indexed.restore()
    seeded_template.copy_index(search_index_dir)
    connections.reload("default")
    connections["default"].get_backend().setup()  # opened, as the ingest's index writes left it


@pytest.fixture
def seeds_indexed_anew(seeds):
    """The five seeds ingested and their queued index writes applied now, making new segments.

    For a test that counts what the process caches per segment: the copies of
    ``indexed_seeds`` all share the template's segment ids, whose arrays an
    earlier test may have cached already.
    """
    call_command("search_index", "--flush", verbosity=0)


@contextmanager
def index_at(index_dir: Path):
    """Search and index writes go to ``index_dir`` (an index directory: ``current`` and its generation)."""
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(index_dir / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        try:
            yield index_dir
        finally:
            connections.reload("default")


@pytest.fixture(scope="session")
def seeds_and_corpus_template(seeded_template, gazetteer_tables, django_db_blocker,
                              tmp_path_factory) -> SeededTemplate:
    """The seeds and the five corpus documents ingested and indexed once per run, rolled back at once.

    Built on the seeds' template: its rows restored and its index copied, then
    ``manage.py ingest`` of the corpus folder, whose queued index writes are run
    by hand (the transaction never commits). The tests that use it run in one
    pytest-xdist worker (``pytest_collection_modifyitems``), which builds it once.
    """
    index_dir = seeded_template.copy_index(tmp_path_factory.mktemp("seeds-and-corpus-template"))
    with django_db_blocker.unblock(), index_at(index_dir), transaction.atomic():
        if not gazetteer_tables.present():  # a transactional test before this one emptied every table
            gazetteer_tables.restore()
        before = database_contents()
        seeded_template.indexed.restore()
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        call_command("ingest", str(CORPUS), verbosity=0)
        ingested = tables_changed_since(before)
        indexed = _indexed_and_suggested(connection, start, before, ingested)
        transaction.set_rollback(True)
    return SeededTemplate(ingested=ingested, indexed=indexed, index_dir=index_dir)


@pytest.fixture
def indexed_seeds_and_corpus(db, seeds_and_corpus_template, search_index_dir):
    """The seeds and the five corpus documents ingested and indexed, their related clauses suggested,
    in this test's transaction and its own index directory (``indexed_seeds`` with the corpus)."""
    seeds_and_corpus_template.indexed.restore()
    seeds_and_corpus_template.copy_index(search_index_dir)
    connections.reload("default")
    connections["default"].get_backend().setup()  # opened, as the ingest's index writes left it


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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the slow groups by folder, so ``-m "not browser and not bench"`` leaves them out.

    Under pytest-xdist (``make test``), the tests that share a costly
    session fixture run in one worker (``--dist loadgroup``), which builds it once:
    the populated data directory, the seeds with the corpus, and the browser
    with its live server. The benchmark harness tests (over a minute together,
    the longest) are a group too: pytest-xdist hands out groups before single
    tests, so they start early rather than leave one worker running them
    while the other has finished.
    First among the hooks: pytest-xdist reads the groups in its own
    ``pytest_collection_modifyitems``, and a mark added after it is never seen
    (each worker then built the populated data directory, 20 s, for itself).
    """
    tests = Path(__file__).parent
    for item in items:
        group = item.path.relative_to(tests).parts[0]
        if group in ("browser", "bench"):
            item.add_marker(group)
            item.add_marker(pytest.mark.xdist_group(group))
        elif "populated_data_dir" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("populated-data-dir"))
        elif "seeds_and_corpus_template" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("seeds-and-corpus"))


# The judged query set's figures (tests/search/test_judged_queries.py records them with
# ``record_property``): gathered from every test report — under pytest-xdist the workers'
# reports reach the controller with their properties — and printed after the run.
_judged_figures: dict[str, float] = {}


def pytest_runtest_logreport(report):
    _judged_figures.update((name, value) for name, value in report.user_properties if name.startswith("judged_"))


def pytest_terminal_summary(terminalreporter):
    if {"judged_recall_at_10", "judged_mrr"} <= _judged_figures.keys():
        terminalreporter.write_sep("-", "judged queries")
        terminalreporter.write_line(
            f"recall@10 {_judged_figures['judged_recall_at_10']:.3f}, MRR {_judged_figures['judged_mrr']:.3f} "
            f"over {_judged_figures.get('judged_queries', '?')} queries (tests/search/data/judged_queries.toml)")
