"""The cost budget of a search request (search/limits.py): what one URL may ask for, and what it costs.

Costs are counted, not timed: how many searches reach the index and by which
path. Wall-clock figures for the same requests at 100,000 clauses are in
``make bench`` (its hostile mix).
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from haystack.backends.whoosh_backend import WhooshSearchBackend

from clauses.models import ClauseRegion
from search import limits
from search.engine.backend import ClauseWhooshBackend
from search.query import parse_query
from search.selectors import SearchRequest, search


def run(q="", *filters, **options):
    return search(SearchRequest(q=q, filters=list(filters), page_size=100, **options))


def keys(q="", *filters) -> set[tuple[str, str]]:
    """Every clause a search finds, over all its pages."""
    found, page = set(), 1
    while True:
        outcome = search(SearchRequest(q=q, filters=list(filters), page_size=100, page=page))
        found |= {(hit.document["slug"], hit.clause["key"]) for hit in outcome.hits}
        if page >= outcome.num_pages:
            return found
        page += 1


@pytest.fixture
def index_searches(monkeypatch):
    """Every search that reaches the index, by path: ours, or haystack's stock one (a full scan per facet)."""
    calls = {"fast": 0, "stock": 0}
    fast, stock = ClauseWhooshBackend._fast_search, WhooshSearchBackend.search

    def counted_fast(self, *args, **kwargs):
        calls["fast"] += 1
        return fast(self, *args, **kwargs)

    def counted_stock(self, *args, **kwargs):
        calls["stock"] += 1
        return stock(self, *args, **kwargs)

    monkeypatch.setattr(ClauseWhooshBackend, "_fast_search", counted_fast)
    monkeypatch.setattr(WhooshSearchBackend, "search", counted_stock)
    return calls


def _tagged_regions(count: int) -> list[str]:
    names = list(ClauseRegion.objects.active().values_list("region__name", flat=True).distinct().order_by(
        "region__name"))
    assert len(names) >= count
    return names[:count]


@pytest.mark.usefixtures("seeded_index", "db")
class TestZeroResultSearches:
    @pytest.mark.parametrize("filter_count", [1, 3, 20])
    def test_cost_a_bounded_number_of_fast_searches(self, index_searches, filter_count):
        filters = [("year", "1999"), *(("region", name) for name in _tagged_regions(filter_count - 1))]
        outcome = run("产业", *filters)
        assert outcome.count == 0
        assert index_searches["stock"] == 0
        assert index_searches["fast"] <= 1 + limits.MAX_SUGGESTION_COUNTS

    def test_dropping_the_filter_that_excludes_everything_is_suggested_with_its_true_count(self):
        outcome = run("产业", ("year", "1999"), ("region", "四川省"))
        assert outcome.count == 0
        suggestion = next(item for item in outcome.suggestions if item.get("filter") == ["year", "1999"])
        assert suggestion["count"] == run("产业", ("region", "四川省")).count > 0

    def test_unfaceted_counts_agree_with_whoosh_itself(self, settings):
        """The fast path now also answers counts: the same numbers as haystack's stock path on the same index."""
        from haystack import connections
        from haystack.query import SearchQuerySet

        backend = connections["default"].get_backend()
        queries = ["*", "'产业'", "'锂电' '川南'", '"产业转移"', "'南充' OR '巴中'", "* NOT '南充'"]
        narrows = [None, 'region_exact:"四川省"', '(* NOT region_exact:"四川省")']
        for query in queries:
            for narrow in narrows:
                sqs = SearchQuerySet().raw_search(query)
                if narrow:
                    sqs = sqs.narrow(narrow)
                backend.fast_facets = True
                ours = sqs._clone().count()
                backend.fast_facets = False
                try:
                    whoosh = sqs._clone().count()
                finally:
                    backend.fast_facets = True
                assert ours == whoosh, (query, narrow)


