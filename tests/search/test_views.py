"""The search page, the JSON API and the CSV export, as a browser or script calls them."""

from __future__ import annotations

import csv
import io
import re

import pytest

from clauses.models import Clause
from clauses.permalinks import clause_url

from .oracles import clauses_within_regions

HOSTILE = ['"', "(((", "AND", "*", "OR", "-", "x" * 10_000, "南充\x00\x07\x1b控制", "<script>alert(1)</script>",
           "region:", ":", "'", "\\", "南充 AND OR NOT", "ｒｅｇｉｏｎ：宜宾", "%", "{}[]^~"]


@pytest.mark.usefixtures("seeded_index", "db")
class TestSearchViews:
    @pytest.mark.parametrize("query", HOSTILE)
    def test_hostile_queries_answer_200_with_escaped_output(self, client, query):
        for url in ("/search/", "/api/search/"):
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (url, query)
            body = response.content.decode()
            assert "<script>alert(1)</script>" not in body
            assert "Traceback" not in body

    def test_api_shape(self, client):
        body = client.get("/api/search/", {"q": "南充", "page_size": 1}).json()
        assert set(body) >= {"query", "count", "page", "num_pages", "results", "facets"}
        assert (body["query"], body["count"], body["page"], body["num_pages"]) == ("南充", 2, 1, 2)
        result = body["results"][0]
        assert set(result) == {"document", "clause", "permalink", "snippet", "matched_through", "departments",
                               "regions", "industries"}
        assert set(result["document"]) == {"slug", "title", "doc_number"}
        assert set(result["clause"]) == {"label", "number", "heading"}
        assert result["permalink"].startswith("http://testserver/d/chuanbanfa-2022-67/p")
        assert "<mark>南充</mark>" in result["snippet"]
        assert {"name": "四川省经济合作局", "role": "lead"} in result["departments"]
        assert set(body["facets"]) == {"department", "lead", "co", "region", "industry", "document", "level", "kind", "year"}
        assert all(set(entry) == {"value", "count"} for entry in body["facets"]["region"])

    def test_repeated_facet_filters_combine_with_and(self, client):
        chengdu = client.get("/api/search/", {"region": "成都市"}).json()["count"]
        both = client.get("/api/search/?region=成都市&region=德阳市&page_size=100").json()
        assert 0 < both["count"] < chengdu
        expected = {clause_url(clause.document.slug, clause.key) for clause in
                    Clause.objects.filter(pk__in=clauses_within_regions("成都市", "德阳市")).select_related("document")}
        assert {result["permalink"].removeprefix("http://testserver") for result in both["results"]} == expected

    @pytest.mark.parametrize("params", [{"page": "0"}, {"page": "abc"}, {"page": "999"}, {"page_size": "-1"},
                                        {"sort": "sideways"}])
    def test_bad_paging_and_sorting_give_a_clear_400(self, client, params):
        response = client.get("/api/search/", params)
        assert response.status_code == 400
        assert response.json()["error"]
        page = client.get("/search/", params)
        assert page.status_code == 400
        assert 'class="error"' in page.content.decode()

    def test_page_size_is_capped_at_100(self, client):
        body = client.get("/api/search/", {"page_size": "500"}).json()
        assert len(body["results"]) == 100
        assert body["num_pages"] == 2

    def test_unknown_facet_value_in_api_gives_zero_and_a_message(self, client):
        body = client.get("/api/search/", {"industry": "火星采矿"}).json()
        assert body["count"] == 0
        assert body["message"] == "没有名为“火星采矿”的产业，因此没有结果。"

    def test_csv_export_has_every_result_of_the_query(self, client):
        response = client.get("/api/search/export.csv", {"lead": "省经济合作局"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert rows[0][:3] == ["文件", "文号", "条款"]
        assert len(rows) == 1 + 8
        assert all(row[5] == "四川省经济合作局" or "四川省经济合作局" in row[5] for row in rows[1:])

    def test_search_page_shows_facets_chips_and_results(self, client):
        page = client.get("/search/", {"q": "锂电", "region": "四川省"}).content.decode()
        assert 'data-facet="region"' in page and 'data-facet="lead"' in page
        assert "地区：四川省" in page
        assert 'class="hit-link"' in page
        assert 'id="result-count"' in page


@pytest.mark.usefixtures("indexed_seeds")
def test_script_in_clause_text_is_shown_as_text(client, django_capture_on_commit_callbacks):
    from clauses.models import Clause

    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
    with django_capture_on_commit_callbacks(execute=True):
        clause.text = "南充<script>alert('x')</script>测试" + clause.text
        clause.save()
    for url in ("/search/", "/api/search/"):
        body = client.get(url, {"q": "南充"}).content.decode()
        assert "<script>alert('x')</script>" not in body
    page = client.get("/search/", {"q": "南充"}).content.decode()
    assert "<mark>南充</mark>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page



@pytest.mark.usefixtures("indexed_seeds")
def test_a_clause_whose_lower_case_is_longer_is_shown_by_every_search_view(client, django_capture_on_commit_callbacks):
    """'İ'.lower() has two characters; the page, the API and the export all show the clause."""
    from clauses.models import Clause

    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
    with django_capture_on_commit_callbacks(execute=True):
        # A hit near the end: offsets shifted by the longer lower case fell past the text.
        clause.text = clause.text + "İİİİ 伊斯坦布尔"
        clause.save()
    for url in ("/search/", "/api/search/", "/api/search/export.csv"):
        response = client.get(url, {"q": "伊斯坦布尔"})
        assert response.status_code == 200, url
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        assert "İİİİ" in body and "伊斯坦布尔" in body, url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/search/", "/d/no-such-document/"])
def test_every_search_box_holds_no_more_than_a_search_reads(client, url):
    """A longer query could not be read whole, and past a few kilobytes the server refuses the URL."""
    from search.limits import MAX_QUERY_LENGTH

    body = client.get(url).content.decode()
    boxes = re.findall(r'<input type="search" name="q"[^>]*>', body)
    assert boxes and all(f'maxlength="{MAX_QUERY_LENGTH}"' in box for box in boxes)
