"""A table as a download: what Excel and CSV show, formulas refused, rows never held, one export at a time.

The Excel files are read back with openpyxl, a library independent of XlsxWriter, which writes them.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import tracemalloc

import openpyxl
import pytest

from search import spreadsheet
from search.spreadsheet import Column, ExportBusy

# Closing a response, as a server does, sends ``request_finished``, which looks at the database connection.
pytestmark = pytest.mark.django_db

COLUMNS = [Column("文件"), Column("code"), Column("条款文本", wrap=True, max_width=50), Column("链接", link=True)]
LONG_TEXT = "各市（州）人民政府要加快推进成渝地区双城经济圈建设，落实好产业协作的各项政策措施。" * 5  # 200 characters


@pytest.fixture(autouse=True)
def export_slot_given_back():
    """Every test leaves the process's export slot free, whatever it did."""
    yield
    assert spreadsheet._slot.acquire(blocking=False), "an export kept the slot"
    spreadsheet._slot.release()


def _row(number: int) -> list[str]:
    return [f"四川省第{number}号文件", f"R{number}", LONG_TEXT, f"https://example.org/d/doc-{number}/p1/"]


def _rows(count: int) -> list[list[str]]:
    return [_row(number) for number in range(1, count + 1)]


def _workbook(response) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    finally:
        response.close()


def _csv(response) -> list[list[str]]:
    try:
        body = b"".join(response.streaming_content)
    finally:
        response.close()
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _values(sheet) -> list[list[str]]:
    return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]


def test_the_excel_file_holds_the_heading_and_every_row_as_text():
    rows = _rows(150)  # beyond the rows read ahead to fit the widths
    response = spreadsheet.xlsx_download("任务分工表.xlsx", COLUMNS, iter(rows), "任务分工表")
    assert response["Content-Type"] == spreadsheet.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert "%E4%BB%BB%E5%8A%A1" in response["Content-Disposition"]  # 任务…, encoded as RFC 6266 asks
    sheet = _workbook(response).active
    assert sheet.title == "任务分工表"
    assert _values(sheet) == [[column.heading for column in COLUMNS], *rows]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"


def test_widths_fit_chinese_text_within_the_columns_limit():
    sheet = _workbook(spreadsheet.xlsx_download("t.xlsx", COLUMNS, _rows(3), "t")).active
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    # 四川省第1号文件: 7 wide characters and a digit, 15 character widths; R1: 2 (its heading, 4).
    assert widths["A"] >= 15 and 4 <= widths["B"] < 8
    assert widths["C"] <= 50 + 1  # capped; openpyxl reads back Excel's width with its padding
    assert widths["C"] > widths["A"]
    assert sheet["C2"].alignment.wrap_text and not sheet["A2"].alignment.wrap_text


def test_display_width_counts_wide_and_full_width_characters_twice():
    assert spreadsheet.display_width("abc") == 3
    assert spreadsheet.display_width("四川") == 4
    assert spreadsheet.display_width("（Ａ）") == 6  # full-width forms
    assert spreadsheet.display_width("长一些的第一行\nab") == 14


def test_each_link_cell_is_a_hyperlink_to_its_url():
    rows = _rows(4)
    sheet = _workbook(spreadsheet.xlsx_download("t.xlsx", COLUMNS, rows, "t")).active
    assert [(cell.value, cell.hyperlink.target) for cell in sheet["D"][1:]] == [(row[3], row[3]) for row in rows]
    assert all(cell.hyperlink is None for cell in sheet["A"])


