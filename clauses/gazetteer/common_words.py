"""Which place names are also common words, by jieba's dictionary.

A county's short form is a word of the language as often as a place: 南部
(the south; 南部县), 和平 (peace; 和平区), 合作 (cooperation; 合作市), 振兴,
通道, 公安. jieba's dictionary (the kept package we segment with) lists
about 350,000 words with a part of speech; a place name there is tagged
``ns``. A short form it lists under any other tag is a common word, and the
tagger counts it only in a list of places (``clauses.parsing.tagging``).

The tags are jieba's, not ours, and imperfect: some places are tagged as
common words (仙桃 ``n``), which costs only that such a name, printed alone,
is not tagged; a list of places still finds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import jieba

PLACE_TAG = "ns"


def common_words(forms: Iterable[str]) -> frozenset[str]:
    """Those of ``forms`` that jieba's dictionary lists as words other than place names."""
    return _common_words(frozenset(forms))


@lru_cache(maxsize=4)
def _common_words(forms: frozenset[str]) -> frozenset[str]:
    found = set()
    with jieba.get_dict_file() as dictionary:
        for line in dictionary:  # "word frequency tag"
            word, *rest = line.decode("utf-8").split()
            if word in forms and rest and rest[-1] != PLACE_TAG:
                found.add(word)
    return frozenset(found)
