"""A quoted phrase finds exactly the clauses whose indexed text prints it (the texts are the truth).

Phrases are made by brute force from the seeds' texts with jieba's own cut
(``jieba.Tokenizer``, not the search code): two dictionary words printed one
right after the other, which every clause printing them must be found by;
and a word inside a longer word followed by the word after that longer one
(发展 in 省发展改革委, then 牵头), which only a clause printing the two
together may be found by. The truth is each clause's indexed texts (what
the index's ``text`` and ``context`` fields are given, a phrase searched in
both) printing the two words in one of them, with nothing between them but
spaces and marks (which the analyzer drops); both the numpy path and
Whoosh's own must give it.
"""

from __future__ import annotations

import re

import pytest
from haystack import connections

from clauses.gazetteer import snapshot
from clauses.models import Clause
from search.engine import matching
from search.query import parse_query, to_whoosh
from search.search_indexes import ClauseIndex

_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def _indexed_texts(clause) -> tuple[str, str]:
    """What the index's two text fields are given for ``clause``: its text, and where it stands."""
    prepared = ClauseIndex().full_prepare(clause)
    return prepared["text"], prepared["context"]


def _printing(texts: dict[int, tuple[str, ...]], first: str, second: str) -> set[int]:
    """The clauses one of whose texts prints ``first`` then ``second``, with nothing but spaces and marks between."""
    pattern = re.compile(re.escape(first) + r"\W*" + re.escape(second))
    return {pk for pk, fields in texts.items() if any(pattern.search(text) for text in fields)}


def _word_alone(word: str) -> bool:
    """A dictionary word of two or more Han characters that jieba's cut keeps whole when typed alone."""
    segmenter = snapshot.current().segmenter
    return bool(_HAN_WORD.fullmatch(word) and segmenter.FREQ.get(word) and segmenter.lcut(word) == [word])


def _phrases(texts: list[str]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(words printed one after the other, a part of a word followed by the word after the whole)."""
    segmenter = snapshot.current().segmenter
    adjacent, apart = set(), set()
    for text in texts:
        for run in re.finditer(r"[\u4e00-\u9fff]+", text):
            line = run.group()
            for middle in range(1, len(line)):
                for start in range(max(0, middle - 4), middle - 1):
                    for end in range(middle + 2, min(len(line), middle + 4) + 1):
                        if _word_alone(line[start:middle]) and _word_alone(line[middle:end]):
                            adjacent.add((line[start:middle], line[middle:end]))
            cut = [word for word, _, _ in segmenter.tokenize(line)]
            for word, after in zip(cut, cut[1:]):
                if not _word_alone(after):
                    continue
                for start in range(len(word)):
                    for end in range(start + 2, len(word)):  # ends before the word does
                        if _word_alone(word[start:end]):
                            apart.add((word[start:end], after))
    return adjacent, apart


def _found(typed: str, *, whoosh: bool = False) -> set[int]:
    backend = connections["default"].get_backend()
    searcher = backend._searcher()
    query = backend._parse(to_whoosh(parse_query(typed), snapshot.current().synonyms))
    if whoosh:
        documents = [docnum for _, docnum in searcher.search(query, limit=None).top_n]
    else:
        documents = matching.rank(searcher, query).documents.tolist()
    return {int(searcher.stored_fields(int(docnum))["django_id"]) for docnum in documents}


@pytest.mark.usefixtures("seeded_index", "db")
class TestPhrases:
    @pytest.fixture(scope="class")
    def texts(self, django_db_blocker):
        with django_db_blocker.unblock():
            return {clause.pk: _indexed_texts(clause) for clause in ClauseIndex().index_queryset()}

    def test_a_part_of_a_word_is_not_next_to_the_word_after_the_whole(self, texts):
        # The seeds list 省发展改革委、经济合作局 …: 发展 lies inside 省发展改革委, 发展改革委 ends with it.
        assert _printing(texts, "省发展改革委", "经济")
        assert not _printing(texts, "发展", "经济")
        assert _found('"发展 经济"') == set() == _found('"发展 经济"', whoosh=True)
        expected = _printing(texts, "发展改革委", "经济")
        assert _found('"发展改革委 经济"') == expected == _found('"发展改革委 经济"', whoosh=True)

    def test_every_phrase_finds_exactly_the_clauses_that_print_it(self, texts):
        adjacent, apart = _phrases([text for fields in texts.values() for text in fields])
        # Every one would take minutes: every fifth of each kind covers the seeds' words.
        chosen = sorted(adjacent)[::5] + sorted(apart)[::5]
        assert len(chosen) > 500 and len(apart) > 100
        wrong, whoosh_wrong = {}, {}
        for index, (first, second) in enumerate(chosen):
            typed = f'"{first} {second}"'
            expected = _printing(texts, first, second)
            found = _found(typed)
            if found != expected:
                wrong[typed] = (sorted(found - expected), sorted(expected - found))
            if index % 10 == 0 and _found(typed, whoosh=True) != expected:
                whoosh_wrong[typed] = sorted(_found(typed, whoosh=True) ^ expected)
        assert not wrong, f"{len(wrong)} of {len(chosen)} (too many, too few): {dict(list(wrong.items())[:20])}"
        assert not whoosh_wrong, f"Whoosh's own path: {dict(list(whoosh_wrong.items())[:20])}"


@pytest.mark.xdist_group("seeds-and-corpus")  # one worker builds that index once
@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
def test_a_department_s_lead_is_not_found_by_a_part_of_its_name_and_the_next_word():
    # 皖开放办〔2022〕6号 prints 省发展改革委牵头: 发展 is inside the name, 牵头 follows the whole name.
    texts = {clause.pk: _indexed_texts(clause) for clause in ClauseIndex().index_queryset()}
    assert _printing(texts, "省发展改革委", "牵头") and not _printing(texts, "发展", "牵头")
    assert _found('"发展牵头"') == set() == _found('"发展牵头"', whoosh=True)
    assert _found('"发展改革委牵头"') == _printing(texts, "发展改革委", "牵头") == _found('"发展改革委牵头"', whoosh=True)
