"""Whoosh's tokens made from a text's words: one token when not tokenizing, the words' positions, lowercase."""

from __future__ import annotations

import pytest

from search.engine.analysis import ChineseAnalyzer
from search.words import words

pytestmark = pytest.mark.django_db  # the words come from jieba with the gazetteer


def tokens(text, **options):
    return [(token.text, token.pos) for token in ChineseAnalyzer(words)(text, positions=True, **options)]


def test_tokenize_false_yields_the_value_whole():
    assert tokens("*", tokenize=False) == [("*", 0)]
    assert tokens("四川省经济合作局", tokenize=False) == [("四川省经济合作局", 0)]


def test_positions_are_the_words_own():
    assert tokens("承接产业转移", mode="query") == [("承接", 0), ("产业", 2), ("转移", 4)]


def test_tokens_are_lowercased_and_keep_the_given_positions():
    def given(value, mode="", start_pos=0):
        yield from [("Lithium", start_pos, 0), ("BATTERY", start_pos + 5, 8)]

    assert [(token.text, token.pos) for token in ChineseAnalyzer(given)("x", positions=True)] == [
        ("lithium", 0), ("battery", 5)]


@pytest.mark.parametrize("mode", ["index", "query"])
def test_word_positions_and_their_postings_are_the_token_stream_s(mode):
    """``WordPositions`` skips Whoosh's token stream: the same postings, byte for byte."""
    from pathlib import Path

    from whoosh.formats import Positions

    from search.engine.schema import WordPositions

    analyzer = ChineseAnalyzer(words)
    texts = [path.read_text(encoding="utf-8") for folder in ("fixtures/documents", "tests/clauses/parsing/data/corpus")
             for path in sorted(Path(folder).glob("*.txt"))]
    texts += ["ABC 的 Lithium 锂电 LITHIUM 노동집약형 산업 產業轉移", "产业 产业 产业转移 产业"]
    for text in texts:
        grouped = {}
        for word, position in tokens(text, mode=mode):
            grouped.setdefault(word, []).append(position)
        assert analyzer.word_positions(text, mode=mode) == grouped
        assert list(analyzer.word_positions(text, mode=mode)) == list(grouped)  # in order of first occurrence
        for boost in (1.0, 2.5):
            ours = list(WordPositions(field_boost=boost).word_values(text, analyzer, mode=mode))
            whoosh = list(Positions(field_boost=boost).word_values(text, analyzer, mode=mode))
            assert ours == whoosh
            assert any(count > 1 for _, count, _, _ in ours)
