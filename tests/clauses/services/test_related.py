"""Related-clause suggestions: found through the search index, compared outside any transaction, written in a
short one that keeps editors' decisions."""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
from collections import Counter, defaultdict
from concurrent.futures.process import BrokenProcessPool

import pytest
from django.db import connection
from django.utils import timezone
from haystack import connections
from whoosh import index as whoosh_index

from clauses.gazetteer import snapshot
from clauses.models import Clause, Document, RelatedClause
from clauses.services import clause_vectors, forked, related

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

    def compared(document_ids, **options):
        found = compare(document_ids, **options)
        pairs = [(source, target, score) for (source, target), score in sorted(found.pairs().items())]
        for action in actions:
            action(pairs)
        return found

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


def _cosines() -> tuple[dict[tuple[int, int], float], dict[int, int]]:
    """Every pair compared: TF-IDF cosine over jieba's words (two characters or more, no numbers), idf from the
    index's own counts read with Whoosh; the pairs of different documents at 0.2 or more, and each clause's
    document."""
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
        for other in clauses:
            if other.document_id != clause.document_id:
                score = sum(value * vectors[other.pk].get(word, 0.0) for word, value in vectors[clause.pk].items())
                if score >= 0.2:
                    pairs[clause.pk, other.pk] = score
    return pairs, {clause.pk: clause.document_id for clause in clauses}


def _bounded(targets: dict[int, float], document_of: dict[int, int], *, per_document: int = 3,
             per_clause: int = 10) -> dict[int, float]:
    """The best targets of one clause as the product decided: by score (as stored, four decimals), the older clause
    first on a tie; at most ``per_document`` of one document, ``per_clause`` in all."""
    ranked = sorted(targets.items(), key=lambda item: (-round(item[1], 4), item[0]))
    kept, taken = {}, Counter()
    for target, score in ranked:
        if taken[document_of[target]] < per_document and len(kept) < per_clause:
            taken[document_of[target]] += 1
            kept[target] = score
    return kept


def _brute_force(*, decided=frozenset(), **bounds) -> dict[tuple[int, int], float]:
    """Every clause's best targets among all the others (``_bounded``), decided pairs left out."""
    pairs, document_of = _cosines()
    targets = defaultdict(dict)
    for (source, target), score in pairs.items():
        if (source, target) not in decided:
            targets[source][target] = score
    return {(source, target): score for source, found in targets.items()
            for target, score in _bounded(found, document_of, **bounds).items()}


@pytest.mark.usefixtures("indexed_seeds")
def test_the_index_finds_every_pair_comparing_all_pairs_finds():
    expected = _brute_force()
    assert len(expected) > 20
    assert related.suggest_related() == len(expected)
    found = _suggested()
    assert found.keys() == expected.keys()
    assert all(found[pair] == pytest.approx(score, abs=1e-4) for pair, score in expected.items())


@pytest.mark.usefixtures("indexed_seeds")
def test_each_clause_keeps_its_best_suggestions_within_the_bounds(monkeypatch):
    """Every clause sharing a word is a candidate here (see below): what is tested is the bound."""
    monkeypatch.setattr(clause_vectors, "QUERY_WORDS", 10_000)
    monkeypatch.setattr(related, "CANDIDATES", 10_000)
    monkeypatch.setattr(related, "PER_CLAUSE", 3)
    monkeypatch.setattr(related, "PER_DOCUMENT", 2)
    unbounded = Counter(source for source, _ in _brute_force(per_document=100, per_clause=100))
    assert max(unbounded.values()) > 3  # the bound leaves some out
    expected = _brute_force(per_document=2, per_clause=3)
    assert related.suggest_related() == len(expected)
    found = _suggested()
    assert found.keys() == expected.keys()
    assert all(found[pair] == pytest.approx(score, abs=1e-4) for pair, score in expected.items())
    # A decided pair takes no place: the clause's next best comes in.
    more = Counter(source for source, _ in _brute_force(per_document=2, per_clause=100))
    source = next(source for source, count in sorted(more.items()) if count > 3)
    target = max((score, target) for (of, target), score in expected.items() if of == source)[1]
    RelatedClause.objects.filter(source_id=source, target_id=target).update(status=RelatedClause.Status.REJECTED)
    expected = _brute_force(decided={(source, target)}, per_document=2, per_clause=3)
    related.suggest_related()
    assert _suggested().keys() == expected.keys()
    assert sum(1 for of, _ in expected if of == source) == 3


