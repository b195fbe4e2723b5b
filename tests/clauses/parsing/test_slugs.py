"""Stable ASCII slugs: from the 文号 when there is one, else from the title in pinyin; entries by name."""

from __future__ import annotations

import re

import pytest

from clauses.parsing.slugs import ENTRY_SLUG_LENGTH, entry_slug, slug_for


@pytest.mark.parametrize(
    ("doc_number", "slug"),
    [
        ("川办发〔2022〕67号", "chuanbanfa-2022-67"),
        ("工信部联政法〔2021〕215号", "gongxinbulianzhengfa-2021-215"),
        ("国发〔2010〕28号", "guofa-2010-28"),
        ("国办发〔2018〕117号", "guobanfa-2018-117"),
        ("皖政办秘〔2021〕82号", "wanzhengbanmi-2021-82"),
        ("皖开放办〔2022〕6号", "wankaifangban-2022-6"),
        # Any bracket form and leading zeros give the same slug.
        ("国发[2019]3号", "guofa-2019-3"),
        ("国发（2019）03号", "guofa-2019-3"),
    ],
)
def test_a_doc_number_gives_prefix_in_pinyin_then_year_then_serial(doc_number, slug):
    assert slug_for(doc_number, "任何标题", "file.txt") == slug


def test_the_doc_number_wins_over_the_title():
    assert slug_for("川办发〔2022〕67号", "关于承接制造业有序转移的实施意见", "003.txt") == "chuanbanfa-2022-67"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # The first eight syllables, punctuation and spaces dropped.
        ("十部门联合发文 促进制造业有序转移", "shi-bu-men-lian-he-fa-wen-cu"),
        ("工信部：《关于促进制造业有序转移的指导意见》政策解读", "gong-xin-bu-guan-yu-cu-jin-zhi"),
        ("RCEP经贸新规则", "rcep-jing-mao-xin-gui-ze"),
    ],
)
def test_without_a_doc_number_the_title_in_pinyin(title, slug):
    assert slug_for("", title, "file.txt") == slug


@pytest.mark.parametrize(
    ("fallback", "slug"),
    [("001_4942519de9a32021.txt", "001-4942519de9a32021-txt"), ("My Notice", "my-notice"), ("中文", "document")],
)
def test_without_doc_number_or_title_the_fallback_name_made_ascii(fallback, slug):
    assert slug_for("", "", fallback) == slug


@pytest.mark.parametrize("title", ["《》", "——", "  "])
def test_a_title_with_no_letters_falls_back(title):
    assert slug_for("", title, "notice-7") == "notice-7"


def test_a_slug_longer_than_the_column_is_cut_at_a_hyphen():
    fallback = "-".join(["chengdu-deyang-meishan-ziyang"] * 5)
    slug = slug_for("", "", fallback, max_length=80)
    assert len(slug) <= 80 and fallback.startswith(slug + "-")
    # A 文号 with a long issuer prefix is cut too.
    number = "成都德眉资同城化发展领导小组办公室发〔2023〕5号"
    whole, cut = slug_for(number, "", "x"), slug_for(number, "", "x", max_length=30)
    assert len(whole) > 30 and len(cut) == 30 and whole.startswith(cut)


# Gazetteer entries' slugs. The expected spellings are typed from the names' standard pinyin.

@pytest.mark.parametrize("name, expected", [
    ("四川省经济合作局", "sichuanshengjingjihezuoju"),
    ("重庆市", "chongqingshi"),  # 重 read chóng in 重庆, not zhòng
    ("宜宾市", "yibinshi"),
    ("锂电池", "lidianchi"),
])
def test_an_entry_is_named_by_its_pinyin(name, expected):
    assert entry_slug(name, [], set(), fallback="region") == expected


def test_names_that_read_alike_take_their_qualifier_then_a_number():
    taken = {"shanxisheng"}
    assert entry_slug("陕西省", ["610000"], taken, fallback="region") == "shanxisheng-610000"
    assert entry_slug("陕西省", ["", "610000"], taken, fallback="region") == "shanxisheng-610000"
    taken |= {"shanxisheng-610000"}
    assert entry_slug("陕西省", ["610000"], taken, fallback="region") == "shanxisheng-2"
    assert entry_slug("陕西省", [], taken | {"shanxisheng-2"}, fallback="region") == "shanxisheng-3"


def test_an_entry_name_with_nothing_to_spell_takes_the_fallback_and_long_names_stay_in_the_field():
    assert entry_slug("（）", [], set(), fallback="department") == "department"
    long_name = "安徽省推进三地一区建设领导小组改革开放新高地执行小组办公室" * 2
    slug = entry_slug(long_name, ["安徽省推进三地一区建设领导小组"], {entry_slug(long_name, [], set(), fallback="d")},
                      fallback="d")
    assert len(slug) <= ENTRY_SLUG_LENGTH and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
