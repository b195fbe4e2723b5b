"""jieba, with every gazetteer term in its dictionary before it cuts anything.

Without the terms jieba cuts 国家发展改革委 into …改/革委…, and search would
miss it. Each process gets its own ``jieba.Tokenizer``: ``segmenter()``
builds it on first use from the database's gazetteer (or the fixture files
when the tables do not exist yet), and a gazetteer edit resets it so the
next cut sees the new term. Search indexes made before an edit need a
rebuild to match the new term.
"""

from __future__ import annotations

import logging
import threading

import jieba
from django.conf import settings
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save

from .cutting import Cutter

# jieba announces every dictionary load on stderr; commands keep their output clean.
jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_loaded: tuple[jieba.Tokenizer, Cutter] | None = None


def gazetteer_terms() -> set[str]:
    """Every name and alias in the gazetteer."""
    from .files import read_gazetteer_files
    from .lexicon import gazetteer_from_database

    try:
        data = gazetteer_from_database()
        if not (data.departments or data.regions or data.industries):
            raise LookupError("empty gazetteer tables")
    except (DatabaseError, LookupError):
        data = read_gazetteer_files(settings.GAZETTEER_DIR)
    terms: set[str] = set()
    for entries in (data.departments, data.regions, data.industries):
        for entry in entries:
            terms.add(entry["name"])
            terms.update(entry.get("aliases", []))
    return {term for term in terms if len(term) >= 2}


def segmenter() -> jieba.Tokenizer:
    return _load()[0]


def cutter() -> Cutter:
    """The segmenter's cut, computed faster: what search indexes and queries are cut with."""
    return _load()[1]


def _load() -> tuple[jieba.Tokenizer, Cutter]:
    global _loaded
    with _lock:
        if _loaded is None:
            cache_dir = settings.JIEBA_CACHE_DIR
            cache_dir.mkdir(parents=True, exist_ok=True)
            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(cache_dir)
            tokenizer.initialize()
            for term in sorted(gazetteer_terms()):
                # A high frequency makes jieba keep the whole name as one word.
                tokenizer.add_word(term, freq=max(tokenizer.suggest_freq(term, tune=False), 1000))
            _loaded = (tokenizer, Cutter(tokenizer))
        return _loaded


def reset_segmenter(**_kwargs) -> None:
    global _loaded
    with _lock:
        _loaded = None


def connect_signals() -> None:
    from clauses.models import (Department, DepartmentAlias, Industry, IndustryAlias, Region,
                                RegionAlias)

    for model in (Department, DepartmentAlias, Region, RegionAlias, Industry, IndustryAlias):
        post_save.connect(reset_segmenter, sender=model, dispatch_uid=f"segmenter-{model.__name__}-save")
        post_delete.connect(reset_segmenter, sender=model, dispatch_uid=f"segmenter-{model.__name__}-delete")
