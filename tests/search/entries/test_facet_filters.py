"""Each facet's database twin keeps exactly the clauses the index counts under the facet's value."""

from __future__ import annotations

import pytest

from clauses.models import Clause
from search.facet_filters import CLAUSE_FILTERS, clause_filter
from search.facet_table import FACETS
from search.selectors import SearchRequest, search

from ..oracles import clauses_within_regions, rolled_up_regions


def test_every_facet_has_a_database_twin():
    assert set(CLAUSE_FILTERS) == set(FACETS)


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestTwinsAgreeWithTheIndex:
    def test_every_value_of_every_facet(self):
        facets = search(SearchRequest(page_size=1)).facets
        checked = 0
        for name in FACETS:
            assert facets.get(name), name  # the collection has values for every facet
            for value, count in facets[name]:
                kept = Clause.objects.current().filter(clause_filter([(name, [value])])).count()
                assert kept == count, (name, value)
                checked += 1
        assert checked > 100

    @pytest.mark.parametrize("filters", [
        [("region", "四川省"), ("year", "2022")],
        [("industry", "先进制造业"), ("region", "西部")],
        [("lead", "四川省经济合作局"), ("region", "宜宾市")],
        [("department", "四川省发展和改革委员会"), ("kind", "implementing")],
    ])
    def test_combined_filters(self, filters):
        outcome = search(SearchRequest(filters=filters, page_size=1))
        resolved = [(name, [value]) for name, value in filters]
        assert Clause.objects.current().filter(clause_filter(resolved)).count() == outcome.count

    def test_region_roll_up_matches_the_models_oracle(self):
        rolled = rolled_up_regions()
        for name in ("四川省", "宜宾市", "成渝地区双城经济圈", "西部"):
            kept = set(Clause.objects.current().filter(clause_filter([("region", [name])])).values_list("pk", flat=True))
            assert kept == clauses_within_regions(name, rolled=rolled), name
