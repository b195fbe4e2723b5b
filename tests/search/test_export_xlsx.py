"""The search's Excel export: the same rows as its CSV and as its JSON pages, as a spreadsheet shows them.

The oracle is the JSON API, paged (and the clause text from the database, which the JSON only
excerpts), never the row function both exports share. Files are read back with openpyxl.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import openpyxl
import pytest

from clauses.models import Clause
from clauses.permalinks import clause_url
from search import spreadsheet
from search.limits import MAX_FILTERS

HEADING = ["文件", "文号", "条款", "标题", "条款文本", "牵头部门", "责任部门", "地区", "产业", "链接"]


def _guarded(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _json_results(client, params: dict) -> list[dict]:
    results, page = [], 1
    while True:
        body = client.get("/api/search/", {**params, "page_size": 100, "page": page}).json()
        results += body["results"]
        if page >= body["num_pages"]:
            return results
        page += 1


def _expected_rows(client, params: dict) -> list[list[str]]:
    # 条款文本 is the whole clause, led by its heading unless its text already begins with it.
    texts = {"http://testserver" + clause_url(clause.document.slug, clause.key):
             clause.text if clause.text.startswith(clause.heading) else f"{clause.heading}\n{clause.text}".strip("\n")
             for clause in Clause.objects.current().select_related("document")}
    rows = []
    for result in _json_results(client, params):
        departments = result["departments"]
        rows.append([_guarded(value or "") for value in [
            result["document"]["title"], result["document"]["doc_number"], result["clause"]["label"],
            result["clause"]["heading"], texts[result["permalink"]],
            "、".join(item["name"] for item in departments if item["role"] == "lead"),
            "、".join(item["name"] for item in departments if item["role"] != "named"),
            "、".join(result["regions"]), "、".join(result["industries"]), result["permalink"]]])
    return rows


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    try:
        return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    finally:
        response.close()


def _csv_rows(response) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    finally:
        response.close()


@pytest.fixture(autouse=True)
def export_slot_given_back():
    yield
    assert spreadsheet._slot.acquire(blocking=False), "an export kept the process's slot"
    spreadsheet._slot.release()


@pytest.mark.usefixtures("seeded_index", "db")
class TestSearchExcelExport:
    @pytest.mark.parametrize("params", [{}, {"q": "产业"}, {"region": "四川省"}, {"lead": "省经济合作局"}])
    def test_every_row_is_the_searchs_result_as_the_json_and_the_csv_give_it(self, client, params):
        expected = _expected_rows(client, params)
        assert expected
        sheet = _sheet(client.get("/api/search/export.xlsx", params))
        rows = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
        assert rows[0] == HEADING
        assert len(rows) - 1 == len(expected)
        label = HEADING.index("条款")
        for row, wanted in zip(rows[1:], expected):
            # 条款 may be led by its part's label (第二部分 3.); the JSON gives the clause's own.
            assert row[label] == wanted[label] or row[label].endswith(" " + wanted[label])
            assert row[:label] + row[label + 1:] == wanted[:label] + wanted[label + 1:]
        assert _csv_rows(client.get("/api/search/export.csv", params)) == rows

    def test_the_sheet_is_made_to_be_read(self, client):
        sheet = _sheet(client.get("/api/search/export.xlsx", {"q": "产业"}))
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        assert all(cell.alignment.wrap_text for cell in sheet["E"][1:])  # 条款文本
        links = sheet["J"][1:]
        assert links and all(cell.hyperlink.target == cell.value for cell in links)
        assert all(cell.value.startswith("http://testserver/d/") for cell in links)
        widths = sheet.column_dimensions
        assert widths["A"].width > widths["B"].width  # titles in Chinese, wider than 文号

    def test_an_export_while_another_runs_is_told_to_retry_in_either_format(self, client):
        first = client.get("/api/search/export.csv")
        next(iter(first.streaming_content))  # under way
        for url in ("/api/search/export.xlsx", "/api/search/export.csv"):
            busy = client.get(url)
            assert busy.status_code == 429
            assert int(busy["Retry-After"]) > 0
            assert "稍后再试" in busy.content.decode()
        first.close()
        _sheet(client.get("/api/search/export.xlsx"))  # free again
        again = client.get("/api/search/export.csv")  # and again: the Excel file gave it back
        assert again.status_code == 200
        again.close()  # as every WSGI server does: the slot is the process's

    @pytest.mark.parametrize("params", [{"sort": "sideways"}, {"year": [str(year) for year in
                                                                                   range(2000, 2001 + MAX_FILTERS)]}])
    def test_a_bad_parameter_is_a_400_with_the_reason_as_text(self, client, params):
        for url in ("/api/search/export.xlsx", "/api/search/export.csv"):
            response = client.get(url, params)
            assert response.status_code == 400, url
            assert response["Content-Type"].startswith("text/plain")
            assert response.content.decode().strip()

    @pytest.mark.parametrize("params", [{"industry": "火星采矿"}, {"year": "abc"}, {"region": "\x00"}])
    def test_a_filter_value_that_matches_nothing_is_an_empty_sheet_not_an_error(self, client, params):
        sheet = _sheet(client.get("/api/search/export.xlsx", params))
        assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [HEADING]

    def test_the_search_page_offers_excel_beside_csv_for_the_same_search(self, client):
        page = client.get("/search/", {"q": "锂电", "region": "四川省"}).content.decode()
        csv_href = unescape(re.search(r'<a href="([^"]+)">导出 CSV</a>', page).group(1))
        xlsx_href = unescape(re.search(r'<a href="([^"]+)">导出 Excel</a>', page).group(1))
        assert csv_href.startswith("/api/search/export.csv?") and "q=" in csv_href
        assert xlsx_href == csv_href.replace("/api/search/export.csv?", "/api/search/export.xlsx?")


@pytest.mark.usefixtures("indexed_seeds")
def test_a_formula_in_a_clause_is_text_in_every_export(client, django_capture_on_commit_callbacks):
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
    with django_capture_on_commit_callbacks(execute=True):
        clause.heading, clause.text = "=1+1", "@SUM(A1) 伊斯坦布尔"
        clause.save()
    sheet = _sheet(client.get("/api/search/export.xlsx", {"q": "伊斯坦布尔"}))
    heading, text = (sheet.cell(row=2, column=HEADING.index(name) + 1) for name in ("标题", "条款文本"))
    assert (heading.value, heading.data_type) == ("=1+1", "s")  # text as it is, never a formula
    assert (text.value, text.data_type) == ("=1+1\n@SUM(A1) 伊斯坦布尔", "s")
    row = _csv_rows(client.get("/api/search/export.csv", {"q": "伊斯坦布尔"}))[1]
    assert (row[HEADING.index("标题")], row[HEADING.index("条款文本")]) == ("'=1+1", "'=1+1\n@SUM(A1) 伊斯坦布尔")
