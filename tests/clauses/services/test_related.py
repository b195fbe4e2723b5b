"""Related-clause suggestions: compared outside any transaction, written in a short one that keeps editors' decisions."""

from __future__ import annotations

import pytest
from django.db import connection

from clauses.models import Clause, RelatedClause
from clauses.services import related

from .conftest import SEEDS

SICHUAN_AND_NATIONAL = ("003_c33a4fec7e4ac2f2.txt", "002_69f918161c6c5907.txt")


@pytest.fixture
def two_documents(transactional_db):
    from clauses.gazetteer.lexicon import lexicon_from_database
    from clauses.services.ingest import ingest_document

    lexicon = lexicon_from_database()
    for name in SICHUAN_AND_NATIONAL:
        assert ingest_document(source=SEEDS / name, lexicon=lexicon).ok


@pytest.fixture
def while_comparing(monkeypatch):
    """Run ``action(pairs)`` at the end of the comparison, as another process would act meanwhile."""
    actions = []
    compare = related._best_pairs

    def compared(clauses, vectors):
        pairs = compare(clauses, vectors)
        for action in actions:
            action(pairs)
        return pairs

    monkeypatch.setattr(related, "_best_pairs", compared)
    return actions.append


@pytest.mark.usefixtures("two_documents")
def test_comparing_holds_no_transaction(while_comparing):
    """On SQLite a transaction holds the write lock from its start: every editor's save would wait for it."""
    seen = []
    while_comparing(lambda pairs: seen.append(connection.in_atomic_block))
    assert related.suggest_related() > 0
    assert seen == [False]


@pytest.mark.usefixtures("two_documents")
def test_a_decision_made_while_comparing_is_kept(while_comparing):
    decided = {}

    def editor_confirms_the_first_pair(pairs):
        source, target, _ = pairs[0]
        decided["pair"] = (source, target)
        RelatedClause.objects.create(source_id=source, target_id=target, score=1.0,
                                     status=RelatedClause.Status.CONFIRMED)

    while_comparing(editor_confirms_the_first_pair)
    related.suggest_related()
    source, target = decided["pair"]
    links = RelatedClause.objects.filter(source_id=source, target_id=target)
    assert [link.status for link in links] == [RelatedClause.Status.CONFIRMED]


@pytest.mark.usefixtures("two_documents")
def test_a_clause_deleted_while_comparing_takes_its_pairs_with_it(while_comparing):
    gone = {}

    def admin_deletes_a_clause(pairs):
        gone["pk"] = pairs[0][0]
        Clause.objects.filter(pk=gone["pk"]).delete()

    while_comparing(admin_deletes_a_clause)
    assert related.suggest_related() > 0
    assert not RelatedClause.objects.filter(source_id=gone["pk"]).exists()
    assert not RelatedClause.objects.filter(target_id=gone["pk"]).exists()
