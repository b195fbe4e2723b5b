"""Texts similar to a given one: candidates read from the index's postings, with its statistics.

Related-clause suggestions (``clauses.services.related``) compare a clause
with the few clauses that share its most distinctive words, not with every
clause. This module finds those few, and gives the collection's document
frequencies the exact score is weighted by; it knows nothing of clauses (the
field names are handed in).

A candidate search is a weighted OR of words, each posting scored by BM25's
term-frequency saturation and length normalisation (the index's stored
lengths, Whoosh's K1 and B) times the word's weight: the search box's
ranking, without the idf (the caller's weights carry it). It is evaluated
here rather than through ``matching.rank``: a bulk run asks 100,000 of these
questions, and reading each word's postings once per run into one array over
the whole index (``_postings``), then summing with ``bincount``, is many times
cheaper than evaluating a query per segment. Deleted documents are dropped
when the postings are read.

The reader holds one searcher, on the commit that was newest when it was
opened: what it finds is consistent, and a later commit is seen by the next
reader.

Candidate searches may run in forked processes (``clauses.services.forked``)
inside ``read_ahead``, and their document numbers be named (``identifier``)
by the parent: a forked process shares the open files' offsets with its
parent, so it must not read the index; a search for a word not read ahead
raises instead of racing the parent's reads.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

from . import matching
from .segment_cache import leaves, read_postings

K1 = 1.2  # Whoosh's BM25F defaults, which the index's weighting uses
B = 0.75
# Postings kept per reader (entries of the arrays): about 12 bytes each. A bulk run over
# 100,000 clauses reads a few million; past the bound the oldest words are read again.
POSTINGS_KEPT = 20_000_000


class SimilarReader:
    """Candidate searches and document frequencies over one commit of an index.

    ``fieldname`` is the analysed text compared; ``group_field`` a numeric
    column whose value a candidate must not share with the text searched for
    (its document); ``id_field`` the stored identifier returned.
    """

    def __init__(self, searcher, *, fieldname: str, group_field: str, id_field: str):
        self._searcher = searcher
        self._fieldname = fieldname
        self._id_field = id_field
        self.doc_count = searcher.doc_count_all()  # deleted documents included, as in document frequencies
        self._leaves = leaves(searcher) if self.doc_count else []  # an empty index has a reader of no segment
        self._offsets = np.array([offset for _, offset in self._leaves] + [self.doc_count], dtype=np.int64)
        self._groups = self._column(group_field)
        self._length_factor = self._length_factors()
        self._frequencies: dict[str, int] = {}
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._postings_size = 0
        self._ids: dict[int, str] = {}
        self._read_ahead = False

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> SimilarReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def document_frequency(self, word: str) -> int:
        """In how many documents of the index ``word`` is a term (deleted ones included until a merge)."""
        found = self._frequencies.get(word)
        if found is None:
            found = self._frequencies[word] = self._searcher.doc_frequency(self._fieldname, word)
        return found

    def idf(self, word: str) -> float:
        """``ln((1 + N) / (1 + df))``: N documents in the index, ``df`` of them with ``word``."""
        return math.log((1 + self.doc_count) / (1 + self.document_frequency(word)))

    def candidates(self, weights: dict[str, float], *, excluding_group: int, limit: int) -> np.ndarray:
        """The ``limit`` best documents for an OR of ``weights``' words, best first, outside ``excluding_group``.

        Document numbers of this reader (``identifier`` names them).
        """
        docs, scores = [], []
        for word, weight in weights.items():
            found, saturation = self._postings_of(word)
            if found.size:
                docs.append(found)
                scores.append(saturation * weight)
        if not docs:
            return np.zeros(0, dtype=np.int64)
        # Summed over the whole index at once: zeroing 100,000 floats costs less than sorting the postings.
        totals = np.bincount(np.concatenate(docs), weights=np.concatenate(scores), minlength=self.doc_count)
        docs = np.flatnonzero(totals)
        docs = docs[self._groups[docs] != excluding_group]
        totals = totals[docs]
        if docs.size > limit:
            best = np.argpartition(-totals, limit - 1)[:limit]
            docs, totals = docs[best], totals[best]
        return docs[np.lexsort((docs, -totals))]

    @contextmanager
    def read_ahead(self, words: Iterable[str]) -> Iterator[None]:
        """Read the postings of ``words`` now and keep them (and every word read before) however many they
        are; inside the block a search for another word raises (see the module's docstring)."""
        for word in words:
            self._postings_of(word, keep_all=True)
        self._read_ahead = True
        try:
            yield
        finally:
            self._read_ahead = False

    def identifier(self, docnum: int) -> str:
        """The stored ``id_field`` of a document this reader found."""
        found = self._ids.get(docnum)
        if found is None:
            leaf = int(np.searchsorted(self._offsets, docnum, side="right")) - 1
            reader, offset = self._leaves[leaf]
            found = self._ids[docnum] = str(reader.stored_fields(docnum - offset)[self._id_field])
        return found

    def _postings_of(self, word: str, *, keep_all: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(live documents with ``word``, each one's BM25 term-frequency factor), over the whole index."""
        found = self._postings.get(word)
        if found is not None:
            return found
        if self._read_ahead:
            raise RuntimeError(f"the postings of {word!r} were not read ahead")
        docs, saturation = [], []
        text = word.encode("utf-8")
        for reader, offset in self._leaves:
            if (self._fieldname, text) not in reader:
                continue
            local, frequencies = read_postings(reader, self._fieldname, text)
            if reader.has_deletions():
                live = ~np.isin(local, np.fromiter(reader.deleted_docs_set, dtype=np.int64))
                local, frequencies = local[live], frequencies[live]
            documents = local + offset
            docs.append(documents)
            saturation.append(frequencies * (K1 + 1) / (frequencies + self._length_factor[documents]))
        found = ((np.concatenate(docs), np.concatenate(saturation)) if docs
                 else (np.zeros(0, dtype=np.int64), np.zeros(0)))
        if self._postings_size + found[0].size > POSTINGS_KEPT and not keep_all:
            self._postings.clear()
            self._postings_size = 0
        self._postings[word] = found
        self._postings_size += found[0].size
        return found

    def _column(self, fieldname: str) -> np.ndarray:
        return _concatenated([matching.cache.get(reader, ("similar column", fieldname),
                                                 lambda reader=reader: numeric_column(reader, fieldname))
                              for reader, _ in self._leaves], np.int64)

    def _length_factors(self) -> np.ndarray:
        """``K1 * (1 - B + B * length / average length)`` of every document, as BM25 weighs a posting."""
        average = self._searcher.avg_field_length(self._fieldname) or 1
        lengths = _concatenated([matching.cache.get(reader, ("similar lengths", self._fieldname),
                                                    lambda reader=reader: field_lengths(reader, self._fieldname))
                                 for reader, _ in self._leaves], np.float64)
        return K1 * ((1 - B) + B * lengths / average)


def _concatenated(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def numeric_column(reader, fieldname: str, column: NumericColumn | None = None) -> np.ndarray:
    """Every document's value of a numeric column in one segment (deleted documents included).

    Whoosh unpacks a value per call (``column_reader(...)[docnum]``): at
    100,000 clauses a column took 0.4 s that way. Its file is the values
    packed big-endian one after the other, up to the last one that is not the
    default; they are decoded here at once (a test compares the two).
    """
    count = reader.doc_count_all()
    column = column or reader.schema[fieldname].column_type
    if not reader._perdoc.has_column(fieldname):
        return np.full(count, column.default_value(), dtype=np.int64)
    values = reader._perdoc.column_reader(fieldname, column)
    raw = values._dbfile.get(values._basepos, values._count * values._fixedlen)
    decoded = np.frombuffer(raw, dtype=np.dtype(">" + values._typecode)).astype(np.int64)
    return np.concatenate([decoded, np.full(count - decoded.size, values._default, dtype=np.int64)])


_BYTE_TO_LENGTH = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float64)


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's stored length of ``fieldname`` in one segment, as ``doc_field_length`` gives it
    (a byte-quantised count of its terms)."""
    return _BYTE_TO_LENGTH[numeric_column(reader, f"_{fieldname}_len", LENGTHS_COLUMN)]
