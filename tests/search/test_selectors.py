"""Searching a real index of the seeds: counts, phrases, facets, vocabulary."""

from __future__ import annotations

from collections import Counter

import pytest

from clauses.models import Clause, ClauseDepartment, ClauseIndustry, ClauseRegion
from search.facet_table import FACETS

from .oracles import region_and_everything_above
from search.selectors import CrossCounts, SearchRequest, cross_counts, search

SICHUAN = "chuanbanfa-2022-67"
NATIONAL = "gongxinbulianzhengfa-2021-215"


def run(q="", *filters, **options):
    return search(SearchRequest(q=q, filters=list(filters), page_size=100, **options))


def labels(outcome) -> list[tuple[str, str]]:
    return [(hit.document["slug"], hit.clause["label"]) for hit in outcome.hits]


def expected_facets() -> dict[str, Counter]:
    """Every facet's counts computed from the database, independently of the index."""
    clauses = list(Clause.objects.current().select_related("document"))
    counts = {facet: Counter() for facet in FACETS}
    for clause in clauses:
        document = clause.document
        counts["document"][document.slug] += 1
        if document.level:
            counts["level"][document.level] += 1
        counts["kind"][document.kind] += 1
        if document.issued_on:
            counts["year"][str(document.issued_on.year)] += 1
    for clause_id, name, role in ClauseDepartment.objects.active().filter(clause__retired_at__isnull=True) \
            .values_list("clause_id", "department__name", "role"):
        counts["department"][name] += 1
        if role == "lead":
            counts["lead"][name] += 1
        elif role == "co":
            counts["co"][name] += 1
    regions: dict[int, set[str]] = {}
    for link in ClauseRegion.objects.active().select_related("region"):
        regions.setdefault(link.clause_id, set()).update(region_and_everything_above(link.region))
    industries: dict[int, set[str]] = {}
    for link in ClauseIndustry.objects.active().select_related("industry__parent"):
        sector = link.industry.parent
        industries.setdefault(link.clause_id, set()).update(
            {link.industry.name, *([sector.name] if sector else [])})
    for names in regions.values():
        counts["region"].update(names)
    for names in industries.values():
        counts["industry"].update(names)
    return counts


