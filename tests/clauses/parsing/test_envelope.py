"""The envelope of a notice that wraps a plan, as provinces and cities publish it: its date, title and relations.

The texts are modelled on real 印发通知 of a province and a city (河南, 洛阳): a title over
several lines, the notice's date printed alone or under its issuer *before* the plan, a portal's
information table above the text, and a plan whose own preface says what it implements.
"""

from __future__ import annotations

import datetime

import pytest

from clauses.parsing.clean import clean_text
from clauses.parsing.pipeline import parse_document
from clauses.parsing.relations import governing_verb

MUNICIPAL_NOTICE = """洛阳市人民政府办公室
关于印发洛阳市承接产业转移
三年行动方案（2023—2025年）的通知
洛政办〔2023〕21号

各县（市、区）人民政府，市人民政府有关部门：
    《洛阳市承接产业转移三年行动方案（2023—2025年）》已经市政府同意，现印发给你们，请认真贯彻执行。

洛阳市人民政府办公室
2023年4月18日

洛阳市承接产业转移三年行动方案（2023—2025年）

为深入贯彻落实《国务院办公厅关于促进制造业有序转移的指导意见》（国办发〔2022〕33号），根据《河南省承接产业转移实施方案》，结合我市实际，制定本方案。

一、总体要求
坚持市场主导、政府引导，加快承接产业转移。

二、重点任务
（一）承接先进制造业。支持各县（市、区）承接装备制造产业转移。
"""

PROVINCIAL_NOTICE_DATED_ALONE = """河南省人民政府办公厅关于印发河南省承接产业转移
实施方案的通知
豫政办〔2023〕15号

各省辖市人民政府，济源示范区管委会，省人民政府各部门：
    现将《河南省承接产业转移实施方案》印发给你们，请认真贯彻执行。

二〇二三年三月二日
（此件公开发布）

河南省承接产业转移实施方案

为贯彻落实《国务院办公厅关于促进制造业有序转移的指导意见》，制定本方案。

一、主要目标
到2025年，承接产业转移取得明显成效。
"""

PORTAL_PAGE = """索引号：11410000/2023-00015    主题分类：工业
成文日期：2023年03月02日
发布日期：2023年03月06日
河南省人民政府办公厅关于印发河南省承接产业转移实施方案的通知
豫政办〔2023〕15号
各省辖市人民政府，省人民政府各部门：
现将《河南省承接产业转移实施方案》印发给你们，请认真贯彻执行。
一、主要目标
到2025年，承接产业转移取得明显成效。
"""


def parse(text, lexicon):
    return parse_document(text.encode("utf-8"), name="notice.txt", lexicon=lexicon)


def test_a_municipal_notice_dated_under_its_issuer_before_the_plan(lexicon):
    document = parse(MUNICIPAL_NOTICE, lexicon)
    metadata = document.metadata
    assert metadata.title == "关于印发洛阳市承接产业转移三年行动方案（2023—2025年）的通知"
    assert (metadata.doc_number, metadata.issued_on) == ("洛政办〔2023〕21号", datetime.date(2023, 4, 18))
    assert metadata.kind == "implementing"  # the wrapped plan's own preface says so
    relations = {(reference.doc_number or reference.title): reference.relation for reference in document.references}
    assert relations == {"国办发〔2022〕33号": "implements", "国务院办公厅关于促进制造业有序转移的指导意见": "implements",
                         "河南省承接产业转移实施方案": "cites"}


def test_a_notice_dated_alone_before_the_plan_has_that_date_and_no_date_clause(lexicon):
    document = parse(PROVINCIAL_NOTICE_DATED_ALONE, lexicon)
    assert document.metadata.title == "河南省人民政府办公厅关于印发河南省承接产业转移实施方案的通知"
    assert document.metadata.issued_on == datetime.date(2023, 3, 2)
    kinds = [(clause.kind, clause.text) for clause in document.clauses]
    assert ("signature", "二〇二三年三月二日\n（此件公开发布）") in kinds
    assert not any(kind == "preface" and "二〇二三年" in text for kind, text in kinds)
    assert [reference.relation for reference in document.references] == ["implements"]


def test_a_portal_s_information_table_gives_the_date_and_stays_out_of_the_title(lexicon):
    document = parse(PORTAL_PAGE, lexicon)
    assert document.metadata.title == "河南省人民政府办公厅关于印发河南省承接产业转移实施方案的通知"
    assert document.metadata.issued_on == datetime.date(2023, 3, 2)  # 成文日期, not the later 发布日期


def test_portal_fields_are_read_one_or_several_a_line():
    fields = clean_text("索引号：11410000/2023-00015    主题分类：工业\n发布日期：2023-03-06\n正文第一行\n").fields
    assert fields["portal.索引号"] == "11410000/2023-00015"
    assert fields["portal.主题分类"] == "工业"
    assert fields["portal.发布日期"] == "2023-03-06"


@pytest.mark.parametrize(("text", "verb"), [
    ("为深入贯彻落实《A意见》（国办发〔2022〕33号），", "implements"),
    ("为认真贯彻落实党中央决策部署和《A意见》", "implements"),
    ("为落实《A方案》", "implements"),
    ("为贯彻落实《A意见》，根据《B条例》", "cites"),  # the phrase before B is 根据
    ("依据《B办法》", "cites"),
    ("本方案与《C规划》相衔接", None),
])
def test_the_verb_a_mention_stands_under(text, verb):
    position = text.rindex("《")
    assert governing_verb(text, position) == verb


def test_a_title_broken_inside_its_parenthesis_is_joined(lexicon):
    text = ("江西省人民政府办公厅关于印发江西省承接产业转移三年行动方案（2023—\n2025年）的通知\n赣府厅字〔2023〕30号\n\n"
            "各设区市人民政府，省政府各部门：\n现将《江西省承接产业转移三年行动方案（2023—2025年）》印发给你们。\n\n"
            "2023年5月6日\n\n江西省承接产业转移三年行动方案（2023—2025年）\n\n一、总体要求\n加快承接。\n")
    metadata = parse(text, lexicon).metadata
    assert metadata.title == "江西省人民政府办公厅关于印发江西省承接产业转移三年行动方案（2023—2025年）的通知"
    assert metadata.issued_on == datetime.date(2023, 5, 6)


def test_a_duty_line_after_the_last_item_is_that_item_s_when_its_siblings_name_their_own(lexicon):
    """洛阳: items (一)(二) carry brackets; the 牵头单位 line after (三) is (三)'s, not the part's."""
    from pathlib import Path

    source = Path(__file__).parent / "data" / "duties" / "luoyang_counties.txt"
    clauses = {clause.key: clause for clause in parse(source.read_text(encoding="utf-8"), lexicon).clauses}
    assert [(m.name, m.role) for m in clauses["a1.p2.i3"].departments] == [
        ("洛阳市自然资源和规划局", "lead"), ("洛阳市发展和改革委员会", "co"), ("洛阳市财政局", "co")]
    assert clauses["a1.p2"].departments == []
    signature = clauses["signature"]
    assert signature.text.endswith("（此件公开发布）")  # under the signature, not a clause of its own
    assert not any("此件公开发布" in clause.text for key, clause in clauses.items() if key != "signature")
