"""Snippets with the query's words marked — escaped first, then marked.

The clause text is escaped before any ``<mark>`` is added, so a clause that
contains ``<script>`` shows it as text. Only ``<mark>`` is ever produced.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 150
LEAD_IN = 30


def _fold(text: str) -> str:
    """``text`` lower-cased character by character, keeping its length.

    Positions found in the folded text are used on the original, so no
    character may change length: ``'İ'.lower()`` is two characters (i and a
    combining dot), and offsets found past one were off by one on the text —
    marks shifted, or an error for a hit near the end. Such a character is
    left as it is.
    """
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)


def _hits(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of the terms in ``text``, longest terms first."""
    lowered = _fold(text)
    taken = [False] * len(text)
    spans = []
    for term in sorted({_fold(term) for term in terms if term.strip()}, key=len, reverse=True):
        start = lowered.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                for index in range(start, end):
                    taken[index] = True
            start = lowered.find(term, end)
    return sorted(spans)


def snippet(text: str, terms: list[str], *, alternatives: list[str] = ()) -> SafeString:
    """An escaped excerpt of ``text`` (or of an alternative, e.g. a translation, if only it matches)."""
    spans = _hits(text, terms)
    if not spans:
        for other in alternatives:
            if _hits(other, terms):
                text, spans = other, _hits(other, terms)
                break
    start = max(0, spans[0][0] - LEAD_IN) if spans else 0
    end = min(len(text), start + WIDTH)
    parts = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))
