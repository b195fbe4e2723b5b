"""The facet table is the one list of facets: the index, the form, the query box and the page agree with it."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from clauses.models import ClauseDepartment
from clauses.models.tag_kinds import tag_kind
from clauses.parsing.types import Role
from search.facet_table import FACET_TABLE, FACETS, GazetteerNames
from search.forms import SearchForm
from search.query import parse_query
from search.search_indexes import ClauseIndex
from search.selectors import SearchRequest, search


def faceted_index_fields() -> set[str]:
    """The fields ``ClauseIndex`` facets on, without the ``_exact`` twins haystack adds for each."""
    return {name for name, field in ClauseIndex.fields.items()
            if field.faceted and not getattr(field, "facet_for", None)}


def test_every_faceted_index_field_has_a_row_and_every_row_a_faceted_field():
    assert faceted_index_fields() == set(FACETS)
    assert len(FACETS) == len(set(FACETS))


def test_every_facet_has_its_own_label():
    labels = [facet.label for facet in FACET_TABLE]
    assert all(labels)
    assert len(set(labels)) == len(labels)


def test_no_two_facets_claim_the_same_name_in_a_query():
    typed = [alias.lower() for facet in FACET_TABLE for alias in (facet.name, *facet.aliases)]
    assert len(typed) == len(set(typed))


def test_every_name_and_alias_filters_its_facet_in_a_query():
    for facet in FACET_TABLE:
        for typed in (facet.name, *facet.aliases):
            assert parse_query(f"{typed}:某值 词").filters == [(facet.name, "某值")], typed


def test_the_form_reads_exactly_the_facets_parameters():
    others = ("q", "other", "facet", "dept", "部门")  # the box, strangers, aliases (for the box only)
    form = SearchForm(QueryDict("&".join(f"{name}=x" for name in (*FACETS, *others))))
    assert form.is_valid(), form.errors
    assert [name for name, _ in form.search_request().filters] == list(FACETS)


def test_gazetteer_facets_name_a_tag_kind():
    for facet in FACET_TABLE:
        if isinstance(facet.values, GazetteerNames):
            assert tag_kind(facet.values.kind).key == facet.values.kind


@pytest.mark.django_db
def test_every_facet_refuses_an_unknown_value_by_naming_it():
    # Outside any gazetteer, slug, choice or year; the message quotes what was typed.
    for facet in FACET_TABLE:
        assert facet.values.canonical("不存在的值") == [], facet.name
        assert "“不存在的值”" in facet.values.refusal("不存在的值"), facet.name


def test_every_role_has_a_short_label_for_search_results():
    assert list(ClauseDepartment.ROLE_SHORT_LABELS) == list(Role)
    assert ClauseDepartment.ROLE_SHORT_LABELS == {"lead": "牵头", "co": "配合", "implementing": "落实",
                                                  "issuing": "发文", "named": "提及"}


@pytest.mark.usefixtures("seeded_index", "db")
def test_a_facet_rolls_up_exactly_when_it_counts_names_no_clause_is_tagged_with():
    """Region and industry count a clause under the entries above its tags (四川 for 宜宾); departments do not."""
    facets = search(SearchRequest(page_size=1)).facets
    for facet in FACET_TABLE:
        if not isinstance(facet.values, GazetteerNames):
            continue
        kind = tag_kind(facet.values.kind)
        links = kind.link.objects.active().filter(clause__retired_at__isnull=True)
        tagged = set(links.values_list(f"{kind.key}__name", flat=True))
        counted = {value for value, _ in facets[facet.name]}
        assert bool(counted - tagged) == facet.rolls_up, facet.name
