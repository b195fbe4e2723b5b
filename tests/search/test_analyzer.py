"""The jieba tokenizer behind Whoosh's protocol."""

from __future__ import annotations

import pytest

from search.analyzer import ChineseAnalyzer

pytestmark = pytest.mark.django_db  # the segmenter reads the gazetteer


def tokens(text, **options):
    return [(token.text, token.pos) for token in ChineseAnalyzer()(text, positions=True, **options)]


def test_tokenize_false_yields_the_value_whole():
    assert tokens("*", tokenize=False) == [("*", 0)]
    assert tokens("四川省经济合作局", tokenize=False) == [("四川省经济合作局", 0)]


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

    from clauses.gazetteer import snapshot

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

    from clauses.gazetteer import snapshot
    from search.analyzer import ChineseTokenizer

    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in sorted(Path(folder).glob("*.txt"))
             if path.name != "README.md"]
    assert len(texts) == 5
    for text in texts:
        assert list(ChineseTokenizer._words(snapshot.current().cutter, text)) == _whole_text_words(text)
        # The second cut comes from the line cache and must not differ either.
        assert list(ChineseTokenizer._words(snapshot.current().cutter, text)) == _whole_text_words(text)


@pytest.mark.parametrize("mode", ["index", "query"])
def test_word_positions_and_their_postings_are_the_token_stream_s(mode):
    """``WordPositions`` skips Whoosh's token stream: the same postings, byte for byte."""
    from pathlib import Path

    from whoosh.formats import Positions

    from search.schema import WordPositions

    analyzer = ChineseAnalyzer()
    texts = [path.read_text(encoding="utf-8") for folder in ("fixtures/documents", "tests/clauses/parsing/data/corpus")
             for path in sorted(Path(folder).glob("*.txt"))]
    texts += ["ABC 的 Lithium 锂电 LITHIUM 노동집약형 산업 產業轉移", "产业 产业 产业转移 产业"]
    for text in texts:
        assert list(analyzer.word_positions(text, mode=mode)) == tokens(text, mode=mode)
        for boost in (1.0, 2.5):
            ours = list(WordPositions(field_boost=boost).word_values(text, analyzer, mode=mode))
            whoosh = list(Positions(field_boost=boost).word_values(text, analyzer, mode=mode))
            assert ours == whoosh
            assert any(count > 1 for _, count, _, _ in ours)
