"""A query word finds every clause whose text contains it — inside longer words too (the database is the truth).

Every word of jieba's dictionary (with the gazetteer's terms) of one to four
characters that any clause of the seeds or the corpus prints is searched, in simplified and in
traditional characters, and the clauses found must include every clause
whose text contains it, as Python's ``in`` says. So is every string of two
to four Han characters that jieba's cut of a clause splits between two of
its words (河长制 in 对河 / 长制 / 湖长制, 小微 in 中小 / 微 / 企业), which no
single term of the index contains.
"""

from __future__ import annotations

import re

import pytest
from haystack import connections
from opencc import OpenCC

from clauses.gazetteer import snapshot
from clauses.models import Clause
from search.engine import matching
from search.query import parse_query, to_whoosh

pytestmark = pytest.mark.xdist_group("seeds-and-corpus")  # one worker builds that index once

# What the query syntax reads as an operator is not a word to look for.
_OPERATORS = {"OR", "AND", "NOT", "ANDNOT", "ANDMAYBE"}


def _printed_dictionary_words(texts: dict[int, str]) -> dict[str, set[int]]:
    freq = snapshot.current().segmenter.FREQ
    printed: dict[str, set[int]] = {}
    for pk, text in texts.items():
        for size in (1, 2, 3, 4):
            for start in range(len(text) - size + 1):
                word = text[start:start + size]
                if freq.get(word) and re.fullmatch(r"\w+", word) and word not in _OPERATORS:
                    printed.setdefault(word, set()).add(pk)
    return printed


def _found(typed: str) -> set[int]:
    backend = connections["default"].get_backend()
    searcher = backend._searcher()
    # The query the search box sends (``selectors``), parsed as the backend parses it.
    query = backend._parse(to_whoosh(parse_query(typed), snapshot.current().synonyms))
    documents = matching.rank(searcher, query).documents
    return {int(searcher.stored_fields(int(docnum))["django_id"]) for docnum in documents}


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
def test_every_printed_dictionary_word_finds_every_clause_that_contains_it():
    assert Clause.objects.current().values("document").distinct().count() == 10  # the seeds and the corpus
    texts = dict((pk, text) for pk, text in
                 ((clause.pk, clause.full_text) for clause in Clause.objects.current()))
    printed = _printed_dictionary_words(texts)
    to_traditional = OpenCC("s2t")
    missed, checked = {}, 0
    for word, containing in printed.items():
        typed_forms = {word, to_traditional.convert(word)}
        for typed in typed_forms:
            lost = containing - _found(typed)
            if lost:
                missed[typed] = sorted(lost)
            checked += 1
    assert len(printed) > 2000 and checked > len(printed)
    assert not missed, f"{len(missed)} of {checked} words miss clauses: {dict(list(missed.items())[:20])}"


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _printed_across_words(texts: dict[int, str]) -> set[str]:
    """Every string of two to four Han characters that jieba's own cut of a text (``jieba.Tokenizer``, not the
    search code) splits between two of its words, by brute force over each boundary of the cut."""
    segmenter = snapshot.current().segmenter
    found = set()
    for text in texts.values():
        for run in _HAN_RUN.finditer(text):
            boundaries = [end for _, _, end in segmenter.tokenize(run.group())][:-1]
            for boundary in boundaries:
                for size in (2, 3, 4):
                    for start in range(max(0, boundary - size + 1), boundary):
                        if start + size <= len(run.group()):
                            found.add(run.group()[start:start + size])
    return found


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
def test_every_string_printed_across_two_words_finds_every_clause_that_contains_it():
    texts = {clause.pk: clause.full_text for clause in Clause.objects.current()}
    freq = snapshot.current().segmenter.FREQ
    across = sorted(word for word in _printed_across_words(texts) if not freq.get(word))
    assert {"河长制", "小微", "规上", "全链", "对标"} <= set(across)
    # Every one of them would take minutes; every seventh (and the five above) covers each length and split.
    chosen = sorted(set(across[::7]) | {"河长制", "小微", "规上", "全链", "对标"})
    missed = {}
    for word in chosen:
        containing = {pk for pk, text in texts.items() if word in text}
        lost = containing - _found(word)
        if lost:
            missed[word] = sorted(lost)
    assert len(chosen) > 1000
    assert not missed, f"{len(missed)} of {len(chosen)} strings miss clauses: {dict(list(missed.items())[:20])}"


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
def test_a_dictionary_name_with_a_mark_finds_the_clauses_that_print_it():
    # 宜宾—泸州组团 is a gazetteer name, so in jieba's dictionary, but the dash splits it in the index.
    for typed in ("宜宾—泸州组团", "南充—达州组团"):
        containing = {clause.pk for clause in Clause.objects.current() if typed in clause.full_text}
        assert containing and containing <= _found(typed), typed
