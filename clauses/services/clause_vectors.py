"""Clauses as TF-IDF vectors, cut once per run, and the cosines of many pairs at once.

A clause's words are jieba's (as the search index cuts them,
``search.words.cut_words``) of two or more characters, lowercased, digits
left out; each is weighted by its count times ``ln((1 + N) / (1 + df))``, N
and df the search index's counts (``SimilarReader.idf``), so the weights are
the collection's whichever clauses are compared. Vectors have unit length.

Cutting is most of the cost (about 0.5 ms a clause, pure Python): each
clause is cut once per ``ClauseVectors``, however many clauses it is
compared with, and many clauses loaded at once are cut in forked processes
(``jobs``): the texts are read from the database here, the workers cut plain
strings and send back word counts, and the vectors are built here, in the
order the clauses were read whatever the number of workers (so word ids, and
the sums of the products, are the same). The vectors are kept as one sparse
matrix (rows appended as clauses are loaded), so a block of cosines is two
gathers and one product in numpy, not a loop over words.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from clauses.gazetteer import snapshot
from clauses.models import Clause
from search.engine.similar import SimilarReader
from search.words import cut_words

from .forked import forked_map, split

COMPARED_KINDS = (Clause.Kind.PART, Clause.Kind.ITEM, Clause.Kind.SUB_ITEM)
QUERY_WORDS = 8  # a clause's most distinctive words, searched for its candidates
IDS_PER_STATEMENT = 500  # ids per statement: SQLite limits the parameters of one
FORKED_TEXTS = 2_000  # texts cut in worker processes from this many: fewer take about a second in one
_TEXTS_PER_TASK = 500


class ClauseVectors:
    """The TF-IDF vector of every clause loaded, and its most distinctive words (its candidate query)."""

    def __init__(self, reader: SimilarReader):
        self.reader = reader
        self.vocabulary: dict[str, int] = {}
        self._idf: list[float] = []
        self.document_of: dict[int, int] = {}  # every clause loaded: current, numbered
        self._row: dict[int, int] = {}
        self._queries: list[dict[str, float]] = []
        # Rows as in a CSR matrix: row r's word ids and weights are [starts[r], starts[r + 1]).
        self._starts = [0]
        self._pending_words: list[list[int]] = []
        self._pending_weights: list[list[float]] = []
        self._words = np.zeros(0, dtype=np.int64)
        self._weights = np.zeros(0)
        self._starts_array = np.zeros(1, dtype=np.int64)

    def load(self, clauses, *, jobs: int = 1) -> list[tuple[int, int]]:
        """Vectors of the current numbered clauses among ``clauses`` (a queryset); their (pk, document pk).

        Many texts are cut by ``jobs`` worker processes."""
        return self._load([clauses], jobs=jobs)

    def load_missing(self, pks: set[int], *, jobs: int = 1) -> None:
        missing = sorted(pks - self._row.keys())
        self._load([Clause.objects.filter(pk__in=missing[start:start + IDS_PER_STATEMENT])
                    for start in range(0, len(missing), IDS_PER_STATEMENT)], jobs=jobs)

    def _load(self, querysets, *, jobs: int) -> list[tuple[int, int]]:
        loaded, new, texts = [], {}, []
        for clauses in querysets:
            rows = (clauses.filter(retired_at__isnull=True, kind__in=COMPARED_KINDS)
                    .values_list("pk", "document_id", "heading", "text"))
            for pk, document_pk, heading, text in rows.iterator(chunk_size=2000):
                if pk not in self._row and pk not in new:
                    new[pk] = document_pk
                    texts.append(Clause.join_heading(heading, text))
                loaded.append((pk, document_pk))
        for (pk, document_pk), counts in zip(new.items(), cut_all(texts, jobs=jobs)):
            self._add(pk, document_pk, counts)
        return loaded

    def query(self, pk: int) -> dict[str, float]:
        return self._queries[self._row[pk]]

    def cosines(self, rows: list[int], columns: list[int]) -> np.ndarray:
        """The cosine of every (row clause, column clause): a ``len(rows)`` × ``len(columns)`` array."""
        self.settle()
        column_words, column_weights, column_at = self._entries(columns)
        words = np.unique(column_words)
        local = np.full(len(self._idf), -1, dtype=np.int64)
        local[words] = np.arange(words.size)
        right = np.zeros((len(columns), words.size))
        right[column_at, local[column_words]] = column_weights
        row_words, row_weights, row_at = self._entries(rows)
        shared = local[row_words] >= 0
        left = np.zeros((len(rows), words.size))
        left[row_at[shared], local[row_words[shared]]] = row_weights[shared]
        return left @ right.T

    def _entries(self, pks: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(word ids, weights, index in ``pks``) of the clauses' nonzero entries."""
        rows = np.fromiter((self._row[pk] for pk in pks), dtype=np.int64, count=len(pks))
        starts = self._starts_array[rows]
        lengths = self._starts_array[rows + 1] - starts
        at = np.repeat(np.arange(len(pks)), lengths)
        entries = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths) + starts[at]
        return self._words[entries], self._weights[entries], at

    def _add(self, pk: int, document_pk: int, counts: Counter) -> None:
        ids = [self._id(word) for word in counts]
        weights = [count * self._idf[word_id] for word_id, count in zip(ids, counts.values())]
        norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
        self._row[pk] = len(self._queries)
        self.document_of[pk] = document_pk
        by_weight = sorted(zip(weights, counts), reverse=True)[:QUERY_WORDS]
        self._queries.append({word: weight / norm * self._idf[self.vocabulary[word]] for weight, word in by_weight})
        self._pending_words.append(ids)
        self._pending_weights.append([weight / norm for weight in weights])
        self._starts.append(self._starts[-1] + len(ids))

    def settle(self) -> None:
        """Append the rows loaded since the last product to the arrays (before forking workers that share
        them, so that each does not do it again)."""
        if self._pending_words:
            self._words = np.concatenate([self._words, np.fromiter(
                (word for ids in self._pending_words for word in ids), dtype=np.int64)])
            self._weights = np.concatenate([self._weights, np.fromiter(
                (weight for weights in self._pending_weights for weight in weights), dtype=np.float64)])
            self._pending_words, self._pending_weights = [], []
        if self._starts_array.size != len(self._starts):
            self._starts_array = np.asarray(self._starts, dtype=np.int64)

    def _id(self, word: str) -> int:
        found = self.vocabulary.get(word)
        if found is None:
            found = self.vocabulary[word] = len(self._idf)
            self._idf.append(self.reader.idf(word))
        return found


def cut_all(texts: list[str], *, jobs: int = 1) -> list[Counter]:
    """Each text's ``compared_words``, cut by ``jobs`` forked processes if there are many.

    The gazetteer's cutter is taken here, where the database is read, and its
    dictionary loaded before forking: the workers share it and read nothing.
    """
    cutter = snapshot.current().cutter
    if jobs <= 1 or len(texts) < FORKED_TEXTS:
        return [compared_words(cutter, text) for text in texts]
    compared_words(cutter, "加载词典")  # jieba loads its dictionary on the first cut: once, before the workers fork
    cut = forked_map(lambda chunk: [compared_words(cutter, text) for text in chunk], split(texts, _TEXTS_PER_TASK),
                     jobs=jobs)
    return [counts for chunk in cut for counts in chunk]


def compared_words(cutter, text: str) -> Counter:
    """The words a clause is compared by: as the index cuts and lowercases them, two characters or more,
    no numbers."""
    return Counter(word.lower() for word, _ in cut_words(cutter, text) if len(word) >= 2 and not word.isdigit())
