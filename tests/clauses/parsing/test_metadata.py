"""Stage 6: title, issuer, 文号, date, level and kind — from the text, then the sidecar; nothing invented."""

from __future__ import annotations

import datetime
import re

import pytest

from clauses.parsing.metadata import extract_metadata, find_doc_number
from clauses.parsing.types import ParsedClause, ParseError

SICHUAN_HEADER = ["四川省人民政府办公厅", "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号"]
SICHUAN_SIGNATURE = ParsedClause("signature", "signature", text="四川省人民政府办公厅\n2022年9月21日")


def metadata(lexicon, header, clauses=(), fields=None, sidecar=None):
    return extract_metadata(header=list(header), clauses=list(clauses), fields=fields or {},
                            sidecar=sidecar, lexicon=lexicon, fallback_name="doc.txt")


def test_issuer_line_title_and_doc_number_of_a_provincial_implementing_opinion(lexicon):
    result = metadata(lexicon, SICHUAN_HEADER, [SICHUAN_SIGNATURE])
    assert (result.title, result.doc_number, result.issuers, result.unknown_issuers) == (
        "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号", ["四川省人民政府办公厅"], [])
    assert (result.issued_on, result.jurisdiction, result.level, result.kind, result.slug) == (
        datetime.date(2022, 9, 21), "四川省", "provincial", "implementing", "chuanbanfa-2022-67")


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["国务院办公厅关于对真抓实干成效明显地方", "进一步加大激励支持力度的通知"],
         "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知"),
        (["国务院关于加快推进农业机械化和", "农机装备产业转型升级的指导意见"],
         "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见"),
    ],
)
def test_a_title_printed_over_two_lines_is_joined(lexicon, lines, title):
    result = metadata(lexicon, [*lines, "国办发〔2018〕117号"])
    assert result.title == title


def test_pkulaw_prints_the_title_twice_and_it_is_kept_once_with_full_width_brackets(lexicon):
    header = [
        "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划(2021—2023年)的通知",
        "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划（2021-2023年）的通知",
        "（皖政办秘〔2021〕82号）",
    ]
    result = metadata(lexicon, header)
    assert result.title == header[1]
    assert (result.doc_number, result.issuers, result.jurisdiction, result.level) == (
        "皖政办秘〔2021〕82号", ["安徽省人民政府办公厅"], "安徽省", "provincial")


@pytest.mark.parametrize(
    "line",
    ["川办发〔2022〕67号", "川办发[2022]67号", "川办发(2022)67号", "川办发（2022）67号", "川办发［2022］67号",
     "川办发【2022】67号", "川办发 〔2022〕 067号", "（川办发〔2022〕67号）"],
)
def test_doc_number_brackets_are_normalised_to_tortoise_shell_brackets(line):
    assert find_doc_number(["关于承接制造业有序转移的实施意见", line]) == "川办发〔2022〕67号"


def test_no_doc_number_line_gives_an_empty_doc_number():
    assert find_doc_number(["十部门联合发文 促进制造业有序转移"]) == ""


def test_a_chinese_numeral_date_with_circle_zeros_in_a_national_signature(lexicon):
    result = metadata(lexicon, ["国务院关于中西部地区承接产业转移的指导意见", "国发〔2010〕28号"],
                      [ParsedClause("signature", "signature", text="国务院\n二○一○年八月三十一日")])
    assert (result.issued_on, result.issuers, result.jurisdiction, result.level, result.kind) == (
        datetime.date(2010, 8, 31), ["国务院"], "全国", "national", "policy")


INTERPRETATION_FIELDS = {
    "front_matter.title": "工信部：《关于促进制造业有序转移的指导意见》政策解读",
    "front_matter.date": "Fri, 14 Jan 2022 11:00:17 GMT",
    "front_matter.author": "新浪财经",
}


