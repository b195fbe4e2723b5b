"""Suggest related clauses across documents by text similarity, through the search index.

The score of two clauses is the cosine of their TF-IDF vectors: jieba's
words (as the search index cuts them, ``search.words.cut_words``) of two or
more characters, digits left out, weighted by ``ln((1 + N) / (1 + df))``
where N and df are the search index's counts (every indexed clause, so the
weights are the collection's, the same whichever clauses are compared). For
each clause, the best ``PER_DOCUMENT`` clauses of every other document with
a score of at least ``THRESHOLD`` become suggestions. Only numbered clauses
(parts, items, sub-items) are compared.

Not every pair is compared: a clause's candidates are the ``CANDIDATES``
clauses of other documents that the index finds for its ``QUERY_WORDS`` most
distinctive words (``search.engine.similar``), and the exact score is
computed for those. Both directions: a clause of the documents compared gets
its best of each other document among its candidates, and every clause so
found gets its best of the compared document — so a document added later
appears among the suggestions of the earlier ones.

What the caller must guarantee: the clauses of the other documents are in
the index (the ingest applies the index outbox after each commit,
``search.signals``). A document's own clauses need not be for its own
suggestions, but a document not yet indexed is missed by those of documents
compared later. Without an index (or with an empty one) nothing is suggested
or replaced, and a warning says why.

Editors' decisions stay: a confirmed or rejected pair is never rewritten,
and only the machine's suggestions touching the compared documents' clauses
(current or retired) are replaced.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Q
from haystack import connections

from clauses.gazetteer import snapshot
from clauses.models import Clause, Document, RelatedClause
from search.engine.backend import IndexMissing
from search.engine.similar import SimilarReader
from search.words import cut_words

log = logging.getLogger(__name__)

COMPARED_KINDS = (Clause.Kind.PART, Clause.Kind.ITEM, Clause.Kind.SUB_ITEM)
PER_DOCUMENT = 3
THRESHOLD = 0.2
QUERY_WORDS = 8  # a clause's most distinctive words, searched for its candidates
CANDIDATES = 30  # clauses of other documents compared exactly with each clause
DOCUMENTS_PER_BATCH = 50  # documents whose candidates are read from the database together
_CHUNK = 500  # ids per statement: SQLite limits the parameters of one

Pair = tuple[int, int]


def suggest_for_documents(document_ids: Iterable[int]) -> int:
    """Replace the machine's suggestions touching these documents' clauses; returns how many were written.

    Comparing reads and computes outside any transaction; only replacing the
    suggestions is one. On SQLite a transaction takes the database's write
    lock when it begins (IMMEDIATE), and comparing every pair once took 13
    minutes at 6,000 clauses: every editor's save waited for it, then
    answered 503. Editors' decisions are read again inside the transaction,
    so a pair confirmed or rejected meanwhile is kept as decided.
    """
    document_ids = sorted(set(document_ids))
    if not document_ids:
        return 0
    scores = _compare(document_ids)
    if scores is None:
        return 0
    touched = _clauses_of(document_ids)
    return _replace(scores, touched=touched)


def suggest_related() -> int:
    """Recompute every machine suggestion (every document compared as ``suggest_for_documents`` compares)."""
    scores = _compare(list(Document.objects.order_by("pk").values_list("pk", flat=True)))
    if scores is None:
        return 0
    return _replace(scores, touched=None)


def _clauses_of(document_ids: list[int]) -> list[int]:
    pks: list[int] = []
    for start in range(0, len(document_ids), _CHUNK):
        pks += Clause.objects.filter(document_id__in=document_ids[start:start + _CHUNK]).values_list("pk", flat=True)
    return pks


def _open_reader() -> SimilarReader | None:
    try:
        return connections["default"].get_backend().similar_reader(
            fieldname="text", group_field="document_key", id_field="django_id")
    except IndexMissing as error:
        log.warning("related-clause suggestions not computed: %s", error)
        return None


def _compare(document_ids: list[int]) -> dict[Pair, float] | None:
    """{(clause, other clause): score} for the documents' clauses in both directions, or None without an index."""
    reader = _open_reader()
    if reader is None:
        return None
    with reader:
        if not reader.doc_count:
            log.warning("related-clause suggestions not computed: the search index is empty "
                        "(run manage.py search_index)")
            return None
        vectors = _Vectors(reader)
        scores: dict[Pair, float] = {}
        for start in range(0, len(document_ids), DOCUMENTS_PER_BATCH):
            _compare_batch(document_ids[start:start + DOCUMENTS_PER_BATCH], reader, vectors, scores)
        return _best_per_document(scores, vectors.document_of)


