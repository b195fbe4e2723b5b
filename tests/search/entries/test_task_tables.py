"""任务分工表 downloads: a document's and a department's tasks as Excel and CSV, read back independently."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from clauses.models import Clause, ClauseDepartment, Department

from .pages import every_page

DOCUMENT = "chuanbanfa-2022-67"
ROLES = {"lead": 3, "co": 4, "implementing": 5}  # the 牵头单位, 配合单位, 落实单位 columns of a document's table


def _sheet(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestTaskTables:
    def test_a_documents_table_lists_its_tasks_in_reading_order_with_every_duty(self, client):
        sheet = _sheet(client.get(f"/d/{DOCUMENT}/tasks.xlsx"))
        assert sheet.freeze_panes == "A2"
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == ["序号", "条款", "重点任务", "牵头单位", "配合单位", "落实单位", "永久链接"]

        duties = ClauseDepartment.objects.filter(status="active", clause__document__slug=DOCUMENT,
                                                 clause__retired_at__isnull=True, role__in=ROLES)
        clause_ids = set(duties.values_list("clause_id", flat=True))
        clauses = list(Clause.objects.filter(pk__in=clause_ids).order_by("order"))
        assert len(rows) - 1 == len(clauses) > 10
        for number, (row, clause) in enumerate(zip(rows[1:], clauses), start=1):
            assert row[0] == number  # a number, to sort and count
            assert row[6] == "http://testserver" + clause.get_absolute_url()
            assert (clause.heading or clause.text[:10]) in row[2]
            for role, column in ROLES.items():
                expected = set(duties.filter(clause=clause, role=role).values_list("department__name", flat=True))
                assert set(filter(None, (row[column] or "").split("、"))) == expected, (clause.key, role)
        link_cells = [sheet.cell(row=index, column=7) for index in range(2, len(rows) + 1)]
        assert all(cell.hyperlink is not None and cell.hyperlink.target == cell.value for cell in link_cells)

        as_csv = _csv_rows(client.get(f"/d/{DOCUMENT}/tasks.csv"))
        assert as_csv == [["" if cell is None else str(cell) for cell in row] for row in rows]

    def test_a_permalink_in_the_table_opens_its_clause(self, client):
        rows = list(_sheet(client.get(f"/d/{DOCUMENT}/tasks.xlsx")).iter_rows(min_row=2, values_only=True))
        page = client.get(rows[0][6].removeprefix("http://testserver"))
        assert page.status_code == 200 and rows[0][1].split()[-1] in page.content.decode()

    def test_a_departments_table_has_the_rows_of_its_json_in_its_order(self, client):
        department = Department.objects.get(name="四川省经济合作局")
        listed = every_page(client, f"/api/departments/{department.slug}/")
        sheet = _sheet(client.get(f"/departments/{department.slug}/tasks.xlsx"))
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:6] == ("序号", "文件", "文号", "条款", "重点任务", "本单位角色")
        assert len(rows) - 1 == len(listed)
        role_labels = {"lead": "牵头", "co": "配合/共同负责", "implementing": "落实层级", "issuing": "发文单位"}
        for row, item in zip(rows[1:], listed):
            assert (row[1], row[2] or "") == (item["document"]["title"], item["document"]["doc_number"])
            assert row[5] == role_labels[item["role"]]
            assert row[9] == item["permalink"]
            lead = {entry["name"] for entry in item["departments"] if entry["role"] == "lead"}
            assert set(filter(None, (row[6] or "").split("、"))) == lead

    def test_the_departments_table_follows_the_pages_filters(self, client):
        department = Department.objects.get(name="四川省经济合作局")
        body = client.get(f"/api/departments/{department.slug}/", {"region": "宜宾"}).json()
        rows = _csv_rows(client.get(f"/departments/{department.slug}/tasks.csv", {"region": "宜宾"}))
        assert len(rows) - 1 == body["count"] > 0
        response = client.get(f"/departments/{department.slug}/tasks.xlsx", {"year": "去年"})
        assert response.status_code == 400 and "不是年份" in response.content.decode()

    def test_unknown_documents_departments_and_formats_are_404(self, client):
        department = Department.objects.get(name="四川省经济合作局")
        for url in ("/d/no-such-document/tasks.xlsx", f"/departments/{department.slug}/tasks.pdf",
                    f"/d/{DOCUMENT}/tasks.exe", "/departments/nobody/tasks.csv"):
            assert client.get(url).status_code == 404, url
