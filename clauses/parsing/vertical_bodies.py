"""Vertical bodies: a national body's office in a place, named by that place.

Customs, tax, the central bank, the financial and securities regulators,
communications, post, meteorology, statistics surveys and maritime safety are
run from Beijing, not by the province: their offices print their own place
(南昌海关, 国家税务总局湖北省税务局, 人民银行洛阳市中心支行,
国家金融监督管理总局四川监管局). Such a name is recognised by its pattern
and kept exactly as printed — there is no short form to expand and no level
to build from — when the part before the pattern is a place. Whether it is
a place is the caller's to say (the lexicon's regions), so 新海关 or a bare
税务局 is not a body of any place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Each pattern's ``place`` group is where the office is; the rest is the national body's name.
_PATTERNS = tuple(re.compile(pattern) for pattern in (
    r"^(?:中华人民共和国)?(?P<place>.+?)海关$",
    r"^(?:国家税务总局)?(?P<place>.+?)税务局$",
    r"^(?:中国人民银行|人民银行|人行)(?P<place>.+?)(?:分行|中心支行|营业管理部|支行)$",
    r"^(?:国家金融监督管理总局|金融监管总局|中国银行保险监督管理委员会|中国银保监会|银保监会)"
    r"(?P<place>.+?)监管(?:分)?局$",
    r"^(?P<place>.+?)(?:金融监管|银保监)(?:分)?局$",
    r"^(?:中国证券监督管理委员会|中国证监会|证监会)(?P<place>.+?)监管局$",
    r"^(?P<place>.+?)证监局$",
    r"^(?:国家外汇管理局|外汇局)(?P<place>.+?)(?:分局|中心支局)$",
    r"^(?P<place>.+?)通信管理局$",
    r"^(?P<place>.+?)邮政管理局$",
    r"^(?P<place>.+?)气象局$",
    r"^(?:国家统计局)?(?P<place>.+?)调查(?:总)?队$",
    r"^(?:中华人民共和国)?(?P<place>.+?)海事局$",
    r"^(?P<place>.+?)消防救援(?:总队|支队)$",
))


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
