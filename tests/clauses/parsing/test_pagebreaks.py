"""Stage 3: a blank line is a paragraph break, or a page break that cut a word or a list.

The snippets are the page breaks of seed 003 and the headers around them.
"""

from __future__ import annotations

import pytest

from clauses.parsing.clean import Line
from clauses.parsing.pagebreaks import repair_page_breaks
from clauses.parsing.types import Block


def repaired(*texts: str) -> list[str]:
    """Lines as the cleaning stage gives them ("" is a blank line) → paragraph texts."""
    return [block.text for block in repair_page_breaks([Line(text) for text in texts])]


def test_a_word_cut_by_a_page_break_is_joined_nan_chong():
    assert repaired(
        "加快建设天府数据中心集群,承接国家“东数西算”工程,持续打造以成都为中心,川东(达州、南",
        "",
        "充)、川南(宜宾、泸州)协同发展的大数据产业集群。",
    ) == ["加快建设天府数据中心集群,承接国家“东数西算”工程,持续打造以成都为中心,川东(达州、南充)、"
          "川南(宜宾、泸州)协同发展的大数据产业集群。"]


def test_a_word_cut_by_a_page_break_is_joined_gong_gu():
    assert repaired(
        "(八)脱贫地区。有序引导东部地区劳动密集型产业向脱贫地区梯度转移,提高本地就业率,巩",
        "",
        "固拓展脱贫攻坚成果。（责任单位：农业农村厅、省发展改革委）",
    ) == ["(八)脱贫地区。有序引导东部地区劳动密集型产业向脱贫地区梯度转移,提高本地就业率,巩"
          "固拓展脱贫攻坚成果。（责任单位：农业农村厅、省发展改革委）"]


def test_a_responsibility_list_split_after_a_list_comma_is_joined():
    assert repaired(
        "(十三)大力促进国际合作。打造高水平中外合作园区。(责任单位:商务厅、省发展改革委、省经济合作局、",
        "",
        "成都海关、人行成都分行、省政府口岸与物流办)",
    ) == ["(十三)大力促进国际合作。打造高水平中外合作园区。(责任单位:商务厅、省发展改革委、省经济合作局、"
          "成都海关、人行成都分行、省政府口岸与物流办)"]


def test_a_sentence_cut_between_two_characters_is_joined_lai_chuan():
    assert repaired(
        "坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平总书记来",
        "",
        "川视察重要指示精神,全面贯彻新发展理念。",
    ) == ["坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平总书记来川视察重要指示精神,全面贯彻新发展理念。"]


def test_a_real_paragraph_break_after_a_full_stop_is_kept():
    assert repaired(
        "为推动治蜀兴川再上新台阶提供有力保障。",
        "",
        "到2027年,承接产业转移环境明显改善、能力显著提升。",
    ) == ["为推动治蜀兴川再上新台阶提供有力保障。", "到2027年,承接产业转移环境明显改善、能力显著提升。"]


@pytest.mark.parametrize("closer", ["）", ")", "〕", "；", "：", "？"])
def test_a_paragraph_ending_in_a_closing_bracket_or_stop_is_not_joined(closer):
    before = f"主动对接服务国家战略,承接发展高端芯片设计产业,培育特色工艺{closer}"
    after = "吸引落地新一代显示技术研发和产业化项目。"
    assert repaired(before, "", after) == [before, after]


def test_a_heading_followed_by_a_blank_line_is_not_joined_to_the_next_paragraph():
    assert repaired(
        "一、总体要求",
        "",
        "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻新发展理念。",
    ) == ["一、总体要求", "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻新发展理念。"]


def test_a_title_is_not_joined_to_the_doc_number_or_to_the_issuer_above_it():
    assert repaired(
        "四川省人民政府办公厅",
        "",
        "关于承接制造业有序转移的实施意见",
        "",
        "川办发〔2022〕67号",
    ) == ["四川省人民政府办公厅", "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号"]


def test_running_text_cut_before_a_new_numbered_unit_is_not_joined():
    assert repaired(
        "开展贸易外汇收支便利化试点,推动川渝自由贸易试验区协同开放示范区高质量发展",
        "",
        "(十四)创新产业链供应链发展模式。",
    ) == ["开展贸易外汇收支便利化试点,推动川渝自由贸易试验区协同开放示范区高质量发展",
          "(十四)创新产业链供应链发展模式。"]


def test_running_text_is_not_joined_to_a_signature_or_a_doc_number():
    running = "省级有关部门要加强协作配合,其余部门按照职能职责做好行业招商、提供要素保障服务等工作"
    assert repaired(running, "", "四川省人民政府办公厅", "", "2022年9月21日") == [
        running, "四川省人民政府办公厅", "2022年9月21日"]
    running = "为贯彻落实党中央、国务院决策部署,现转发工业和信息化部等十部门的指导意见"
    assert repaired(running, "", "工信部联政法〔2021〕215号") == [running, "工信部联政法〔2021〕215号"]


def test_lines_with_no_blank_line_between_them_stay_separate_paragraphs():
    assert repaired("为充分运用市场的逻辑,", "加快我省工业互联网发展。") == [
        "为充分运用市场的逻辑,", "加快我省工业互联网发展。"]


def test_several_blank_lines_count_as_one_break():
    assert repaired("更新修订《四川省区域产业布局引导目录》,拓展承接产业转移新空间。统筹发展与安全,提", "", "",
                    "升制造业本质安全水平。") == [
        "更新修订《四川省区域产业布局引导目录》,拓展承接产业转移新空间。统筹发展与安全,提升制造业本质安全水平。"]


def test_a_short_line_ended_where_its_writer_ended_it_is_not_joined():
    """Only a full printed line can have been cut by a page (corpus 04's 专项工作组名单)."""
    assert repaired("组 长：王清宪 省长", "", "副组长：何树山 副省长") == ["组 长：王清宪 省长", "副组长：何树山 副省长"]


def test_a_joined_paragraph_keeps_the_indent_of_its_first_part():
    blocks = repair_page_breaks([Line("发挥晶硅制造、锂电材料先发优势,着力健全产业链条,大力", True), Line(""),
                                 Line("承接发展晶硅光伏产业。", False)])
    assert blocks == [Block("发挥晶硅制造、锂电材料先发优势,着力健全产业链条,大力承接发展晶硅光伏产业。", indented=True)]
