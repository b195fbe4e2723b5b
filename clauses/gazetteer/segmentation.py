"""jieba, with every gazetteer term in its dictionary before it cuts anything.

Without the terms jieba cuts 国家发展改革委 into …改/革委…, and search would
miss it. The terms come from the gazetteer snapshot
(``clauses.gazetteer.snapshot``), which asks for jieba again when they
change. Building it takes about a second and 70 MB, so the last one built
is kept and reused while the terms are the same: most gazetteer edits (a
new grouping, a department ingestion has not checked) change no term.
Search indexes made before an edit need a rebuild to match the new term.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import jieba
from django.conf import settings

from .cutting import Cutter

# jieba announces every dictionary load on stderr; commands keep their output clean.
jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_last: Segmentation | None = None


@dataclass(frozen=True)
class Segmentation:
    terms: frozenset[str]
    segmenter: jieba.Tokenizer
    cutter: Cutter  # the segmenter's cut, computed faster: what search indexes and queries are cut with


def segmentation_for(terms: frozenset[str]) -> Segmentation:
    """jieba knowing ``terms``: the last one built while the terms are the same, else a new one."""
    global _last
    with _lock:
        if _last is None or _last.terms != terms:
            _last = None  # the old dictionary may go before the new one is built
            _last = _build(terms)
        return _last


def _build(terms: frozenset[str]) -> Segmentation:
    cache_dir = settings.JIEBA_CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    for term in sorted(terms):
        # A high frequency makes jieba keep the whole name as one word.
        tokenizer.add_word(term, freq=max(tokenizer.suggest_freq(term, tune=False), 1000))
    return Segmentation(terms=terms, segmenter=tokenizer, cutter=Cutter(tokenizer))
