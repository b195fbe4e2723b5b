"""Word documents (.docx) read as if typed: numbering as printed, tables as rows with duties.

Every document here is built by the test with python-docx; the numbering
definitions are written by hand in the XML Word and WPS write.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clauses.parsing.pipeline import parse_document
from clauses.parsing.sources import source_text
from clauses.parsing.word import docx_text
from clauses.parsing.word_numbering import format_number
from clauses.parsing.types import ParseError

from .wordfiles import abstract_of, macro_enabled, merge_down, new_document, number, numbered, saved, table

LEAD, CO, IMPLEMENTING = "lead", "co", "implementing"
PLAN_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
TASK_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def text_of(document) -> list[str]:
    return docx_text(saved(document), name="plan.docx").split("\n")


@pytest.mark.parametrize(
    ("number_format", "value", "printed"),
    [
        ("decimal", 12, "12"), ("decimalFullWidth", 12, "１２"), ("decimalZero", 7, "07"),
        ("chineseCounting", 1, "一"), ("chineseCounting", 10, "十"), ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"), ("chineseCounting", 105, "一百零五"),
        ("chineseCountingThousand", 23, "二十三"),
        ("ideographTraditional", 1, "甲"), ("ideographTraditional", 10, "癸"),
        ("decimalEnclosedCircle", 1, "①"), ("decimalEnclosedCircleChinese", 20, "⑳"),
        ("decimalEnclosedCircle", 21, "21"),
        ("upperLetter", 3, "C"), ("upperLetter", 28, "BB"), ("lowerLetter", 27, "aa"),
        ("upperRoman", 14, "XIV"), ("lowerRoman", 1999, "mcmxcix"),
        ("bullet", 3, ""), ("none", 3, ""), ("someFormatWeDoNotKnow", 3, "3"),
    ],
)
def test_each_number_format_prints_as_word_prints_it(number_format, value, printed):
    assert format_number(value, number_format) == printed


def test_automatic_chinese_numbering_is_printed_and_deeper_levels_restart():
    document = new_document()
    plan = numbered(document, PLAN_LEVELS)
    document.add_paragraph("湖北省推动制造业有序转移实施方案")
    number(document.add_paragraph("主要任务"), plan, 0)
    number(document.add_paragraph("优化产业承接布局。支持武汉、襄阳、宜昌发挥龙头作用。"), plan, 1)
    number(document.add_paragraph("建设承接产业转移平台。"), plan, 1)
    number(document.add_paragraph("2025年底前建成示范区。"), plan, 2)
    number(document.add_paragraph("完善配套设施。"), plan, 2)
    number(document.add_paragraph("保障措施"), plan, 0)
    number(document.add_paragraph("加强组织领导。"), plan, 1)
    number(document.add_paragraph("明确责任分工。"), plan, 2)
    assert text_of(document) == [
        "湖北省推动制造业有序转移实施方案",
        "一、主要任务",
        "（一）优化产业承接布局。支持武汉、襄阳、宜昌发挥龙头作用。",
        "（二）建设承接产业转移平台。",
        # an ASCII label keeps a space: "1.2025年" would read as a decimal number
        "1. 2025年底前建成示范区。",
        "2. 完善配套设施。",
        "二、保障措施",
        "（一）加强组织领导。",
        "1. 明确责任分工。",
    ]


def test_numbers_run_on_across_nums_of_one_definition_and_a_start_override_restarts_them():
    document = new_document()
    first = numbered(document, [("ideographTraditional", "%1．"), ("decimalEnclosedCircle", "%2")])
    continued = numbered(document, [], abstract_id=abstract_of(document, first))
    restarted = numbered(document, [], abstract_id=abstract_of(document, first), restarts={0: 1})
    number(document.add_paragraph("甲项"), first, 0)
    number(document.add_paragraph("子项"), first, 1)
    number(document.add_paragraph("子项"), first, 1)
    number(document.add_paragraph("乙项"), continued, 0)
    number(document.add_paragraph("重新开始"), restarted, 0)
    number(document.add_paragraph("接着"), restarted, 0)
    assert text_of(document) == ["甲．甲项", "①子项", "②子项", "乙．乙项", "甲．重新开始", "乙．接着"]


def test_numbering_from_a_paragraph_style_and_a_paragraph_that_switches_it_off():
    document = new_document()
    plan = numbered(document, [("chineseCounting", "%1、")])
    style = document.styles.add_style("PartHeading", 1)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{plan}"/></w:numPr>'))
    document.add_paragraph("总体要求", style="PartHeading")
    unnumbered = document.add_paragraph("不编号的一段", style="PartHeading")
    unnumbered._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
    document.add_paragraph("重点任务", style="PartHeading")
    assert text_of(document) == ["一、总体要求", "不编号的一段", "二、重点任务"]


def test_a_level_text_with_several_levels_and_legal_numbering():
    document = new_document()
    plan = numbered(document, [("chineseCounting", "第%1章"), ("chineseCounting", "%1.%2")])
    lvl = document.part.numbering_part.element.xpath('./w:abstractNum/w:lvl[@w:ilvl="1"]')[0]
    lvl.append(parse_xml(f'<w:isLgl {nsdecls("w")}/>'))
    number(document.add_paragraph("总则"), plan, 0)
    number(document.add_paragraph("目的"), plan, 1)
    number(document.add_paragraph("范围"), plan, 1)
    # after 第一章 Word puts a tab; 章 is not punctuation, but a CJK label needs no space in typed text
    assert text_of(document) == ["第一章总则", "1.1 目的", "1.2 范围"]


def test_manual_numbering_line_breaks_tabs_and_empty_paragraphs_are_kept_as_typed():
    document = new_document()
    document.add_paragraph("一、总体要求")
    paragraph = document.add_paragraph("（一）指导思想。")
    paragraph.add_run().add_break()
    paragraph.add_run("坚持\t市场主导。")
    document.add_paragraph("")
    document.add_paragraph("— 3 —")
    assert text_of(document) == ["一、总体要求", "（一）指导思想。", "坚持 市场主导。", "", "— 3 —"]


def test_headers_footers_footnotes_and_deleted_text_are_not_the_document_inserted_text_is():
    document = new_document()
    document.sections[0].header.add_paragraph("湖北省人民政府办公厅文件")
    document.sections[0].footer.add_paragraph("— 1 —")
    paragraph = document.add_paragraph("支持")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="a" w:date="2023-05-08T00:00:00Z">'
        '<w:r><w:delText>鄂东南</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="a" w:date="2023-05-08T00:00:00Z">'
        '<w:r><w:t>鄂西北</w:t></w:r></w:ins>'))
    paragraph.add_run("地区。")
    hidden = paragraph.add_run("（隐藏批注）")
    hidden.font.hidden = True
    assert text_of(document) == ["支持鄂西北地区。"]


def test_python_docx_gives_a_vertically_merged_cell_to_each_row_and_a_spanning_cell_once():
    document = new_document()
    rows = table(document, [TASK_HEADER] + [[str(n), f"任务{n}。", "", "", ""] for n in (1, 2, 3)])
    merge_down(rows, 2, 1, 3, "省发展改革委")
    rows.cell(1, 3).merge(rows.cell(1, 4)).text = "省经信厅"
    # What python-docx itself returns: the merged cell's text in every row of a vertical merge,
    # and a cell spanning two grid columns twice in a row.
    assert [[cell.text for cell in row.cells] for row in rows.rows][1:] == [
        ["1", "任务1。", "省发展改革委", "省经信厅", "省经信厅"],
        ["2", "任务2。", "省发展改革委", "", ""],
        ["3", "任务3。", "省发展改革委", "", ""],
    ]
    assert text_of(document) == [
        "1．任务1。", "牵头单位：省发展改革委；配合单位：省经信厅",
        "2．任务2。", "牵头单位：省发展改革委",
        "3．任务3。", "牵头单位：省发展改革委",
    ]


def test_a_task_table_reads_as_an_html_one_does_names_a_line_each_joined():
    document = new_document()
    document.add_paragraph("重点任务分工表")
    table(document, [TASK_HEADER,
                     ["1", "优化产业承接布局。", "省发展改革委", "省经信厅\n省科技厅", "2025年底前"]])
    document.add_paragraph("联系人：张三")
    assert text_of(document) == ["重点任务分工表", "1．优化产业承接布局。",
                                 "牵头单位：省发展改革委；配合单位：省经信厅、省科技厅", "完成时限：2025年底前",
                                 "联系人：张三"]


def test_any_other_table_is_a_line_per_row():
    document = new_document()
    document.add_paragraph("附表")
    table(document, [["联系人", "张三"], ["电话", "027-87654321"], ["", ""]])
    assert text_of(document) == ["附表", "联系人 张三", "电话 027-87654321"]


def test_a_table_inside_a_content_control_is_read_too():
    document = new_document()
    document.add_paragraph("一、总体要求")
    body = document.element.body
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>（一）坚持市场主导。</w:t></w:r>'
                        '</w:p></w:sdtContent></w:sdt>')
    body.insert(list(body).index(document.paragraphs[-1]._p) + 1, control)
    assert text_of(document) == ["一、总体要求", "（一）坚持市场主导。"]


def test_a_document_without_text_is_refused():
    empty = new_document()
    empty.add_paragraph("")
    with pytest.raises(ParseError, match=r"^plan\.docx：该 Word 文件没有文字。"):
        docx_text(saved(empty), name="plan.docx")


def test_a_macro_enabled_document_or_a_template_is_refused_saying_to_save_it_as_docx():
    document = new_document()
    document.add_paragraph("一、总体要求")
    with pytest.raises(ParseError) as caught:
        source_text(macro_enabled(saved(document)), name="plan.docm")
    assert str(caught.value) == ("plan.docm：Word 模板或含宏的文件（.dotx/.docm），本系统不能读取此格式；"
                                 "请另存为 .docx 或 PDF（Word/WPS：文件 → 另存为）后上传。")


def _with_central_entry(raw: bytes, member: str, offset: int, value: int) -> bytes:
    """``raw`` with the 16-bit field at ``offset`` of ``member``'s central directory entry set to ``value``."""
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        names = [info.filename for info in package.infolist()]
    patched = bytearray(raw)
    entry = patched.find(b"PK\x01\x02")
    for name in names:  # the central directory lists the members in order
        if name == member:
            struct.pack_into("<H", patched, entry + offset, value)
            return bytes(patched)
        entry = patched.find(b"PK\x01\x02", entry + 4)
    raise KeyError(member)


