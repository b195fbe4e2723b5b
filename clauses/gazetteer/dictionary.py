"""The language as jieba knows it: its words with their parts of speech, and how it cuts a text.

Place names are words of the language as often as places: 南部 (the south;
南部县), 和平 (peace; 和平区), 合作 (cooperation; 合作市); and a place's short
form is often the start of a longer word: 长治久安 (lasting peace, not
长治市), 大理石 (marble, not 大理). jieba's dictionary — the kept package we
segment with — lists about 350,000 words with a part of speech, place names
tagged ``ns``, and cuts a text into its most likely words. The lexicon asks
it (``clauses.parsing.lexicon``) which short forms are common words, and
whether a matched name is a word of the text as jieba cuts it — with its own
dictionary, not ours, in which every place name is forced whole.

The tags are jieba's and imperfect: some places are tagged as common words
(仙桃 ``n``), which costs only that such a name, printed alone, is not
tagged; a list of places still finds it. Both are loaded on first use, once
a process (about 1.5 s and 100 MB), only by processes that tag text.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import jieba
from django.conf import settings

from .cutting import Cutter

VERSION = f"jieba {jieba.__version__}"


def word_tag(word: str) -> str | None:
    """jieba's part of speech for ``word`` (``ns`` for a place name), or None if it lists no such word."""
    return _tags().get(word)


@cache
def _tags() -> dict[str, str]:
    tags = {}
    with jieba.get_dict_file() as dictionary:
        for line in dictionary:  # "word frequency tag"
            word, *rest = line.decode("utf-8").split()
            if rest and int(rest[0]) > 0:
                tags[word] = rest[-1] if len(rest) > 1 else ""
    return tags


def cut(text: str) -> Iterator[str]:
    """The words of ``text`` as jieba cuts it with its own dictionary alone."""
    return _cutter().cut(text)


@cache
def _cutter() -> Cutter:
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(settings.JIEBA_CACHE_DIR)  # where jieba keeps its dictionary's cache
    settings.JIEBA_CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tokenizer.initialize()
    return Cutter(tokenizer)


# What ``GazetteerData`` takes of the language (``clauses.parsing.lexicon``).
LANGUAGE = {"word_tag": word_tag, "cut": cut, "dictionary_version": VERSION}
