"""Related-clause suggestions: found through the search index, compared outside any transaction, written in a
short one that keeps editors' decisions."""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.utils import timezone
from haystack import connections
from whoosh import index as whoosh_index

from clauses.gazetteer import snapshot
from clauses.models import Clause, Document, RelatedClause
from clauses.services import related

from .conftest import SEEDS

SICHUAN_AND_NATIONAL = ("003_c33a4fec7e4ac2f2.txt", "002_69f918161c6c5907.txt")


@pytest.fixture
def two_documents(transactional_db):
    from clauses.gazetteer.lexicon import lexicon_from_database
    from clauses.services.ingest import ingest_document

    lexicon = lexicon_from_database()
    for name in SICHUAN_AND_NATIONAL:
        assert ingest_document(source=SEEDS / name, lexicon=lexicon).ok  # indexed when it commits


@pytest.fixture
def while_comparing(monkeypatch):
    """Run ``action(pairs)`` at the end of the comparison, as another process would act meanwhile."""
    actions = []
    compare = related._compare

    def compared(document_ids):
        scores = compare(document_ids)
        pairs = [(source, target, score) for (source, target), score in scores.items()]
        for action in actions:
            action(pairs)
        return scores

    monkeypatch.setattr(related, "_compare", compared)
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


def _suggested() -> dict[tuple[int, int], float]:
    return {(link.source_id, link.target_id): link.score
            for link in RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED)}


def _brute_force() -> dict[tuple[int, int], float]:
    """Every pair compared: TF-IDF cosine over jieba's words (two characters or more, no numbers), idf from the
    index's own counts read with Whoosh, the best three of each other document at 0.2 or more."""
    searcher = whoosh_index.open_dir(connections["default"].get_backend().path).searcher()
    total = searcher.doc_count_all()
    clauses = list(Clause.objects.current().filter(kind__in=("part", "item", "sub-item")))
    vectors = {}
    for clause in clauses:
        counts = Counter(word.lower() for word in snapshot.current().segmenter.cut(clause.full_text)
                         if len(word) >= 2 and not word.isdigit())
        vector = {word: count * math.log((1 + total) / (1 + searcher.doc_frequency("text", word)))
                  for word, count in counts.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors[clause.pk] = {word: value / norm for word, value in vector.items()}
    searcher.close()
    pairs = {}
    for clause in clauses:
        best = defaultdict(list)
        for other in clauses:
            if other.document_id != clause.document_id:
                score = sum(value * vectors[other.pk].get(word, 0.0) for word, value in vectors[clause.pk].items())
                if score >= 0.2:
                    best[other.document_id].append((score, other.pk))
        for found in best.values():
            pairs.update({(clause.pk, other): score for score, other in sorted(found, reverse=True)[:3]})
    return pairs


@pytest.mark.usefixtures("indexed_seeds")
def test_the_index_finds_every_pair_comparing_all_pairs_finds():
    expected = _brute_force()
    assert len(expected) > 20
    assert related.suggest_related() == len(expected)
    found = _suggested()
    assert found.keys() == expected.keys()
    assert all(found[pair] == pytest.approx(score, abs=1e-4) for pair, score in expected.items())


@pytest.mark.usefixtures("indexed_seeds")
def test_one_document_compared_gets_the_pairs_touching_it_in_both_directions():
    document = Document.objects.order_by("pk").first()
    own = set(Clause.objects.filter(document=document).values_list("pk", flat=True))
    expected = {pair: score for pair, score in _brute_force().items() if own & set(pair)}
    assert any(source in own for source, _ in expected) and any(target in own for _, target in expected)
    RelatedClause.objects.all().delete()  # the seeds come with their suggestions
    assert related.suggest_for_documents([document.pk]) == len(expected)
    assert _suggested().keys() == expected.keys()


def test_a_document_added_later_appears_in_the_suggestions_of_earlier_ones(transactional_db):
    from clauses.gazetteer.lexicon import lexicon_from_database
    from clauses.services.ingest import ingest_document

    lexicon = lexicon_from_database()
    sichuan, national = (ingest_document(source=SEEDS / name, lexicon=lexicon) for name in SICHUAN_AND_NATIONAL)
    earlier = set(Clause.objects.filter(document_id=sichuan.document_id).values_list("pk", flat=True))
    later = set(Clause.objects.filter(document_id=national.document_id).values_list("pk", flat=True))
    related.suggest_for_documents([national.document_id])
    assert any(source in earlier and target in later for source, target in _suggested())
    assert any(source in later and target in earlier for source, target in _suggested())


@pytest.mark.usefixtures("indexed_seeds")
def test_editors_decisions_survive_and_other_documents_suggestions_stay():
    first, second, *_ = Document.objects.order_by("pk")
    related.suggest_related()
    confirmed, rejected = list(RelatedClause.objects.filter(source__document=first).order_by("-score"))[:2]
    RelatedClause.objects.filter(pk=confirmed.pk).update(status=RelatedClause.Status.CONFIRMED)
    RelatedClause.objects.filter(pk=rejected.pk).update(status=RelatedClause.Status.REJECTED)
    elsewhere = {pair for pair in _suggested()
                 if not Clause.objects.filter(pk__in=pair, document=first).exists()}
    related.suggest_for_documents([first.pk])
    assert RelatedClause.objects.get(pk=confirmed.pk).status == RelatedClause.Status.CONFIRMED
    assert RelatedClause.objects.get(pk=rejected.pk).status == RelatedClause.Status.REJECTED
    assert elsewhere <= _suggested().keys()


@pytest.mark.usefixtures("indexed_seeds")
def test_a_retired_clauses_suggestions_go():
    related.suggest_related()
    link = RelatedClause.objects.order_by("-score").first()
    retired = Clause.objects.get(pk=link.target_id)
    Clause.objects.filter(pk=retired.pk).update(retired_at=timezone.now())  # as a re-ingest retires it
    related.suggest_for_documents([retired.document_id])
    assert not any(retired.pk in pair for pair in _suggested())


@pytest.mark.usefixtures("seeds")
def test_without_an_index_nothing_is_suggested_nor_replaced(caplog):
    clause, other = Clause.objects.filter(kind="item").exclude(document__slug="").order_by("document", "pk")[:2]
    kept = RelatedClause.objects.create(source=clause, target=other, score=0.5)
    with caplog.at_level(logging.WARNING, logger="clauses.services.related"):
        assert related.suggest_for_documents([clause.document_id]) == 0
        assert related.suggest_related() == 0
    assert "no search index" in caplog.text
    assert RelatedClause.objects.filter(pk=kept.pk).exists()


@pytest.mark.usefixtures("seeds")
def test_an_empty_index_suggests_nothing(caplog):
    connections["default"].get_backend().setup()  # an index with no clause in it
    with caplog.at_level(logging.WARNING, logger="clauses.services.related"):
        assert related.suggest_for_documents(Document.objects.values_list("pk", flat=True)) == 0
    assert "the search index is empty" in caplog.text
