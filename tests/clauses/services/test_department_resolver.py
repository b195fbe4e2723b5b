"""Which department row a mention names, among rows of the same name."""

from __future__ import annotations

import pytest

from clauses.models import Department, Region
from clauses.parsing.types import DepartmentMention, Role
from clauses.services.department_resolver import DepartmentResolver

NAME = "测试产业转移协调办公室"


def _mention(jurisdiction: str | None, *, known: bool = True) -> DepartmentMention:
    return DepartmentMention(NAME, jurisdiction, Role.LEAD, NAME, known)


@pytest.fixture
def namesakes(db):
    """An unverified row ingestion made first (湖北省), then the gazetteer's (四川省) and one of no place."""
    hubei, sichuan = (Region.objects.get_or_create(name=name, defaults={"kind": Region.Kind.PROVINCE})[0]
                      for name in ("湖北省", "四川省"))
    made = Department.objects.create(name=NAME, jurisdiction=hubei, kind=Department.Kind.UNVERIFIED,
                                     in_gazetteer=False)
    listed = Department.objects.create(name=NAME, jurisdiction=sichuan, in_gazetteer=True)
    national = Department.objects.create(name=NAME, jurisdiction=None, in_gazetteer=True)
    return {"made": made, "listed": listed, "national": national, "hubei": hubei}


def test_a_known_name_resolves_to_its_row_in_the_mentions_place(namesakes):
    resolver = DepartmentResolver(namesakes["hubei"], names={NAME})
    assert resolver.get(_mention("湖北省")) == namesakes["made"]
    assert resolver.get(_mention("四川省")) == namesakes["listed"]
    assert resolver.get(_mention(None)) == namesakes["national"]


def test_with_no_row_in_the_mentions_place_the_gazetteers_row_of_no_place_comes_first(namesakes):
    resolver = DepartmentResolver(None, names={NAME})
    assert resolver.get(_mention("江西省")) == namesakes["national"]
    namesakes["national"].delete()
    assert DepartmentResolver(None, names={NAME}).get(_mention("江西省")) == namesakes["listed"]


def test_an_unknown_name_reuses_the_unverified_row_of_its_place_without_creating_another(namesakes):
    resolver = DepartmentResolver(namesakes["hubei"], names={NAME})
    before = Department.objects.count()
    assert resolver.get(_mention("湖北省", known=False)) == namesakes["made"]
    assert Department.objects.count() == before
