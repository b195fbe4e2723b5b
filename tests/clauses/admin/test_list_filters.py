"""The clause list's filters take any value from the address bar without a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from clauses.models import Clause, ClauseRegion, Region, TagLink

GARBAGE = ["abc", "1.5", "-1", "99999999999999999999", "١٢", "<script>alert(1)</script>", "' OR 1=1 --", " "]
OWN_FILTERS = {"department": "部门", "region": "地区", "industry": "产业", "role": "部门角色",
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


@pytest.mark.parametrize("parameter", ["document__id__exact", "kind__exact"])
def test_djangos_own_filters_never_answer_500_either(client, parameter):
    for value in GARBAGE:
        response = client.get("/admin/clauses/clause/", {parameter: value}, follow=True)
        assert response.status_code == 200, value


def test_a_good_value_still_filters(client):
    yibin = Region.objects.get(name="宜宾市")
    expected = set(ClauseRegion.objects.filter(region=yibin, status=TagLink.Status.ACTIVE)
                   .values_list("clause_id", flat=True))
    response = client.get("/admin/clauses/clause/", {"region": str(yibin.pk)})
    assert response.status_code == 200
    assert list(response.context["messages"]) == []
    assert response.context["cl"].result_count == len(expected) > 0