def _with_body_bytes(raw: bytes, replace) -> bytes:
    """``raw`` with the compressed bytes of word/document.xml passed through ``replace``."""
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    body = raw[start:start + info.compress_size]
    return raw[:start] + replace(body) + raw[start + info.compress_size:]


def _corruptions() -> dict[str, tuple[bytes, str]]:
    """Damaged packages whose directory is whole, and what zipfile or zlib says reading the body."""
    document = new_document()
    document.add_paragraph("一、总体要求")
    raw = saved(document)
    return {
        # 0b111 opens a deflate block of the reserved type
        "a corrupt deflate stream": (_with_body_bytes(raw, lambda body: b"\xff" + body[1:]),
                                     "Error -3 while decompressing data: invalid block type"),
        "a checksum that does not match": (_with_body_bytes(raw, lambda body: body[:-4] + bytes(4)),
                                           "Bad CRC-32 for file 'word/document.xml'"),
        "a member marked encrypted": (_with_central_entry(raw, "word/document.xml", 8, 0x1),
                                      "File 'word/document.xml' is encrypted, password required for extraction"),
        "a compression method zipfile lacks": (_with_central_entry(raw, "word/document.xml", 10, 99),
                                               "That compression method is not supported"),
    }


@pytest.mark.parametrize("raw, reason", _corruptions().values(), ids=_corruptions().keys())
def test_a_package_that_opens_but_whose_body_cannot_be_read_is_a_damaged_file(raw, reason):
    """The package's directory is whole, so it reaches the Word reader; what zipfile or zlib raises reading
    the body (zlib.error, BadZipFile, RuntimeError, NotImplementedError) is a message, not a traceback."""
    with pytest.raises(ParseError) as caught:
        source_text(raw, name="plan.docx")
    assert str(caught.value) == (f"plan.docx：文件已损坏或不完整（无法读取的 Word 文件：{reason}）。"
                                 "请用 Word 或 WPS 打开，重新保存后上传新文件。")