def _compare_batch(document_ids: list[int], reader: SimilarReader, vectors: _Vectors,
                   scores: dict[Pair, float]) -> None:
    members: dict[int, list[int]] = defaultdict(list)
    for clause_pk, document_pk in vectors.load(Clause.objects.filter(document_id__in=document_ids)):
        members[document_pk].append(clause_pk)
    found: dict[int, dict[int, list[int]]] = {}  # document → clause → its candidates
    for document_pk, clauses in members.items():
        found[document_pk] = {clause: [int(reader.identifier(docnum)) for docnum in reader.candidates(
            vectors.query(clause), excluding_group=document_pk, limit=CANDIDATES)] for clause in clauses}
    vectors.load_missing({pk for per_clause in found.values() for pks in per_clause.values() for pk in pks})
    for document_pk, per_clause in found.items():
        _score_document(document_pk, per_clause, vectors, scores)


def _score_document(document_pk: int, candidates_of: dict[int, list[int]], vectors: _Vectors,
                    scores: dict[Pair, float]) -> None:
    """Score the document's clauses against the candidates they found: each clause's best of each other
    document among its own candidates, and each candidate's best of this document."""
    members = list(candidates_of)
    candidates = sorted({pk for pks in candidates_of.values() for pk in pks
                         if pk in vectors.document_of and vectors.document_of[pk] != document_pk})
    if not candidates:
        return
    similarity = vectors.cosines(candidates, members)  # candidates × members
    row = {pk: index for index, pk in enumerate(candidates)}
    for column, clause in enumerate(members):
        for other in candidates_of[clause]:
            index = row.get(other)
            if index is not None and similarity[index, column] >= THRESHOLD:
                scores[clause, other] = round(float(similarity[index, column]), 4)
    for index, other in enumerate(candidates):
        best = np.argsort(-similarity[index], kind="stable")[:PER_DOCUMENT]
        for column in best:
            if similarity[index, column] >= THRESHOLD:
                scores[other, members[column]] = round(float(similarity[index, column]), 4)


def _best_per_document(scores: dict[Pair, float], document_of: dict[int, int]) -> dict[Pair, float]:
    """The best ``PER_DOCUMENT`` targets of each source in each other document (pairs found from both sides
    may give a source more)."""
    grouped: dict[tuple[int, int], list[tuple[float, int]]] = defaultdict(list)
    for (source, target), score in scores.items():
        grouped[source, document_of[target]].append((score, target))
    return {(source, target): score
            for (source, _), found in grouped.items()
            for score, target in sorted(found, key=lambda item: (-item[0], item[1]))[:PER_DOCUMENT]}


@dataclass
class _Vector:
    words: np.ndarray  # ids in ``_Vectors.vocabulary``, ascending
    weights: np.ndarray  # TF-IDF, unit length
    query: dict[str, float]  # the most distinctive words, weighted as the candidate search weighs them