@pytest.mark.usefixtures("seeded_index", "db")
class TestBounds:
    def test_the_same_filter_value_repeated_is_one_filter(self, client):
        response = client.get("/api/search/?" + "&".join(["year=2022"] * 390))
        assert response.status_code == 200
        assert response.json()["count"] == run("", ("year", "2022")).count > 0

    def test_more_distinct_filter_values_than_the_budget_are_refused_clearly(self, client):
        query = "&".join(f"year={1900 + number}" for number in range(limits.MAX_FILTERS + 1))
        api = client.get("/api/search/?" + query)
        assert api.status_code == 400
        assert f"最多 {limits.MAX_FILTERS} 个" in api.json()["error"]
        page = client.get("/search/?" + query)
        assert page.status_code == 400
        assert f"最多 {limits.MAX_FILTERS} 个" in page.content.decode()

    def test_filters_typed_in_the_query_are_held_to_the_same_budget(self):
        typed = " ".join(f"年份:{1900 + number}" for number in range(limits.MAX_FILTERS + 4))
        assert len(typed) <= limits.MAX_QUERY_LENGTH
        outcome = run(typed)
        assert len(outcome.filters) == limits.MAX_FILTERS
        assert any("筛选条件过多" in note for note in outcome.notes)

    def test_words_beyond_the_budget_are_dropped_with_a_note(self):
        words = [f"词{number}" for number in range(limits.MAX_WORDS + 10)]
        query = parse_query(" ".join(words))
        assert query.positive_texts() == words[:limits.MAX_WORDS]
        assert any("词语过多" in note for note in query.notes)

    @pytest.mark.parametrize("size", ["101", "100000", "99999999999999999999999"])
    def test_a_page_size_beyond_the_largest_gives_the_largest_page(self, client, size):
        body = client.get("/api/search/", {"page_size": size}).json()
        assert len(body["results"]) == limits.MAX_PAGE_SIZE

    @pytest.mark.parametrize("params", [{"page": "٣"}, {"page_size": "٣"}])
    def test_numbers_in_other_scripts_are_refused(self, client, params):
        assert client.get("/api/search/", params).status_code == 400

    def test_a_year_in_other_digits_is_not_a_year(self):
        outcome = run("", ("year", "٢٠٢٢"))
        assert outcome.count == 0
        assert outcome.notes == ["“٢٠٢٢”不是年份，因此没有结果。"]


@pytest.mark.usefixtures("seeded_index", "db")
class TestFiltersTypedInTheQuery:
    def test_an_excluded_filter_leaves_out_exactly_the_clauses_the_filter_finds(self):
        everything, yibin = keys(""), keys("", ("region", "宜宾"))
        assert yibin and keys("-region:宜宾") == everything - yibin
        words, words_in_yibin = keys("产业"), keys("产业", ("region", "宜宾"))
        assert words_in_yibin and keys("产业 -region:宜宾") == words - words_in_yibin

    def test_excluding_an_unknown_value_excludes_nothing_and_says_so(self):
        outcome = run("产业 -region:火星")
        assert outcome.count == run("产业").count
        assert any("火星" in note and "排除条件已忽略" in note for note in outcome.notes)

    @pytest.mark.parametrize("typed", ['region:"四川省"', "region:“四川省”", 'region:"四川省" ', '地区:"四川省"'])
    def test_a_quoted_filter_value_is_the_value(self, typed):
        assert parse_query(typed).filters == [("region", "四川省")]
        assert run(typed).count == run("", ("region", "四川省")).count > 0

    def test_a_quoted_value_may_hold_a_space(self):
        assert parse_query('锂电 region:"川南 经济区"').filters == [("region", "川南 经济区")]
        assert parse_query('锂电 region:"川南 经济区"').positive_texts() == ["锂电"]



@pytest.mark.usefixtures("seeded_index", "db")
def test_an_exclusion_is_shown_with_a_link_that_takes_it_out(client):
    page = client.get("/search/", {"q": "锂电 -地区:宜宾", "industry": "锂电"}).content.decode()
    chip = re.search(r'<a class="chip" href="([^"]*)"[^>]*>排除地区：宜宾', page)
    assert chip, "no chip for the exclusion"
    params = parse_qs(urlsplit(html.unescape(chip[1])).query)
    assert params == {"q": ["锂电"], "industry": ["锂电"]}
    body = client.get("/api/search/", {"q": "锂电 -region:宜宾"}).json()
    assert body["excluded"] == [{"facet": "region", "value": "宜宾"}]
