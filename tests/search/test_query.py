"""Reading the search box: syntax, hostile input, and the Whoosh string it becomes."""

from __future__ import annotations

import re

import pytest

from search.query import MAX_QUERY_LENGTH, parse_query, to_whoosh


def whoosh(text, synonyms=None):
    return to_whoosh(parse_query(text), lambda word: (synonyms or {}).get(word, []))


def test_words_all_must_match():
    assert whoosh("锂电 川南") == "'锂电' '川南'"


def test_phrase_or_and_exclusion():
    assert whoosh('"产业转移" 南充 OR 巴中 -达州') == "\"产业转移\" ('南充' OR '巴中') NOT '达州'"


def test_synonyms_become_alternatives():
    assert whoosh("工信部", {"工信部": ["工业和信息化部"]}) == "('工信部' OR '工业和信息化部')"


def test_field_filters_are_taken_out_of_the_words():
    query = parse_query("锂电 region:宜宾 牵头：省经济合作局")
    assert query.filters == [("region", "宜宾"), ("lead", "省经济合作局")]
    assert whoosh("锂电 region:宜宾") == "'锂电'"


def test_empty_and_star_browse_everything():
    assert whoosh("") == "*"
    assert whoosh("*") == "*"
    assert whoosh("-南充") == "* NOT '南充'"


@pytest.mark.parametrize("text, note", [
    ('"产业', "引号不成对"), ("(((", "不支持括号"), ("AND", "AND"), ("南充 OR", "OR 后面缺少词语"),
])
def test_unreadable_syntax_is_searched_as_words_with_a_note(text, note):
    query = parse_query(text)
    assert any(note in message for message in query.notes)


@pytest.mark.parametrize("text", ['"', "(((", "AND", "OR", "*", "-", "'", "\\", "x" * 10_000, "\x00\x07",
                                  "<script>alert(1)</script>", "a:b:c", "{}[]^~", "南充' OR '1'='1"])
def test_no_input_can_inject_whoosh_syntax(text):
    result = whoosh(text)
    # The string is only quoted terms (with no syntax characters inside), our
    # own OR / NOT / * / parentheses, and spaces.
    leftover = re.sub(r"'[^'\"():\[\]{}^~*\\]*'|\"[^'\"():\[\]{}^~*\\]*\"|\bOR\b|\bNOT\b|[()*]", "", result)
    assert leftover.strip() == "", (text, result)


def test_long_queries_are_cut_with_a_note():
    query = parse_query("南" * 10_000)
    assert len(query.positive_texts()[0]) == MAX_QUERY_LENGTH
    assert query.notes and "过长" in query.notes[0]


def test_control_characters_are_dropped():
    assert parse_query("南充\x00\x1b宜宾").positive_texts() == ["南充", "宜宾"]


FIELDS = {"lead": "lead_exact", "co": "responsible"}


def test_a_word_naming_departments_also_matches_their_lead_and_co_clauses_weighted():
    named = {"发改委": ["国家发展和改革委员会", "四川省发展和改革委员会"]}
    written = to_whoosh(parse_query("发改委 飞地 -经信厅"), lambda word: [], lambda word: named.get(word, []),
                        {"lead": 2.0, "co": 1.0}, FIELDS)
    assert written == ("('发改委' OR lead_exact:\"国家发展和改革委员会\"^2.0 OR responsible:\"国家发展和改革委员会\"^1.0"
                       " OR lead_exact:\"四川省发展和改革委员会\"^2.0 OR responsible:\"四川省发展和改革委员会\"^1.0)"
                       " '飞地' NOT '经信厅'")


def test_a_department_name_cannot_inject_query_syntax():
    written = to_whoosh(parse_query("x局"), lambda word: [], lambda word: ['A"局) OR (*'], {"lead": 2.0, "co": 1.0},
                        FIELDS)
    assert written.count('"') % 2 == 0 and 'A局) OR (*' in written
