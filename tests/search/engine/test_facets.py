"""Cached facet arrays count exactly what haystack's own faceting counts."""

from __future__ import annotations

import pytest
from haystack import connections

from search.selectors import SearchRequest, search

from .edits import edit_one_clause_and_delete_another

QUERIES = [("", []), ("产业转移", []), ("锂电", [("region", "四川省")]), ("", [("lead", "省经济合作局")]),
           ('"承接产业转移"', [("kind", "policy")]), ("南充 OR 巴中", [("region", "西部"), ("industry", "新材料")]),
           ("锂", []), ("碳 OR 川办", [("region", "四川省")]), ("经信厅", []), ("发改委 飞地", []),
           ("", [("co", "省经济合作局")])]


def _both_ways(q, filters):
    backend = connections["default"].get_backend()
    fast = search(SearchRequest(q=q, filters=filters, page_size=100))
    backend.fast_facets = False
    try:
        stock = search(SearchRequest(q=q, filters=filters, page_size=100))
    finally:
        backend.fast_facets = True
    return fast, stock


@pytest.mark.usefixtures("seeded_index", "db")
class TestCachedFacets:
    @pytest.mark.parametrize("q, filters", QUERIES)
    def test_same_counts_and_hits_as_stock_faceting(self, q, filters):
        fast, stock = _both_ways(q, filters)
        assert fast.count == stock.count
        assert fast.facets == stock.facets
        assert [hit.permalink for hit in fast.hits] == [hit.permalink for hit in stock.hits]


@pytest.mark.usefixtures("indexed_seeds")
def test_segments_with_deleted_clauses_count_as_stock_faceting(django_capture_on_commit_callbacks):
    """Counting the unmatched side of a segment (most of it matched) subtracts its deleted documents too."""
    search(SearchRequest(q="", filters=[]))  # tables of the first segment cached before it has deletions
    edit_one_clause_and_delete_another(django_capture_on_commit_callbacks)
    # Browsing matches most of each segment (its unmatched side is counted); 南充 little of it.
    for q, filters in [("", []), ("南充", []), ("", [("region", "四川省")]), ("-南充", [])]:
        fast, stock = _both_ways(q, filters)
        assert fast.count == stock.count > 0
        assert fast.facets == stock.facets, (q, filters)
        assert fast.facets["region"], (q, filters)


def test_a_tables_counts_are_those_of_its_documents_values():
    """Documents without values, with one, with many; any selection, empty included (oracle: a Counter)."""
    import random
    from collections import Counter

    import numpy as np

    from search.engine.facets import _FieldTable

    rng = random.Random(12)
    values = [f"v{n}" for n in range(7)]
    per_document = [rng.sample(range(len(values)), rng.choice([0, 0, 1, 2, 5])) for _ in range(60)]
    starts = np.cumsum([0] + [len(ids) for ids in per_document])
    value_ids = np.array([value for ids in per_document for value in ids], dtype=np.int32)
    table = _FieldTable(values, starts, value_ids, np.bincount(value_ids, minlength=len(values)))
    for size in (0, 1, 5, 30, 60):
        chosen = sorted(rng.sample(range(60), size))
        expected = Counter(value for document in chosen for value in per_document[document])
        counts = table.counts(np.array(chosen, dtype=np.int64))
        assert {values[i]: int(n) for i, n in enumerate(counts) if n} == {values[i]: n for i, n in expected.items()}
