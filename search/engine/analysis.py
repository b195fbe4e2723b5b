"""Whoosh's analyzer protocol around a function that gives a text's words.

The engine does not decide what a word is: the analyzer is given a function
``words(value, mode=..., start_pos=...)`` yielding ``(word, position,
offset)`` (PolicyKB's is ``search.words.words``: jieba with the gazetteer).
This module only makes Whoosh's tokens of them:

- ``tokenize=False`` yields the value as one token (jieba's own analyzer
  ignores it, so the match-all query ``*`` would find nothing);
- positions are the word's position as given (never character offsets of the
  text): the word after a word at ``p`` is at ``p + span(word)``, the
  analyzer's ``span`` (by default one position a word), which is how
  phrases find adjacent words (``phrases``);
- tokens are lowercased.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, Token, Tokenizer

Words = Callable[..., Iterator[tuple[str, int, int]]]


class ChineseTokenizer(Tokenizer):
    def __init__(self, words: Words):
        self.words = words

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


class ChineseAnalyzer(CompositeAnalyzer):
    """The analyzer every text field of the index uses: ``ChineseTokenizer``, lowercased.

    ``indexed_whole(word)`` says whether the index holds ``word`` as a term
    wherever a text prints it; a query word it does not is matched by the
    terms containing it (``containing``, ``spanning``). ``span(term)`` says
    how many positions a term takes. ``dictionary()`` returns an object
    that is replaced whenever those answers may change (a parsed query is
    kept only while it is the same).
    """

    def __init__(self, words: Words, indexed_whole: Callable[[str], bool] | None = None,
                 dictionary: Callable[[], object] | None = None, span: Callable[[str], int] | None = None):
        super().__init__(ChineseTokenizer(words), LowercaseFilter())
        self._indexed_whole = indexed_whole
        self._dictionary = dictionary
        self._span = span

    def span(self, term: str) -> int:
        """How many positions ``term`` takes: the word printed right after it is that many positions on."""
        return self._span(term) if self._span else 1

    def indexed_whole(self, word: str) -> bool:
        return self._indexed_whole is None or self._indexed_whole(word)

    def dictionary(self) -> object:
        return self._dictionary() if self._dictionary else None

    def word_positions(self, value: str, mode: str = "") -> dict[str, list[int]]:
        """Each word's positions, words in order of first occurrence, as ``self(value, positions=True, mode=mode)``
        gives the tokens.

        A full build indexes a hundred words a clause: Whoosh's token stream
        (a token object reset per word, a generator per filter) was a tenth of
        its time. ``search.engine.schema.WordPositions`` reads this instead.
        """
        positions: dict[str, list[int]] = {}
        for word, position, _offset in self.items[0].words(value, mode=mode):
            word = word.lower()
            found = positions.get(word)
            if found is None:
                positions[word] = [position]
            else:
                found.append(position)
        return positions
