"""Chinese numerals as they appear in clause labels and dates."""

from __future__ import annotations

import datetime
import re

_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ο": 0, "O": 0, "０": 0, "一": 1, "二": 2, "两": 2,
           "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

CHINESE_NUMBER = "[一二三四五六七八九十百零〇]+"


def chinese_to_int(text: str) -> int:
    """``"二十一"`` → 21. Handles the counting forms used in labels (< 10000).

    Raises ValueError for anything else, so callers never guess a number.
    """
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


_NUMERALS = "零一二三四五六七八九"


def int_to_chinese(number: int) -> str:
    """21 → 二十一, 10 → 十, 105 → 一百零五, 1010 → 一千零一十: the counting form used in labels."""
    if number < 0 or number >= 10000:
        raise ValueError(f"out of range for a label: {number}")
    if number < 10:
        return _NUMERALS[number]
    thousands, rest = divmod(number, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, units = divmod(rest, 10)
    text = f"{_NUMERALS[thousands]}千" if thousands else ""
    if hundreds:
        text += f"{_NUMERALS[hundreds]}百"
    elif thousands and (tens or units):
        text += "零"
    if tens:
        text += ("" if tens == 1 and not (thousands or hundreds) else _NUMERALS[tens]) + "十"
    elif hundreds and units:
        text += "零"
    if units:
        text += _NUMERALS[units]
    return text


def _digit_string_to_int(text: str) -> int:
    """A year or day written digit by digit or in counting form."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if all(char in _DIGITS for char in text):
        return int("".join(str(_DIGITS[char]) for char in text))
    return chinese_to_int(text)


_ZERO_CHARS = "〇○ΟO零"
DATE_PATTERN = re.compile(
    rf"(?P<year>\d{{4}}|[一二三四五六七八九{_ZERO_CHARS}]{{4}})\s*年\s*"
    rf"(?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*"
    rf"(?P<day>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日"
)


def parse_chinese_date(text: str) -> datetime.date | None:
    """The first date written as 2022年9月21日 or 二○一○年八月三十一日, or None."""
    match = DATE_PATTERN.search(text)
    if not match:
        return None
    try:
        return datetime.date(
            _digit_string_to_int(match["year"]),
            _digit_string_to_int(match["month"]),
            _digit_string_to_int(match["day"]),
        )
    except ValueError:
        return None
