"""The words search sees in a text: jieba with the gazetteer, as the index and the queries cut them.

jieba's own ``ChineseAnalyzer`` breaks three things (see the shared
search-stack notes): it ignores ``tokenize=False`` (so the match-all query
``*`` finds nothing), it gives character offsets as positions (so phrase
queries never match), and it stems. ``words()`` gives what the index needs
instead, and ``search.engine.analysis`` hands it to Whoosh:

- tokens are numbered by word order, so "产业转移" as a phrase matches;
- at index time the dictionary sub-words of a long word are added at the
  same position (国家发展改革委 → 国家, 发展, 改革, …), so a query for a part
  finds the whole; at query time the coarse words are kept;
- traditional characters in queries fold to simplified (opencc), so 產業轉移
  finds 产业转移;
- Hangul is cut into overlapping two-syllable pieces, so a Korean query
  finds a word whatever particle follows it in the translation.

The gazetteer terms are in jieba's dictionary first, and text is cut by the
gazetteer snapshot's ``cutter``: jieba's own words, computed faster
(``clauses.gazetteer.cutting``).
These words are what matches: another engine must be sent them, not cut
again by its own analyzer (docs/scaling.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from opencc import OpenCC

from clauses.gazetteer import snapshot

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_HANGUL_SPLIT = re.compile(r"([\uac00-\ud7a3]+)")
_WORD = re.compile(r"\w", re.UNICODE)
_MIN_SUBWORD_PARENT = 3
_CACHED_LINE = 80  # characters


@lru_cache(maxsize=1)
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _to_simplified().convert(text)


def words(value: str, mode: str = "", start_pos: int = 0) -> Iterator[tuple[str, int, int]]:
    """``(word, position, offset)`` of every word of ``value``; ``mode`` "index" adds sub-words, else folds to simplified."""
    # Stored texts are simplified Chinese (ingestion keeps sources as published,
    # and the corpus is simplified): only queries need folding, which keeps
    # a full build from converting every clause.
    text = to_simplified(value) if mode != "index" else value
    cut_with = snapshot.current().cutter
    position = start_pos
    for word, start in cut_words(cut_with, text):
        if _HANGUL_RUN.fullmatch(word):
            for offset, piece in enumerate(_hangul_pieces(word)):
                yield piece, position, start + offset
                position += 1
            continue
        yield word, position, start
        if mode == "index" and len(word) >= _MIN_SUBWORD_PARENT:
            # Sub-words share the word's position, so phrases still line up.
            for sub in _subwords(cut_with, word):
                yield sub, position, start
        position += 1


def cut_words(cut_with, text: str) -> Iterator[tuple[str, int]]:
    """(word, offset) pairs, line by line: a line break always separates two of jieba's
    words, so cutting each line alone gives the same words — and a line every clause
    of a document repeats (its title, its 文号, a part's heading) is cut once."""
    global _line_words_of
    if _line_words_of is not cut_with:  # a gazetteer edit made a new dictionary: forget the old cuts
        _line_words.cache_clear()
        _line_words_of = cut_with
    offset = 0
    for line in text.split("\n"):
        # Only short lines repeat (titles, 文号, headings); long ones would fill the cache.
        cut = _line_words(cut_with, line) if len(line) <= _CACHED_LINE else _cut_line(cut_with, line)
        for word, start in cut:
            yield word, offset + start
        offset += len(line) + 1


def _hangul_pieces(word: str) -> list[str]:
    if len(word) <= 2:
        return [word]
    return [word[index:index + 2] for index in range(len(word) - 1)]


def _subwords(cut_with, word: str) -> list[str]:
    found = []
    for size in (2, 3):
        for index in range(len(word) - size + 1):
            part = word[index:index + size]
            if part != word and cut_with.is_word(part) and part not in found:
                found.append(part)
    return found


_line_words_of = None


@lru_cache(maxsize=4096)
def _line_words(cut_with, line: str) -> tuple[tuple[str, int], ...]:
    return _cut_line(cut_with, line)


def _cut_line(cut_with, line: str) -> tuple[tuple[str, int], ...]:
    """(word, offset) pairs of one line: Hangul runs whole (jieba would cut them per syllable), the rest by jieba."""
    found = []
    offset = 0
    for segment in _HANGUL_SPLIT.split(line):
        if _HANGUL_RUN.fullmatch(segment or " "):
            found.append((segment, offset))
        elif segment:
            for word, start, _end in cut_with.tokenize(segment):
                if _WORD.search(word):  # spaces and punctuation are not words
                    found.append((word, offset + start))
        offset += len(segment)
    return tuple(found)
