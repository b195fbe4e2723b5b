"""Stage 5b: the Korean translation of seed 004 goes to the Chinese clauses it translates."""

from __future__ import annotations

from clauses.parsing.structure import build_layout
from clauses.parsing.translations import attach_translations
from clauses.parsing.types import Block

CHINESE = [
    "国务院关于中西部地区承接产业转移的指导意见",
    "国发〔2010〕28号",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "产业转移是优化生产力空间布局、形成合理产业分工体系的有效途径。为进一步指导中西部地区有序承接产业转移，现提出如下意见：",
    "一、总体要求",
    "（一）指导思想。深入贯彻落实科学发展观。",
    "（二）基本原则。",
    "——坚持市场导向，减少行政干预。",
    "二、优化产业分工格局",
    "（三）明确产业承接重点。充分发挥中西部地区比较优势。",
    "国务院",
    "二○一○年八月三十一日",
]

KOREAN = [
    "각 성, 자치구, 직할시 인민정부, 국무원의 각 부와 위원회, 각 직속기구:",
    "산업이전은 생산력의 공간분포를 최적화하고 합리적인 산업분공 체계를 조성하는 효과적인 도경이며, "
    "산업구조의 조정을 추진하는 필요한 요구이다. 아래와 같은 의견을 내 놓는다.",
    "1. 전반적 요구",
    "(1) 지도사항. 과학발전관을 심도 있게 관철한다.",
    "(2) 기본원칙",
    "- 시장원칙에 따르고 행정적 간여를 줄인다.",
    "2. 산업분공 구도를 최적화한다",
    "(3) 산업유치 중점을 명확히 한다. 중서부지역의 비교우위를 발휘시킨다.",
]


def attached(korean: list[str] = KOREAN, extra: dict | None = None):
    clauses = build_layout([Block(text) for text in CHINESE]).clauses
    warnings = attach_translations(clauses, {"ko": [Block(text) for text in korean], **(extra or {})})
    return {clause.key: clause.translations.get("ko") for clause in clauses}, warnings


def test_each_korean_clause_goes_to_the_chinese_clause_with_the_same_numbers():
    translations, warnings = attached()
    assert translations == {
        "addressee": "각 성, 자치구, 직할시 인민정부, 국무원의 각 부와 위원회, 각 직속기구:",
        "preface": KOREAN[1],
        "p1": "1. 전반적 요구",
        "p1.i1": "(1) 지도사항. 과학발전관을 심도 있게 관철한다.",
        "p1.i2": "(2) 기본원칙\n- 시장원칙에 따르고 행정적 간여를 줄인다.",
        "p2": "2. 산업분공 구도를 최적화한다",
        "p2.i3": "(3) 산업유치 중점을 명확히 한다. 중서부지역의 비교우위를 발휘시킨다.",
        "signature": None,  # the Korean part carries no signature
    }
    assert warnings == []


def test_a_translated_clause_without_a_chinese_counterpart_is_reported_not_dropped_silently():
    _, warnings = attached(KOREAN + ["(31) 산업이전 유치의 조직지도를 강화한다."])
    assert warnings == ["译文（ko）条款 p2.i31 没有对应的中文条款"]


def test_a_language_without_a_numbering_scheme_is_reported_and_ignored():
    translations, warnings = attached(extra={"ja": [Block("産業移転の指導意見"), Block("一、全体要求")]})
    assert warnings == ["语言代码为 ja 的 2 段文字未收录：没有该语言的编号规则"]
    assert translations["p1"] == "1. 전반적 요구"


def test_no_translations_leaves_the_clauses_untouched():
    clauses = build_layout([Block(text) for text in CHINESE]).clauses
    assert attach_translations(clauses, {}) == []
    assert all(clause.translations == {} for clause in clauses)
