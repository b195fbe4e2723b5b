"""The words search sees: jieba with the gazetteer, positions by word, sub-words at index time, folding."""

from __future__ import annotations

import pytest

from clauses.gazetteer import snapshot
from search.words import cut_words, words

pytestmark = pytest.mark.django_db  # the segmenter reads the gazetteer


def tokens(text, **options):
    return [(word, position) for word, position, _offset in words(text, **options)]


def test_positions_count_words_not_characters():
    assert tokens("承接产业转移", mode="query") == [("承接", 0), ("产业", 1), ("转移", 2)]


def test_gazetteer_terms_stay_whole_and_sub_words_are_added_only_at_index_time():
    query = [text for text, _ in tokens("国家发展改革委牵头", mode="query")]
    assert query == ["国家发展改革委", "牵头"]
    index = tokens("国家发展改革委牵头", mode="index")
    assert ("国家发展改革委", 0) in index and ("牵头", 1) in index
    assert {("国家", 0), ("发展", 0), ("改革", 0)} <= set(index)


def test_punctuation_is_not_a_token():
    assert [text for text, _ in tokens("南充、宜宾。", mode="query")] == ["南充", "宜宾"]


def test_traditional_characters_fold_to_simplified():
    assert tokens("產業轉移", mode="query") == tokens("产业转移", mode="query")


def test_hangul_is_cut_into_two_syllable_pieces():
    assert [text for text, _ in tokens("노동집약형 산업", mode="query")] == ["노동", "동집", "집약", "약형", "산업"]


def _whole_text_words(text):
    """The words as jieba cuts the text in one piece — the analyzer cuts it line by line."""
    import re


    words, offset = [], 0
    for segment in re.split(r"([\uac00-\ud7a3]+)", text):
        if re.fullmatch(r"[\uac00-\ud7a3]+", segment or " "):
            words.append((segment, offset))
        elif segment:
            words += [(word, offset + start) for word, start, _ in snapshot.current().segmenter.tokenize(segment)
                      if re.search(r"\w", word)]
        offset += len(segment)
    return words


@pytest.mark.parametrize("folder", ["fixtures/documents", "tests/clauses/parsing/data/corpus"])
def test_cutting_line_by_line_gives_the_words_of_cutting_the_whole_text(folder):
    from pathlib import Path


    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in sorted(Path(folder).glob("*.txt"))
             if path.name != "README.md"]
    assert len(texts) == 5
    for text in texts:
        assert list(cut_words(snapshot.current().cutter, text)) == _whole_text_words(text)
        # The second cut comes from the line cache and must not differ either.
        assert list(cut_words(snapshot.current().cutter, text)) == _whole_text_words(text)
