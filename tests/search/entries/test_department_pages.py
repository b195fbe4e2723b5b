"""A department's page and its JSON: every clause it is responsible for, lead first within each document."""

from __future__ import annotations

import pytest

from clauses.models import Clause, ClauseDepartment, Department, Region
from clauses.services.merge import merge
from search.selectors import SearchRequest, search

from ..oracles import clauses_within_regions
from .pages import every_page

RESPONSIBLE = ("lead", "co", "implementing", "issuing")


def _expected_links(department: Department) -> list[ClauseDepartment]:
    """The department's responsible links to current clauses, straight from the table."""
    return list(ClauseDepartment.objects.filter(department=department, status="active", role__in=RESPONSIBLE,
                                                clause__retired_at__isnull=True)
                .select_related("clause__document"))


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestDepartmentPage:
    def test_lists_every_responsible_clause_newest_document_first_and_lead_first_within_it(self, client,
                                                                                             monkeypatch):
        monkeypatch.setattr("search.limits.ENTRY_PAGE_SIZE", 5)
        department = Department.objects.get(name="四川省发展和改革委员会")
        expected = _expected_links(department)
        assert len(expected) > 10  # three pages or more
        rows = every_page(client, f"/api/departments/{department.slug}/")
        assert sorted((row["document"]["slug"], row["clause"]["key"], row["role"]) for row in rows) == \
            sorted((link.clause.document.slug, link.clause.key, link.role) for link in expected)

        issued = {link.clause.document.slug: link.clause.document.issued_on for link in expected}
        order = {(link.clause.document.slug, link.clause.key): link.clause.order for link in expected}
        dates = [issued[row["document"]["slug"]] for row in rows]
        assert dates == sorted(dates, key=lambda day: (day is None, -(day.toordinal() if day else 0)))
        for before, after in zip(rows, rows[1:]):
            if before["document"]["slug"] == after["document"]["slug"]:
                lead_first = (before["role"] != "lead", order[before["document"]["slug"], before["clause"]["key"]])
                assert lead_first <= (after["role"] != "lead", order[after["document"]["slug"], after["clause"]["key"]])

    def test_counts_by_role_agree_with_the_search_facets(self, client):
        for name in ("四川省经济合作局", "四川省经济和信息化厅", "四川省发展和改革委员会"):
            department = Department.objects.get(name=name)
            counts = client.get(f"/api/departments/{department.slug}/").json()["counts"]
            assert counts["lead"] == search(SearchRequest(filters=[("lead", name)])).count
            assert sum(counts.values()) == search(SearchRequest(filters=[("department", name)])).count
            listing = {row["slug"]: row for row in client.get("/api/departments/").json()["departments"]}
            assert listing[department.slug]["lead"] == counts["lead"]
            assert listing[department.slug]["co"] == counts["co"]

    @pytest.mark.parametrize("filters", [{"region": "四川省"}, {"year": "2022"}, {"industry": "先进制造业"},
                                         {"region": "宜宾", "year": "2022"}])
    def test_filtered_counts_agree_with_the_facets_of_the_same_filtered_search(self, client, filters):
        pairs = list(filters.items())
        facets = search(SearchRequest(filters=pairs)).facets
        lead, co = dict(facets.get("lead", [])), dict(facets.get("co", []))
        checked = 0
        for name in ("四川省经济合作局", "四川省经济和信息化厅", "四川省发展和改革委员会", "四川省商务厅"):
            department = Department.objects.get(name=name)
            counts = client.get(f"/api/departments/{department.slug}/", filters).json()["counts"]
            assert (counts["lead"], counts["co"]) == (lead.get(name, 0), co.get(name, 0)), (name, filters)
            checked += counts["lead"] + counts["co"]
        assert checked  # the filter leaves these departments something to count

    def test_filters_by_region_year_and_document(self, client):
        department = Department.objects.get(name="四川省经济合作局")
        url = f"/api/departments/{department.slug}/"
        within = clauses_within_regions("宜宾市")
        expected = {link.clause_id for link in _expected_links(department) if link.clause_id in within}
        rows = every_page(client, url, {"region": "宜宾"})  # an alias, resolved as search resolves it
        keys = {(row["document"]["slug"], row["clause"]["key"]) for row in rows}
        assert keys == {(clause.document.slug, clause.key)
                        for clause in Clause.objects.filter(pk__in=expected).select_related("document")}
        assert 0 < len(keys) < len(_expected_links(department))

        for row in every_page(client, url, {"year": "2022"}):
            assert row["document"]["issued_on"].startswith("2022")
        slug = rows[0]["document"]["slug"]
        assert {row["document"]["slug"] for row in every_page(client, url, {"document": slug})} == {slug}

    def test_a_clause_lists_the_other_responsible_departments_with_their_pages(self, client):
        department = Department.objects.get(name="四川省经济合作局")
        page = client.get(f"/departments/{department.slug}/")
        assert page.status_code == 200
        html = page.content.decode()
        partner = Department.objects.get(name="四川省发展和改革委员会")
        assert f'href="/departments/{partner.slug}/"' in html
        first = client.get(f"/api/departments/{department.slug}/").json()["clauses"][0]
        assert first["permalink"].removeprefix("http://testserver") in html
        assert client.get(first["permalink"]).status_code == 200

    @pytest.mark.parametrize("params, message", [
        ({"year": "22"}, "不是年份"), ({"region": "火星"}, "没有名为“火星”的地区"),
        ({"document": "no-such-document"}, "没有标识为"), ({"page": "abc"}, "不是页码"), ({"page": "999"}, "页码超出"),
    ])
    def test_bad_filters_and_pages_are_a_clear_400(self, client, params, message):
        department = Department.objects.get(name="四川省经济合作局")
        response = client.get(f"/api/departments/{department.slug}/", params)
        assert response.status_code == 400 and message in response.json()["error"]
        page = client.get(f"/departments/{department.slug}/", params)
        assert page.status_code == 400 and message in page.content.decode()

    def test_unknown_addresses_are_404_in_both_forms(self, client):
        assert client.get("/departments/no-such-body/").status_code == 404
        response = client.get("/api/departments/no-such-body/")
        assert response.status_code == 404 and "no-such-body" in response.json()["error"]
        assert client.get("/departments/%3Cscript%3E/").status_code == 404
        assert "<script>" not in client.get("/departments/%3Cscript%3E/").content.decode()


@pytest.mark.django_db
def test_a_merged_departments_address_redirects_permanently(client, seeds):
    sichuan = Region.objects.get(name="四川省")
    duplicate = Department.objects.create(name="省经合局（待并）", jurisdiction=sichuan, in_gazetteer=False)
    target = Department.objects.get(name="四川省经济合作局")
    old = duplicate.slug
    merge(duplicate, target)
    response = client.get(f"/departments/{old}/?year=2022")
    assert response.status_code == 301 and response["Location"] == f"/departments/{target.slug}/?year=2022"
    assert client.get(f"/api/departments/{old}/")["Location"] == f"/api/departments/{target.slug}/"
    # An old link to its 任务分工表 leads to the same download of the department it went into.
    assert client.get(f"/departments/{old}/tasks.xlsx?year=2022")["Location"] == \
        f"/departments/{target.slug}/tasks.xlsx?year=2022"


@pytest.mark.django_db
def test_names_from_documents_are_escaped(client, seeds):
    hostile = Department.objects.create(name="<script>alert(1)</script>局", jurisdiction=Region.objects.get(name="四川省"),
                                        in_gazetteer=False)
    body = client.get(f"/departments/{hostile.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
