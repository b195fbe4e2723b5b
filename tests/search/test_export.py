"""The CSV export: every result in the search's order, streamed a batch at a time, one at a time per process."""

from __future__ import annotations

import csv
import io

import pytest

from clauses.models import Clause, ClauseDepartment
from clauses.permalinks import clause_url
from search.selectors import SearchRequest, every_hit, search


def _keys_by_paging(q: str, *filters) -> list[tuple[str, str]]:
    """The search's own pages, one after another: what the export must reproduce."""
    found, page = [], 1
    while True:
        outcome = search(SearchRequest(q=q, filters=list(filters), page=page, page_size=100))
        found += [(hit.document["slug"], hit.clause["key"]) for hit in outcome.hits]
        if page >= outcome.num_pages:
            return found
        page += 1


def _rows(response) -> list[list[str]]:
    assert response.streaming
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.mark.usefixtures("seeded_index", "db")
class TestExport:
    @pytest.mark.parametrize("q, filters", [("", ()), ("产业", ()), ("", (("region", "四川省"),))])
    def test_every_hit_is_every_result_in_order_across_batches(self, q, filters):
        expected = _keys_by_paging(q, *filters)
        assert len(expected) > 13
        exported = [(hit.document["slug"], hit.clause["key"])
                    for hit in every_hit(SearchRequest(q=q, filters=list(filters)), batch=13)]
        assert exported == expected

    def test_the_csv_has_a_row_per_result_beyond_any_page(self, client):
        expected = _keys_by_paging("")
        assert len(expected) > 100  # more than the largest page
        rows = _rows(client.get("/api/search/export.csv"))
        assert rows[0][:3] == ["文件", "文号", "条款"]
        assert len(rows) - 1 == len(expected)
        assert [row[-1] for row in rows[1:]] == [
            "http://testserver" + clause_url(slug, key) for slug, key in expected]

    def test_a_batch_at_a_time(self, monkeypatch):
        from haystack.query import SearchQuerySet

        sizes = []
        original = SearchQuerySet.__getitem__

        def recorded(self, key):
            if isinstance(key, slice):
                sizes.append(key.stop - key.start)
            return original(self, key)

        monkeypatch.setattr(SearchQuerySet, "__getitem__", recorded)
        hits = sum(1 for _ in every_hit(SearchRequest(q=""), batch=40))
        assert hits > 80 and set(sizes) == {40} and len(sizes) == hits // 40 + 1

    def test_a_second_export_while_one_is_streaming_is_told_to_retry(self, client):
        first = client.get("/api/search/export.csv")
        stream = iter(first.streaming_content)
        next(stream)  # the first is under way
        busy = client.get("/api/search/export.csv")
        assert busy.status_code == 429
        assert int(busy["Retry-After"]) > 0
        assert "稍后再试" in busy.content.decode()
        assert client.get("/api/search/", {"q": "产业"}).status_code == 200  # searches go on
        for _ in stream:
            pass
        first.close()
        again = client.get("/api/search/export.csv")
        assert again.status_code == 200
        again.close()  # as every WSGI server does: the slot is the process's

    def test_an_export_closed_before_its_first_row_frees_the_slot(self, client):
        client.get("/api/search/export.csv").close()
        again = client.get("/api/search/export.csv")
        assert again.status_code == 200
        again.close()

    def test_responsible_departments_are_every_role_but_a_mere_mention(self, client):
        """责任部门 is what the clause page lists: the implementing tier and issuers too, never a body only named."""
        rows = _rows(client.get("/api/search/export.csv"))
        column = rows[0].index("责任部门")
        by_permalink = {row[-1]: row[column] for row in rows[1:]}
        expected, roles_seen = {}, set()
        for link in (ClauseDepartment.objects.filter(status="active", clause__retired_at__isnull=True)
                     .exclude(role="named").select_related("department", "clause__document").order_by("id")):
            url = "http://testserver" + clause_url(link.clause.document.slug, link.clause.key)
            expected.setdefault(url, []).append(link.department.name)
            roles_seen.add(link.role)
        assert {"implementing", "issuing"} <= roles_seen  # the roles the export used to leave out
        assert {url: "、".join(names) for url, names in expected.items()} == {
            url: cell for url, cell in by_permalink.items() if cell}


@pytest.mark.django_db
def test_an_export_of_more_than_ten_thousand_results_has_every_row(client, indexed_seeds):
    """The export used to stop silently at 10,000 rows. The index is filled with copies of the seeds'
    clauses under new identifiers (the export reads only the index), 87 copies: 10,092 clauses.

    A copy's searched text is its clause's first line: what is counted is rows, and
    analysing the whole text of each of 10,092 clauses again took most of the test's
    20 s (a long line is cut anew for each copy; a short one is cut once and remembered).
    Every field the export reads (the stored payload, the sort columns) is the seed's.
    """
    from haystack import connections

    from search import records

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Clause)
    seeds = [index.prepare_record(record) for record in
             records.read_records(list(Clause.objects.current().order_by("pk").values_list("pk", flat=True)))]
    copies = 87
    backend.clear()
    backend.build(({**document, "id": f"clauses.clause.{copy * 1_000_000 + int(document['django_id'])}",
                    "django_id": str(copy * 1_000_000 + int(document["django_id"])),
                    "text": document["text"].split("\n", 1)[0]}
                   for copy in range(1, copies + 1) for document in seeds))
    expected = copies * len(seeds)
    assert expected > 10_000
    assert search(SearchRequest(q="")).count == expected
    rows = _rows(client.get("/api/search/export.csv"))
    assert len(rows) - 1 == expected
