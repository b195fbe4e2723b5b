"""Stable ASCII slugs for documents.

A slug is part of every permalink, so it comes from what identifies the
document — its 文号 (川办发〔2022〕67号 → ``chuanbanfa-2022-67``) — or, for a
text without one, from its title in pinyin. A sidecar may name it instead.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from . import lines as shape

_MAX_TITLE_SYLLABLES = 8


def _ascii(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", text.lower())
    return text.strip("-")


def _shorten(slug: str, max_length: int | None) -> str:
    """At most ``max_length`` characters, cut at a hyphen where there is one."""
    if max_length is None or len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


def slug_for(doc_number: str, title: str, fallback: str, *, max_length: int | None = None) -> str:
    return _shorten(_slug_for(doc_number, title, fallback), max_length)


def _slug_for(doc_number: str, title: str, fallback: str) -> str:
    match = shape.DOC_NUMBER.search(doc_number) if doc_number else None
    if match:
        prefix = "".join(lazy_pinyin(match["prefix"]))
        return _ascii(f"{prefix}-{int(match['year'])}-{int(match['serial'])}")
    if title:
        syllables = [part for part in lazy_pinyin(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", title))
                     if part.strip()]
        slug = _ascii("-".join(syllables[:_MAX_TITLE_SYLLABLES]))
        if slug:
            return slug
    return _ascii(fallback) or "document"
