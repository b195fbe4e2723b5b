"""The words search sees: jieba with the gazetteer, positions by character, every dictionary word at index time, folding."""

from __future__ import annotations

import re

import pytest

from clauses.gazetteer import snapshot
from search.words import cut_words, words

pytestmark = pytest.mark.django_db  # the segmenter reads the gazetteer


def tokens(text, **options):
    return [(word, position) for word, position, _offset in words(text, **options)]


def test_positions_count_the_characters_of_the_words_before():
    assert tokens("承接产业转移", mode="query") == [("承接", 0), ("产业", 2), ("转移", 4)]
    # Spaces and marks are no words and take no position.
    assert tokens("承接、产业 转移", mode="query") == [("承接", 0), ("产业", 2), ("转移", 4)]


def test_gazetteer_terms_stay_whole_and_their_parts_are_added_only_at_index_time():
    query = [text for text, _ in tokens("国家发展改革委牵头", mode="query")]
    assert query == ["国家发展改革委", "牵头"]
    index = tokens("国家发展改革委牵头", mode="index")
    assert ("国家发展改革委", 0) in index and ("牵头", 7) in index
    # Each part where it is printed: only 发展改革委 ends where 牵头 begins.
    assert {("国家", 0), ("发展", 2), ("改革", 4), ("发展改革委", 2)} <= set(index)


def test_a_dictionary_word_spanning_two_words_of_the_cut_is_a_term_where_it_starts():
    cut = tokens("推进农业机械化", mode="query")
    assert cut == [("推进", 0), ("农业", 2), ("机械化", 4)]  # 农业机械 spans two words of the cut
    assert ("农业机械", 2) in tokens("推进农业机械化", mode="index")


def test_a_dictionary_word_typed_is_looked_up_whole_even_where_jieba_would_cut_it():
    segmenter = snapshot.current().segmenter
    word = "发展改革委"
    assert segmenter.FREQ.get(word)
    assert tokens(word, mode="query") == [(word, 0)]
    assert tokens("發展改革委", mode="query") == [(word, 0)]


def _stream_positions(main):
    """Oracle: each character of the words of the cut ``main`` → its position, counting only those characters."""
    where, position = {}, 0
    for word, start in main:
        for offset in range(len(word)):
            where[start + offset] = position
            position += 1
    return where


def _dictionary_words(line, main):
    """Oracle: every substring of two or more characters in jieba's dictionary, by brute force, at the
    position of its first character (spans of the cut themselves excluded) — if every character of it
    is in a word of the cut, at consecutive positions."""
    import re

    freq = snapshot.current().segmenter.FREQ
    spans = {(start, start + len(word)) for word, start in main}
    where = _stream_positions(main)
    found = set()
    for run in re.finditer(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+", line):
        for i in range(run.start(), run.end()):
            for j in range(i + 2, run.end() + 1):
                if freq.get(line[i:j]) and (i, j) not in spans and i in where and \
                        all(where.get(k) == where[i] + k - i for k in range(i, j)):
                    found.add((line[i:j], where[i]))
    return found


@pytest.mark.parametrize("folder", ["fixtures/documents", "tests/clauses/parsing/data/corpus"])
def test_every_dictionary_word_printed_is_indexed_where_it_is_printed(folder):
    from pathlib import Path

    checked = 0
    for path in sorted(Path(folder).glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip() or re.search(r"[\uac00-\ud7a3]", line):
                continue  # Hangul is cut into pieces, not by the dictionary
            main = _whole_text_words(line)
            where = _stream_positions(main)
            expected = {(word, where[start]) for word, start in main} | _dictionary_words(line, main)
            assert set(tokens(line, mode="index")) == expected, line
            checked += 1
    assert checked > 100


def test_punctuation_is_not_a_token():
    assert [text for text, _ in tokens("南充、宜宾。", mode="query")] == ["南充", "宜宾"]


def test_traditional_characters_fold_to_simplified():
    assert tokens("產業轉移", mode="query") == tokens("产业转移", mode="query")


def test_hangul_is_cut_into_two_syllable_pieces():
    # The pieces overlap by a syllable: each takes one position, so a phrase of them lines up.
    assert tokens("노동집약형 산업", mode="query") == [("노동", 0), ("동집", 1), ("집약", 2), ("약형", 3), ("산업", 4)]


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