def test_a_malformed_value_met_while_reading_the_body_is_a_damaged_file_not_an_error():
    document = new_document()
    cells = table(document, [TASK_HEADER, ["1", "建设示范园区。", "省发展改革委", "省商务厅", "2025年底前"]])
    cells.cell(1, 1)._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="abc"/>'))
    with pytest.raises(ParseError, match=r"^plan\.docx：文件已损坏或不完整（正文中有格式错误的值：ValueError）"):
        docx_text(saved(document), name="plan.docx")


def hubei_plan() -> bytes:
    """A Hubei 实施方案 in the shape of ``data/duties/hubei_task_table.html``, numbered by Word."""
    document = new_document()
    plan = numbered(document, PLAN_LEVELS)
    for line in ("湖北省人民政府办公厅关于印发湖北省推动制造业有序转移实施方案的通知", "鄂政办发〔2023〕18号",
                 "各市、州、县人民政府，省政府各部门：",
                 "　　《湖北省推动制造业有序转移实施方案》已经省人民政府同意，现印发给你们，请认真组织实施。",
                 "湖北省人民政府办公厅", "2023年5月8日", "湖北省推动制造业有序转移实施方案"):
        document.add_paragraph(line)
    number(document.add_paragraph("主要任务"), plan, 0)
    number(document.add_paragraph("优化产业承接布局。支持武汉、襄阳、宜昌发挥龙头作用。"
                                  "（牵头单位：省发展改革委；配合单位：省经信厅、省科技厅）"), plan, 1)
    number(document.add_paragraph("建设承接产业转移平台。建设一批承接产业转移示范区。"), plan, 1)
    document.add_paragraph("牵头单位：省经信厅；配合单位：省商务厅")
    number(document.add_paragraph("保障措施"), plan, 0)
    document.add_paragraph("　　各地各部门要按照重点任务分工表抓好落实，列第一位的为牵头单位。")
    document.add_paragraph("附件")
    document.add_paragraph("重点任务分工表")
    tasks = table(document, [
        TASK_HEADER,
        ["1", "优化产业承接布局，引导鄂西北、鄂东南地区承接产业转移。", "", "省经信厅\n省科技厅", "2025年底前"],
        ["2", "建设承接产业转移示范区。", "", "省商务厅、省自然资源厅", "2025年底前"],
        ["3", "推进园区标准厂房建设。", "", "", "长期坚持"],
        ["4", "支持县域承接特色产业。", "各县（市、区）人民政府", "", "长期坚持"],
    ])
    merge_down(tasks, 2, 1, 3, "省发展改革委")
    return saved(document)


