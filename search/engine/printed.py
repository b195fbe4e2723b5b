"""Where a text is printed, found through the positions of its terms.

A term's position counts the positions the words before it take (the
analyzer's ``span``: PolicyKB counts their characters), and the words inside
a longer word are where they are printed. So a term at ``p`` is followed,
in the text, by the terms at ``p + span(term)`` and by no other. Two query
nodes are answered from that, on the numpy path (``matching``) and on
Whoosh's own alike, because both take their documents from the functions
here:

- ``AdjacentPhrase``: a phrase, each word where the one before ends.
  Whoosh's ``Phrase`` wants consecutive positions; here 发展 (at 1, inside
  省发展改革委 at 0) is not followed by 牵头 (at 6), and 发展改革委 (at 1,
  span 5) is.
- ``Spanning``: a query word printed across two or more terms, which no
  single term contains (河长制 in 对河 / 长制 / 湖长制; 小微 in 中小 / 微):
  a term ending with the word's head, then terms that are the word's middle,
  then a term starting with its tail, each where the one before ends.

Both score as Whoosh scores the terms that make them up (a phrase as its
words' intersection; ``Spanning`` as the OR of the terms that print the word
somewhere in the segment), only in the documents where the text is printed:
a filter inside the evaluation, so counts and facets see the same documents
as the ranking.
"""

from __future__ import annotations

import numpy as np
from whoosh import matching as wm
from whoosh import query as q
from whoosh.util import make_binary_tree

from .containing import WordOfTerms, lexicon
from .segment_cache import SegmentCache

# Documents found per segment, phrase and word: a few kilobytes each.
cache = SegmentCache(8 * 2**20)
_EMPTY = np.zeros(0, dtype=np.int64)


def _span_of(field):
    analyzer = getattr(field, "analyzer", None)
    return getattr(analyzer, "span", None) or (lambda term: 1)


def _positions(leaf, fieldname: str, term: bytes) -> np.ndarray:
    from .matching import positions  # matching evaluates the nodes of this module

    return positions(leaf, fieldname, term)


class _Only(wm.FilterMatcher):
    """Whoosh's ``FilterMatcher`` without block quality: skipping by quality would skip the filter."""

    def supports_block_quality(self):
        return False


def _restricted(query: q.Query, searcher, context, documents: np.ndarray, boost: float = 1.0):
    """``query``'s matcher in the leaf ``searcher``, kept to ``documents`` (local numbers)."""
    if not documents.size:
        return wm.NullMatcher()
    matcher = _Only(query.matcher(searcher, context), set(documents.tolist()))
    return wm.WrappingMatcher(matcher, boost=boost) if boost != 1.0 else matcher


def _per_leaf(reader, find) -> np.ndarray:
    """``find(leaf)`` over every segment of ``reader``, in its document numbers."""
    if reader.is_atomic():
        return find(reader)
    found = [find(leaf) + offset for leaf, offset in leaves_of(reader)]
    return np.concatenate(found) if found else _EMPTY


def leaves_of(reader):
    return [(leaf, offset) for leaf, offset in reader.leaf_readers()]


# Phrases -----------------------------------------------------------------------------------

class AdjacentPhrase(q.Phrase):
    """Whoosh's ``Phrase``, each word at the position where the one before it ends (slop 1).

    With another slop it is Whoosh's: words within that many positions. A
    phrase of one word is that word's ``Term`` with the phrase's boost: Whoosh
    drops the boost, and PolicyKB's query strings quote every value
    (``lead_exact:"四川省发展和改革委员会"^2.0``, a title's weighted match).
    """

    def normalize(self):
        normalized = super().normalize()
        if type(normalized) is q.Term:
            normalized.boost = self.boost
        return normalized

    def matcher(self, searcher, context=None):
        if self.slop != 1:
            return super().matcher(searcher, context)
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return wm.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh's own error
        reader = searcher.reader()
        documents = _per_leaf(reader, lambda leaf: phrase_documents(leaf, fieldname, self.words, field))
        if not documents.size:
            return wm.NullMatcher()
        # Scored as Whoosh's phrase (``SpanNear2``): its words' intersection, as a binary tree in word order.
        terms = [q.Term(fieldname, word).matcher(searcher, context) for word in self.words]
        return _restricted(_Matched(make_binary_tree(wm.IntersectionMatcher, terms)), searcher, context,
                           documents, self.boost)


class _Matched(q.Query):
    """A matcher already made, as a query (for ``_restricted``)."""

    def __init__(self, matcher):
        self._matcher = matcher

    def matcher(self, searcher, context=None):
        return self._matcher


