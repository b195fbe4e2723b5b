"""The whole pipeline on small files: refusals with clear messages, and the stages working together."""

from __future__ import annotations

import datetime

import pytest

from clauses.parsing.pipeline import parse_document
from clauses.parsing.types import ParseError, Reference

# Roles as they are stored.
LEAD, CO, IMPLEMENTING, ISSUING = "lead", "co", "implementing", "issuing"


def parse(lexicon, text: str | bytes, **kwargs):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document(raw, name="notice.txt", lexicon=lexicon, **kwargs)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "notice.txt：文件为空。"),
        (b" \r\n\t ", "notice.txt：文件为空。"),
        (b"\n\n   \n", "notice.txt：文件为空。"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "notice.txt：似为二进制文件（含有零值字节）"),
        ("关于承接制造业有序转移的实施意见\n一、总体要求".encode("gb18030"), "它可按 GB18030 编码读取"),
        ("一、总体要求".encode() + b"\xff\xfe", "notice.txt：不是有效的 UTF-8 文本（字节位置 18）。"),
    ],
    ids=["empty", "whitespace", "blank-lines", "binary", "gb18030", "invalid-utf8"],
)
def test_input_that_is_not_a_utf8_text_document_is_refused_with_a_clear_message(lexicon, raw, message):
    with pytest.raises(ParseError) as caught:
        parse(lexicon, raw)
    assert message in str(caught.value)


def test_whitespace_made_of_ideographic_spaces_only_is_empty_too(lexicon):
    with pytest.raises(ParseError, match="文件为空"):
        parse(lexicon, "\u3000\u3000\n\u00a0\n")


def test_a_header_without_any_body_is_refused(lexicon):
    with pytest.raises(ParseError, match=r"^notice\.txt：只有文头，未找到条款。$"):
        parse(lexicon, "关于承接制造业有序转移的实施意见\n川办发〔2022〕67号")


def test_a_file_with_no_chinese_is_refused(lexicon):
    with pytest.raises(ParseError, match=r"^notice\.txt：未找到中文文本。$"):
        parse(lexicon, "1. 전반적 요구\n(1) 지도사항. 과학발전관을 심도 있게 관철한다.")


def test_text_without_numbering_or_headings_is_one_clause_per_paragraph_with_a_warning(lexicon):
    document = parse(lexicon, "近日，四川省召开会议，部署承接产业转移工作。\n会议要求，各地要抓好落实。\n会议强调，要加强协调配合。\n")
    assert [(c.key, c.text) for c in document.clauses] == [
        ("para1", "近日，四川省召开会议，部署承接产业转移工作。"),
        ("para2", "会议要求，各地要抓好落实。"),
        ("para3", "会议强调，要加强协调配合。"),
    ]
    assert "未识别出编号：每段作为一个条款" in document.warnings


# Seed 003 in miniature, saved the way Windows tools save it: BOM, CRLF, U+3000
# indentation, NBSP after the signature, two page breaks.
SICHUAN = (
    "\ufeff四川省人民政府办公厅\r\n\r\n关于承接制造业有序转移的实施意见\r\n\r\n川办发〔2022〕67号\r\n\r\n"
    "各市(州)人民政府,省政府有关部门、有关直属机构,有关单位:\r\n\r\n"
    "\u3000\u3000为贯彻落实工业和信息化部等10部门《关于促进制造业有序转移的指导意见》(工信部联政法〔2021〕215号)精神,"
    "现提出如下实施意见。\r\n\r\n"
    "\u3000\u3000一、总体要求\r\n\r\n"
    "\u3000\u3000坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平总书记来\r\n\r\n川视察重要指示精神。\r\n\r\n"
    "\u3000\u3000二、有序承接产业梯度转移\r\n\r\n"
    "\u3000\u3000(一)大力承接绿色低碳产业。建设全国一体化算力网络成渝国家枢纽节点,持续打造川东(达州、南\r\n\r\n"
    "充)协同发展的大数据产业集群。〔责任单位:省经济合作局、省发展改革委,各市(州)人民政府。"
    "列首位的为牵头部门,其余部门按职责分工负责,下同〕\r\n\r\n"
    "四川省人民政府办公厅\u00a0\u00a0\r\n\r\n2022年9月21日\u00a0\r\n"
)


