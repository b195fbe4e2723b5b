"""jieba's default cut (HMM on), word for word, in half the time.

A full index build spent a third of its time in two methods of
``jieba.Tokenizer``: ``get_DAG`` builds a dict of lists of every dictionary
word starting at every character, and ``calc`` then takes ``max`` over a
generated tuple per word, computing ``log`` of the same frequencies again for
every occurrence. ``Cutter`` finds the same best route in one backward pass
over the same dictionary (the tokenizer's ``FREQ``), computing each word's
log-probability once.

It is the same route, not an approximation: each score is the same
floating-point operations in the same order (``log(freq) - log(total)``,
then plus the rest of the route), a tie goes to the longer word as jieba's
``max`` over ``(score, end)`` gives it, and runs of single characters go to
jieba's own HMM (``jieba.finalseg``) under the same conditions. Tests compare
it with ``jieba.Tokenizer.tokenize`` on the seeds, the corpus and random
text. (The Rust port rjieba was tried first: twelve times faster, but it
breaks near-ties differently — 46 of 100,000 random strings cut otherwise —
and cuts runs of Latin letters and digits its own way.)
"""

from __future__ import annotations

from math import log

import jieba
from jieba import finalseg

_PREFIX = object()


class Cutter:
    """Cuts text as ``tokenizer`` would, for a tokenizer whose dictionary no longer changes."""

    def __init__(self, tokenizer: jieba.Tokenizer):
        tokenizer.check_initialized()
        self._freq = tokenizer.FREQ  # words with their counts, and their prefixes with 0
        self._log_total = log(tokenizer.total)
        # What the route needs of a string, filled as strings are met (most of the dictionary never is):
        # a word's log-probability, or _PREFIX for a string that only begins longer words.
        self._known: dict[str, float | object] = {}

    def is_word(self, text: str) -> bool:
        return bool(self._freq.get(text))

    def tokenize(self, text: str, dictionary_words: list[tuple[int, int]] | None = None
                 ) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` for every word, space and punctuation mark, as ``tokenizer.tokenize(text)``.

        Given a list as ``dictionary_words``, also appends to it the ``(start,
        end)`` of every dictionary word of two or more characters in ``text``,
        wherever it lies, in order: what jieba's search-engine cut adds to a
        word (its dictionary parts), and more — also the words the best route
        passes over because they span two of its words (农业机械 in 农业机械化,
        cut 农业 / 机械化). Only within the runs the cut reads by the
        dictionary (Han characters, letters, digits), as a word never spans a
        mark. The route looks up every such word anyway: collecting them there
        costs almost nothing, looking them up again a tenth of an index build.
        """
        found = []
        start = 0
        for word in self.cut(text, dictionary_words):
            end = start + len(word)
            found.append((word, start, end))
            start = end
        return found

    def cut(self, text: str, dictionary_words: list[tuple[int, int]] | None = None):
        """The words, spaces and marks of ``text`` in order, as ``tokenizer.cut(text)`` (``dictionary_words``: see ``tokenize``)."""
        offset = 0
        for block in jieba.re_han_default.split(text):
            if not block:
                continue
            if jieba.re_han_default.match(block):
                yield from self._cut_block(block, offset, dictionary_words)
            else:
                for piece in jieba.re_skip_default.split(block):
                    if jieba.re_skip_default.match(piece):
                        yield piece  # a run of white space, whole
                    else:
                        yield from piece  # anything else, a character at a time
            offset += len(block)

    def _cut_block(self, block: str, offset: int = 0, dictionary_words: list | None = None) -> list[str]:
        """A run of Han characters, letters and digits: the best route, single characters pooled for the HMM."""
        if dictionary_words is None:
            ends = self._best_route(block)
        else:
            found = []
            ends = self._best_route(block, found)
            found.sort()  # the route walks backwards
            dictionary_words += [(offset + start, offset + end) for start, end in found]
        words = []
        single = ""  # consecutive one-character steps of the route
        position = 0
        while position < len(block):
            end = ends[position]
            if end - position == 1:
                single += block[position]
            else:
                if single:
                    words += self._cut_singles(single)
                    single = ""
                words.append(block[position:end])
            position = end
        if single:
            words += self._cut_singles(single)
        return words

    def _cut_singles(self, run: str) -> list[str]:
        if len(run) == 1:
            return [run]
        if self._freq.get(run):
            return list(run)  # a dictionary word the route passed over stays in characters, as in jieba
        return list(finalseg.cut(run))

    def _best_route(self, block: str, dictionary_words: list | None = None) -> list[int]:
        """For each position, where the word starting there ends on the most probable route to the end.

        Every string looked up that is a word of two or more characters is
        appended to ``dictionary_words`` as ``(start, end)``, if it is given.
        """
        freq, known, log_total = self._freq, self._known, self._log_total
        size = len(block)
        route_score = [0.0] * (size + 1)
        ends = [0] * size
        for start in range(size - 1, -1, -1):
            best = None
            best_end = start + 1
            for stop in range(start + 1, size + 1):
                fragment = block[start:stop]
                score = known.get(fragment)
                if score is None:
                    count = freq.get(fragment)
                    if count is None:
                        break  # not even a prefix of a word: no longer word starts here
                    score = known[fragment] = (log(count) - log_total) if count else _PREFIX
                if score is _PREFIX:
                    continue
                score = score + route_score[stop]
                if best is None or score >= best:  # ties to the longer word, as jieba's max((score, end))
                    best, best_end = score, stop
                if dictionary_words is not None and stop - start > 1:
                    dictionary_words.append((start, stop))
            if best is None:  # no word starts here: the character alone, counted once
                best = (log(freq.get(block[start]) or 1) - log_total) + route_score[start + 1]
            route_score[start] = best
            ends[start] = best_end
        return ends
