"""The clause list's filters take any value from the address bar without a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from clauses.models import Clause, ClauseRegion, Region, TagLink

GARBAGE = ["abc", "1.5", "-1", "99999999999999999999", "١٢", "<script>alert(1)</script>", "' OR 1=1 --", " "]
OWN_FILTERS = {"document": "文件", "department": "部门", "region": "地区", "industry": "产业", "role": "部门角色",
               "provenance": "标签来源", "missing": "缺少标签"}


@pytest.fixture
def client(seeds, editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.mark.parametrize("parameter", list(OWN_FILTERS))
def test_a_bad_value_is_ignored_with_a_message(client, parameter):
    for value in GARBAGE:
        response = client.get("/admin/clauses/clause/", {parameter: value})
        assert response.status_code == 200, value
        shown = [str(message) for message in response.context["messages"]]
        assert shown == [f"筛选条件“{OWN_FILTERS[parameter]}”的值“{value}”无效，已忽略。"]
        # Ignored means ignored: the whole list, as without the filter.
        assert response.context["cl"].result_count == Clause.objects.count()
        assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("parameter", ["kind__exact"])
def test_djangos_own_filters_never_answer_500_either(client, parameter):
    for value in GARBAGE:
        response = client.get("/admin/clauses/clause/", {parameter: value}, follow=True)
        assert response.status_code == 200, value


def test_a_good_value_still_filters(client):
    yibin = Region.objects.get(name="宜宾市")
    expected = _tagged(_within(yibin))  # its own tags, and those of the groupings listing it (川南经济区)
    response = client.get("/admin/clauses/clause/", {"region": str(yibin.pk)})
    assert response.status_code == 200
    assert list(response.context["messages"]) == []
    assert response.context["cl"].result_count == len(expected) > 0


def _within(region: Region) -> set[int]:
    """The region, every region below it in the tree, and every grouping listing one of them (川南经济区
    lists 宜宾市): read from the tree and the member lists directly."""
    found, frontier = {region.pk}, {region.pk}
    while frontier:
        frontier = set(Region.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    groupings, frontier = set(), set(found)
    while frontier:
        frontier = set(Region.objects.filter(members__in=frontier).values_list("pk", flat=True)) - groupings - found
        groupings |= frontier
    return found | groupings


def _tagged(regions: set[int]) -> set[int]:
    return set(ClauseRegion.objects.filter(region__in=regions, status=TagLink.Status.ACTIVE)
               .values_list("clause_id", flat=True))


@pytest.mark.parametrize("name", ["四川省", "宜宾市"])
def test_the_region_filter_finds_what_search_finds_the_regions_within_and_the_groupings_listing_them(
        client, name):
    region = Region.objects.get(name=name)
    response = client.get("/admin/clauses/clause/", {"region": str(region.pk)})
    assert list(response.context["messages"]) == []
    shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
    assert _tagged({region.pk}) and shown == _tagged(_within(region))
    if name == "四川省":
        assert _tagged({Region.objects.get(name="宜宾市").pk}) <= shown  # 四川省 includes 宜宾市