@pytest.fixture(scope="module")
def hubei(lexicon):
    return parse_document(hubei_plan(), name="hubei.docx", lexicon=lexicon)


def responsible(parsed) -> dict[str, list[tuple[str, str]]]:
    return {clause.key: [(mention.raw, mention.role) for mention in clause.departments
                         if mention.role in (LEAD, CO, IMPLEMENTING)] for clause in parsed.clauses}


def test_a_word_plan_end_to_end_has_its_metadata_and_its_numbered_clauses(hubei):
    assert hubei.metadata.doc_number == "鄂政办发〔2023〕18号"
    assert hubei.metadata.title == "湖北省人民政府办公厅关于印发湖北省推动制造业有序转移实施方案的通知"
    labels = {clause.key: clause.label for clause in hubei.clauses}
    assert labels["a1.p1"] == "一、" and labels["a1.p1.i1"] == "（一）" and labels["a1.p1.i2"] == "（二）"
    assert labels["a1.p2"] == "二、"


def test_a_word_plan_end_to_end_gives_duty_lines_and_merged_table_cells_their_roles(hubei):
    duties = responsible(hubei)
    assert duties["a1.p1.i1"] == [("省发展改革委", LEAD), ("省经信厅", CO), ("省科技厅", CO)]
    assert duties["a1.p1.i2"] == [("省经信厅", LEAD), ("省商务厅", CO)]
    # the task table: 省发展改革委 in one cell over rows 1–3 leads each of them
    assert duties["a2.s1"] == [("省发展改革委", LEAD), ("省经信厅", CO), ("省科技厅", CO)]
    assert duties["a2.s2"] == [("省发展改革委", LEAD), ("省商务厅", CO), ("省自然资源厅", CO)]
    assert duties["a2.s3"] == [("省发展改革委", LEAD)]
    assert duties["a2.s4"] == [("各县（市、区）人民政府", IMPLEMENTING)]
