"""Vertical bodies: a national body's office in a place, named by that place.

Customs, tax, the central bank, the financial and securities regulators,
communications, post, meteorology, statistics surveys and maritime safety are
run from Beijing, not by the province: their offices print their own place
(南昌海关, 国家税务总局湖北省税务局, 人民银行洛阳市中心支行,
国家金融监督管理总局四川监管局). Such a name is recognised by its pattern
and kept exactly as printed — there is no short form to expand and no level
to build from — when the part between the pattern's prefix and suffix is a
place. Whether it is a place is the caller's to say (the lexicon's
divisions), so 新海关 or a bare 税务局 is not a body of any place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class _Office:
    prefixes: tuple[str, ...]  # the national body's name before the place, as printed
    prefix_required: bool  # 人民银行成都分行: without its prefix 成都分行 could be any bank's
    suffix: str  # a regular expression for what follows the place


_OFFICES = (
    _Office(("中华人民共和国",), False, "海关"),
    _Office(("国家税务总局",), False, "税务局"),
    _Office(("中国人民银行", "人民银行", "人行"), True, "(?:分行|中心支行|营业管理部|支行)"),
    _Office(("国家金融监督管理总局", "金融监管总局", "中国银行保险监督管理委员会", "中国银保监会", "银保监会"),
            True, "监管(?:分)?局"),
    _Office((), False, "(?:金融监管|银保监)(?:分)?局"),
    _Office(("中国证券监督管理委员会", "中国证监会", "证监会"), True, "监管局"),
    _Office((), False, "证监局"),
    _Office(("国家外汇管理局", "外汇局"), True, "(?:分局|中心支局)"),
    _Office((), False, "通信管理局"),
    _Office((), False, "邮政管理局"),
    _Office((), False, "气象局"),
    _Office(("国家统计局",), False, "调查(?:总)?队"),
    _Office(("中华人民共和国",), False, "海事局"),
    _Office((), False, "消防救援(?:总队|支队)"),
)
_PATTERNS = tuple(
    re.compile("^" + (f"(?:{'|'.join(office.prefixes)})" + ("" if office.prefix_required else "?")
                      if office.prefixes else "") + f"(?P<place>.+?){office.suffix}$")
    for office in _OFFICES)
# Every prefix, longest first: where a vertical body's name may begin before its place.
PREFIXES = tuple(sorted({prefix for office in _OFFICES for prefix in office.prefixes}, key=len, reverse=True))
_LONGEST_SUFFIX = 7  # 消防救援总队, 营业管理部 …: how far past its place a name may run


def vertical_body(name: str, place_of: Callable[[str], str | None]) -> tuple[str, str] | None:
    """(``name`` as printed, its place) when ``name`` is a vertical body's office in a place.

    ``place_of`` gives the region a printed place names (湖北省 or 湖北 → 湖北省),
    or None when it is not a place. None when no pattern fits or its place is none.
    """
    for pattern in _PATTERNS:
        match = pattern.match(name)
        if match is None:
            continue
        place = place_of(match["place"])
        if place is not None:
            return name, place
    return None


def vertical_bodies_in(text: str, places: Iterable[tuple[int, int]],
                       place_of: Callable[[str], str | None]) -> list[tuple[int, int, str, str]]:
    """(start, end, name, place) of each vertical body ``text`` prints around one of ``places``.

    ``places`` are the spans of the places found in ``text``; a body's name is
    its place, the longest suffix that makes it one, and a prefix printed
    right before the place (国家税务总局广东省税务局 in running text).
    """
    found = []
    for start, end in places:
        starts = [start - len(prefix) for prefix in PREFIXES if text[max(start - len(prefix), 0):start] == prefix]
        for name_start in [*starts, start]:
            body = next((text[name_start:stop] for stop in range(min(end + _LONGEST_SUFFIX, len(text)), end, -1)
                         if vertical_body(text[name_start:stop], place_of)), None)
            if body:
                found.append((name_start, name_start + len(body), body, vertical_body(body, place_of)[1]))
                break
    return found
