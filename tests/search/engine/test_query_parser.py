"""How a query string becomes a Whoosh query: the fields a word is looked for in, and boosts kept."""

from __future__ import annotations

import pytest
from haystack import connections
from whoosh.query import And, Every, Or, Phrase, Term

from search.engine import schema as schema_module
from search.engine.constant_score import ConstantScore
from search.engine.containing import Containing
from search.engine.printed import AdjacentPhrase
from search.engine.query_parser import ClauseQueryParser

pytestmark = pytest.mark.django_db  # which words the dictionary holds comes from the gazetteer


@pytest.fixture(scope="module")
def parser():
    content, schema = schema_module.build(connections["default"].get_unified_index().all_searchfields())
    return ClauseQueryParser(content, schema, also_searched={"context": 0.1})


def test_a_word_is_looked_for_in_the_text_and_weighted_less_in_the_title(parser):
    assert parser.parse("'飞地'") == Or([Term("text", "飞地"), Term("context", "飞地", boost=0.1)])


def test_a_phrase_is_looked_for_in_both_fields_too(parser):
    parsed = parser.parse('"产业转移 示范区"')
    assert [(type(sub), sub.fieldname, sub.boost) for sub in parsed.subqueries] == [
        (type(parsed.subqueries[0]), "text", 1.0), (type(parsed.subqueries[0]), "context", 0.1)]
    assert all(isinstance(sub, Phrase) and len(sub.words) >= 2 for sub in parsed.subqueries)


def test_a_quoted_value_of_one_word_keeps_its_boost(parser):
    # Whoosh's Phrase of one word becomes a Term without its boost: the lead weight would be lost.
    assert parser.parse('lead_exact:"四川省发展和改革委员会"^2.0') == Term("lead_exact", "四川省发展和改革委员会", boost=2.0)
    assert parser.parse('"飞地"') == Or([Term("text", "飞地"), Term("context", "飞地", boost=0.1)])


def test_a_term_of_a_constant_scored_field_adds_its_boost_as_it_is():
    content, schema = schema_module.build(connections["default"].get_unified_index().all_searchfields())
    parser = ClauseQueryParser(content, schema, constant_scored=frozenset({"lead_exact"}))
    assert parser.parse('lead_exact:"四川省发展和改革委员会"^2000.0') == ConstantScore(
        Term("lead_exact", "四川省发展和改革委员会"), score=2000.0)
    assert parser.parse('responsible:"四川省发展和改革委员会"^3.0') == Term("responsible", "四川省发展和改革委员会", boost=3.0)


def test_a_word_not_indexed_whole_is_matched_by_the_terms_containing_it_in_both_fields(parser):
    assert parser.parse("'锂'") == Or([Containing("text", "锂"), Containing("context", "锂", boost=0.1)])


def test_everything_is_matched_once(parser):
    assert parser.parse("*") == Every()


def test_a_field_named_is_the_only_one_searched(parser):
    assert parser.parse('region_exact:"宜宾市"') == Term("region_exact", "宜宾市")


def test_a_string_cut_into_several_words_counts_twice_where_they_are_printed_together(parser):
    # Not a dictionary word: all its words anywhere, or the phrase (both, where it is printed as typed).
    parsed = parser.parse("'海关信用等级'")
    words = [sub for sub in parsed.subqueries if isinstance(sub, And)]
    phrases = [sub for sub in parsed.subqueries if isinstance(sub, AdjacentPhrase)]
    assert len(parsed.subqueries) == 4 and len(words) == len(phrases) == 2
    for field, boost in (("text", 1.0), ("context", 0.1)):
        [together] = [phrase for phrase in phrases if phrase.fieldname == field]
        [apart] = [group for group in words if {term.fieldname for term in group.subqueries} == {field}]
        assert [term.text for term in apart.subqueries] == together.words and len(together.words) >= 2
        assert together.boost == boost and {term.boost for term in apart.subqueries} == {boost}
