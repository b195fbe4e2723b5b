"""Cached facet arrays count exactly what haystack's own faceting counts."""

from __future__ import annotations

import pytest
from haystack import connections

from search.selectors import SearchRequest, search

QUERIES = [("", []), ("产业转移", []), ("锂电", [("region", "四川省")]), ("", [("lead", "省经济合作局")]),
           ('"承接产业转移"', [("kind", "policy")]), ("南充 OR 巴中", [("region", "西部"), ("industry", "新材料")])]


@pytest.mark.usefixtures("seeded_index", "db")
class TestCachedFacets:
    @pytest.mark.parametrize("q, filters", QUERIES)
    def test_same_counts_and_hits_as_stock_faceting(self, q, filters):
        backend = connections["default"].get_backend()
        backend.fast_facets = True
        fast = search(SearchRequest(q=q, filters=filters, page_size=100))
        backend.fast_facets = False
        try:
            stock = search(SearchRequest(q=q, filters=filters, page_size=100))
        finally:
            backend.fast_facets = True
        assert fast.count == stock.count
        assert fast.facets == stock.facets
        assert [hit.permalink for hit in fast.hits] == [hit.permalink for hit in stock.hits]
