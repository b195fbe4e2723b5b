"""Stable ASCII slugs for documents and gazetteer entries.

A slug is part of every permalink, so it comes from what identifies the
document — its 文号 (川办发〔2022〕67号 → ``chuanbanfa-2022-67``) — or, for a
text without one, from its title in pinyin. A sidecar may name it instead.

A department, region or industry is named in its page's address by its name
in pinyin (四川省经济合作局 → ``sichuanshengjingjihezuoju``). Names that read
alike (山西省 and 陕西省 are both ``shanxisheng``) are told apart by what
qualifies the entry (its GB/T 2260 code, its jurisdiction), then by a number.
The slug is given once, when the entry is made, and kept through renames.
"""

from __future__ import annotations

import re

from collections.abc import Container, Iterable

from . import lines as shape

_MAX_TITLE_SYLLABLES = 8
# Room in an entry's slug (``SlugField(max_length=80)``) for its name and a qualifier after it.
ENTRY_SLUG_LENGTH = 80
_ENTRY_NAME_LENGTH = 50


def _syllables(text: str) -> list[str]:
    """``text`` in pinyin, a syllable a character (pypinyin's ``lazy_pinyin``).

    pypinyin is imported on first use: loading its phrase dictionary took a
    quarter to half a second, which every command, gunicorn worker and test
    process paid at start (the models import this module), while only making a
    slug — ingesting, adding a gazetteer entry — needs it.
    """
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text)


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
        prefix = "".join(_syllables(match["prefix"]))
        return _ascii(f"{prefix}-{int(match['year'])}-{int(match['serial'])}")
    if title:
        syllables = [part for part in _syllables(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", title))
                     if part.strip()]
        slug = _ascii("-".join(syllables[:_MAX_TITLE_SYLLABLES]))
        if slug:
            return slug
    return _ascii(fallback) or "document"


def _pinyin(text: str) -> str:
    return _ascii("".join(_syllables(text)))


def entry_slug(name: str, qualifiers: Iterable[str], taken: Container[str], *, fallback: str) -> str:
    """A slug for a gazetteer entry that is not in ``taken``.

    Its name in pinyin; if another entry has that, the name and the first
    qualifier (in pinyin) that makes it free; then the name and a number.
    ``fallback`` stands for a name with nothing to spell (no Chinese, letters or digits).
    """
    base = _shorten(_pinyin(name), _ENTRY_NAME_LENGTH) or fallback
    candidates = [base]
    for qualifier in qualifiers:
        spelled = _shorten(_pinyin(qualifier), ENTRY_SLUG_LENGTH - len(base) - 1)
        if spelled:
            candidates.append(f"{base}-{spelled}")
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