class _Vectors:
    """Each compared clause's TF-IDF vector, read from the database and cut once per run."""

    def __init__(self, reader: SimilarReader):
        self.reader = reader
        self.vocabulary: dict[str, int] = {}
        self._idf: list[float] = []
        self.vectors: dict[int, _Vector] = {}
        self.document_of: dict[int, int] = {}  # every clause loaded: current, numbered

    def load(self, clauses) -> list[tuple[int, int]]:
        """Vectors of the current numbered clauses among ``clauses`` (a queryset); their (pk, document pk)."""
        loaded = []
        rows = (clauses.filter(retired_at__isnull=True, kind__in=COMPARED_KINDS)
                .values_list("pk", "document_id", "heading", "text"))
        for pk, document_pk, heading, text in rows.iterator(chunk_size=2000):
            if pk not in self.vectors:
                self.vectors[pk] = self._vector(Clause.join_heading(heading, text))
                self.document_of[pk] = document_pk
            loaded.append((pk, document_pk))
        return loaded

    def load_missing(self, pks: set[int]) -> None:
        missing = sorted(pks - self.vectors.keys())
        for start in range(0, len(missing), _CHUNK):
            self.load(Clause.objects.filter(pk__in=missing[start:start + _CHUNK]))

    def query(self, pk: int) -> dict[str, float]:
        return self.vectors[pk].query

    def cosines(self, rows: list[int], columns: list[int]) -> np.ndarray:
        """The cosine of every (row clause, column clause), over the columns' words."""
        words = np.unique(np.concatenate([self.vectors[pk].words for pk in columns]))
        local = {word: index for index, word in enumerate(words.tolist())}

        def dense(pks: list[int]) -> np.ndarray:
            matrix = np.zeros((len(pks), len(words)))
            for index, pk in enumerate(pks):
                vector = self.vectors[pk]
                at = [(local[word], weight) for word, weight in zip(vector.words.tolist(), vector.weights.tolist())
                      if word in local]
                if at:
                    places, weights = zip(*at)
                    matrix[index, list(places)] = weights
            return matrix

        return dense(rows) @ dense(columns).T

    def _vector(self, text: str) -> _Vector:
        counts = _words(text)
        ids, weights = [], []
        for word, count in counts.items():
            ids.append(self._id(word))
            weights.append(count * self._idf[ids[-1]])
        order = np.argsort(ids)
        vector = np.asarray(weights, dtype=np.float64)[order]
        norm = float(np.sqrt(vector @ vector)) or 1.0
        by_weight = sorted(zip(weights, counts), reverse=True)[:QUERY_WORDS]
        return _Vector(np.asarray(ids, dtype=np.int64)[order], vector / norm,
                       {word: weight / norm * self._idf[self.vocabulary[word]] for weight, word in by_weight})

    def _id(self, word: str) -> int:
        found = self.vocabulary.get(word)
        if found is None:
            found = self.vocabulary[word] = len(self._idf)
            self._idf.append(self.reader.idf(word))
        return found


def _words(text: str) -> Counter:
    """The words a clause is compared by: as the index cuts and lowercases them, two characters or more,
    no numbers."""
    cutter = snapshot.current().cutter
    return Counter(word.lower() for word, _ in cut_words(cutter, text) if len(word) >= 2 and not word.isdigit())


def _replace(scores: dict[Pair, float], *, touched: list[int] | None) -> int:
    """Replace the suggestions touching ``touched`` (every suggestion if None) by ``scores``, keeping decisions."""
    with transaction.atomic():
        # Editors decide a few pairs by hand: all of them are read.
        decided = set(RelatedClause.objects.exclude(status=RelatedClause.Status.SUGGESTED)
                      .values_list("source_id", "target_id"))
        replaced = RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED)
        # A clause deleted while we compared (an admin may delete a document) takes its pairs with it.
        involved = sorted({pk for pair in scores for pk in pair})
        remaining = set()
        for start in range(0, len(involved), _CHUNK):
            remaining.update(Clause.objects.filter(pk__in=involved[start:start + _CHUNK])
                             .values_list("pk", flat=True))
        suggestions = [RelatedClause(source_id=source, target_id=target, score=score)
                       for (source, target), score in sorted(scores.items())
                       if (source, target) not in decided and source in remaining and target in remaining]
        if touched is None:
            replaced.delete()
        else:
            for start in range(0, len(touched), _CHUNK):
                chunk = touched[start:start + _CHUNK]
                replaced.filter(Q(source_id__in=chunk) | Q(target_id__in=chunk)).delete()
        RelatedClause.objects.bulk_create(suggestions, batch_size=500)
    return len(suggestions)