def test_bom_crlf_full_width_indent_and_nbsp_do_not_disturb_the_structure(lexicon):
    document = parse(lexicon, SICHUAN)
    assert [(c.key, c.heading) for c in document.clauses] == [
        ("addressee", ""), ("preface", ""), ("p1", "总体要求"), ("p2", "有序承接产业梯度转移"),
        ("p2.i1", "大力承接绿色低碳产业"), ("signature", ""),
    ]
    assert document.clause("p1").text == "坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平总书记来川视察重要指示精神。"
    assert document.clause("signature").text == "四川省人民政府办公厅\n2022年9月21日"
    assert not any("\r" in c.full_text or "\ufeff" in c.full_text or "\u3000" in c.full_text for c in document.clauses)
    assert document.warnings == []


def test_the_stages_together_give_metadata_roles_and_references(lexicon):
    document = parse(lexicon, SICHUAN)
    metadata = document.metadata
    assert (metadata.title, metadata.doc_number, metadata.issuers, metadata.issued_on) == (
        "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号", ["四川省人民政府办公厅"], datetime.date(2022, 9, 21))
    assert (metadata.jurisdiction, metadata.level, metadata.kind, metadata.slug) == (
        "四川省", "provincial", "implementing", "chuanbanfa-2022-67")
    item = document.clause("p2.i1")
    assert {m.name: m.role for m in item.departments} == {
        "四川省经济合作局": LEAD, "四川省发展和改革委员会": CO, "各市（州）人民政府": IMPLEMENTING}
    assert [r.name for r in item.regions] == ["成渝地区双城经济圈", "川东", "达州市", "南充市"]
    assert {m.name: m.role for m in document.clause("signature").departments} == {"四川省人民政府办公厅": ISSUING}
    assert document.references == [
        Reference("implements", doc_number="工信部联政法〔2021〕215号", clause_key="preface"),
        Reference("implements", title="关于促进制造业有序转移的指导意见", clause_key="preface"),
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_every_line_ending_gives_the_same_clauses(lexicon, newline):
    text = newline.join(["为加快发展，现提出以下意见。", "一、总体要求", "坚持稳中求进。", "二、主要任务", "推进产业有序转移。"])
    document = parse(lexicon, text)
    assert [(c.key, c.text) for c in document.clauses] == [
        ("preface", "为加快发展，现提出以下意见。"), ("p1", "坚持稳中求进。"), ("p2", "推进产业有序转移。")]


def test_nbsp_inside_a_line_reads_as_a_space_and_markers_after_an_indent_still_count(lexicon):
    text = "为加快发展，现提出以下意见。\n\u00a0\u00a0一、总体要求\n坚持市场主导、\u00a0政府引导。\n"
    document = parse(lexicon, text)
    assert [(c.key, c.heading, c.text) for c in document.clauses] == [
        ("preface", "", "为加快发展，现提出以下意见。"), ("p1", "总体要求", "坚持市场主导、 政府引导。")]


def test_a_korean_translation_before_the_chinese_is_attached_to_its_clauses(lexicon):
    text = "\n".join([
        "1. 전반적 요구", "(1) 지도사항. 과학발전관을 심도 있게 관철한다.",
        "国务院关于中西部地区承接产业转移的指导意见", "国发〔2010〕28号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "一、总体要求", "（一）指导思想。深入贯彻落实科学发展观。",
        "国务院", "二○一○年八月三十一日",
    ])
    document = parse(lexicon, text)
    assert document.clause("p1").translations == {"ko": "1. 전반적 요구"}
    assert document.clause("p1.i1").translations == {"ko": "(1) 지도사항. 과학발전관을 심도 있게 관철한다."}
    assert document.metadata.extra["translations"] == "ko"
    assert (document.metadata.title, document.metadata.issued_on) == (
        "国务院关于中西部地区承接产业转移的指导意见", datetime.date(2010, 8, 31))


def test_a_missing_doc_number_and_date_are_warned_about_not_invented(lexicon):
    document = parse(lexicon, "十部门联合发文 促进制造业有序转移\n近日,工业和信息化部等十部门联合发布《关于促进制造业有序转移的指导意见》。\n"
                              "推进产业国内梯度转移\n引导劳动密集型产业重点向中西部转移。")
    assert document.metadata.issued_on is None
    assert document.metadata.doc_number == ""
    assert "文本和元数据中均未找到文号" in document.warnings
    assert "文本和元数据中均未找到成文日期" in document.warnings
