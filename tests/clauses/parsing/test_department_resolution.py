"""Which department mentions are resolved: known to the gazetteer, built from a level and a body every
place has, a vertical body's office printed with its place, or the implementing tier. Anything else is
kept as printed (or as built) and reported."""

from __future__ import annotations

import pytest

from clauses.parsing.lexicon import Lexicon
from clauses.parsing.tagging import tag_clauses
from clauses.parsing.types import BodyPattern, ParsedClause

@pytest.fixture(scope="module")
def places_lexicon(lexicon) -> Lexicon:
    """The real lexicon: every division of China, the gazetteer's bodies, jieba's dictionary."""
    return lexicon


def mentions(lexicon, text, jurisdiction, issuers=()):
    clause = ParsedClause("p2.i1", "item", text=text)
    unknown = tag_clauses([clause], lexicon=lexicon, jurisdiction=jurisdiction, issuers=list(issuers))
    return {mention.raw: (mention.name, mention.jurisdiction, mention.known, mention.pattern)
            for mention in clause.departments}, unknown


def test_hubei_brackets_name_the_province_s_standard_bodies(places_lexicon):
    found, unknown = mentions(places_lexicon, "推进开放合作。（牵头单位：省发展改革委；责任单位：省经信厅、省地方金融监管局，"
                                              "各县（市、区）人民政府）", "湖北省")
    assert found == {
        "省发展改革委": ("湖北省发展和改革委员会", "湖北省", False, BodyPattern.LOCAL),
        "省经信厅": ("湖北省经济和信息化厅", "湖北省", False, BodyPattern.LOCAL),
        "省地方金融监管局": ("湖北省地方金融监督管理局", "湖北省", False, BodyPattern.LOCAL),
        "各县（市、区）人民政府": ("各县（市、区）人民政府", "湖北省", False, BodyPattern.TIER),
    }
    assert unknown == []


def test_jiangxi_duty_lines_with_vertical_bodies_keep_them_as_printed(places_lexicon):
    found, unknown = mentions(places_lexicon, "强化要素保障。\n牵头单位：省商务厅；配合单位：南昌海关、国家税务总局江西省税务局、"
                                              "人民银行南昌中心支行、江西银保监局、省税务局", "江西省")
    assert found == {
        "省商务厅": ("江西省商务厅", "江西省", False, BodyPattern.LOCAL),
        "南昌海关": ("南昌海关", "南昌市", False, BodyPattern.VERTICAL),
        "国家税务总局江西省税务局": ("国家税务总局江西省税务局", "江西省", False, BodyPattern.VERTICAL),
        "人民银行南昌中心支行": ("人民银行南昌中心支行", "南昌市", False, BodyPattern.VERTICAL),
        "江西银保监局": ("江西银保监局", "江西省", False, BodyPattern.VERTICAL),
        "省税务局": ("江西省税务局", "江西省", False, BodyPattern.VERTICAL),  # built, then recognised
    }
    assert unknown == []


def test_luoyang_city_bodies_are_the_city_s_and_the_province_s_above_it(places_lexicon):
    found, unknown = mentions(places_lexicon, "强化要素保障。\n牵头单位：市自然资源和规划局；配合单位：市发展改革委、市财政局、"
                                              "省工业和信息化厅", "洛阳市")
    assert found == {
        "市自然资源和规划局": ("洛阳市自然资源和规划局", "洛阳市", False, BodyPattern.LOCAL),
        "市发展改革委": ("洛阳市发展和改革委员会", "洛阳市", False, BodyPattern.LOCAL),
        "市财政局": ("洛阳市财政局", "洛阳市", False, BodyPattern.LOCAL),  # a province's 财政厅 is a city's 财政局
        "省工业和信息化厅": ("河南省工业和信息化厅", "河南省", False, BodyPattern.LOCAL),
    }
    assert unknown == []


def test_a_body_one_place_set_up_is_built_but_unresolved_and_reported(places_lexicon):
    found, unknown = mentions(places_lexicon, "推进开放合作。（责任单位：省招商引资服务中心、市投资促进中心、新海关）", "湖北省")
    assert found == {
        "省招商引资服务中心": ("湖北省招商引资服务中心", "湖北省", False, None),
        "市投资促进中心": ("市投资促进中心", "湖北省", False, None),  # no city in a provincial document
        "新海关": ("新海关", "湖北省", False, None),  # 新 is no place
    }
    assert unknown == ["湖北省招商引资服务中心", "市投资促进中心", "新海关"]


def test_a_province_s_body_printed_in_full_and_its_issuer_are_resolved(places_lexicon):
    found, unknown = mentions(places_lexicon, "推进开放合作。（责任单位：湖北省商务厅）", "湖北省")
    assert found == {"湖北省商务厅": ("湖北省商务厅", "湖北省", False, BodyPattern.LOCAL)}
    signature = ParsedClause("signature", "signature", text="湖北省人民政府办公厅\n2023年6月1日")
    tag_clauses([signature], lexicon=places_lexicon, jurisdiction="湖北省", issuers=["湖北省人民政府办公厅"])
    [issuer] = signature.departments
    assert (issuer.name, issuer.pattern, issuer.resolved) == ("湖北省人民政府办公厅", BodyPattern.LOCAL, True)


def test_a_body_the_gazetteer_knows_stays_known_and_unpatterned(places_lexicon):
    found, _ = mentions(places_lexicon, "推进开放合作。（责任单位：成都海关、省商务厅）", "四川省")
    assert found == {"成都海关": ("成都海关", "四川省", True, None), "省商务厅": ("四川省商务厅", "四川省", True, None)}
