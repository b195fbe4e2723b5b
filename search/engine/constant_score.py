"""A query whose matches all score the same: a department's lead or co clauses (``ranking.RESPONSIBILITY_FIELDS``)."""

from __future__ import annotations

from whoosh.matching import NullMatcherClass
from whoosh.matching.wrappers import ConstantScoreWrapperMatcher
from whoosh.query import ConstantScoreQuery


class ConstantScore(ConstantScoreQuery):
    """Whoosh's ``ConstantScoreQuery``, constant in every search.

    Whoosh's returns its child's own matcher, BM25 scores and all, whenever
    the search needs the current document's score as it goes — every sorted
    search, which is how ``ordering.ClauseSearcher`` orders results — so the
    constant was lost there. Here the child's matcher is always wrapped.
    ``matching`` evaluates it alike: the child's documents, each ``score``.
    """

    def matcher(self, searcher, context=None):
        child = self.child.matcher(searcher, context)
        if isinstance(child, NullMatcherClass):
            return child
        return ConstantScoreWrapperMatcher(child, score=self.score)
