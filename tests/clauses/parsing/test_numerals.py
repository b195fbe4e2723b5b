"""Chinese numerals in clause labels (一、 / （二十）) and in dates."""

from __future__ import annotations

import datetime

import pytest

from clauses.parsing.numerals import chinese_to_int, parse_chinese_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十九", 19),
        ("二十", 20),
        ("二十一", 21),
        ("三十", 30),
        ("一百", 100),
        ("一百零五", 105),
        ("两百", 200),
        ("一千", 1000),
        ("一千零一", 1001),
        ("一千一百一十二", 1112),
        ("九千九百九十九", 9999),
        ("21", 21),
    ],
)
def test_counting_forms_used_in_labels_become_integers(text, expected):
    assert chinese_to_int(text) == expected


@pytest.mark.parametrize("text", ["", "第一", "一是", "abc", "十、"])
def test_anything_that_is_not_a_numeral_raises_instead_of_guessing(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年9月21日", datetime.date(2022, 9, 21)),
        ("2018年12月6日", datetime.date(2018, 12, 6)),
        ("2022 年 3 月 23 日", datetime.date(2022, 3, 23)),
        # 004 writes the year digit by digit with ○ (U+25CB) for zero.
        ("二○一○年八月三十一日", datetime.date(2010, 8, 31)),
        ("二〇二一年十二月六日", datetime.date(2021, 12, 6)),
        ("二零二二年一月十四日", datetime.date(2022, 1, 14)),
        ("二○一○年十月一日", datetime.date(2010, 10, 1)),
    ],
)
def test_dates_in_arabic_and_chinese_digits(text, expected):
    assert parse_chinese_date(text) == expected


def test_the_first_date_inside_running_text_is_found():
    text = "国务院办公厅于2018年12月6日印发通知，自2019年1月1日起施行。"
    assert parse_chinese_date(text) == datetime.date(2018, 12, 6)


@pytest.mark.parametrize(
    "text",
    [
        "到2025年,产业转移政策环境更加完善",  # a year alone is not a date
        "二Ο三五年远景目标",
        "2022年2月30日",  # no such day
        "2022年13月1日",  # no such month
        "",
    ],
)
def test_no_date_or_an_impossible_one_gives_none(text):
    assert parse_chinese_date(text) is None
