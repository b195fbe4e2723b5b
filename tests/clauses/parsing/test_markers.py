"""Numbering markers: which lines open a part, an item or a sub-item."""

from __future__ import annotations

import pytest

from clauses.parsing.markers import CHINESE, KOREAN, LEVEL_RANK, Marker


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、总体要求", Marker("part", "一、", 1, "总体要求")),
        ("八、优化产业承接政策环境", Marker("part", "八、", 8, "优化产业承接政策环境")),
        ("十二、强化督促检查", Marker("part", "十二、", 12, "强化督促检查")),
        ("三十、对真抓实干成效明显的地方给予奖励。", Marker("part", "三十、", 30, "对真抓实干成效明显的地方给予奖励。")),
        # Items in every bracket width the corpus uses.
        ("（一）大力承接绿色低碳产业。", Marker("item", "（一）", 1, "大力承接绿色低碳产业。")),
        ("(二十)强化协调推进。", Marker("item", "(二十)", 20, "强化协调推进。")),
        ("（三十）加强组织领导。", Marker("item", "（三十）", 30, "加强组织领导。")),
        ("〔五〕积极承接优质企业。", Marker("item", "〔五〕", 5, "积极承接优质企业。")),
        ("( 十四 )创新产业链供应链发展模式。", Marker("item", "( 十四 )", 14, "创新产业链供应链发展模式。")),
        # Sub-items: ASCII dot, full-width dot, U+FE52 (corpus 04), 、.
        ("1.拓展两个市场。", Marker("sub_item", "1.", 1, "拓展两个市场。")),
        ("21.推广创新制度。", Marker("sub_item", "21.", 21, "推广创新制度。")),
        ("2．加强平台建设。", Marker("sub_item", "2．", 2, "加强平台建设。")),
        ("3﹒培育工业互联网平台。", Marker("sub_item", "3﹒", 3, "培育工业互联网平台。")),
        ("4、强化资金支持。", Marker("sub_item", "4、", 4, "强化资金支持。")),
    ],
)
def test_chinese_scheme_recognises_parts_items_and_sub_items(line, expected):
    assert CHINESE.match(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "1.5亿元用于奖励。",  # a decimal, not a sub-item
        "一是组织宣贯解读。",  # an enumeration inside a sentence
        "第一条 为了规范管理",
        "（以下简称《意见》）",
        "二Ο三五年远景目标",
        "坚持市场主导、政府引导。",
        "2025年,产业转移政策环境更加完善。",
        "",
    ],
)
def test_chinese_scheme_leaves_ordinary_text_alone(line):
    assert CHINESE.match(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. 전반적 요구", Marker("part", "1.", 1, "전반적 요구")),
        ("8. 조직지도를 강화한다", Marker("part", "8.", 8, "조직지도를 강화한다")),
        ("(1) 지도사항. 과학발전관을 심도 있게 관철한다.", Marker("item", "(1)", 1, "지도사항. 과학발전관을 심도 있게 관철한다.")),
        ("(30) 조직지도를 강화한다.", Marker("item", "(30)", 30, "조직지도를 강화한다.")),
    ],
)
def test_korean_scheme_numbers_parts_1_dot_and_items_in_brackets(line, expected):
    assert KOREAN.match(line) == expected


@pytest.mark.parametrize("line", ["- 시장원칙에 따르고 행정적 간여를 줄인다.", "2010년 8월 31일", "1.5배 증가", "一、总体要求"])
def test_korean_scheme_leaves_other_lines_alone(line):
    assert KOREAN.match(line) is None


def test_levels_rank_part_above_item_above_sub_item():
    assert LEVEL_RANK["part"] < LEVEL_RANK["item"] < LEVEL_RANK["sub_item"]
