"""Every common duty format, end to end: a document's items get the departments and roles their lists print.

The documents under ``data/duties/`` are modelled on a Jiangxi 实施方案 (a 牵头单位/配合单位
line after each item, after the sub-items of one) and a Hubei one (every bracket phrasing).
Names stay as printed when the gazetteer does not know the province's bodies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clauses.parsing.pipeline import parse_document

DUTIES = Path(__file__).parent / "data" / "duties"
LEAD, CO, IMPLEMENTING = "lead", "co", "implementing"


def responsible(lexicon, name: str) -> dict[str, list[tuple[str, str]]]:
    """For each clause, the (printed name, role) pairs of departments responsible for it."""
    parsed = parse_document((DUTIES / name).read_bytes(), name=name, lexicon=lexicon)
    return {clause.key: [(mention.raw, mention.role) for mention in clause.departments
                         if mention.role in (LEAD, CO, IMPLEMENTING)]
            for clause in parsed.clauses}


@pytest.fixture(scope="module")
def jiangxi(lexicon):
    return responsible(lexicon, "jiangxi_separate_lines.txt")


@pytest.fixture(scope="module")
def hubei(lexicon):
    return responsible(lexicon, "hubei_brackets.txt")


def test_jiangxi_one_duty_line_after_an_item(jiangxi):
    assert jiangxi["a1.p2.i1"] == [("省工业和信息化厅", LEAD), ("省商务厅", CO), ("省发展改革委", CO)]


def test_jiangxi_a_duty_line_per_label(jiangxi):
    assert jiangxi["a1.p2.i2"] == [("省工业和信息化厅", LEAD), ("省生态环境厅", CO), ("省商务厅", CO)]


def test_jiangxi_a_duty_line_after_sub_items_gives_the_item_above_them(jiangxi):
    assert jiangxi["a1.p2.i3"] == [("省商务厅", LEAD), ("省自然资源厅", CO), ("省生态环境厅", CO),
                                   ("各设区市人民政府", IMPLEMENTING)]
    assert jiangxi["a1.p2.i3.s1"] == jiangxi["a1.p2.i3.s2"] == []


def test_jiangxi_zeren_danwei_line_with_no_rule_makes_all_responsible_and_none_lead(jiangxi):
    assert jiangxi["a1.p2.i4"] == [("省发展改革委", CO), ("省自然资源厅", CO)]


def test_jiangxi_qiantou_bumen_and_canyu_bumen_on_one_line(jiangxi):
    assert jiangxi["a1.p3.i1"] == [("省工业和信息化厅", LEAD), ("省发展改革委", CO), ("省商务厅", CO)]


def test_jiangxi_zeren_bumen_naming_the_city_tier(jiangxi):
    assert jiangxi["a1.p3.i2"] == [("各设区市人民政府", IMPLEMENTING)]


def test_jiangxi_parts_and_the_covering_notice_get_no_one(jiangxi):
    assert jiangxi["a1.p1"] == jiangxi["a1.p2"] == jiangxi["a1.p3"] == jiangxi["preface"] == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("a1.p1.i1", [("省发展改革委", LEAD), ("省经信厅", CO), ("省科技厅", CO)]),
        # 支持省发展改革委… in the running text is a mention, not a responsibility.
        ("a1.p1.i2", [("省经信厅", LEAD), ("省商务厅", CO), ("省自然资源厅", CO)]),
        ("a1.p1.i3", [("省商务厅", LEAD), ("省经信厅", CO), ("省发展改革委", CO)]),
        ("a1.p1.i4", [("省财政厅", CO), ("省地方金融监管局", CO)]),
        ("a1.p1.i5", [("各县（市、区）人民政府", IMPLEMENTING)]),
    ],
)
def test_hubei_bracket_phrasings(hubei, key, expected):
    assert hubei[key] == expected


def test_hubei_task_table_each_row_is_a_clause_of_the_attachment_with_its_lead_and_co(lexicon):
    tasks = responsible(lexicon, "hubei_task_table.html")
    assert tasks["a2.s1"] == [("省发展改革委", LEAD), ("省经信厅", CO), ("省科技厅", CO)]
    assert tasks["a2.s2"] == [("省经信厅", LEAD), ("省商务厅", CO), ("省自然资源厅", CO)]
    assert tasks["a2.s3"] == [("各县（市、区）人民政府", IMPLEMENTING)]


def test_henan_flattened_tables_a_line_per_row_under_the_documents_lead_first_rule(lexicon):
    """The notice says 排在第一位的为牵头部门 in its text: the first 责任单位 of each row leads."""
    tasks = responsible(lexicon, "henan_flattened_table.txt")
    assert tasks["a2.s1"] == [("市发展改革委", LEAD), ("市工业和信息化局", CO)]
    assert tasks["a2.s2"] == [("市商务局", LEAD), ("市投资促进中心", CO)]


def test_henan_flattened_tables_a_line_per_cell(lexicon):
    tasks = responsible(lexicon, "henan_flattened_table.txt")
    assert tasks["a3.s1"] == [("市住房城乡建设局", LEAD), ("市自然资源和规划局", CO)]
    assert tasks["a3.s2"] == [("市行政审批服务局", LEAD), ("市发展改革委", CO)]
