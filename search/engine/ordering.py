"""The order of results: relevance times each document's weight, then a fixed tie-break.

Four things Whoosh's own order lacks, given by the connection's ``ORDERING``
option (``Ordering``; PolicyKB builds it from ``SEARCH_RANKING``):

- **Weighted fields.** A word typed without a field matches the content
  field and each field of ``also_searched`` (the document's title), whose
  match counts that many times its score (``query_parser``): a clause that
  says the word itself comes before one that is found through its title.

- **Constant-scored fields.** A match of a keyword field of
  ``constant_scored`` adds its boost as it is, not a BM25 score
  (``constant_score.ConstantScore``, made by ``query_parser``): a department's lead and
  co clauses form tiers that relevance within them cannot reorder.

- **A document weight.** The value a document has in one keyword field (a
  clause's document kind) multiplies its score, so at comparable relevance
  the policy text comes before a news report of it. Whoosh applies it through
  its weighting model's ``final`` hook (``WeightedBM25F``), the numpy path
  (``matching``) with the same multiplication.
- **A tie-break.** Whoosh orders equal scores (and equal sort keys) by
  document number, which depends on how a build happened to write the
  segments: two builds of the same data listed ties differently. Here ties
  go by columns (the document's date, newest first, then the document, then
  the reading position), the same in both paths (``ClauseSearcher`` sorts
  Whoosh's results by them).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
from whoosh.index import FileIndex
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet, MultiFacet, ScoreFacet

from .segment_cache import SegmentCache, leaves, read_postings

cache = SegmentCache(16 * 2**20)  # a float and a few integers per document and segment


@dataclass(frozen=True)
class Ordering:
    also_searched: dict[str, float] = field(default_factory=dict)  # other text fields → their weight
    constant_scored: frozenset[str] = frozenset()  # keyword fields whose match adds its boost as it is
    weight_field: str = ""  # a keyword field; "" weighs nothing
    weights: dict[str, float] = field(default_factory=dict)  # its value → the factor (others: 1)
    tie_break: tuple[tuple[str, bool], ...] = ()  # (numeric column, descending), in order

    @property
    def weighs(self) -> bool:
        return bool(self.weight_field) and any(factor != 1.0 for factor in self.weights.values())

    def factors(self, leaf) -> np.ndarray:
        """Each document's weight in one segment (deleted ones included)."""
        return cache.get(leaf, ("factors", self.weight_field, tuple(sorted(self.weights.items()))),
                         lambda: self._read_factors(leaf))

    def _read_factors(self, leaf) -> np.ndarray:
        factors = np.ones(leaf.doc_count_all(), dtype=np.float64)
        field_ = leaf.schema[self.weight_field] if self.weight_field in leaf.schema else None
        for value, factor in self.weights.items():
            text = field_.to_bytes(value) if field_ else b""
            if field_ is not None and (self.weight_field, text) in leaf:
                documents, _ = read_postings(leaf, self.weight_field, text, frequencies=False)
                factors[documents] = factor
        return factors

    def tie_keys(self, leaf, column, docs: np.ndarray) -> list[np.ndarray]:
        """The tie-break's keys of ``docs`` in one segment, most significant first, each ascending."""
        return [-column(leaf, name)[docs] if descending else column(leaf, name)[docs]
                for name, descending in self.tie_break]

    def whoosh_facets(self, reader) -> list:
        # A column an index written before it existed lacks (until the rebuild ``make run`` starts):
        # Whoosh's facet would raise; the numpy path reads it as zeros, and so both skip it.
        return [FieldFacet(name, reverse=descending) for name, descending in self.tie_break
                if reader.has_column(name)]


class WeightedBM25F(BM25F):
    """Whoosh's BM25F, each document's score multiplied by its weight (``Ordering.factors``)."""

    def __init__(self, ordering: Ordering, **options):
        super().__init__(**options)
        self.ordering = ordering
        self.use_final = ordering.weighs
        self._global: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def final(self, searcher, docnum, score):
        factors = self._global.get(searcher)
        if factors is None:
            factors = np.concatenate([self.ordering.factors(leaf) for leaf, _ in leaves(searcher)] or [np.ones(0)])
            self._global[searcher] = factors
        return score * factors[docnum]


class ClauseSearcher(Searcher):
    """A Whoosh searcher whose searches order ties by the ``Ordering``'s tie-break, not document numbers.

    Relevance: score, then the tie-break. A sort by fields (haystack passes
    their names and one ``reverse``): those fields, each reversed if asked,
    then the tie-break.
    """

    def __init__(self, reader, ordering: Ordering | None = None, **options):
        # Whoosh makes a searcher per segment as ``self.__class__(reader, parent=self, …)``, during
        # ``super().__init__``: those take their parent's ordering, which must be set first.
        parent = options.get("parent")
        self.ordering = ordering or (parent.ordering if parent is not None else Ordering())
        self._average_lengths: dict[tuple, float | None] = {}
        super().__init__(reader, **options)

    def avg_field_length(self, fieldname, default=None):
        """Whoosh's, remembered: it sums the field's length over every segment at each call, and BM25
        asks for it once per term scored (a 20-word search and its suggestions: thousands of times).
        A searcher never changes; a commit opens a new one."""
        key = (fieldname, default)
        if key not in self._average_lengths:
            self._average_lengths[key] = super().avg_field_length(fieldname, default)
        return self._average_lengths[key]

    def search(self, q, **kwargs):
        ties = self.ordering.whoosh_facets(self.reader())
        if ties:
            sortedby, reverse = kwargs.get("sortedby"), kwargs.pop("reverse", False)
            if isinstance(sortedby, str):
                sortedby = [sortedby]
            if sortedby is None:
                kwargs["sortedby"] = MultiFacet([ScoreFacet(), *ties])
                results = super().search(q, **kwargs)
                # Each hit's key is the sort key (minus the score, then the ties): give back its score.
                results.top_n = [(-key[0], docnum) for key, docnum in results.top_n]
                return results
            elif isinstance(sortedby, (list, tuple)) and all(isinstance(name, str) for name in sortedby):
                kwargs["sortedby"] = MultiFacet([*(FieldFacet(name, reverse=reverse) for name in sortedby), *ties])
            else:
                kwargs["reverse"] = reverse
        return super().search(q, **kwargs)


class OrderedIndex(FileIndex):
    """A Whoosh index whose searchers order by ``ordering`` (set by the backend after opening it)."""

    ordering = Ordering()

    def searcher(self, **options):
        options.setdefault("weighting", WeightedBM25F(self.ordering))
        return ClauseSearcher(self.reader(), ordering=self.ordering, fromindex=self, **options)
