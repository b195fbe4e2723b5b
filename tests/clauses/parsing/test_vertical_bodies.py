"""Vertical bodies are recognised by their pattern when what precedes it is a place, and kept as printed."""

from __future__ import annotations

import pytest

from clauses.parsing.lexicon import GazetteerData, Lexicon
from clauses.parsing.vertical_bodies import vertical_bodies_in, vertical_body

PLACES = Lexicon(GazetteerData(regions=[
    {"name": "全国", "kind": "nation"},
    {"name": "江西省", "kind": "province", "parent": "全国", "aliases": ["江西"]},
    {"name": "南昌市", "kind": "prefecture", "parent": "江西省", "aliases": ["南昌"]},
    {"name": "四川省", "kind": "province", "parent": "全国", "aliases": ["四川"]},
    {"name": "成都市", "kind": "prefecture", "parent": "四川省", "aliases": ["成都"]},
    {"name": "湖北省", "kind": "province", "parent": "全国", "aliases": ["湖北"]},
    {"name": "河南省", "kind": "province", "parent": "全国", "aliases": ["河南"]},
    {"name": "洛阳市", "kind": "prefecture", "parent": "河南省", "aliases": ["洛阳"]},
]))


def place_of(text: str) -> str | None:
    entry = PLACES.resolve("region", text)
    return entry.name if entry else None


@pytest.mark.parametrize(("printed", "place"), [
    ("南昌海关", "南昌市"),
    ("中华人民共和国成都海关", "成都市"),
    ("国家税务总局湖北省税务局", "湖北省"),
    ("国家税务总局洛阳市税务局", "洛阳市"),
    ("江西省税务局", "江西省"),
    ("中国人民银行成都分行", "成都市"),
    ("人民银行洛阳市中心支行", "洛阳市"),
    ("人民银行南昌中心支行", "南昌市"),
    ("中国人民银行河南省分行", "河南省"),
    ("国家金融监督管理总局四川监管局", "四川省"),
    ("国家金融监督管理总局洛阳监管分局", "洛阳市"),
    ("湖北金融监管局", "湖北省"),
    ("江西银保监局", "江西省"),  # the former name, in documents before 2023
    ("中国银行保险监督管理委员会湖北监管局", "湖北省"),
    ("湖北证监局", "湖北省"),
    ("中国证券监督管理委员会江西监管局", "江西省"),
    ("国家外汇管理局四川省分局", "四川省"),
    ("江西省通信管理局", "江西省"),
    ("湖北省邮政管理局", "湖北省"),
    ("洛阳市气象局", "洛阳市"),
    ("国家统计局湖北调查总队", "湖北省"),
    ("国家统计局洛阳调查队", "洛阳市"),
    ("四川海事局", "四川省"),
    ("江西省消防救援总队", "江西省"),
])
def test_a_vertical_body_printed_with_its_place_is_kept_as_printed_with_that_place(printed, place):
    assert vertical_body(printed, place_of) == (printed, place)


@pytest.mark.parametrize("printed", [
    "新海关",  # 新 is no place
    "海关",
    "税务局",  # no place at all
    "省税务局",  # a level, not a place: local_body builds the name first
    "人民银行",
    "中国气象局",  # the national body itself (the gazetteer's), 中国 being no region
    "湖北省地方金融监管局",  # the province's own body, not the regulator's office
    "湖北省商务厅",
    "九江海关",  # a place the lexicon does not know is not guessed
])
def test_no_vertical_body_without_a_place_before_its_pattern(printed):
    assert vertical_body(printed, place_of) is None


def test_vertical_offices_in_running_text_are_found_around_their_places():
    text = "推动南昌海关提供通关便利，国家税务总局湖北省税务局落实税收优惠，新海关不在此列。"
    places = [(2, 4), (19, 22)]  # 南昌, 湖北省: where the lexicon found places
    assert vertical_bodies_in(text, places, place_of) == [
        (2, 6, "南昌海关", "南昌市"), (13, 25, "国家税务总局湖北省税务局", "湖北省")]


def test_a_vertical_office_named_in_running_text_is_named_and_its_national_body_is_not(lexicon):
    from clauses.parsing.tagging import tag_clauses
    from clauses.parsing.types import BodyPattern, ParsedClause

    clause = ParsedClause("p1", "item", text="提升通关便利。国家税务总局广东省税务局落实税收优惠政策，广州海关优化监管。")
    tag_clauses([clause], lexicon=lexicon, jurisdiction="广东省", issuers=[])
    assert {(m.name, m.role, m.pattern) for m in clause.departments} == {
        ("国家税务总局广东省税务局", "named", BodyPattern.VERTICAL), ("广州海关", "named", BodyPattern.VERTICAL)}
    assert [m.name for m in clause.regions] == []  # their places are part of their names


def test_a_vertical_office_the_running_text_makes_lead_is_lead(lexicon):
    from clauses.parsing.tagging import tag_clauses
    from clauses.parsing.types import ParsedClause

    clause = ParsedClause("p1", "item", text="优化口岸通关。广州海关牵头，推进通关便利化。")
    tag_clauses([clause], lexicon=lexicon, jurisdiction="广东省", issuers=[])
    assert [(m.name, m.role) for m in clause.departments] == [("广州海关", "lead")]
