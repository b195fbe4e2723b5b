"""Region and industry pages: the clauses under the entry, with its hierarchy and why each clause is there."""

from __future__ import annotations

import pytest

from clauses.models import Clause, ClauseIndustry, ClauseRegion, Industry, Region

from ..oracles import clauses_within_regions
from .pages import every_page


def _keys(clause_ids) -> set[tuple[str, str]]:
    return {(clause.document.slug, clause.key) for clause in Clause.objects.filter(pk__in=clause_ids).select_related("document")}


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestRegionAndIndustryPages:
    def test_a_province_lists_its_own_clauses_and_those_of_places_within_it_via_them(self, client):
        sichuan = Region.objects.get(name="四川省")
        body = client.get(f"/api/regions/{sichuan.slug}/").json()
        assert {child["name"] for child in body["region"]["children"]} >= {"宜宾市", "成都市"}
        assert body["region"]["parent"]["name"] == "西部"
        rows = every_page(client, f"/api/regions/{sichuan.slug}/")
        assert {(row["document"]["slug"], row["clause"]["key"]) for row in rows} == _keys(clauses_within_regions("四川省"))

        tagged_itself = set(ClauseRegion.objects.active().filter(region=sichuan).values_list("clause_id", flat=True))
        for row in rows:
            clause = Clause.objects.get(document__slug=row["document"]["slug"], key=row["clause"]["key"])
            own = set(ClauseRegion.objects.active().filter(clause=clause).values_list("region__name", flat=True))
            if clause.pk in tagged_itself:
                assert row["via"] == []
            else:
                assert row["via"] and set(row["via"]) <= own

    def test_the_page_says_which_place_within_brought_a_clause(self, client, monkeypatch):
        monkeypatch.setattr("search.limits.ENTRY_PAGE_SIZE", 100)
        sichuan = Region.objects.get(name="四川省")
        rows = client.get(f"/api/regions/{sichuan.slug}/").json()["clauses"]
        through = [row for row in rows if row["via"]]
        assert through, "the seeds have clauses under 四川省 tagged only with places within it"
        html = client.get(f"/regions/{sichuan.slug}/").content.decode()
        for row in through:
            assert "经由 " + "、".join(row["via"]) in html
        assert f'href="/regions/{Region.objects.get(name="宜宾市").slug}/"' in html

    def test_a_sector_lists_its_industries_clauses(self, client):
        sector = Industry.objects.filter(children__clause_links__isnull=False).distinct().first()
        body = client.get(f"/api/industries/{sector.slug}/").json()
        assert body["industry"]["parent"] is None and body["industry"]["children"]
        ids = set(ClauseIndustry.objects.active().filter(clause__retired_at__isnull=True, industry__in=[
            sector, *sector.children.all()]).values_list("clause_id", flat=True))
        rows = every_page(client, f"/api/industries/{sector.slug}/")
        assert {(row["document"]["slug"], row["clause"]["key"]) for row in rows} == _keys(ids)
        assert any(row["via"] for row in rows)

    def test_lists_count_what_the_pages_list(self, client):
        regions = {row["slug"]: row for row in client.get("/api/regions/").json()["regions"]}
        sichuan = Region.objects.get(name="四川省")
        assert regions[sichuan.slug]["clauses"] == len(clauses_within_regions("四川省"))
        assert client.get("/regions/").status_code == 200 and client.get("/industries/").status_code == 200

    @pytest.mark.parametrize("params", [{"year": "二〇二二"}, {"industry": "不存在的产业"}, {"page": "0"}])
    def test_bad_values_are_a_clear_400(self, client, params):
        sichuan = Region.objects.get(name="四川省")
        response = client.get(f"/api/regions/{sichuan.slug}/", params)
        assert response.status_code == 400 and response.json()["error"]
        assert client.get(f"/regions/{sichuan.slug}/", params).status_code == 400

    def test_the_entrys_own_filter_counts_within_the_filter_budget(self, client):
        sichuan = Region.objects.get(name="四川省")
        many = [("year", str(year)) for year in range(2000, 2019)]
        assert client.get(f"/api/regions/{sichuan.slug}/", many).status_code == 200
        response = client.get(f"/api/regions/{sichuan.slug}/", many + [("year", "2019")])
        assert response.status_code == 400 and "筛选条件过多" in response.json()["error"]

    def test_unknown_addresses_are_404(self, client):
        for url in ("/regions/atlantis/", "/api/regions/atlantis/", "/industries/nothing/", "/api/industries/nothing/"):
            assert client.get(url).status_code == 404, url
