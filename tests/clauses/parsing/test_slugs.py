"""Stable ASCII slugs: from the 文号 when there is one, else from the title in pinyin."""

from __future__ import annotations

import pytest

from clauses.parsing.slugs import slug_for


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