def test_past_excels_hyperlink_limit_the_url_is_plain_text(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_HYPERLINKS", 3)
    rows = _rows(5)
    sheet = _workbook(spreadsheet.xlsx_download("t.xlsx", COLUMNS, rows, "t")).active
    assert [cell.hyperlink.target if cell.hyperlink else None for cell in sheet["D"][1:]] == [
        rows[0][3], rows[1][3], rows[2][3], None, None]
    assert [cell.value for cell in sheet["D"][1:]] == [row[3] for row in rows]


@pytest.mark.parametrize("value", ["=1+1", "+86 28", "-1", "@SUM(A1)"])
def test_no_cell_runs_as_a_formula_in_either_format(value):
    columns = [Column(value), Column("链接", link=True)]
    rows = [[value, "=HYPERLINK(\"http://evil\")"]]
    sheet = _workbook(spreadsheet.xlsx_download("t.xlsx", columns, rows, "t")).active
    # Excel: a text cell, never a formula ("f"), keeping the text as it is (the same as the JSON).
    for cell in (sheet["A1"], sheet["A2"], sheet["B2"]):
        assert cell.data_type == "s"
    assert (sheet["A1"].value, sheet["A2"].value) == (value, value)
    assert _csv(spreadsheet.csv_download("t.csv", columns, rows)) == [
        ["'" + value, "链接"], ["'" + value, "'=HYPERLINK(\"http://evil\")"]]


def test_text_that_merely_contains_a_sign_is_left_alone():
    rows = [["a=1", "税率-1%", "x@y", "http://x/"]]
    assert _csv(spreadsheet.csv_download("t.csv", COLUMNS, rows))[1] == rows[0]


def test_the_csv_is_utf8_with_a_bom_and_reads_its_rows_as_the_client_reads():
    read = []

    def rows():
        for row in _rows(3):
            read.append(row)
            yield row

    response = spreadsheet.csv_download("t.csv", COLUMNS, rows())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert read == []  # nothing read before the client asks
    assert _csv(response) == [[column.heading for column in COLUMNS], *_rows(3)]


def test_a_sheet_title_excel_would_refuse_is_made_acceptable():
    sheet = _workbook(spreadsheet.xlsx_download("t.xlsx", COLUMNS, [], "'四川省/成都市: [牵头]?'" + "长" * 40)).active
    assert len(sheet.title) <= 31
    assert not set(sheet.title) & set("[]:*?/\\") and not sheet.title.startswith("'")


class TestOneExportAtATime:
    def test_an_excel_export_while_a_csv_streams_is_refused_until_it_closes(self):
        streaming = spreadsheet.csv_download("t.csv", COLUMNS, _rows(3))
        next(iter(streaming.streaming_content))
        with pytest.raises(ExportBusy):
            spreadsheet.xlsx_download("t.xlsx", COLUMNS, _rows(3), "t")
        with pytest.raises(ExportBusy):
            spreadsheet.csv_download("t.csv", COLUMNS, _rows(3))
        streaming.close()
        spreadsheet.xlsx_download("t.xlsx", COLUMNS, _rows(3), "t").close()

    def test_a_csv_while_an_excel_file_is_written_is_refused(self):
        refused = []

        def rows():
            with pytest.raises(ExportBusy):
                spreadsheet.csv_download("t.csv", COLUMNS, [])
            refused.append(True)
            yield from _rows(2)

        spreadsheet.xlsx_download("t.xlsx", COLUMNS, rows(), "t").close()
        assert refused == [True]
        spreadsheet.csv_download("t.csv", COLUMNS, []).close()  # given back once written, before it is sent

    def test_the_busy_answer_is_429_with_a_retry_after(self):
        response = spreadsheet.busy_response()
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        assert "稍后再试" in response.content.decode()


def test_a_failure_while_writing_excel_leaves_no_file_and_frees_the_slot(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def rows():
        yield from _rows(WIDTH_SAMPLE := spreadsheet.WIDTH_SAMPLE_ROWS + 5)  # some rows already written
        raise RuntimeError(f"the index went away after {WIDTH_SAMPLE} rows")

    with pytest.raises(RuntimeError, match="the index went away"):
        spreadsheet.xlsx_download("t.xlsx", COLUMNS, rows(), "t")
    assert list(tmp_path.iterdir()) == []
    spreadsheet.csv_download("t.csv", COLUMNS, []).close()  # the slot is free


def _peak_while_writing(rows) -> int:
    columns = [Column("文件"), Column("条款文本", wrap=True), Column("链接", link=True)]
    tracemalloc.start()
    try:
        response = spreadsheet.xlsx_download("t.xlsx", columns, rows, "t")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        response.close()


def _numbered_rows(count: int):
    for number in range(count):  # made one at a time, as the index gives them
        yield [f"四川省第{number}号文件", f"{number}{LONG_TEXT}", f"https://example.org/d/doc-{number}/p1/"]


def test_rows_are_written_as_they_come_not_held():
    """10,000 rows of 200 Chinese characters: the writer's peak memory is a fraction of what they take."""
    size = sum(sys.getsizeof(value) for row in _numbered_rows(10_000) for value in row)
    assert size > 6_000_000
    assert _peak_while_writing(row[:2] + [""] for row in _numbered_rows(10_000)) < size / 4


def test_only_the_hyperlinks_up_to_excels_limit_are_held(monkeypatch):
    """XlsxWriter keeps a record of each hyperlink (about 600 bytes) until the sheet is assembled, as they
    are written after the rows: past ``MAX_HYPERLINKS`` a row's URL is text and nothing is kept."""
    monkeypatch.setattr(spreadsheet, "MAX_HYPERLINKS", 0)
    none_linked = _peak_while_writing(_numbered_rows(2_000))
    monkeypatch.setattr(spreadsheet, "MAX_HYPERLINKS", 200)
    # Every row's link kept would be 2,000 records, over a megabyte.
    assert _peak_while_writing(_numbered_rows(2_000)) - none_linked < 200 * 1_500
