"""The Chinese analyzer for the search index: jieba behind Whoosh's tokenizer protocol.

jieba's own ``ChineseAnalyzer`` breaks three things (see the shared
search-stack notes): it ignores ``tokenize=False`` (so the match-all query
``*`` finds nothing), it gives character offsets as positions (so phrase
queries never match), and it stems. This tokenizer:

- honours ``tokenize=False`` by yielding the value as one token;
- numbers tokens by word order, so "产业转移" as a phrase matches;
- at index time also emits the dictionary sub-words of a long word at the
  same position (国家发展改革委 → 国家, 发展, 改革, …), so a query for a part
  finds the whole; at query time it keeps the coarse words;
- folds traditional characters in queries to simplified (opencc), so 產業轉移
  finds 产业转移;
- cuts Hangul into overlapping two-syllable pieces, so a Korean query finds
  a word whatever particle follows it in the translation.

The gazetteer terms are in jieba's dictionary first, and text is cut by the
gazetteer snapshot's ``cutter``: jieba's own words, computed faster
(``clauses.gazetteer.cutting``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, Token, Tokenizer

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


def _hangul_pieces(word: str) -> list[str]:
    if len(word) <= 2:
        return [word]
    return [word[index:index + 2] for index in range(len(word) - 1)]


class ChineseTokenizer(Tokenizer):
    def __eq__(self, other):
        return other is not None and other.__class__ is self.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return

        for word, position, start in self.words(value, mode=mode, start_pos=start_pos):
            yield self._token(token, word, position, start_char + start, positions, chars, keeporiginal)

    def words(self, value: str, mode: str = "", start_pos: int = 0):
        """``(word, position, offset)`` for every token, without Whoosh's token objects (see ``__call__``)."""
        # Stored texts are simplified Chinese (ingestion keeps sources as published,
        # and the corpus is simplified): only queries need folding, which keeps
        # a full build from converting every clause.
        text = to_simplified(value) if mode != "index" else value
        cut_with = snapshot.current().cutter
        position = start_pos
        for word, start in self._words(cut_with, text):
            if _HANGUL_RUN.fullmatch(word):
                for offset, piece in enumerate(_hangul_pieces(word)):
                    yield piece, position, start + offset
                    position += 1
                continue
            yield word, position, start
            if mode == "index" and len(word) >= _MIN_SUBWORD_PARENT:
                # Sub-words share the word's position, so phrases still line up.
                for sub in self._subwords(cut_with, word):
                    yield sub, position, start
            position += 1

    @staticmethod
    def _words(cut_with, text: str):
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

    @staticmethod
    def _subwords(cut_with, word: str) -> list[str]:
        found = []
        for size in (2, 3):
            for index in range(len(word) - size + 1):
                part = word[index:index + size]
                if part != word and cut_with.is_word(part) and part not in found:
                    found.append(part)
        return found

    @staticmethod
    def _token(token: Token, text: str, position: int, start: int, positions: bool, chars: bool,
               keeporiginal: bool) -> Token:
        token.text = text
        token.boost = 1.0
        token.stopped = False
        if keeporiginal:
            token.original = text
        if positions:
            token.pos = position
        if chars:
            token.startchar, token.endchar = start, start + len(text)
        return token


_line_words_of = None


@lru_cache(maxsize=4096)
def _line_words(cut_with, line: str) -> tuple[tuple[str, int], ...]:
    return _cut_line(cut_with, line)


def _cut_line(cut_with, line: str) -> tuple[tuple[str, int], ...]:
    """(word, offset) pairs of one line: Hangul runs whole (jieba would cut them per syllable), the rest by jieba."""
    words = []
    offset = 0
    for segment in _HANGUL_SPLIT.split(line):
        if _HANGUL_RUN.fullmatch(segment or " "):
            words.append((segment, offset))
        elif segment:
            for word, start, _end in cut_with.tokenize(segment):
                if _WORD.search(word):  # spaces and punctuation are not words
                    words.append((word, offset + start))
        offset += len(segment)
    return tuple(words)


class ChineseAnalyzer(CompositeAnalyzer):
    """The analyzer every text field of the index uses: ``ChineseTokenizer``, lowercased."""

    def __init__(self):
        super().__init__(ChineseTokenizer(), LowercaseFilter())

    def word_positions(self, value: str, mode: str = ""):
        """``(word, position)`` of every token, as ``self(value, positions=True, mode=mode)`` gives them.

        A full build indexes a hundred words a clause: Whoosh's token stream
        (a token object reset per word, a generator per filter) was a tenth of
        its time. ``search.schema.WordPositions`` reads this instead.
        """
        for word, position, _offset in self.items[0].words(value, mode=mode):
            yield word.lower(), position
