"""A query word matched by every term that contains it.

The analyzer decides which words a text has; a query word that is not one
of them everywhere it is printed (a single character such as 锂, a string the
dictionary does not know) would miss the clauses where it lies inside a
longer word. ``Containing`` matches each term of the field that contains the
word, as an OR of those terms — scored as Whoosh scores any OR of terms.
Whoosh's own path evaluates the query ``as_terms`` gives; the numpy path
(``matching``) evaluates the same OR in one pass over ``Postings``, every
term's postings read together: a common character (产) is contained in a
hundred terms with hundreds of thousands of postings at 100,000 clauses, and
evaluating them term by term, as an OR of terms, took a third of a second.

Finding the terms is a substring search over one segment's lexicon, joined
into one string and kept per segment (``segment_cache``): lexicons never
change once a segment is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from whoosh import query as q
from whoosh.query.terms import MultiTerm

from .segment_cache import SegmentCache, read_postings

# Each segment's lexicon of the content field, joined: about 2 MB per 10,000 clauses.
cache = SegmentCache(32 * 2**20)
_SEPARATOR = "\n"  # never in a term: the analyzer cuts text line by line


class WordOfTerms(MultiTerm):
    """A query word of ``fieldname`` matched by some of the field's terms (which: ``_btexts``), ORed and scored
    as an OR of those terms. Equal when of the same class, field, word and boost."""

    constantscore = False

    def __init__(self, fieldname: str, text: str, boost: float = 1.0):
        self.fieldname = fieldname
        self.text = text
        self.boost = boost

    def __eq__(self, other):
        return (other is not None and self.__class__ is other.__class__ and self.fieldname == other.fieldname
                and self.text == other.text and self.boost == other.boost)

    def __hash__(self):
        return hash((self.__class__.__name__, self.fieldname, self.text, self.boost))

    def __repr__(self):
        return f"{self.__class__.__name__}({self.fieldname!r}, {self.text!r}, boost={self.boost})"


class Containing(WordOfTerms):
    """Every term of ``fieldname`` that contains ``text``, ORed and scored as an OR of those terms."""

    def __unicode__(self):
        return f"{self.fieldname}:*{self.text}*"

    __str__ = __unicode__

    def _btexts(self, ixreader):
        return containing_terms(ixreader, self.fieldname, self.text)

    def as_terms(self, reader) -> q.Query:
        """The query this one stands for in ``reader``: as Whoosh's ``MultiTerm.matcher`` builds it."""
        terms = [q.Term(self.fieldname, term) for term in self._btexts(reader)]
        if not terms:
            return q.NullQuery
        return terms[0].with_boost(self.boost) if len(terms) == 1 else q.Or(terms, boost=self.boost)

    def matcher(self, searcher, context=None):
        return self.as_terms(searcher.reader()).matcher(searcher, context)


@dataclass(frozen=True)
class _Lexicon:
    joined: str  # every term, separated by _SEPARATOR
    starts: np.ndarray  # where each term begins in ``joined``
    terms: list[bytes]

    def containing(self, text: str) -> list[bytes]:
        hits = np.fromiter((match.start() for match in re.finditer(re.escape(text), self.joined)), dtype=np.int64)
        if not hits.size:
            return []
        return [self.terms[index] for index in np.unique(np.searchsorted(self.starts, hits, side="right") - 1)]


    def ending_with(self, text: str) -> list[bytes]:
        """The terms that end with ``text`` (itself included), in lexicon order."""
        return self._at(re.compile(re.escape(text) + "$", re.MULTILINE))

    def starting_with(self, text: str) -> list[bytes]:
        """The terms that start with ``text`` (itself included), in lexicon order."""
        return self._at(re.compile("^" + re.escape(text), re.MULTILINE))

    def _at(self, pattern: re.Pattern) -> list[bytes]:
        hits = np.fromiter((match.start() for match in pattern.finditer(self.joined)), dtype=np.int64)
        return [self.terms[index] for index in np.unique(np.searchsorted(self.starts, hits, side="right") - 1)]


def lexicon(leaf, fieldname: str) -> _Lexicon:
    """One segment's lexicon of ``fieldname``, joined (cached with the segment)."""
    return cache.get(leaf, ("lexicon", fieldname), lambda: _read(leaf, fieldname))


def containing_terms(reader, fieldname: str, text: str) -> list[bytes]:
    """The terms of ``fieldname`` in ``reader`` that contain ``text``, in lexicon order."""
    if not text or _SEPARATOR in text or fieldname not in reader.schema:
        return []
    segments = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
    found = set()
    for leaf, _ in segments:
        found.update(cache.get(leaf, ("lexicon", fieldname), lambda: _read(leaf, fieldname)).containing(text))
    return sorted(found)


def _read(leaf, fieldname: str) -> _Lexicon:
    field = leaf.schema[fieldname]
    terms = list(leaf.lexicon(fieldname)) if fieldname in leaf.indexed_field_names() else []
    texts = [field.from_bytes(term) for term in terms]
    lengths = np.fromiter((len(text) + len(_SEPARATOR) for text in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if texts else np.zeros(0, dtype=np.int64)
    return _Lexicon(_SEPARATOR.join(texts), starts, terms)


@dataclass(frozen=True)
class Postings:
    """The postings of every term of one segment that contains a word, read together.

    Postings are kept term after term, in ``terms`` order, each as the index
    of its document in ``docs`` and its term frequency: half the bytes of the
    terms' own cached arrays, which are not kept as well.
    """

    terms: list[bytes]
    counts: np.ndarray  # each term's number of postings in the segment (deleted documents included)
    docs: np.ndarray  # the documents that any of the terms matches: sorted, unique
    at: np.ndarray  # int32: each posting's document, as an index into ``docs``
    frequencies: np.ndarray  # float32: each posting's term frequency, as Whoosh stores it


def read_containing(leaf, fieldname: str, text: str) -> Postings:
    """The ``Postings`` of the terms of ``fieldname`` in one segment (an atomic reader) that contain ``text``."""
    terms = containing_terms(leaf, fieldname, text)
    read = [read_postings(leaf, fieldname, term) for term in terms]
    counts = np.fromiter((docs.size for docs, _ in read), dtype=np.int64, count=len(read))
    if not counts.sum():
        empty = np.zeros(0, dtype=np.int64)
        return Postings(terms, counts, empty, empty.astype(np.int32), empty.astype(np.float32))
    docs, at = np.unique(np.concatenate([docs for docs, _ in read]), return_inverse=True)
    frequencies = np.concatenate([frequencies for _, frequencies in read]).astype(np.float32)
    return Postings(terms, counts, docs, at.astype(np.int32), frequencies)
