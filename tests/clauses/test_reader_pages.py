"""Long documents are read a page at a time; no page loads the whole document."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from clauses.models import Clause, ClauseRegion, ClauseTranslation, Document, Region
from clauses.reader_pages import PAGE_SIZE, split_into_pages

PARTS, ITEMS = 15, 99  # 1,500 clauses: more than seven pages


def test_pages_break_between_parts_and_cut_only_a_part_longer_than_a_page():
    def document(*units: int) -> list[tuple[int, bool]]:
        """Reading-order rows of top-level units of these sizes (a part and its items)."""
        rows = []
        for size in units:
            rows += [(len(rows), True)] + [(len(rows) + index, False) for index in range(1, size)]
        return rows

    assert split_into_pages(document(1, 30, 40, 1), page_size=200) == [(0, 71)]
    assert split_into_pages(document(120, 100, 90), page_size=200) == [(0, 119), (120, 309)]
    # A part of 450 clauses is cut into pages; the rest of it shares a page with what follows.
    assert split_into_pages(document(10, 450, 5), page_size=200) == [(0, 9), (10, 209), (210, 409), (410, 464)]
    assert split_into_pages([], page_size=200) == []


@pytest.fixture(scope="module")
def written_once(django_db_blocker) -> Document:
    """The long document, written once for the module's tests, which only read it (each in its own
    transaction within this one), and rolled back after the last of them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _write_long_document()
        transaction.set_rollback(True)


@pytest.fixture
def long_document(db, written_once) -> Document:
    """1,500 clauses with a tag each, written directly: what a huge file used to become."""
    return written_once


def _write_long_document() -> Document:
    document = Document.objects.create(slug="long-plan", title="关于推进产业转移的长篇规划", source_file="long.txt",
                                       source_sha256="0" * 64)
    region = Region.objects.get(name="四川省")
    order = 0
    for part_number in range(1, PARTS + 1):
        part = Clause.objects.create(document=document, key=f"p{part_number}", kind="part", order=order,
                                     number=part_number, label=f"{part_number}、", heading=f"第{part_number}部分任务")
        order += 1
        Clause.objects.bulk_create(
            Clause(document=document, parent=part, key=f"p{part_number}.i{number}", kind="item", order=order + number,
                   number=number, label=f"（{number}）", heading=f"任务{part_number}-{number}",
                   text=f"在四川省开展第{part_number}-{number}项试点。")
            for number in range(ITEMS))
        order += ITEMS
    ClauseRegion.objects.bulk_create(ClauseRegion(clause=clause, region=region, matched_text="四川省")
                                     for clause in Clause.objects.filter(document=document))
    ClauseTranslation.objects.create(clause=Clause.objects.get(document=document, key="p15.i98"), language="ko",
                                     text="제15부 번역")
    return document


def sections(body: str) -> list[str]:
    return re.findall(r'<section class="clause clause-\w+" id="([^"]+)">', body)


def test_a_long_document_page_shows_one_page_of_clauses_in_a_bounded_number_of_queries(
        long_document, client, django_assert_max_num_queries):
    # Document, issuers, relations, pages, contents, translations, one page of clauses and
    # each of their prefetches: the same count for a page of 200 clauses as for one of 3.
    with django_assert_max_num_queries(12):
        first = client.get("/d/long-plan/")
    with django_assert_max_num_queries(12):
        last = client.get("/d/long-plan/", {"page": 8})
    assert first.status_code == last.status_code == 200
    first_body, last_body = first.content.decode(), last.content.decode()
    assert 0 < len(sections(first_body)) <= PAGE_SIZE and 0 < len(sections(last_body)) <= PAGE_SIZE
    assert sections(first_body)[0] == "p1" and sections(last_body)[-1] == "p15.i98"
    # Pages break between parts: every page starts with a part.
    assert re.fullmatch(r"p\d+", sections(last_body)[0])
    assert "第 1 页，共 8 页" in first_body and 'href="/d/long-plan/?page=2" rel="next"' in first_body
    # The contents list every part on every page, linking into the page that shows it.
    assert first_body.count('class="toc-part"') == PARTS == last_body.count('class="toc-part"')
    assert 'href="#p1"' in first_body and 'href="/d/long-plan/?page=8#p15"' in first_body
    assert 'href="/d/long-plan/#p1"' in last_body
    # The translation switch is there on every page if any clause has a translation.
    assert 'id="show-translation"' in first_body and 'lang="ko"' in last_body


def test_every_clause_is_on_exactly_one_page_reachable_from_the_contents(long_document, client):
    seen = []
    for number in range(1, 9):
        seen += sections(client.get("/d/long-plan/", {"page": number}).content.decode())
    assert seen == list(Clause.objects.filter(document=long_document).order_by("order").values_list("key", flat=True))


def test_the_json_twin_is_paginated_the_same_way(long_document, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        body = client.get("/d/long-plan/", {"format": "json"}).json()
    assert (body["page"], body["num_pages"], body["previous"]) == (1, 8, None)
    assert 0 < len(body["clauses"]) <= PAGE_SIZE
    keys = [clause["key"] for clause in body["clauses"]]
    while body["next"]:
        assert body["next"].startswith("http://testserver/d/long-plan/?")
        body = client.get(body["next"]).json()
        keys += [clause["key"] for clause in body["clauses"]]
    assert body["page"] == 8 and len(keys) == PARTS * (ITEMS + 1) == len(set(keys))
    api = client.get("/api/documents/long-plan/", {"page": 2}).json()
    assert api["page"] == 2 and api["clauses"][0]["key"] == client.get(
        "/d/long-plan/", {"page": 2, "format": "json"}).json()["clauses"][0]["key"]


@pytest.mark.parametrize("page", ["0", "9", "abc", "2" * 40, "-1", "١"])
def test_a_page_the_document_does_not_have_is_a_clear_404(long_document, client, page):
    response = client.get("/d/long-plan/", {"page": page})
    assert response.status_code == 404
    assert "没有这一页（共 8 页）" in response.content.decode()
    assert client.get("/d/long-plan/", {"page": page, "format": "json"}).status_code == 404
    assert client.get("/api/documents/long-plan/", {"page": page}).status_code == 404


def test_a_clause_permalink_links_to_its_part_on_the_reader_page_that_shows_it(long_document, client):
    body = client.get("/d/long-plan/p15/i3/").content.decode()
    assert 'href="/d/long-plan/?page=8#p15"' in body
    assert 'id="p15"' in client.get("/d/long-plan/", {"page": 8}).content.decode()