@pytest.mark.usefixtures("seeded_index", "db")
class TestSeedIndex:
    def test_browse_all_lists_every_current_clause(self):
        outcome = run("", page=1)
        assert outcome.count == Clause.objects.current().count() == 116

    def test_facet_counts_equal_counts_from_the_database(self):
        outcome = run("")
        expected = expected_facets()
        for facet in FACETS:
            assert dict(outcome.facets[facet]) == dict(expected[facet]), facet

    def test_phrase_search_needs_the_words_in_order(self):
        in_order = run('"产业转移"').count
        reversed_order = run('"转移产业"').count
        assert in_order > 50
        assert 0 < reversed_order < 5
        containing = Clause.objects.current().filter(text__contains="承接产业转移示范区").count()
        assert run('"承接产业转移示范区"').count == containing == 2

    def test_nanchong_finds_sichuan_items_one_and_seven(self):
        assert sorted(labels(run("南充"))) == [(SICHUAN, "(一)"), (SICHUAN, "(七)")]

    def test_ministry_short_name_finds_the_national_guidance(self):
        outcome = run("工信部")
        documents = {slug for slug, _ in labels(outcome)}
        assert NATIONAL in documents
        # The guidance never says 工信部: it names 工业和信息化部, which the alias finds.
        national = [hit for hit in outcome.hits if hit.document["slug"] == NATIONAL]
        assert all("工信部" not in hit.text for hit in national)
        assert run("工业和信息化部").count == outcome.count

    def test_old_short_name_of_ndrc_finds_the_canonical_name(self):
        outcome = run("发改委")
        assert outcome.count > 0
        assert all("国家发展和改革委员会" in hit.text or "国家发展改革委" in hit.text or "发展改革委" in hit.text
                   for hit in outcome.hits)

    @pytest.mark.parametrize("number", ["川办发〔2022〕67号", "川办发[2022]67号", "川办发(2022)67号",
                                        "川办发（2022）67号", "川办发［2022］67号"])
    def test_doc_number_in_any_bracket_form_puts_the_document_first(self, number):
        outcome = run(number)
        assert outcome.direct_hit["slug"] == SICHUAN
        assert outcome.hits[0].document["slug"] == SICHUAN
        assert outcome.count == Clause.objects.current().filter(document__slug=SICHUAN).count()

    def test_lead_filter_counts_exactly_the_items_the_department_leads(self):
        led = ClauseDepartment.objects.active().filter(department__name="四川省经济合作局", role="lead")
        outcome = run("", ("lead", "省经济合作局"))
        assert outcome.count == led.count() == 8
        assert {hit.clause["key"] for hit in outcome.hits} == set(led.values_list("clause__key", flat=True))

    def test_region_filter_rolls_up_the_hierarchy(self):
        yibin = {hit.clause["key"] for hit in run("", ("region", "宜宾")).hits}
        sichuan = {hit.clause["key"] for hit in run("", ("region", "四川")).hits}
        west = {hit.clause["key"] for hit in run("", ("region", "西部")).hits}
        assert yibin and yibin <= sichuan <= west
        assert "p2.i1" in yibin
        assert any(hit.document["slug"] == NATIONAL for hit in run("", ("region", "西部")).hits)

    def test_traditional_characters_find_simplified_text(self):
        assert labels(run("南充")) == labels(run("南充"))
        traditional = run("鋰電 川南")
        assert labels(traditional) == labels(run("锂电 川南")) == [(SICHUAN, "(一)")]

    def test_korean_query_finds_the_2010_guidance_through_its_translation(self):
        outcome = run("노동집약형")
        assert outcome.count >= 1
        assert {hit.document["slug"] for hit in outcome.hits} == {"guofa-2010-28"}
        assert ("guofa-2010-28", "（三）") in labels(outcome)
        assert "<mark>노동집약형</mark>" in outcome.hits[0].snippet or "<mark>" in outcome.hits[0].snippet

    def test_or_and_exclusion(self):
        either = {hit.clause["key"] for hit in run("南充 OR 巴中").hits}
        assert either == {"p2.i1", "p3.i7", "p4.i9"}
        assert {hit.clause["key"] for hit in run("南充 -达州").hits} == set()
        assert {hit.clause["key"] for hit in run("锂电 -南充").hits} >= set()

    def test_field_filters_in_the_query_text(self):
        assert run("牵头:省经济合作局").count == 8
        assert run("region:宜宾 锂电").count == run("锂电", ("region", "宜宾市")).count

    def test_unknown_facet_value_gives_zero_results_and_a_message(self):
        outcome = run("", ("department", "不存在的部门"))
        assert outcome.count == 0
        assert outcome.notes == ["没有名为“不存在的部门”的部门，因此没有结果。"]

    def test_zero_results_suggest_what_to_drop(self):
        outcome = run("南充", ("region", "安徽省"))
        assert outcome.count == 0
        assert {"drop": "region:安徽省", "filter": ["region", "安徽省"], "count": 2} in outcome.suggestions

    def test_sort_by_document_date_puts_newest_first_and_undated_last(self):
        outcome = run("", sort="date")
        dates = [hit.document["issued_on"] for hit in outcome.hits]
        dated = [date for date in dates if date]
        assert dated == sorted(dated, reverse=True)
        assert dates[0] == "2022-09-21"


def _responsibility(role: str, clauses) -> Counter:
    """(department, document slug) → how many of ``clauses`` (a Clause queryset) the department has ``role`` in."""
    links = ClauseDepartment.objects.active().filter(role=role, clause__in=clauses)
    return Counter(links.values_list("department__name", "clause__document__slug"))


def _found(request: SearchRequest) -> list[int]:
    """The clauses ``search`` lists for ``request``, page by page (not the code path of ``cross_counts``)."""
    keys, page = [], 1
    while True:
        outcome = search(SearchRequest(q=request.q, filters=request.filters, page=page, page_size=100))
        keys += [(hit.document["slug"], hit.clause["key"]) for hit in outcome.hits]
        if page >= outcome.num_pages:
            break
        page += 1
    current = {(slug, key): pk for pk, slug, key in
               Clause.objects.current().values_list("pk", "document__slug", "key")}
    return [current[key] for key in keys]


