"""The read API: what an inspector sees of the stored documents."""

from __future__ import annotations

import pytest

from clauses.models import Document


def test_document_list_gives_every_document_with_its_clause_count(seeds, client):
    response = client.get("/api/documents/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    counts = {document["slug"]: document["clauses"] for document in body["results"]}
    assert counts["chuanbanfa-2022-67"] == 31
    assert counts["guofa-2010-28"] == 42


def test_document_detail_has_metadata_relations_and_tagged_clauses(seeds, client):
    body = client.get("/api/documents/chuanbanfa-2022-67/").json()
    assert (body["title"], body["doc_number"], body["issued_on"]) == (
        "关于承接制造业有序转移的实施意见", "川办发〔2022〕67号", "2022-09-21")
    assert body["issuers"] == ["四川省人民政府办公厅"]
    assert body["relations"]["outgoing"] == [{
        "kind": "implements", "evidence": "工信部联政法〔2021〕215号",
        "document": {"slug": "gongxinbulianzhengfa-2021-215", "title": "关于促进制造业有序转移的指导意见",
                     "doc_number": "工信部联政法〔2021〕215号", "issued_on": None, "level": "national",
                     "kind": "policy"}}]
    item = next(clause for clause in body["clauses"] if clause["key"] == "p5.i12")
    assert (item["label"], item["number"], item["heading"], item["parent"]) == ("（十二）", 12, "川渝协同承接产业转移", "p5")
    lead = next(department for department in item["departments"] if department["role"] == "lead")
    assert lead == {"name": "四川省经济和信息化厅", "role": "lead",
                    "provenance": {"origin": "extracted", "matched_text": "经济和信息化厅",
                                   "span": lead["provenance"]["span"], "status": "active"}}
    start, end = lead["provenance"]["span"]
    assert item["text"][start:end] == "经济和信息化厅"
    region = next(region for region in item["regions"] if region["name"] == "重庆市")
    assert region["provenance"]["matched_text"] == "重庆"


def test_document_detail_shows_translations(seeds, client):
    body = client.get("/api/documents/guofa-2010-28/").json()
    item = next(clause for clause in body["clauses"] if clause["key"] == "p2.i3")
    assert item["text"].startswith("劳动密集型产业。")
    assert item["translations"]["ko"].startswith("(3) 노동집약형 산업.")


def test_unknown_document_is_a_json_404(db, client):
    response = client.get("/api/documents/no-such-document/")
    assert response.status_code == 404
    assert response.json() == {"error": "no document with slug 'no-such-document'"}


def test_home_page_lists_the_documents_escaped(seeds, client):
    Document.objects.create(slug="hostile", title="<script>alert(1)</script>关于测试的通知",
                            source_file="hostile.txt", source_sha256="0" * 64)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "关于承接制造业有序转移的实施意见" in page
    assert "川办发〔2022〕67号" in page
    assert 'href="/d/chuanbanfa-2022-67/"' in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;关于测试的通知" in page


def test_unknown_page_is_a_friendly_404_without_a_traceback(db, client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "未找到该页面" in response.content.decode()
    assert "Traceback" not in response.content.decode()