def test_a_news_page_takes_title_and_date_from_front_matter_and_its_speaker_as_issuer(lexicon):
    result = metadata(lexicon, [], [ParsedClause("p1", "part", heading="文件出台的背景是什么？")],
                      fields=INTERPRETATION_FIELDS)
    assert (result.title, result.issued_on, result.source_name) == (
        "工信部：《关于促进制造业有序转移的指导意见》政策解读", datetime.date(2022, 1, 14), "新浪财经")
    assert (result.issuers, result.jurisdiction, result.level, result.kind) == (
        ["工业和信息化部"], "全国", "national", "interpretation")


@pytest.mark.parametrize("value", ["2022-01-14", "2022-01-14T11:00:17+08:00", "2022年1月14日"])
def test_front_matter_dates_in_other_common_forms(lexicon, value):
    fields = {**INTERPRETATION_FIELDS, "front_matter.date": value}
    assert metadata(lexicon, [], fields=fields).issued_on == datetime.date(2022, 1, 14)


def test_the_signature_date_beats_the_front_matter_date(lexicon):
    result = metadata(lexicon, SICHUAN_HEADER, [SICHUAN_SIGNATURE], fields={"front_matter.date": "2022-10-01"})
    assert result.issued_on == datetime.date(2022, 9, 21)


def test_no_date_anywhere_stays_no_date(lexicon):
    """Seed 002 prints no date: none is invented (not today, not the year its preface names)."""
    preface = ParsedClause("preface", "preface", heading="导读",
                           text="工业和信息化部、国家发展和改革委员会等十部门近日联合发布《关于促进制造业有序转移的指导意见》，"
                                "明确到2025年，产业转移政策环境更加完善。")
    header = ["关于促进制造业有序转移的指导意见", "工信部联政法〔2021〕215号"]
    result = metadata(lexicon, header, [preface, ParsedClause("addressee", "addressee", text="各有关单位：")])
    assert result.issued_on is None
    assert result.issuers == ["工业和信息化部", "国家发展和改革委员会"]
    assert (result.jurisdiction, result.level, result.kind) == ("全国", "national", "policy")


def test_a_news_summary_without_doc_number_or_addressee_is_news_with_no_level_invented(lexicon):
    preface = ParsedClause("preface", "preface",
                           text="近日,工业和信息化部、国家发展和改革委员会等十部门联合发布《关于促进制造业有序转移的指导意见》。")
    result = metadata(lexicon, ["十部门联合发文 促进制造业有序转移"], [preface])
    assert (result.title, result.kind, result.doc_number, result.issued_on) == (
        "十部门联合发文 促进制造业有序转移", "news", "", None)
    assert (result.issuers, result.jurisdiction, result.level) == ([], "", "")


def test_an_issuer_missing_from_the_gazetteer_is_kept_as_printed_and_listed(lexicon):
    signature = ParsedClause("signature", "signature", text="四川省机关事务管理局\n2022年9月21日")
    result = metadata(lexicon, ["关于加强公务用车管理的通知", "川机管发〔2022〕5号"], [signature])
    assert (result.issuers, result.unknown_issuers) == (["四川省机关事务管理局"], ["四川省机关事务管理局"])


@pytest.mark.parametrize(("title", "issuer", "place"), [
    ("洛阳市人民政府办公室关于印发洛阳市承接产业转移实施方案的通知", "洛阳市人民政府办公室", "洛阳市"),
    ("赣州市工业和信息化局关于做好承接产业转移项目储备工作的通知", "赣州市工业和信息化局", "赣州市"),
])
def test_without_a_signature_the_body_a_title_names_first_after_its_place_is_the_issuer(lexicon, title, issuer,
                                                                                        place):
    """No gazetteer lists every city's general office or bureau; printed as a signature prints a body, after a
    place the divisions know, it is the issuer, and gives the document its place (so 市发展改革委 resolves)."""
    result = metadata(lexicon, [title, "洛政办〔2024〕12号"])
    assert (result.issuers, result.jurisdiction, result.level) == ([issuer], place, "municipal")


