"""The divisions a text prints by their full names: the measure of how many places tagging found.

Tagging finds the places the gazetteer knows. To tell an editor how much of
a new document's geography that is, the report needs an independent count of
the places the text names: every division of China (``divisions``) whose
full official name is printed (偃师区, 栾川县, 宜宾市). A name that several
divisions bear (朝阳区, 城区, 郊区) is left out: it names no one place.
Short forms (宜宾, 赣州) are not counted here: whether one is a place or a
word (长治 in 长治久安, 南部) is what the tagging rules decide, so counting
them by those rules would measure the rules with themselves. A two-character name
(嵩县, 和县) counts only after a separator or at the start, not inside a
word: 和县 is also the 和县 of 城乡和县域经济.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from .divisions import divisions


@cache
def _unique_names() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The full names only one division bears, and for each first character the lengths of those names
    that start with it, longest first: at most positions of a text no name starts, so one lookup settles it."""
    counts = Counter(division.name for division in divisions())
    unique = frozenset(name for name, count in counts.items() if count == 1 and len(name) >= 2)
    lengths: dict[str, set[int]] = {}
    for name in unique:
        lengths.setdefault(name[0], set()).add(len(name))
    return unique, {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def printed_places(text: str, *, outside: list[tuple[int, int]] = ()) -> set[str]:
    """The full names of divisions ``text`` prints, longest first where they overlap.

    Read left to right: at each position the longest name starting there is
    taken, and reading goes on after it. ``outside``: spans to pass over — a
    department's name (四川省人民政府办公厅) prints a place that is not one of the
    clause's places.
    """
    names, lengths_by_first = _unique_names()
    found: set[str] = set()
    position = 0
    while position < len(text):
        length = _name_at(text, position, names, lengths_by_first.get(text[position], ()))
        if not length:
            position += 1
            continue
        end = position + length
        if not any(start <= position and end <= stop for start, stop in outside):
            found.add(text[position:end])
        position = end
    return found


def _name_at(text: str, position: int, names: frozenset[str], lengths: tuple[int, ...]) -> int:
    """The length of the longest name at ``position`` (0 if none); a two-character one only standing alone."""
    for length in lengths:
        if position + length <= len(text) and text[position:position + length] in names:
            if length > 2 or position == 0 or not _is_han(text[position - 1]):
                return length
    return 0
