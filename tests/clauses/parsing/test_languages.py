"""Stage 4: a bilingual file (seed 004) is split into the Chinese text and translations."""

from __future__ import annotations

import pytest

from clauses.parsing.languages import language_of, split_languages
from clauses.parsing.types import Block


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("각 성, 자치구, 직할시 인민정부, 국무원의 각 부와 위원회, 각 직속기구:", "ko"),
        ("1. 전반적 요구", "ko"),
        ("(1) 지도사항. 과학발전관을 심도 있게 관철한다.", "ko"),
        ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "zh"),
        ("（一）指导思想。深入贯彻落实科学发展观。", "zh"),
        ("2010年8月31日", "zh"),
        # Hanja in a Korean sentence do not make it Chinese while Hangul dominate.
        ("중서부지역(中西部) 산업이전을 유치한다", "ko"),
        # A Korean word quoted in a Chinese sentence does not make it Korean.
        ("支持中韩产业园建设，打造“한국”品牌展示中心和合作平台。", "zh"),
    ],
)
def test_language_of_a_paragraph_follows_the_script_most_of_its_letters_use(text, expected):
    assert language_of(text) == expected


def test_split_keeps_chinese_as_the_document_and_korean_as_a_translation_in_order():
    blocks = [
        Block("각 성, 자치구, 직할시 인민정부:"),
        Block("1. 전반적 요구"),
        Block("(1) 지도사항. 과학발전관을 심도 있게 관철한다."),
        Block("国务院关于中西部地区承接产业转移的指导意见"),
        Block("国发〔2010〕28号"),
        Block("一、总体要求", indented=True),
    ]
    chinese, others = split_languages(blocks)
    assert chinese == [Block("国务院关于中西部地区承接产业转移的指导意见"), Block("国发〔2010〕28号"),
                       Block("一、总体要求", indented=True)]
    assert others == {"ko": [Block("각 성, 자치구, 직할시 인민정부:"), Block("1. 전반적 요구"),
                             Block("(1) 지도사항. 과학발전관을 심도 있게 관철한다.")]}


def test_a_chinese_only_text_has_no_translations():
    blocks = [Block("一、总体要求"), Block("坚持稳中求进。")]
    assert split_languages(blocks) == (blocks, {})
