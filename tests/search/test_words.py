"""The words search sees: jieba with the gazetteer, positions by word, every dictionary word at index time, folding."""

from __future__ import annotations

import re

import pytest

from clauses.gazetteer import snapshot
from search.words import cut_words, words

pytestmark = pytest.mark.django_db  # the segmenter reads the gazetteer


def tokens(text, **options):
    return [(word, position) for word, position, _offset in words(text, **options)]


def test_positions_count_words_not_characters():
    assert tokens("承接产业转移", mode="query") == [("承接", 0), ("产业", 1), ("转移", 2)]


def test_gazetteer_terms_stay_whole_and_their_parts_are_added_only_at_index_time():
    query = [text for text, _ in tokens("国家发展改革委牵头", mode="query")]
    assert query == ["国家发展改革委", "牵头"]
    index = tokens("国家发展改革委牵头", mode="index")
    assert ("国家发展改革委", 0) in index and ("牵头", 1) in index
    assert {("国家", 0), ("发展", 0), ("改革", 0), ("发展改革委", 0)} <= set(index)


def test_a_dictionary_word_spanning_two_words_of_the_cut_is_a_term_where_it_starts():
    cut = tokens("推进农业机械化", mode="query")
    assert cut == [("推进", 0), ("农业", 1), ("机械化", 2)]  # 农业机械 spans two words of the cut
    assert ("农业机械", 1) in tokens("推进农业机械化", mode="index")


def test_a_dictionary_word_typed_is_looked_up_whole_even_where_jieba_would_cut_it():
    segmenter = snapshot.current().segmenter
    word = "发展改革委"
    assert segmenter.FREQ.get(word)
    assert tokens(word, mode="query") == [(word, 0)]
    assert tokens("發展改革委", mode="query") == [(word, 0)]


def _dictionary_words(line, main):
    """Oracle: every substring of two or more characters in jieba's dictionary, by brute force, with the
    position of the word of the cut ``main`` it starts in (spans of the cut themselves excluded)."""
    import re

    freq = snapshot.current().segmenter.FREQ
    spans = {(start, start + len(word)) for word, start in main}
    found = set()
    for run in re.finditer(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+", line):
        for i in range(run.start(), run.end()):
            for j in range(i + 2, run.end() + 1):
                if freq.get(line[i:j]) and (i, j) not in spans:
                    position = max(index for index, (_, start) in enumerate(main) if start <= i)
                    found.add((line[i:j], position))
    return found


@pytest.mark.parametrize("folder", ["fixtures/documents", "tests/clauses/parsing/data/corpus"])
def test_every_dictionary_word_printed_is_indexed_at_the_position_of_the_word_it_starts_in(folder):
    from pathlib import Path

    checked = 0
    for path in sorted(Path(folder).glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip() or re.search(r"[\uac00-\ud7a3]", line):
                continue  # Hangul is cut into pieces, not by the dictionary
            main = _whole_text_words(line)
            expected = {(word, position) for position, (word, _) in enumerate(main)} | \
                _dictionary_words(line, main)
            assert set(tokens(line, mode="index")) == expected, line
            checked += 1
    assert checked > 100


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
