"""Snippets with the query's words marked — escaped first, then marked.

The clause text is escaped before any ``<mark>`` is added, so a clause that
contains ``<script>`` shows it as text. Only ``<mark>`` is ever produced.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 150
LEAD_IN = 30


def _hits(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of the terms in ``text``, longest terms first."""
    lowered = text.lower()
    taken = [False] * len(text)
    spans = []
    for term in sorted({term.lower() for term in terms if term.strip()}, key=len, reverse=True):
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