def phrase_documents(leaf, fieldname: str, words, field=None) -> np.ndarray:
    """The documents of one segment in which ``words`` are printed one after the other, sorted."""
    field = field or leaf.schema[fieldname]
    key = ("phrase", fieldname, tuple(words))

    def find():
        span = _span_of(field)
        ends = None
        for word in words:
            term = field.to_bytes(word)
            if (fieldname, term) not in leaf:
                return _EMPTY
            keys = _positions(leaf, fieldname, term)  # document << 32 | position
            ends = keys if ends is None else np.intersect1d(ends, keys, assume_unique=True)
            ends = ends + span(word)  # where the next word must be
            if not ends.size:
                return _EMPTY
        return np.unique(ends >> 32)

    return cache.get(leaf, key, find)


# Words printed across terms ----------------------------------------------------------------

class Spanning(WordOfTerms):
    """``text`` printed across two or more terms of ``fieldname``: scored as the OR of those terms.

    ``Containing`` finds it inside one term; the query parser asks for both.
    """

    def __unicode__(self):
        return f"{self.fieldname}:{self.text}~spanning"

    __str__ = __unicode__

    def _btexts(self, ixreader):
        if ixreader.is_atomic():
            return list(self.printing(ixreader)[0])
        return sorted({term for leaf, _ in leaves_of(ixreader) for term in self.printing(leaf)[0]})

    def printing(self, leaf) -> tuple[tuple[bytes, ...], np.ndarray]:
        """(the terms that print the word across terms in this segment, the documents where they do)."""
        if self.fieldname not in leaf.schema:
            return (), _EMPTY
        return spanning(leaf, self.fieldname, self.text)

    def as_terms(self, leaf) -> q.Query:
        """The OR of the terms that print the word in ``leaf`` (to be kept to ``printing(leaf)[1]``)."""
        terms = [q.Term(self.fieldname, term) for term in self.printing(leaf)[0]]
        if not terms:
            return q.NullQuery
        return q.Term(self.fieldname, terms[0].text, boost=self.boost) if len(terms) == 1 else \
            q.Or(terms, boost=self.boost)

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        if reader.is_atomic():
            return _restricted(self.as_terms(reader), searcher, context, self.printing(reader)[1])
        # Whoosh's searches ask segment by segment; a whole reader only outside a search.
        terms = [q.Term(self.fieldname, term) for term in self._btexts(reader)]
        documents = _per_leaf(reader, lambda leaf: self.printing(leaf)[1])
        return _restricted(q.Or(terms, boost=self.boost), searcher, context, documents)


def spanning(leaf, fieldname: str, text: str) -> tuple[tuple[bytes, ...], np.ndarray]:
    """The terms of one segment that print ``text`` across two or more of them, and the documents.

    For each split of ``text`` into a head and the rest: the terms that end
    with the head, then (any number of times) a term that is the next piece,
    and last a term that starts with what is left — each at the position
    where the term before it ends. A backward pass keeps only the terms of
    runs that reach the end.
    """
    key = ("spanning", fieldname, text)
    return cache.get(leaf, key, lambda: _spanning(leaf, fieldname, text))


def _spanning(leaf, fieldname: str, text: str):
    field = leaf.schema[fieldname]
    span = _span_of(field)
    words = lexicon(leaf, fieldname)
    size = len(text)
    # steps[j]: (term, where it starts, where the rest of ``text`` from j must start); a head starts nowhere.
    steps: dict[int, list[tuple[bytes, np.ndarray | None, np.ndarray]]] = {j: [] for j in range(1, size)}
    ends: list[tuple[int, bytes, np.ndarray]] = []  # (j, a term starting with text[j:], where it is)
    for j in range(1, size):
        for term in words.ending_with(text[:j]):
            steps[j].append((term, None, _positions(leaf, fieldname, term) + span(field.from_bytes(term))))
    for i in range(1, size):
        if not steps[i]:
            continue
        reached = np.unique(np.concatenate([after for _, _, after in steps[i]]))
        for term in words.starting_with(text[i:]):
            found = np.intersect1d(reached, _positions(leaf, fieldname, term), assume_unique=True)
            if found.size:
                ends.append((i, term, found))
        for j in range(i + 1, size):
            piece = text[i:j]
            term = field.to_bytes(piece)
            if (fieldname, term) in leaf:
                found = np.intersect1d(reached, _positions(leaf, fieldname, term), assume_unique=True)
                if found.size:
                    steps[j].append((term, found, found + span(piece)))
    if not ends:
        return (), _EMPTY
    # Backward: the keys at each split from which the rest of the text is printed.
    good = {i: _EMPTY for i in range(1, size)}
    for i, _, found in ends:
        good[i] = np.union1d(good[i], found)
    taking_part = {term for _, term, _ in ends}
    for j in range(size - 1, 0, -1):
        for term, starts, after in steps[j]:
            kept = np.isin(after, good[j])
            if not kept.any():
                continue
            taking_part.add(term)
            if starts is not None:  # a middle piece: where it starts is good where the piece began
                i = j - len(field.from_bytes(term))
                good[i] = np.union1d(good[i], starts[kept])
    documents = np.unique(np.concatenate([found for _, _, found in ends]) >> 32)
    return tuple(sorted(taking_part)), documents
