"""Documents of other provinces, ingested and indexed for real, found by the places they name.

The expected clauses come from the models (``oracles.clauses_within_regions``),
never from the search code: a county rolls up to its city, province and
macro region, and a grouping's clauses are found by each of its members.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Clause
from clauses.services.ingest import ingest_document
from search.selectors import SearchRequest, search
from tests.conftest import index_at

from .oracles import clauses_within_regions

DUTIES = Path(__file__).parents[1] / "clauses" / "parsing" / "data" / "duties"


def found(*regions: str) -> set[tuple[str, str]]:
    filters = [("region", region) for region in regions]
    return {(hit.document["slug"], hit.clause["key"])
            for hit in search(SearchRequest(filters=filters, page_size=100)).hits}


def clauses(ids: set[int]) -> set[tuple[str, str]]:
    return set(Clause.objects.filter(pk__in=ids).values_list("document__slug", "key"))


@pytest.fixture(scope="module")
def other_provinces(django_db_blocker, tmp_path_factory):
    """The two documents ingested and indexed once for this module's tests, which only read: in a
    transaction rolled back after the last of them, with an index of their own."""
    with django_db_blocker.unblock(), index_at(tmp_path_factory.mktemp("other-provinces")) as index_dir, \
            transaction.atomic():
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        lexicon = lexicon_from_database()
        for name in ("luoyang_counties.txt", "guangdong_regions.txt"):
            report = ingest_document(source=DUTIES / name, lexicon=lexicon)
            assert report.ok, report.error
        # The transaction never commits: the index writes it queued run now, as after a commit.
        for _, callback, _ in connection.run_on_commit[start:]:
            callback()
        yield index_dir
        transaction.set_rollback(True)


@pytest.mark.usefixtures("other_provinces", "db")
@pytest.mark.parametrize("regions", [
    ("偃师区",), ("洛阳市",), ("河南省",), ("中部",),  # a county and everything above it
    ("京津冀",), ("北京市",),  # a strategy, and a member of it
    ("粤东西北",), ("汕尾市",), ("广州市南沙区",), ("广州市",),
    ("粤港澳大湾区",), ("香港特别行政区",),
])
def test_a_place_of_another_province_finds_the_clauses_within_it(regions):
    expected = clauses(clauses_within_regions(*regions))
    assert expected, regions  # the documents do name it, or something in it
    assert found(*regions) == expected


@pytest.mark.usefixtures("other_provinces", "db")
def test_the_region_facet_counts_the_counties_of_a_citys_plan(client):
    facets = client.get("/api/search/", {"region": "洛阳市"}).json()["facets"]["region"]
    counts = {entry["value"]: entry["count"] for entry in facets}
    luoyang = Clause.objects.filter(document__doc_number="洛政办〔2023〕27号")
    assert counts["栾川县"] == luoyang.filter(regions__name="栾川县").count() == 1
    assert counts["河南省"] == len(clauses_within_regions("洛阳市"))
