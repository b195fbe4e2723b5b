"""Matching and BM25 ranking over cached per-segment arrays, with numpy.

Whoosh matches and scores one posting at a time in Python: at 100,000
clauses a common word or a filter walks tens of thousands of postings per
query. The query shapes the search box produces — terms, phrases, AND, OR, NOT,
everything (``*``), words matched by the terms containing them
(``containing``: all those terms' postings in one pass) and filters — are
evaluated here instead, set-wise: each term's postings are read from a
segment once into two arrays (documents, term frequencies) and kept
(``segment_cache``), and for a phrase its positions too; a query is then a
few set operations over arrays as long as a segment and one vectorised
BM25F.

The ranking is Whoosh's own (the tests compare the two): the same BM25F
formula and statistics (``idf``, average length, the stored length of each
document), scores summed over AND/OR, ties in document order. Only the order
in which a sum over several words is added can differ (Whoosh builds its
matcher tree by estimated sizes), so scores may differ in the last bits.
Queries with other nodes (wildcards, ranges, phrases with slop…) raise
``Unsupported`` and are left to Whoosh.

A Whoosh delete never rewrites a segment, it marks documents deleted: the
cached arrays include them and the deleted documents of each leaf are taken
out at the end of every evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from whoosh import query as q
from whoosh.scoring import BM25F

from .constant_score import ConstantScore
from .containing import Containing, Postings, read_containing
from .printed import AdjacentPhrase, Spanning, phrase_documents
from .ordering import Ordering, WeightedBM25F
from .segment_cache import SegmentCache, all_postings, leaves, read_postings, segment_id

# Postings and positions of recently searched words, shared by every thread of the process;
# the connection's POSTINGS_CACHE_MB option resizes it (``backend``).
DEFAULT_CACHE_MB = 96
cache = SegmentCache(DEFAULT_CACHE_MB * 2**20)
_EMPTY_DOCS = np.zeros(0, dtype=np.int64)


class Unsupported(Exception):
    """The query has a node this module does not evaluate; Whoosh does."""


@dataclass(frozen=True)
class Ranked:
    """Every match, best first (or in sort order): global document numbers and their scores.

    ``scores`` is None for a sorted ranking (no relevance score is computed).
    """

    documents: np.ndarray
    scores: np.ndarray | None


@dataclass(frozen=True)
class _Matches:
    docs: np.ndarray  # sorted local document numbers
    scores: np.ndarray


def _empty() -> _Matches:
    return _Matches(_EMPTY_DOCS, np.zeros(0))


# Reading a segment --------------------------------------------------------------------------

def _postings(leaf, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    # A term a segment lacks is remembered too: Whoosh looks a term up in the segment's
    # on-disk hash table (about 35 µs), a third of a 20-word search's time when it was not.
    return cache.get(leaf, ("postings", fieldname, text),
                     lambda: read_postings(leaf, fieldname, text) if (fieldname, text) in leaf
                     else (_EMPTY_DOCS, np.zeros(0)))


def _read_positions(leaf, fieldname: str, text: bytes) -> np.ndarray:
    """Every occurrence of a term in one segment as ``document << 32 | position``, sorted."""
    decode = leaf.schema[fieldname].format.decode_positions
    matcher = all_postings(leaf, fieldname, text)
    keys = []
    while matcher.is_active():
        base = matcher.id() << 32
        keys.extend(base | position for position in decode(matcher.value()))
        matcher.next()
    return np.asarray(keys, dtype=np.int64)


def positions(leaf, fieldname: str, text: bytes) -> np.ndarray:
    """Every occurrence of a term in one segment as ``document << 32 | position``, sorted (cached)."""
    return cache.get(leaf, ("positions", fieldname, text), lambda: _read_positions(leaf, fieldname, text))


def _lengths(leaf, fieldname: str) -> np.ndarray:
    """Each document's stored (byte-quantised) length of ``fieldname``, as BM25 reads it.

    Whoosh answers 0 for every document when the segment's length file is
    missing — as it is when a merge deleted the segment's files under a
    search of an older commit. Cached, those zeros would inflate the field's
    scores in that segment for as long as it lives (and in every copy of the
    index that shares its id), so a missing file raises instead, and the
    search is done again on the newest commit (``backend``).
    """
    def read():
        if leaf.field_length(fieldname) and not leaf._perdoc.has_column(f"_{fieldname}_len"):
            raise FileNotFoundError(f"the length column of {fieldname} in segment {segment_id(leaf)}")
        return np.fromiter((leaf.doc_field_length(docnum, fieldname, 0) or 0
                            for docnum in range(leaf.doc_count_all())), dtype=np.float64)
    return cache.get(leaf, ("lengths", fieldname), read)


def sort_keys(leaf, fieldname: str) -> np.ndarray:
    """Each document's value of a sortable (column) field."""
    def read():
        return np.fromiter(leaf.column_reader(fieldname), dtype=np.int64, count=leaf.doc_count_all())
    return cache.get(leaf, ("sort", fieldname), read)


