"""A department typed in the query also finds the clauses that department is responsible for (issue 13)."""

from __future__ import annotations

import pytest

from clauses.gazetteer import snapshot
from clauses.models import Clause, ClauseDepartment, Department
from clauses.parsing.types import Role
from search.selectors import SearchRequest, search

SICHUAN = "chuanbanfa-2022-67"


def run(q, *filters):
    return search(SearchRequest(q=q, filters=list(filters), page_size=100))


@pytest.mark.django_db
class TestDepartmentsAWordCanMean:
    def test_a_body_typed_without_its_place_means_that_body_in_every_place(self, gazetteer_tables):
        # Oracle: the departments whose name is their place's name + the body's full name.
        expected = {name for name, place in Department.objects.values_list("name", "jurisdiction__name")
                    if name in (f"{place}发展和改革委员会", "国家发展和改革委员会")}
        assert len(expected) >= 2
        for typed in ("发改委", "发展改革委"):
            assert set(snapshot.current().departments_named(typed)) == expected

    def test_a_name_or_alias_means_the_departments_it_names(self, gazetteer_tables):
        assert snapshot.current().departments_named("工信部") == ["工业和信息化部"]

    def test_two_character_words_stand_for_no_body(self, gazetteer_tables):
        assert snapshot.current().departments_named("政府") == []
        assert snapshot.current().departments_named("产业") == []


@pytest.mark.usefixtures("seeded_index", "db")
class TestSearchingByDepartment:
    def test_a_department_reaches_the_clauses_it_is_responsible_for(self):
        # 经信厅 is printed in none of these clauses' text as such: 省经济和信息化厅 is.
        outcome = run("经信厅 钒钛")
        found = {hit.permalink for hit in outcome.hits}
        assert outcome.count >= 1
        names = snapshot.current().departments_named("经信厅")
        for hit in outcome.hits:
            assert "钒钛" in hit.text
            through = hit.matched_through
            assert through and {item["department"] for item in through} <= set(names)
            assert all(item["word"] == "经信厅" for item in through)
        assert found

    @pytest.mark.parametrize("typed", ["经信厅", "发改委", "商务厅"])
    def test_among_clauses_found_through_a_department_those_it_leads_come_first(self, typed):
        roles = [{item["role"] for item in hit.matched_through} for hit in run(typed).hits if hit.matched_through]
        best = ["lead" if "lead" in found else "co" for found in roles]
        assert best == sorted(best, key=lambda role: role != "lead"), best  # every lead before every co

    def test_a_department_typed_finds_clauses_it_leads_whose_text_does_not_print_it(self):
        ids = {hit.permalink for hit in run("经信厅").hits if any(item["role"] == "lead" for item in hit.matched_through)}
        assert ids

    def test_the_department_query_of_the_issue_finds_the_clause_it_leads(self):
        outcome = run("發展改革委 飛地")
        labels = [(hit.document["slug"], hit.clause["label"]) for hit in outcome.hits]
        assert (SICHUAN, "(十五)") in labels

    def test_a_negated_department_excludes_by_text_only(self):
        everything = run("飞地").count
        without = run("飞地 -发改委")
        assert without.count < everything
        assert all("发改委" not in hit.text and "发展改革委" not in hit.text for hit in without.hits)

    def test_the_json_says_why_a_clause_matched(self, client):
        data = client.get("/api/search/", {"q": "经信厅 钒钛"}).json()
        assert data["results"] and all(result["matched_through"] for result in data["results"])
        text_match = client.get("/api/search/", {"q": "钒钛"}).json()
        assert all(result["matched_through"] == [] for result in text_match["results"])

    def test_the_page_says_why_a_clause_matched(self, client):
        page = client.get("/search/", {"q": "经信厅 钒钛"}).content.decode()
        assert "因责任部门检索到" in page and "四川省经济和信息化厅" in page


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
@pytest.mark.xdist_group("seeds-and-corpus")
@pytest.mark.parametrize("typed", ["经信厅", "人民政府", "发改委"])
def test_a_department_only_mentioned_in_a_clause_does_not_make_it_match(typed):
    # 皖政办秘〔2021〕82号's 附件 lists 安徽省经济和信息化厅 among names (role named), and
    # 川办发〔2022〕67号's preface says 经省政府同意: mentions, not responsibility.
    gazetteer = snapshot.current()
    named = set(gazetteer.departments_named(typed))
    forms = (typed, *gazetteer.synonyms(typed))
    outcome = run(typed)
    assert outcome.count
    for hit in outcome.hits:
        printed = "\n".join([hit.document["title"], hit.document["doc_number"] or "", hit.text])
        if any(form in printed for form in forms):
            continue
        assert any(item["name"] in named and item["role"] != "named" for item in hit.departments), hit.permalink


def _tier(clause: Clause, named: set[str]) -> int:
    """Oracle, from the database: 0 if a department the word names leads the clause, 1 if one is otherwise
    responsible for it, 2 if none is (the clause only prints the word)."""
    roles = {Role(link.role) for link in ClauseDepartment.objects.filter(clause=clause, department__name__in=named)}
    if Role.LEAD in roles:
        return 0
    return 1 if any(role.is_responsible for role in roles) else 2


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
@pytest.mark.xdist_group("seeds-and-corpus")
@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("typed, department", [("发改委 飞地", "发改委"), ("经信厅 园区", "经信厅"),
                                               ("发展改革委 开放", "发展改革委"), ("商务厅 合作", "商务厅"),
                                               ("经信厅", "经信厅"), ("發展改革委 飛地", "发展改革委")])
def test_the_clauses_a_typed_department_leads_come_first_then_its_others_then_mentions(typed, department, fast):
    from haystack import connections

    named = set(snapshot.current().departments_named(department))
    backend = connections["default"].get_backend()
    backend.fast_facets = fast  # False: haystack's stock path
    try:
        hits = run(typed).hits
    finally:
        backend.fast_facets = True
    clauses = {clause.get_absolute_url(): clause for clause in Clause.objects.current()}
    tiers = [_tier(clauses[hit.permalink], named) for hit in hits]
    assert {0, 1} <= set(tiers), typed  # the query has clauses the department leads and others it shares
    assert tiers == sorted(tiers), list(zip(tiers, [hit.permalink for hit in hits]))


@pytest.mark.usefixtures("seeded_index", "db")
def test_on_the_seeds_alone_the_issues_query_lists_the_ndrc_s_lead_clauses_first():
    hits = run("发改委 飞地").hits
    clauses = {clause.get_absolute_url(): clause for clause in Clause.objects.current()}
    tiers = [_tier(clauses[hit.permalink], set(snapshot.current().departments_named("发改委"))) for hit in hits]
    assert tiers == sorted(tiers) and {0, 1} <= set(tiers)
    lead = {hit.clause["label"] for hit, tier in zip(hits, tiers) if tier == 0 and hit.document["slug"] == SICHUAN}
    assert "(十五)" in lead
