"""The responsibility matrix: departments × documents of a search, each cell the clauses led / co-led."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest

from clauses.models import ClauseDepartment
from search.selectors import SearchRequest, search


def _database_cells(role: str, **clause_filters) -> Counter:
    """(department, document slug) → current clauses in that role, straight from the table."""
    links = ClauseDepartment.objects.filter(status="active", role=role, clause__retired_at__isnull=True,
                                            **{f"clause__{key}": value for key, value in clause_filters.items()})
    return Counter(links.values_list("department__name", "clause__document__slug"))


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestMatrix:
    @pytest.mark.parametrize("params, clause_filters", [
        ({}, {}),
        ({"year": "2022"}, {"document__issued_on__year": 2022}),
        ({"kind": "implementing"}, {"document__kind": "implementing"}),
    ])
    def test_cells_are_the_clauses_each_department_leads_and_co_leads_in_each_document(self, client, params,
                                                                                       clause_filters):
        body = client.get("/api/matrix/", params).json()
        shown = {(row["name"], column["slug"]): cell for row in body["departments"]
                 for column, cell in zip(body["documents"], row["cells"])}
        lead, co = _database_cells("lead", **clause_filters), _database_cells("co", **clause_filters)
        assert body["hidden_departments"] == 0 and body["hidden_documents"] == 0
        assert {key for key, cell in shown.items() if cell["lead"]} == set(lead)
        assert {key for key, cell in shown.items() if cell["co"]} == set(co)
        for key, cell in shown.items():
            assert (cell["lead"], cell["co"]) == (lead[key], co[key]), key

    def test_each_departments_totals_are_its_counts_in_the_search_facets(self, client):
        for params in ({}, {"region": "四川省"}, {"q": "承接"}):
            body = client.get("/api/matrix/", params).json()
            filters = [(name, value) for name, value in params.items() if name != "q"]
            facets = search(SearchRequest(q=params.get("q", ""), filters=filters)).facets
            assert {row["name"]: row["lead"] for row in body["departments"] if row["lead"]} == dict(facets["lead"])
            assert {row["name"]: row["co"] for row in body["departments"] if row["co"]} == dict(facets["co"])

    def test_a_cells_link_opens_the_search_for_its_clauses(self, client):
        page = client.get("/matrix/", {"year": "2022"})
        assert page.status_code == 200
        body = client.get("/api/matrix/", {"year": "2022"}).json()
        row = body["departments"][0]
        column, cell = next((column, cell) for column, cell in zip(body["documents"], row["cells"]) if cell["lead"])
        html = page.content.decode()
        link = next(part.split('"')[0] for part in html.split('href="')[1:]
                    if f"document={column['slug']}" in part and "lead=" in part.split('"')[0]
                    and ("lead=" + __import__("urllib.parse").parse.quote_plus(row["name"])) in part.split('"')[0])
        params = dict(parse_qsl(urlsplit(link.replace("&amp;", "&")).query))
        assert params == {"year": "2022", "lead": row["name"], "document": column["slug"]}
        found = client.get("/api/search/", params).json()
        assert found["count"] == cell["lead"]

    def test_rows_and_columns_sort_as_asked(self, client):
        by_name = [row["name"] for row in client.get("/api/matrix/", {"rows": "name"}).json()["departments"]]
        assert by_name == sorted(by_name)
        by_co = [row["co"] for row in client.get("/api/matrix/", {"rows": "co"}).json()["departments"]]
        assert by_co == sorted(by_co, reverse=True)
        dates = [column["issued_on"] for column in client.get("/api/matrix/").json()["documents"]]
        assert dates == sorted(dates, reverse=True)
        totals = [column["lead"] + column["co"] for column in
                  client.get("/api/matrix/", {"columns": "total"}).json()["documents"]]
        assert totals == sorted(totals, reverse=True)

    def test_only_the_largest_are_shown_and_the_rest_are_counted(self, client, monkeypatch):
        everything = client.get("/api/matrix/").json()
        monkeypatch.setattr("search.matrix.MAX_DEPARTMENTS", 3)
        monkeypatch.setattr("search.matrix.MAX_DOCUMENTS", 2)
        body = client.get("/api/matrix/").json()
        assert len(body["departments"]) == 3 and len(body["documents"]) == 2
        assert body["hidden_departments"] == len(everything["departments"]) - 3
        assert body["hidden_documents"] == len(everything["documents"]) - 2
        # The largest by the order asked for: by lead (the default), by co, by total when ordered by name.
        for order, size in (("lead", lambda row: row["lead"]), ("co", lambda row: row["co"]),
                            ("name", lambda row: row["lead"] + row["co"])):
            shown = client.get("/api/matrix/", {"rows": order}).json()["departments"]
            smallest_shown = min(size(row) for row in shown)
            hidden = [row for row in everything["departments"] if row["name"] not in {row["name"] for row in shown}]
            assert all(size(row) <= smallest_shown for row in hidden), order

    @pytest.mark.parametrize("params, message", [
        ({"region": "火星"}, "没有名为“火星”的地区"), ({"rows": "sideways"}, "行排序"), ({"columns": "x"}, "列排序"),
        ({"year": "abcd"}, "不是年份"), ([("year", str(year)) for year in range(2000, 2019)], "筛选条件过多"),
        ({"rows": "x", "q": "产业" * 3000}, "行排序"),
    ])
    def test_bad_requests_are_a_clear_400(self, client, params, message):
        response = client.get("/api/matrix/", params)
        assert response.status_code == 400 and message in response.json()["error"]
        page = client.get("/matrix/", params)
        assert page.status_code == 400 and message in page.content.decode()
        assert "0 条条款" in page.content.decode()  # a refused request counts nothing

    def test_the_excel_export_has_the_matrix_of_the_json(self, client):
        import io

        import openpyxl

        params = {"year": "2022", "rows": "co"}
        body = client.get("/api/matrix/", params).json()
        response = client.get("/api/matrix/export.xlsx", params)
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0][3:-1]) == [column["doc_number"] or column["title"] for column in body["documents"]]
        assert [row[0] for row in rows[1:]] == [row["name"] for row in body["departments"]]
        for row, department in zip(rows[1:], body["departments"]):
            assert (row[1], row[2]) == (department["lead"], department["co"])  # numbers, to sum and sort
            for text, cell in zip(row[3:-1], department["cells"]):
                expected = " / ".join(part for part in (f"牵头 {cell['lead']}" if cell["lead"] else "",
                                                       f"配合 {cell['co']}" if cell["co"] else "") if part)
                assert (text or "") == expected
            assert row[-1] == f"http://testserver/departments/{department['slug']}/"
        assert client.get("/api/matrix/export.xlsx", {"region": "火星"}).status_code == 400