@pytest.mark.parametrize("title", ["关于印发承接产业转移实施方案的通知", "承接产业转移工作领导小组关于召开会议的通知",
                                   "各地关于承接产业转移工作情况的通报"])
def test_a_title_that_names_no_placed_body_gives_no_issuer(lexicon, title):
    assert metadata(lexicon, [title, "洛政办〔2024〕12号"]).issuers == []


def test_cleaning_fields_pass_through_as_source_and_extra(lexicon):
    fields = {"source_url": "https://www.pkulaw.com/lar/e069.html", "pkulaw_code": "CLI.12.4638041",
              "provenance": "github x", "source_name": "北大法宝", "front_matter.comments": "false"}
    result = metadata(lexicon, SICHUAN_HEADER, [SICHUAN_SIGNATURE], fields=fields)
    assert (result.source_url, result.source_name) == ("https://www.pkulaw.com/lar/e069.html", "北大法宝")
    assert result.extra == {"pkulaw_code": "CLI.12.4638041", "provenance": "github x"}


# -- the sidecar ----------------------------------------------------------------

def test_sidecar_fills_only_what_the_text_lacks(lexicon):
    sidecar = {"title": "另一个标题", "doc_number": "川办发〔2099〕1号", "issued_on": "2022-10-01",
               "source_url": "https://www.sc.gov.cn/x.shtml", "issuers": ["四川省人民政府"]}
    result = metadata(lexicon, SICHUAN_HEADER, [SICHUAN_SIGNATURE], sidecar=sidecar)
    assert (result.title, result.doc_number, result.issued_on, result.issuers) == (
        "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号", datetime.date(2022, 9, 21), ["四川省人民政府办公厅"])
    assert result.source_url == "https://www.sc.gov.cn/x.shtml"


def test_sidecar_supplies_a_missing_date_and_issuers(lexicon):
    header = ["关于促进制造业有序转移的指导意见", "工信部联政法〔2021〕215号"]
    result = metadata(lexicon, header, sidecar={"issued_on": "2021-12-08", "issuers": ["工信部", "发改委"]})
    assert result.issued_on == datetime.date(2021, 12, 8)
    assert result.issuers == ["工业和信息化部", "国家发展和改革委员会"]


def test_sidecar_may_name_the_slug_since_the_text_has_none(lexicon):
    result = metadata(lexicon, SICHUAN_HEADER, [SICHUAN_SIGNATURE], sidecar={"slug": "sichuan-chengjie-2022"})
    assert result.slug == "sichuan-chengjie-2022"


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ({"author": "新浪财经"}, "doc.meta.json：未知字段“author”；"),
        ({"titel": "x", "date": "2022-01-14"}, "未知字段“date”、“titel”；"),
        ({"issued_on": "2022-13-01"}, "成文日期（issued_on）“2022-13-01”不是 YYYY-MM-DD 格式的日期"),
        ({"issued_on": "14 Jan 2022"}, "成文日期（issued_on）“14 Jan 2022”不是 YYYY-MM-DD 格式的日期"),
        ({"level": "city"}, "层级（level）应为以下之一："),
        ({"kind": "notice"}, "类型（kind）应为以下之一："),
    ],
)
def test_a_bad_sidecar_is_refused_with_a_message(lexicon, sidecar, message):
    header = ["关于促进制造业有序转移的指导意见", "工信部联政法〔2021〕215号"]
    with pytest.raises(ParseError, match=re.escape(message)):
        metadata(lexicon, header, sidecar=sidecar)


def test_a_bad_sidecar_date_is_refused_even_when_the_text_has_a_date(lexicon):
    with pytest.raises(ParseError, match="不是 YYYY-MM-DD 格式的日期"):
        metadata(lexicon, SICHUAN_HEADER, [SICHUAN_SIGNATURE], sidecar={"issued_on": "21/09/2022"})