def _live(leaf, docs: np.ndarray) -> np.ndarray:
    """A mask of ``docs`` that are not deleted."""
    if not leaf.has_deletions():
        return np.ones(docs.size, dtype=bool)
    deleted = np.fromiter(leaf.deleted_docs_set, dtype=np.int64)
    return ~np.isin(docs, deleted)


# Evaluating a query in one segment ---------------------------------------------------------

class _Segment:
    """One leaf reader, the top searcher's statistics and the weighting.

    ``scored=False`` only matches (scores are zeros): for filters, whose
    scores nobody reads, so no length arrays are read for facet fields.
    """

    def __init__(self, searcher, leaf, *, scored: bool = True):
        self.searcher = searcher
        self.leaf = leaf
        self.scored = scored
        weighting = searcher.weighting
        if type(weighting) not in (BM25F, WeightedBM25F):
            raise Unsupported(f"weighting {type(weighting).__name__}")
        self.weighting = weighting

    def evaluate(self, node) -> _Matches:
        if isinstance(node, q.Term):
            return self._term(node)
        # Whoosh applies a compound query's boost only when it has several subqueries.
        if type(node) is q.And:
            return self._boosted(self._and(node.subqueries), node.boost if len(node.subqueries) > 1 else 1.0)
        if type(node) is q.Or and not node.minmatch and not node.scale:
            return self._boosted(self._or(node.subqueries), node.boost if len(node.subqueries) > 1 else 1.0)
        if isinstance(node, q.Every) and node.fieldname in (None, "", "*"):
            docs = np.arange(self.leaf.doc_count_all(), dtype=np.int64)
            return _Matches(docs, np.full(docs.size, float(node.boost)))
        if type(node) is AdjacentPhrase and node.slop == 1:
            return self._boosted(self._phrase(node), node.boost)
        if isinstance(node, Containing):
            return self._boosted(self._containing(node), node.boost)
        if isinstance(node, ConstantScore):
            docs = _Segment(self.searcher, self.leaf, scored=False).evaluate(node.child).docs
            return _Matches(docs, np.full(docs.size, float(node.score)))
        if isinstance(node, Spanning):  # the OR of the terms that print the word, where they print it
            return self._within(self.evaluate(node.as_terms(self.leaf)), node.printing(self.leaf)[1])
        if node is q.NullQuery:
            return _empty()
        raise Unsupported(type(node).__name__)

    @staticmethod
    def _boosted(matches: _Matches, boost: float) -> _Matches:
        return matches if boost == 1.0 else _Matches(matches.docs, matches.scores * boost)

    def _term(self, node: q.Term) -> _Matches:
        fieldname = node.fieldname
        field = self.searcher.schema[fieldname] if fieldname in self.searcher.schema else None
        if field is None:
            return _empty()
        text = field.to_bytes(node.text)
        docs, frequencies = _postings(self.leaf, fieldname, text)
        if not docs.size:
            return _empty()
        if not self.scored:
            return _Matches(docs, np.zeros(docs.size))
        if field.scorable:
            idf = self.searcher.idf(fieldname, text)
            scores = self._bm25(fieldname, idf, frequencies, _lengths(self.leaf, fieldname)[docs])
        else:
            scores = frequencies.copy()  # Whoosh's WeightScorer for unscorable fields
        if node.boost != 1.0:
            scores = scores * node.boost
        return _Matches(docs, scores)

    def _bm25(self, fieldname: str, idf, frequencies: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Whoosh's bm25(), operation for operation, so the floats come out identical; ``idf`` is
        one term's, or each posting's own (an array)."""
        average = self.searcher.avg_field_length(fieldname) or 1
        b = self.weighting._field_B.get(fieldname, self.weighting.B)
        k1 = self.weighting.K1
        return idf * ((frequencies * (k1 + 1)) / (frequencies + k1 * ((1 - b) + b * lengths / average)))

    def _containing(self, node: Containing) -> _Matches:
        """Whoosh's OR of the terms that contain the word (``Containing.as_terms``), boost aside, in one pass.

        Each posting is scored as its term alone would be, and the scores
        summed per document. The terms' postings are read once per segment;
        the sums depend on statistics of the whole index too (each term's
        ``idf``, the average length), which are those of the searcher's
        segments: they are kept under those segments' ids, so a request that
        evaluates the same word again (the suggestions of a search that finds
        nothing count it once per word left out) reads them back.
        """
        fieldname = node.fieldname
        if fieldname not in self.searcher.schema:
            return _empty()
        postings = cache.get(self.leaf, ("containing", fieldname, node.text),
                             lambda: read_containing(self.leaf, fieldname, node.text))
        if not postings.docs.size or not self.scored:
            return _Matches(postings.docs, np.zeros(postings.docs.size))
        scores = cache.get(self.leaf, ("containing scores", fieldname, node.text, self._statistics),
                           lambda: self._summed(fieldname, postings))
        return _Matches(postings.docs, scores)

    def _summed(self, fieldname: str, postings: Postings) -> np.ndarray:
        """Each document's sum of its postings' scores, each scored as its term's ``_term`` would be."""
        frequencies = postings.frequencies.astype(np.float64)
        if self.searcher.schema[fieldname].scorable:
            idf = np.array([self.searcher.idf(fieldname, term) for term in postings.terms])
            lengths = _lengths(self.leaf, fieldname)[postings.docs]
            scores = self._bm25(fieldname, np.repeat(idf, postings.counts), frequencies, lengths[postings.at])
        else:
            scores = frequencies  # Whoosh's WeightScorer for unscorable fields
        return np.bincount(postings.at, weights=scores, minlength=postings.docs.size)

    @cached_property
    def _statistics(self) -> tuple[str, ...]:
        """What the index-wide statistics of a score depend on: the searcher's segments.

        Whoosh counts deleted documents in every statistic (document and term
        counts, field lengths) until a merge rewrites the segment, so deletions
        do not change them.
        """
        return tuple(segment_id(leaf) for leaf, _ in leaves(self.searcher))

    def _phrase(self, node: AdjacentPhrase) -> _Matches:
        """The words printed one after the other (``printed.phrase_documents``), scored as Whoosh
        scores a phrase: the words' BM25 summed over its binary tree of intersections."""
        fieldname = node.fieldname
        if fieldname not in self.searcher.schema:
            return _empty()
        field = self.searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            raise Unsupported(f"phrase on {fieldname}, which has no positions")
        words = [field.to_bytes(word) for word in node.words]
        if any((fieldname, word) not in self.leaf for word in words):
            return _empty()
        terms = [self._term(q.Term(fieldname, word)) for word in node.words]
        docs = terms[0].docs
        for term in terms[1:]:
            docs = docs[self._member(docs, term.docs)]
        scores = _tree_sum([term.scores[np.searchsorted(term.docs, docs)] for term in terms])
        return self._within(_Matches(docs, scores), phrase_documents(self.leaf, fieldname, node.words, field))

    def _within(self, matches: _Matches, documents: np.ndarray) -> _Matches:
        keep = self._member(matches.docs, documents)
        return _Matches(matches.docs[keep], matches.scores[keep])

    # Set operations over one segment's document numbers, through an array as long as the segment:
    # linear, where numpy's sorting ``intersect1d``, ``isin`` and ``unique`` took most of a query
    # that combines common words (a few thousand to tens of thousands of documents each).

    def _member(self, docs: np.ndarray, of: np.ndarray) -> np.ndarray:
        """A mask of ``docs`` that are in ``of``."""
        return self._member_of(docs, of, self.leaf.doc_count_all())

    @staticmethod
    def _member_of(docs: np.ndarray, of: np.ndarray, size: int) -> np.ndarray:
        marked = np.zeros(max(size, int(of.max()) + 1 if of.size else 0), dtype=bool)
        marked[of] = True
        return marked[docs]

    def _index_in(self, docs: np.ndarray, of: np.ndarray) -> np.ndarray:
        """Each of ``docs``'s index in ``of`` (sorted, unique), or -1 where it is not there."""
        at = np.full(self.leaf.doc_count_all(), -1, dtype=np.int64)
        at[of] = np.arange(of.size)
        return at[docs]

    def _and(self, subqueries) -> _Matches:
        positive = [sub for sub in subqueries if not isinstance(sub, q.Not)]
        negative = [sub for sub in subqueries if isinstance(sub, q.Not)]
        if not positive:
            raise Unsupported("AND of NOTs only")
        result = self.evaluate(positive[0])
        for sub in positive[1:]:
            if not result.docs.size:
                return result
            other = self.evaluate(sub)
            theirs = self._index_in(result.docs, other.docs)
            mine = theirs >= 0
            result = _Matches(result.docs[mine], result.scores[mine] + other.scores[theirs[mine]])
        for sub in negative:
            excluded = self.evaluate(sub.query).docs
            keep = ~self._member(result.docs, excluded)
            # Whoosh's NOT matches the other documents with a score of 1.
            result = _Matches(result.docs[keep], result.scores[keep] + 1.0)
        return result

    def _or(self, subqueries) -> _Matches:
        if any(isinstance(sub, q.Not) for sub in subqueries):
            raise Unsupported("NOT inside OR")
        parts = [self.evaluate(sub) for sub in subqueries]
        parts = [part for part in parts if part.docs.size]
        if not parts:
            return _empty()
        if len(parts) == 1:
            return parts[0]
        size = self.leaf.doc_count_all()
        scores, matched = np.zeros(size), np.zeros(size, dtype=bool)
        for part in parts:
            # Whoosh's union adds the scores of the alternatives a document matches, in order.
            scores[part.docs] += part.scores
            matched[part.docs] = True
        docs = np.flatnonzero(matched)
        return _Matches(docs, scores[docs])


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sum as Whoosh's ``make_binary_tree`` nests its matchers: a + (b + c), (a + b) + (c + d)…"""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


# The whole index ------------------------------------------------------------------------

def rank(searcher, query, *, within=None, sort_field: str | None = None, reverse: bool = False) -> Ranked:
    """Every document ``query`` matches (and ``within`` matches, if given), ordered as Whoosh would order them.

    ``within`` restricts without scoring, as Whoosh's ``filter=``. By
    relevance: score (times the document's weight, when the searcher's
    ``Ordering`` weighs), descending. By ``sort_field``: its value, reversed
    when ``reverse``. Then the ``Ordering``'s tie-break, and last the
    document number — as ``ordering.ClauseSearcher`` has Whoosh sort. Raises
    ``Unsupported`` for queries this module does not evaluate.
    """
    ordering = getattr(searcher, "ordering", None) or Ordering()
    weigh = ordering.weighs and isinstance(searcher.weighting, WeightedBM25F)
    documents, scores, keys, ties = [], [], [], []
    for leaf, offset in leaves(searcher):
        matches = _Segment(searcher, leaf).evaluate(query)
        if within is not None and matches.docs.size:
            allowed = _Segment(searcher, leaf, scored=False).evaluate(within).docs
            keep = _Segment._member_of(matches.docs, allowed, leaf.doc_count_all())
            matches = _Matches(matches.docs[keep], matches.scores[keep])
        live = _live(leaf, matches.docs)
        docs = matches.docs[live]
        documents.append(docs + offset)
        # Whoosh's weighting ``final``: the score times the document's weight, one multiplication.
        scores.append(matches.scores[live] * ordering.factors(leaf)[docs] if weigh and not sort_field
                      else matches.scores[live])
        if sort_field:
            keys.append(sort_keys(leaf, sort_field)[docs])
        ties.append(ordering.tie_keys(leaf, sort_keys, docs))
    if not documents:
        return Ranked(_EMPTY_DOCS, None if sort_field else np.zeros(0))
    documents, scores = np.concatenate(documents), np.concatenate(scores)
    tie_keys = [np.concatenate(parts) for parts in zip(*ties)] if ordering.tie_break else []
    if sort_field:
        key = np.concatenate(keys)
        order = np.lexsort((documents, *reversed(tie_keys), -key if reverse else key))
        return Ranked(documents[order], None)
    order = np.lexsort((documents, *reversed(tie_keys), -scores))
    return Ranked(documents[order], scores[order])
