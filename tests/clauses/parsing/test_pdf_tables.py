"""Ruled task tables in a PDF → one task per row, across page breaks and wrapped cells.

The PDFs are drawn by the tests (``pdffiles.RuledTable``): each cell's
printed lines are given as a printer sets them in its column — 12-point
characters, 4 points of padding, so the 82-point 牵头单位 and 配合单位 columns hold
six characters a line and the 160-point task column twelve.
"""

from __future__ import annotations

from clauses.parsing.limits import Limits
from clauses.parsing.pdf import pdf_text
from clauses.parsing.pipeline import parse_document

from .pdffiles import Centred, RuledTable, make_pdf

WIDTHS = [30, 160, 82, 82, 60]
HEADER = [["序", "号"], ["重点任务"], ["牵头单位"], ["配合单位"], ["完成时限"]]
# 化局 + 市商务局: 市 would have fitted after 化局, so the writer broke the line: two names.
ROW_1 = [["1"], ["建设伊滨高端装备制造承接", "转移园区。"], ["市发展改革委"], ["市工业和信息", "化局", "市商务局"],
         ["2025年底", "前"]]
ROW_2 = [["2"], ["推动洛阳轴承产业链精准招", "商。"], ["市商务局"], ["市工业和信息", "化局"], ["长期坚持"]]
# 市发展改革委、 does not fit six characters, and 、 may not open a line: 委 goes down with it.
ROW_3 = [["3"], ["完善轴承产业配套服务。"], ["市工业和信息", "化局"], ["市发展改革", "委、市财政局"], ["2026年底", "前"]]

TASKS = [
    "1．建设伊滨高端装备制造承接转移园区。",
    "牵头单位：市发展改革委；配合单位：市工业和信息化局、市商务局",
    "完成时限：2025年底前",
    "2．推动洛阳轴承产业链精准招商。",
    "牵头单位：市商务局；配合单位：市工业和信息化局",
    "完成时限：长期坚持",
    "3．完善轴承产业配套服务。",
    "牵头单位：市工业和信息化局；配合单位：市发展改革委、市财政局",
    "完成时限：2026年底前",
]
AFTER = "\u3000\u3000各县区各部门要按照分工表抓好落实，重大问题及时报告。"


def read(pages) -> list[str]:
    return pdf_text(make_pdf(pages), name="plan.pdf", limits=Limits()).split("\n")


