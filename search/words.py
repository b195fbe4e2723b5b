"""The words search sees in a text: jieba with the gazetteer, as the index and the queries cut them.

jieba's own ``ChineseAnalyzer`` breaks three things (see the shared
search-stack notes): it ignores ``tokenize=False`` (so the match-all query
``*`` finds nothing), it gives character offsets as positions (so phrase
queries never match), and it stems. ``words()`` gives what the index needs
instead, and ``search.engine.analysis`` hands it to Whoosh:

- a word's position counts the characters of the words before it (``span``:
  spaces and marks that are no word left out), so a phrase matches words
  printed one right after the other — "产业转移" finds 产业 at p and 转移 at
  p + 2 (``search.engine.printed``);
- at index time every other dictionary word printed in the text is added
  where it is printed: the parts of a long word (省发展改革委 → 发展改革委 at
  1, 发展 at 1, 改革 at 3 …) and the words the cut passes over because they
  span two of its words (农业机械 in 农业机械化, cut 农业 / 机械化). So every
  dictionary word of two or more characters is a term wherever the text
  prints it, and no phrase can join a part of a word to the word after
  that word (发展 + 牵头 in 省发展改革委牵头); at query time a typed
  dictionary word is looked up whole, and any other word (a single
  character, a string jieba does not know) matches every term that contains
  it (``search.engine.containing``) and every run of terms that prints it
  across their boundary (``search.engine.printed``: 河长制 in 对河 / 长制),
  decided by ``indexed_whole``;
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
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

import jieba
from opencc import OpenCC

from clauses.gazetteer import snapshot

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_HANGUL_SPLIT = re.compile(r"([\uac00-\ud7a3]+)")
_WORD = re.compile(r"\w", re.UNICODE)
_DICTIONARY_RUN = jieba.re_han_default  # what jieba cuts by its dictionary: Han characters, letters, digits
_CACHED_LINE = 80  # characters


@lru_cache(maxsize=1)
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _to_simplified().convert(text)


def words(value: str, mode: str = "", start_pos: int = 0) -> Iterator[tuple[str, int, int]]:
    """``(word, position, offset)`` of every word of ``value``.

    ``mode`` "index" adds every other dictionary word printed, where it is
    printed; otherwise the text is a query's: folded to simplified,
    and a dictionary word is kept whole rather than cut into its parts.
    """
    if mode == "index":
        # Stored texts are simplified Chinese (ingestion keeps sources as published,
        # and the corpus is simplified): only queries need folding, which keeps
        # a full build from converting every clause.
        yield from _index_words(snapshot.current().cutter, value, start_pos)
        return
    text = to_simplified(value)
    cut_with = snapshot.current().cutter
    if _indexed_whole(cut_with, text):
        yield text, start_pos, 0
        return
    position = start_pos
    for word, start in cut_words(cut_with, text):
        if _HANGUL_RUN.fullmatch(word):
            for offset, piece in enumerate(_hangul_pieces(word)):
                yield piece, position, start + offset
                position += span(piece)
            continue
        yield word, position, start
        position += span(word)


def span(word: str) -> int:
    """How many positions ``word`` (as a text gives it, or as a term) takes: the word that follows it
    is ``span(word)`` positions on.

    Positions count the characters of the words, leaving out the spaces and
    marks that are no word: 省发展改革委牵头 is 省发展改革委 at 0 and 牵头 at
    6, and the dictionary words inside are where they are printed (发展 at 1,
    发展改革委 at 1). So two words are adjacent only where the text prints
    them one after the other — 发展 + 牵头 is not, 发展改革委 + 牵头 is.
    Hangul pieces overlap by a syllable, so each takes one position.
    """
    return 1 if _HANGUL_RUN.fullmatch(word) else len(word.lower())


def indexed_whole(word: str) -> bool:
    """Is ``word`` a term wherever a text prints it — a dictionary word of two or more characters?

    Any other word of a query (a single character, a string jieba does not
    know) is matched by the terms that contain it.
    """
    return _indexed_whole(snapshot.current().cutter, word)


def dictionary():
    """What ``indexed_whole`` answers from now: a new object after a gazetteer edit."""
    return snapshot.current().cutter


def _indexed_whole(cut_with, word: str) -> bool:
    # Only within a run the cut reads by the dictionary (``Cutter.tokenize``'s ``dictionary_words``): a gazetteer
    # name with a mark (宜宾—泸州组团) is in the dictionary but never one term of the index.
    return len(word) >= 2 and cut_with.is_word(word) and _DICTIONARY_RUN.fullmatch(word) is not None


def _index_words(cut_with, text: str, start_pos: int) -> Iterator[tuple[str, int, int]]:
    """``words(text, mode="index")``, line by line as ``cut_words``: each line's words come with their
    positions, Hangul pieces and the other dictionary words included, so a line every clause of a
    document repeats is worked out once."""
    _forget_other_dictionaries(cut_with)
    position = start_pos
    offset = 0
    for line in text.split("\n"):
        found, taken = _line_index_words(cut_with, line) if len(line) <= _CACHED_LINE else _index_line(cut_with, line)
        for word, at, start in found:
            yield word, position + at, offset + start
        position += taken
        offset += len(line) + 1


def cut_words(cut_with, text: str) -> Iterator[tuple[str, int]]:
    """(word, offset) pairs, line by line: a line break always separates two of jieba's
    words, so cutting each line alone gives the same words — and a line every clause
    of a document repeats (its title, its 文号, a part's heading) is cut once."""
    _forget_other_dictionaries(cut_with)
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


_line_words_of = None


def _forget_other_dictionaries(cut_with) -> None:
    """A gazetteer edit made a new dictionary: free the lines cut with the old one."""
    global _line_words_of
    if _line_words_of is not cut_with:
        _line_words.cache_clear()
        _line_index_words.cache_clear()
        _line_words_of = cut_with


@lru_cache(maxsize=4096)
def _line_words(cut_with, line: str) -> tuple[tuple[str, int], ...]:
    return _cut_line(cut_with, line)


@lru_cache(maxsize=4096)
def _line_index_words(cut_with, line: str) -> tuple[tuple[tuple[str, int, int], ...], int]:
    return _index_line(cut_with, line)


def _index_line(cut_with, line: str) -> tuple[tuple[tuple[str, int, int], ...], int]:
    """``(word, position, offset)`` of one line in index mode, positions counted from the line's first word,
    and how many positions the line takes.

    Each word of the cut is followed by the other dictionary words that start
    inside it, each at the position where it is printed (``span``); a Hangul
    run takes a position per two-syllable piece.
    """
    printed: list[tuple[int, int]] = []  # every dictionary word in the line, found by the cut's own lookups
    tokens = _cut_line(cut_with, line, printed)
    starts = [start for _, start in tokens]
    cut_spans = {(start, start + len(word)) for word, start in tokens}
    inside: dict[int, dict[str, int]] = {}  # a token's index → the other dictionary words starting in it
    for start, end in printed:
        if (start, end) in cut_spans:
            continue
        token = bisect_right(starts, start) - 1
        if token < 0 or start >= starts[token] + len(tokens[token][0]):
            continue  # in no word of the cut (a mark jieba's dictionary lists): nothing to share a position with
        if not _printed_in_words(tokens, token, end):
            continue  # runs over a mark the cut leaves out: its characters are not consecutive positions
        inside.setdefault(token, {}).setdefault(line[start:end], start)
    found = []
    position = 0
    for index, (word, start) in enumerate(tokens):
        if _HANGUL_RUN.fullmatch(word):  # never holds a dictionary word: the dictionary runs exclude Hangul
            for offset, piece in enumerate(_hangul_pieces(word)):
                found.append((piece, position, start + offset))
                position += span(piece)
            continue
        found.append((word, position, start))
        # Where it is printed: inside its word of the cut (or running on into the next).
        found += [(other, position + (other_start - start), other_start)
                  for other, other_start in inside.get(index, {}).items()]
        position += len(word.lower())  # span(word), which is no Hangul run: the build's hottest loop
    return tuple(found), position


def _printed_in_words(tokens, token: int, end: int) -> bool:
    """Do the words of the cut from ``tokens[token]`` on cover every character up to ``end``, with no gap?"""
    word, start = tokens[token]
    while start + len(word) < end:
        token += 1
        if token == len(tokens) or tokens[token][1] != start + len(word):
            return False
        word, start = tokens[token]
    return True


def _cut_line(cut_with, line: str, dictionary_words: list[tuple[int, int]] | None = None
              ) -> tuple[tuple[str, int], ...]:
    """(word, offset) pairs of one line: Hangul runs whole (jieba would cut them per syllable), the rest by jieba.

    ``dictionary_words``, if given, collects every dictionary word of two or
    more characters printed in the line (``Cutter.tokenize``)."""
    found = []
    offset = 0
    for segment in _HANGUL_SPLIT.split(line):
        if _HANGUL_RUN.fullmatch(segment or " "):
            found.append((segment, offset))
        elif segment:
            printed = None if dictionary_words is None else []
            for word, start, _end in cut_with.tokenize(segment, printed):
                if _WORD.search(word):  # spaces and punctuation are not words
                    found.append((word, offset + start))
            if printed:
                dictionary_words += [(offset + start, offset + end) for start, end in printed]
        offset += len(segment)
    return tuple(found)
