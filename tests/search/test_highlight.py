"""Snippets: escape the text first, then mark the hits."""

import re
from html import unescape

from search.highlight import snippet


def test_hits_are_marked_in_escaped_text():
    assert snippet("支持南充<script>发展", ["南充"]) == "支持<mark>南充</mark>&lt;script&gt;发展"


def test_longest_term_wins_and_marks_do_not_overlap():
    assert snippet("推动成都都市圈发展", ["成都", "成都都市圈"]) == "推动<mark>成都都市圈</mark>发展"


def test_the_window_starts_near_the_first_hit():
    text = "前" * 100 + "南充" + "后" * 300
    result = snippet(text, ["南充"])
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>南充</mark>" in result


def test_a_translation_is_shown_when_only_it_matches():
    assert snippet("劳动密集型产业。", ["노동"], alternatives=["(3) 노동집약형 산업"]) == \
        "(3) <mark>노동</mark>집약형 산업"


def test_no_hit_gives_the_start_of_the_text_escaped():
    assert snippet("<b>条款</b>", ["南充"]) == "&lt;b&gt;条款&lt;/b&gt;"


def _characters_whose_lower_case_changes_length() -> list[str]:
    return [chr(code) for code in range(0x110000)
            if not 0xD800 <= code <= 0xDFFF and len(chr(code).lower()) != 1]


def _unmarked(html: str) -> str:
    return unescape(html.replace("<mark>", "").replace("</mark>", ""))


def test_a_character_whose_lower_case_is_longer_keeps_marks_in_place():
    """'İ'.lower() has two characters: offsets found in a lower-cased copy must not shift the marks."""
    characters = _characters_whose_lower_case_changes_length()
    assert characters  # U+0130 at least: the test is about them
    for character in characters:
        text = f"{character * 3}Cheng<b>du 成都 and CHENGDU"
        html = snippet(text, ["chengdu", "成都"])
        assert _unmarked(html) == text
        assert [unescape(marked) for marked in re.findall(r"<mark>(.*?)</mark>", html)] == ["成都", "CHENGDU"]


def test_a_term_with_such_a_character_matches_it_as_printed():
    html = snippet("İstanbul 与 成都", ["İstanbul"])
    assert html.startswith("<mark>İstanbul</mark>")