def test_documents_added_one_by_one_keep_every_clauses_best_within_the_bounds(transactional_db, monkeypatch):
    """A clause given new targets by a later document keeps the best of its stored suggestions and the new ones;
    decided pairs stay as decided and take no place. The oracle replays the rule over all pairs.

    Every clause sharing a word is a candidate here: with the few most distinctive words, a new clause may miss an
    old one that finds it (the old clause's words are not searched again until ``suggest_related``)."""
    from clauses.gazetteer.lexicon import lexicon_from_database
    from clauses.services.ingest import ingest_document

    monkeypatch.setattr(clause_vectors, "QUERY_WORDS", 10_000)
    monkeypatch.setattr(related, "CANDIDATES", 10_000)
    monkeypatch.setattr(related, "PER_CLAUSE", 3)
    monkeypatch.setattr(related, "PER_DOCUMENT", 2)
    lexicon = lexicon_from_database()
    expected: dict[int, dict[int, float]] = defaultdict(dict)  # source → target → score, as it should be stored
    decided: set[tuple[int, int]] = set()
    pruned = 0
    for number, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        added = ingest_document(source=path, lexicon=lexicon).document_id
        related.suggest_for_documents([added])
        pairs, document_of = _cosines()
        own = {pk for pk, document in document_of.items() if document == added}
        for source in document_of:
            new = {target: score for (of, target), score in pairs.items()
                   if of == source and (source in own or target in own) and (source, target) not in decided}
            merged = {**({} if source in own else expected[source]), **new}
            expected[source] = _bounded(merged, document_of, per_document=2, per_clause=3)
            pruned += len(merged) - len(expected[source])
        stored = _suggested()
        want = {(source, target) for source, found in expected.items() for target in found}
        assert stored.keys() == want, path
        assert all(stored[source, target] == pytest.approx(score, abs=1e-4)
                   for source, found in expected.items() for target, score in found.items())
        if number == 2:  # an editor confirms one suggestion and rejects another
            (confirmed, _), (rejected, _) = sorted(stored.items(), key=lambda item: -item[1])[:2]
            RelatedClause.objects.filter(source_id=confirmed[0], target_id=confirmed[1]).update(
                status=RelatedClause.Status.CONFIRMED)
            RelatedClause.objects.filter(source_id=rejected[0], target_id=rejected[1]).update(
                status=RelatedClause.Status.REJECTED)
            decided = {confirmed, rejected}
            for source, target in decided:
                del expected[source][target]
    assert pruned > 0  # the bound was reached
    assert set(RelatedClause.objects.exclude(status=RelatedClause.Status.SUGGESTED)
               .values_list("source_id", "target_id")) == decided


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


@pytest.fixture
def seeds_and_corpus(indexed_seeds_and_corpus, monkeypatch):
    """The seeds and the corpus's five documents indexed, compared in batches of four documents, each worker
    task a document or 50 texts: small enough that ten documents go through every forked step.

    The documents come from the run's template (tests/conftest.py), ingested once
    rather than for each test, with their suggestions already made: every test
    here makes them again from the index, as ``manage.py suggest_related`` does.
    """
    monkeypatch.setattr(related, "DOCUMENTS_PER_BATCH", 4)
    monkeypatch.setattr(related, "FORKED_DOCUMENTS", 2)
    monkeypatch.setattr(related, "_DOCUMENTS_PER_TASK", 1)
    monkeypatch.setattr(clause_vectors, "FORKED_TEXTS", 100)
    monkeypatch.setattr(clause_vectors, "_TEXTS_PER_TASK", 50)
    pools = []

    class CountedPool(forked.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(forked, "ProcessPoolExecutor", CountedPool)
    return pools


def _rows() -> list[tuple[int, int, float]]:
    return list(RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED)
                .order_by("source_id", "target_id").values_list("source_id", "target_id", "score"))


def test_worker_processes_find_the_same_pairs_as_one(seeds_and_corpus):
    pools = seeds_and_corpus
    assert Document.objects.count() == 10
    related.suggest_related(jobs=1)
    alone = _rows()
    assert not pools and len(alone) > 100
    RelatedClause.objects.all().delete()
    assert related.suggest_related(jobs=2) == len(alone)
    assert _rows() == alone  # scores too, to the last bit
    # Each of the three batches searched and scored by two workers, and cut by them when it has 100 texts or more.
    assert set(pools) == {2} and len(pools) > 3 * 2
    last = list(Document.objects.order_by("pk").values_list("pk", flat=True))[-3:]
    written = {}
    for jobs in (1, 2):
        RelatedClause.objects.all().delete()
        related.suggest_for_documents(last, jobs=jobs)
        written[jobs] = _rows()
    assert written[1] and written[1] == written[2]


@pytest.mark.parametrize("failure", ["exception", "killed"])
def test_a_failing_worker_fails_the_run_and_writes_nothing(seeds_and_corpus, monkeypatch, failure):
    parent = os.getpid()
    score = related._score_document

    def fails_in_a_worker(*args, **kwargs):
        if os.getpid() != parent:
            if failure == "killed":
                os._exit(9)
            raise ValueError("a worker failed")
        return score(*args, **kwargs)

    related.suggest_related(jobs=1)
    before = _rows()
    monkeypatch.setattr(related, "_score_document", fails_in_a_worker)
    with pytest.raises(ValueError if failure == "exception" else BrokenProcessPool):
        related.suggest_related(jobs=2)
    assert _rows() == before
    assert not multiprocessing.active_children()


@pytest.mark.usefixtures("two_documents")
def test_suggesting_clears_pending_except_for_a_document_stored_again_while_comparing(while_comparing):
    first, second = Document.objects.order_by("pk")
    assert first.related_pending and second.related_pending  # stored; ingest_document does not suggest
    while_comparing(lambda pairs: Document.objects.filter(pk=second.pk).update(ingest_fingerprint="stored again"))

    assert related.suggest_for_documents([first.pk, second.pk], jobs=1) > 0

    assert related.pending_documents() == [second.pk]  # its new text is not the one compared


@pytest.mark.usefixtures("two_documents")
def test_a_document_with_clauses_not_yet_in_the_index_stays_pending():
    """Suggestions made before the index has a document's clauses cannot have found them: made again later."""
    from search.models import PendingIndexUpdate

    first, second = Document.objects.order_by("pk")
    PendingIndexUpdate.objects.create(clause_id=Clause.objects.filter(document=second).first().pk)  # write failed

    related.suggest_for_documents([first.pk, second.pk], jobs=1)

    assert related.pending_documents() == [second.pk]
