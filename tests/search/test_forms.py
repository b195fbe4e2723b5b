"""The search form: what a query string asks for, and the message for each bad parameter."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from search.forms import SearchForm
from search.selectors import SearchRequest


def read(query_string: str) -> SearchRequest | str:
    """The request a query string makes, or the message it is refused with."""
    form = SearchForm(QueryDict(query_string))
    return form.search_request() if form.is_valid() else form.error_message()


def test_an_empty_query_string_is_the_first_page_of_everything():
    assert read("") == SearchRequest(q="", filters=[], sort="relevance", page=1, page_size=20)


def test_the_box_is_read_as_typed():
    assert read("q=%20%E9%94%82%E7%94%B5%20-region:%E5%AE%9C%E5%AE%BE%20").q == " 锂电 -region:宜宾 "


def test_filters_are_every_facet_value_once_in_facet_order_blank_ones_left_out():
    request = read("year=2021&region=宜宾&year=2021&region=%20&lead=经济和信息化厅&other=x")
    assert request.filters == [("lead", "经济和信息化厅"), ("region", "宜宾"), ("year", "2021")]


def test_sort_page_and_page_size_are_read_and_a_page_size_past_the_largest_is_the_largest():
    assert read("sort=-date&page=3&page_size=500") == SearchRequest(sort="-date", page=3, page_size=100)
    assert read("sort=&page=&page_size=") == SearchRequest()
    assert read("page_size=" + "1" * 30).page_size == 100


@pytest.mark.parametrize("query_string, message", [
    ("sort=newest", "sort 只能是 relevance, date, -date。"),
    ("page=%D9%A3", "page 必须是正整数，收到的是 “٣”。"),
    ("page=1.5", "page 必须是正整数，收到的是 “1.5”。"),
    ("page=0", "page 必须是正整数，收到的是 0。"),
    ("page=100001", "page 太大（最大 100000）。"),
    ("page_size=-1", "page_size 必须是正整数，收到的是 “-1”。"),
    ("&".join(f"year={year}" for year in range(2000, 2021)), "筛选条件最多 20 个，收到了 21 个。"),
])
def test_each_bad_parameter_is_refused_with_its_own_message(query_string, message):
    assert read(query_string) == message


def test_with_several_bad_parameters_the_message_is_for_the_first_in_order():
    assert read("page_size=0&page=0&sort=x") == "sort 只能是 relevance, date, -date。"
    assert read("page_size=0&page=0&" + "&".join(f"year={year}" for year in range(2000, 2030))) \
        == "筛选条件最多 20 个，收到了 30 个。"
    assert read("page_size=0&page=0") == "page 必须是正整数，收到的是 0。"