def _row_sums(counts: CrossCounts) -> dict[str, int]:
    sums = Counter()
    for (row, _), count in counts.cells.items():
        sums[row] += count
    return dict(sums)


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestCrossCounts:
    """The responsibility matrix's counts: what the database says the search's clauses are, per department and document."""

    @pytest.mark.parametrize("role", ["lead", "co"])
    def test_browsing_counts_every_current_clause(self, role):
        counts = cross_counts(SearchRequest(), role, "document")
        current = Clause.objects.current()
        assert counts.count == current.count()
        expected = _responsibility(role, current)
        assert len(expected) > 10
        assert counts.cells == dict(expected)

    def test_a_year_counts_the_documents_issued_that_year(self):
        year = 2022
        clauses = Clause.objects.current().filter(document__issued_on__year=year)
        counts = cross_counts(SearchRequest(filters=[("year", str(year))]), "lead", "document")
        assert counts.count == clauses.count()
        assert counts.cells == dict(_responsibility("lead", clauses)) and counts.cells

    def test_a_kind_of_document_and_the_co_departments(self):
        clauses = Clause.objects.current().filter(document__kind="implementing")
        counts = cross_counts(SearchRequest(filters=[("kind", "implementing")]), "co", "document")
        assert counts.cells == dict(_responsibility("co", clauses)) and counts.cells

    @pytest.mark.parametrize("q", ["产业转移", "南充 OR 宜宾", "发改委 飞地"])
    def test_a_query_counts_the_clauses_the_search_lists(self, q):
        request = SearchRequest(q=q)
        found = _found(request)
        assert len(found) == len(set(found)) > 1
        for role in ("lead", "co"):
            counts = cross_counts(request, role, "document")
            assert counts.count == len(found)
            assert counts.cells == dict(_responsibility(role, Clause.objects.filter(pk__in=found))), role

    def test_a_doc_number_counts_its_document_alone(self):
        counts = cross_counts(SearchRequest(q="川办发〔2022〕67号"), "lead", "document")
        assert counts.direct_hit["slug"] == SICHUAN and counts.notes[0].startswith("文号直达")
        clauses = Clause.objects.current().filter(document__slug=SICHUAN)
        assert counts.cells == dict(_responsibility("lead", clauses)) and counts.cells

    @pytest.mark.parametrize("q, filters", [
        ("", []), ("", [("year", "2022")]), ("产业转移", []), ("-region:宜宾", [("region", "四川")]),
        ("锂电", [("industry", "新材料"), ("kind", "implementing")]), ("川办发〔2022〕67号", []),
        ("", [("co", "省经济合作局")]),
    ])
    def test_a_departments_row_adds_up_to_its_count_in_the_search_facet(self, q, filters):
        request = SearchRequest(q=q, filters=filters)
        outcome = search(request)
        assert outcome.count > 0
        for role in ("lead", "co"):
            counts = cross_counts(request, role, "document")
            assert counts.count == outcome.count
            assert _row_sums(counts) == dict(outcome.facets.get(role, [])), role
            assert counts.notes == outcome.notes

    def test_the_co_facet_counts_each_departments_co_responsible_clauses(self):
        links = ClauseDepartment.objects.active().filter(role="co", clause__retired_at__isnull=True)
        expected = Counter(links.values_list("department__name", flat=True))
        assert len(expected) > 5
        assert dict(search(SearchRequest(page_size=1)).facets["co"]) == dict(expected)

    def test_an_unknown_filter_value_counts_nothing_and_says_why(self):
        counts = cross_counts(SearchRequest(filters=[("lead", "不存在的部门")]), "lead", "document")
        assert (counts.count, counts.cells) == (0, {})
        assert counts.notes == ["没有名为“不存在的部门”的牵头部门，因此没有结果。"]
        assert cross_counts(SearchRequest(filters=[("year", "二〇二二")]), "co", "document").cells == {}

    def test_an_unknown_facet_is_a_programming_error(self):
        with pytest.raises(ValueError):
            cross_counts(SearchRequest(), "lead", "no_such_facet")