def test_a_table_on_one_page_reads_a_task_per_row_with_wrapped_cells_joined():
    assert read([["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1, ROW_2, ROW_3])]]) == [
        "附件：重点任务分工表", *TASKS, ""]


def test_a_table_continued_on_the_next_page_without_its_header_is_one_table():
    pages = [["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1])],
             [RuledTable(WIDTHS, [ROW_2, ROW_3]), AFTER]]
    assert read(pages) == ["附件：重点任务分工表", *TASKS, "", AFTER, ""]


def test_a_table_continued_with_its_header_printed_again_is_one_table_with_one_header():
    pages = [["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1])],
             [RuledTable(WIDTHS, [HEADER, ROW_2, ROW_3]), AFTER]]
    assert read(pages) == ["附件：重点任务分工表", *TASKS, "", AFTER, ""]


def test_a_table_over_three_pages_continued_by_a_single_row_each_time():
    pages = [["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1])],
             [RuledTable(WIDTHS, [ROW_2])],
             [RuledTable(WIDTHS, [ROW_3]), AFTER]]
    assert read(pages) == ["附件：重点任务分工表", *TASKS, "", "", AFTER, ""]


def _split(row: list[list[str]], lines_above: list[int]) -> tuple[list[list[str]], list[list[str]]]:
    return ([cell[:count] for cell, count in zip(row, lines_above)],
            [cell[count:] for cell, count in zip(row, lines_above)])


def test_a_row_cut_by_the_page_break_and_left_open_as_chromium_prints_it_is_one_row():
    above, below = _split(ROW_2, [1, 1, 1, 1, 1])  # 化局 and 商。 go on at the top of the next page
    pages = [["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1, above], open_bottom=True)],
             [RuledTable(WIDTHS, [below, ROW_3], open_top=True), AFTER]]
    assert read(pages) == ["附件：重点任务分工表", *TASKS, "", AFTER, ""]


def test_a_row_cut_by_the_page_break_and_ruled_on_both_pages_as_word_prints_it_is_one_row():
    """Both parts are ruled: the part below has no 序号, where the row above it has one."""
    above, below = _split(ROW_3, [1, 1, 1, 1, 1])
    pages = [["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1, ROW_2, above])],
             [RuledTable(WIDTHS, [HEADER, below]), AFTER]]
    assert read(pages) == ["附件：重点任务分工表", *TASKS, "", AFTER, ""]


def test_a_table_with_text_under_it_is_not_continued_by_a_table_on_the_next_page():
    other = RuledTable(WIDTHS, [HEADER, ROW_3])
    pages = [[RuledTable(WIDTHS, [HEADER, ROW_1, ROW_2]), "附件2：重点项目表"], [other]]
    assert read(pages) == [*TASKS[:6], "附件2：重点项目表", "", "3．完善轴承产业配套服务。", *TASKS[7:], ""]


def test_a_frame_of_one_row_that_continues_no_table_is_read_as_text():
    note = RuledTable([80, 336], [[["说明"], ["本表所列任务按年度分解落实。"]]])
    assert read([["附件：重点任务分工表", note]]) == ["附件：重点任务分工表", "说明 本表所列任务按年度分解落实。", ""]


def test_the_second_line_of_a_centred_title_is_not_an_indented_paragraph():
    lines = read([[Centred("洛阳市人民政府办公室关于印发洛阳市承接"), Centred("产业转移实施方案的通知"),
                   Centred("洛政办〔2024〕12号"), AFTER]])
    assert lines == ["洛阳市人民政府办公室关于印发洛阳市承接", "产业转移实施方案的通知", "洛政办〔2024〕12号", AFTER, ""]


def test_a_printed_plan_with_its_task_table_across_a_page_break_parses_a_clause_per_row(lexicon):
    """The date is printed in 汉字 (the test printer sets each character in a 16-point cell, which would space
    Arabic digits apart); the signature gives the jurisdiction the departments' short names resolve in."""
    above, below = _split(ROW_2, [1, 1, 1, 1, 1])
    pages = [[Centred("洛阳市人民政府办公室关于印发洛阳市承接"), Centred("产业转移实施方案的通知"),
              Centred("洛政办〔2024〕12号"), "各县区人民政府，市人民政府各部门：",
              "\u3000\u3000《洛阳市承接产业转移实施方案》已经市政府同意，现印发给你们，请认真贯彻落实。",
              "洛阳市人民政府办公室", "二〇二四年三月十二日", "附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1, above], open_bottom=True)],
             [RuledTable(WIDTHS, [HEADER, below, ROW_3], open_top=True)]]
    document = parse_document(make_pdf(pages), name="plan.pdf", lexicon=lexicon)
    assert document.metadata.title == "洛阳市人民政府办公室关于印发洛阳市承接产业转移实施方案的通知"
    assert document.metadata.doc_number == "洛政办〔2024〕12号"
    assert str(document.metadata.issued_on) == "2024-03-12"
    rows = {clause.text.splitlines()[0]: [(mention.name, mention.role.value) for mention in clause.departments]
            for clause in document.clauses if clause.label and clause.label.endswith("．")}
    assert rows == {
        "建设伊滨高端装备制造承接转移园区。": [("洛阳市发展和改革委员会", "lead"), ("洛阳市工业和信息化局", "co"),
                               ("洛阳市商务局", "co")],
        "推动洛阳轴承产业链精准招商。": [("洛阳市商务局", "lead"), ("洛阳市工业和信息化局", "co")],
        "完善轴承产业配套服务。": [("洛阳市工业和信息化局", "lead"), ("洛阳市发展和改革委员会", "co"),
                        ("洛阳市财政局", "co")],
    }
