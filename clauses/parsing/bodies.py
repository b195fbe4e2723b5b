"""Local bodies named by level and short form, resolved within the document's jurisdiction.

Provinces and cities name their own departments as 省商务厅, 市发展改革委,
县市场监管局: the level, then the body's short form. In a Hubei document
省商务厅 is 湖北省商务厅; in a Luoyang document 市发展改革委 is
洛阳市发展和改革委员会. Rather than list every province's bodies, the name
is built from the document's jurisdiction and one table of short forms
(``FULL_NAMES``), so a province or city the gazetteer does not list still
gets one name for one body, the same in every document.

Only what is printed is expanded: a name whose level has no place in the
document's jurisdiction (市… in a provincial document) is left as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Short forms of bodies' names as documents print them → the names the bodies bear.
# One row a short form; the same short form serves every province and city.
FULL_NAMES = {
    "发展改革委": "发展和改革委员会",
    "发改委": "发展和改革委员会",
    "经信厅": "经济和信息化厅",
    "经信委": "经济和信息化委员会",
    "经信局": "经济和信息化局",
    "工信厅": "工业和信息化厅",
    "工信局": "工业和信息化局",
    "科技厅": "科学技术厅",
    "科技局": "科学技术局",
    "人社厅": "人力资源和社会保障厅",
    "人社局": "人力资源和社会保障局",
    "人力资源社会保障厅": "人力资源和社会保障厅",
    "人力资源社会保障局": "人力资源和社会保障局",
    "住建厅": "住房和城乡建设厅",
    "住建局": "住房和城乡建设局",
    "住房城乡建设厅": "住房和城乡建设厅",
    "住房城乡建设局": "住房和城乡建设局",
    "市场监管局": "市场监督管理局",
    "文旅厅": "文化和旅游厅",
    "文旅局": "文化和旅游局",
    "卫生健康委": "卫生健康委员会",
    "卫健委": "卫生健康委员会",
    "国资委": "人民政府国有资产监督管理委员会",
    "地方金融监管局": "地方金融监督管理局",
    "应急厅": "应急管理厅",
    "应急局": "应急管理局",
    "医保局": "医疗保障局",
    "政府办公厅": "人民政府办公厅",
    "政府办公室": "人民政府办公室",
    "政府": "人民政府",
}

# Local bodies that documents print in full and that the gazetteer's provinces do not
# have, set up by many cities alike: merged or reformed bodies (自然资源和规划局 in
# 洛阳, 杭州 …; 行政审批服务局 since the 2018 相对集中行政许可权 reform) and the
# investment-promotion bodies that carry industrial-transfer tasks.
BODIES_PRINTED_IN_FULL = ("自然资源和规划局", "行政审批服务局", "投资促进局", "投资促进中心")

# The level a name starts with, and how the place of that level ends.
_LEVELS = (("自治区", ("自治区",)), ("省", ("省",)), ("自治州", ("自治州",)), ("市", ("市",)),
           ("州", ("州",)), ("盟", ("盟",)), ("县", ("县", "旗")), ("旗", ("旗",)), ("区", ("区",)))
# Places whose names end in 区 without being districts: 区 as a level is a county-level district's.
_NOT_DISTRICTS = ("自治区", "特别行政区")
# The characters a level ends with: one of them before a body's short form (市发展改革委) prints a level.
LEVEL_ENDINGS = frozenset(prefix[-1] for prefix, _ in _LEVELS)
# What a body's name ends with: 厅, 局, 委, 委员会, 办公室 …
_BODY = re.compile(r"(厅|局|委|委员会|办公厅|办公室|办|政府|中心|署)$")


def local_body(raw: str, jurisdictions: list[str]) -> tuple[str, str] | None:
    """(full name, its place) of ``raw`` printed as level + short form, within ``jurisdictions``.

    ``jurisdictions`` is the document's jurisdiction and the places above it,
    nearest first. None when ``raw`` does not start with a level, names no
    body, or no place of that level is in ``jurisdictions``.
    """
    if raw in FULL_NAMES or raw.startswith("市场"):
        return None  # 市场监管局: 市 begins the body's own name, no level is printed
    for prefix, place_endings in _LEVELS:
        if not raw.startswith(prefix):
            continue
        body = raw[len(prefix):]
        if len(body) < 2 or not _BODY.search(body):
            return None
        place = next((name for name in jurisdictions if name.endswith(place_endings)
                      and not (prefix == "区" and name.endswith(_NOT_DISTRICTS))), None)
        if place is None:
            return None
        return place + FULL_NAMES.get(body, body), place
    return None


def local_bodies_in(text: str, jurisdictions: list[str], standard: frozenset[str],
                    places: list[tuple[int, int, str]],
                    is_word: Callable[[str], bool]) -> list[tuple[int, int, str, str]]:
    """(start, end, full name, place) of every local body the running text names.

    Two ways of printing one: a level and the body (省商务厅, 市发展改革委 —
    built by ``local_body`` for the document's place of that level), or a place
    and the body (湖北省商务厅, where ``places`` holds 湖北省's span and name).
    Only bodies every place has (``standard``, or a short form of one in
    ``FULL_NAMES``) are found, so running text is not read for names that are
    not there (城市管理 is no 市 body). A level must begin a word: the 市 of
    城市 or 超市 (``is_word``: the language's dictionary) is none, while 我市,
    本市, 全市 name the document's own place; 各市 is every city, a tier.
    """
    printed = sorted({*FULL_NAMES, *standard}, key=len, reverse=True)
    place_ending_at = {end: name for _, end, name in places}
    found: list[tuple[int, int, str, str]] = []
    index = 0
    while index < len(text):
        body = None
        if index in place_ending_at:  # 湖北省|商务厅
            place = place_ending_at[index]
            body = next((form for form in printed if text.startswith(form, index)), None)
            if body and standard_local_body(place + FULL_NAMES.get(body, body), place, standard):
                start = max(start for start, end, _ in places if end == index)
                found.append((start, index + len(body), place + FULL_NAMES.get(body, body), place))
                index += len(body)
                continue
        prefix = next((prefix for prefix, _ in _LEVELS if text.startswith(prefix, index)), None)
        if prefix and (index + len(prefix)) not in place_ending_at and _begins_a_word(text, index, is_word):
            body = next((form for form in printed if text.startswith(form, index + len(prefix))), None)
            built = local_body(prefix + body, jurisdictions) if body else None
            if built and standard_local_body(built[0], built[1], standard):
                end = index + len(prefix) + len(body)
                found.append((index, end, *built))
                index = end
                continue
        index += 1
    return found


# Determiners before a level that name the document's own place (我市, 本省, 全县, 该区): the
# level still begins the body's name. 各 (各市) makes it every place of that level instead.
_OWN_PLACE = frozenset("我本全该")
_EVERY_PLACE = "各"


def _begins_a_word(text: str, index: int, is_word: Callable[[str], bool]) -> bool:
    """Does the level at ``index`` begin a word, rather than end one (城市, 超市, 园区)?"""
    if index == 0:
        return True
    before = text[index - 1]
    if before == _EVERY_PLACE:
        return False
    return before in _OWN_PLACE or not is_word(text[index - 1:index + 1])


# The kinds of body a province or city sets up in every place alike; leading groups'
# offices and working parties (…专班, …工作组) are one place's own and are not.
_STANDARD_KINDS = ("ministry", "party_state")


def standard_bodies(departments: list[dict]) -> frozenset[str]:
    """The bodies every province or city has, by name without the place: 商务厅, 发展和改革委员会 ….

    Derived, not listed: the full names of ``FULL_NAMES`` and ``BODIES_PRINTED_IN_FULL``, and the departments
    the gazetteer lists for a province or city with the place taken off
    (四川省商务厅 → 商务厅). A province's 厅 is a city's or county's 局
    (商务厅 → 商务局), so both are standard.
    """
    names = {*FULL_NAMES.values(), *BODIES_PRINTED_IN_FULL}
    for department in departments:
        body = without_place(department["name"], department.get("jurisdiction") or "")
        if body and department.get("kind", "ministry") in _STANDARD_KINDS:
            names.add(body)
    names |= {name[:-1] + "局" for name in names if name.endswith("厅") and not name.endswith("办公厅")}
    return frozenset(names)


def without_place(name: str, place: str) -> str | None:
    """A department's name with its place's name taken off (四川省商务厅 → 商务厅), or None if it has none."""
    return name[len(place):] if place and name.startswith(place) and len(name) > len(place) else None


def body_typed(word: str) -> str | None:
    """The body, without its place, that a word typed alone stands for (发改委 → 发展和改革委员会), or None.

    Officials search for 发改委 or 经信厅 meaning the body in any place: the
    national NDRC and every province's. Two-character words (政府, 外办) are
    too often ordinary words to stand for every body that ends with them.
    """
    body = FULL_NAMES.get(word, word)
    return body if len(word) >= 3 and _BODY.search(body) else None


def standard_local_body(full_name: str, place: str, standard: frozenset[str]) -> bool:
    """Is ``full_name``, built by ``local_body`` for ``place``, a body every place of its level has?"""
    return full_name.startswith(place) and full_name[len(place):] in standard
