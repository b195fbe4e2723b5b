"""Ruled task tables in a PDF → one task per row, across page breaks and wrapped cells.

The PDFs are drawn by the tests (``pdffiles.RuledTable``): each cell's
printed lines are given as a printer sets them in its column — 12-point
characters, 4 points of padding, so the 82-point 牵头单位 and 配合单位 columns hold
six characters a line and the 160-point task column twelve.
"""

from __future__ import annotations

import pytest

from clauses.parsing import pdf_tables
from clauses.parsing.limits import Limits
from clauses.parsing.pdf import MAX_PATHS_PER_PAGE, pdf_text
from clauses.parsing.pdf_tables import Box, TooManyRules, find_grids
from clauses.parsing.pipeline import parse_document

from .pdffiles import Centred, Dots, RuledTable, make_pdf

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


def _numbered_grid(rows: int, columns: int) -> list[list[list[str]]]:
    """Each cell its row and column number (0312), every seventh cell along a diagonal empty."""
    return [[[] if (row + column) % 7 == 0 else [f"{row:02d}{column:02d}"] for column in range(columns)]
            for row in range(rows)]


@pytest.mark.parametrize("cells_drawn", [False, True], ids=["rules across", "a rectangle per cell"])
def test_a_large_ruled_grid_is_read_cell_by_cell(cells_drawn):
    """30 rows of 15 columns: 450 cells, drawn as rules across the table or as 450 rectangles (1,800
    edges). An empty cell reads as -, which only a cell of a table found gives."""
    rows = _numbered_grid(30, 15)
    text = pdf_text(make_pdf([[RuledTable([32] * 15, rows, cells_drawn=cells_drawn)]], footer=""),
                    name="grid.pdf", limits=Limits())
    assert text.split("\n") == [" ".join(cell[0] if cell else "-" for cell in row) for row in rows] + [""]


def _cell_rectangles(rows: int, columns: int) -> list[Box]:
    return [Box(50 + 20 * column, 800 - 12 * (row + 1), 50 + 20 * (column + 1), 800 - 12 * row)
            for row in range(rows) for column in range(columns)]


def test_the_work_of_grouping_rules_grows_with_the_cells_not_with_their_square(monkeypatch):
    """Rules are compared with the rules near them, not with every rule of the page: four times the
    cells, about four times the comparisons (comparing every pair would make it sixteen)."""
    compared = 0
    touch = pdf_tables._touch

    def counted(first, second):
        nonlocal compared
        compared += 1
        return touch(first, second)

    monkeypatch.setattr(pdf_tables, "_touch", counted)
    work = {}
    for size in (20, 40):
        compared = 0
        grids = find_grids(_cell_rectangles(size, size))
        assert [(len(grid.columns), len(grid.rows)) for grid in grids] == [(size + 1, size + 1)]
        work[size] = compared
    assert work[40] <= 5 * work[20]


def test_rules_piled_by_the_thousand_stop_the_search_for_tables():
    """Two piles of 1,000 rules each, 3.5 points apart (no rule of one touches the other's): each rule of
    the second pile would be compared with the whole first pile."""
    piles = ([Box(100 + index / 1000, 100, 100.5 + index / 1000, 400) for index in range(1000)]
             + [Box(105, 100 + index / 1000, 105.5, 400 + index / 1000) for index in range(1000)])
    with pytest.raises(TooManyRules):
        find_grids(piles)


TABLE_RULES = 5 + 6  # the task table below: rules above, between and under its 4 rows; 6 column rules


@pytest.mark.parametrize("dots, tables_read", [(MAX_PATHS_PER_PAGE - TABLE_RULES, True),
                                               (MAX_PATHS_PER_PAGE - TABLE_RULES + 1, False)])
def test_a_page_drawing_more_than_the_paths_read_is_read_as_text_with_a_warning(dots, tables_read):
    warnings: list[str] = []
    raw = make_pdf([["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1, ROW_2, ROW_3]), AFTER, Dots(dots)]])
    lines = pdf_text(raw, name="plan.pdf", limits=Limits(), warnings=warnings).split("\n")
    assert (lines[:len(TASKS) + 1] == ["附件：重点任务分工表", *TASKS]) is tables_read
    if tables_read:
        assert warnings == []
    else:
        text = "\n".join(lines)
        assert "牵头单位：" not in text and "推动洛阳轴承产业链精准招" in text  # the cells' printed lines, as text
        assert warnings == [f"PDF 第 1 页绘有超过 {MAX_PATHS_PER_PAGE:,} 个线条和图形，或线条交错无法分辨（图纸、地图）："
                            "已按文字读取，未识别其中的表格；如该页印有表格，请核对相应条款"]


def test_a_page_whose_rules_are_too_tangled_is_read_as_text_and_the_warning_reaches_the_document(
        monkeypatch, lexicon):
    def tangled(boxes):
        raise TooManyRules

    monkeypatch.setattr("clauses.parsing.pdf.find_grids", tangled)
    raw = make_pdf([["附件：重点任务分工表", RuledTable(WIDTHS, [HEADER, ROW_1, ROW_2, ROW_3])]])
    document = parse_document(raw, name="plan.pdf", lexicon=lexicon)
    assert any(warning.startswith("PDF 第 1 页绘有超过") for warning in document.warnings)
