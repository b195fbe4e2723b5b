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

import re
from collections import Counter
from functools import cache

from .divisions import divisions


@cache
def _full_names() -> re.Pattern:
    counts = Counter(division.name for division in divisions())
    unique = sorted((name for name, count in counts.items() if count == 1 and len(name) >= 2),
                    key=lambda name: (-len(name), name))
    longer = "|".join(re.escape(name) for name in unique if len(name) > 2)
    short = "|".join(re.escape(name) for name in unique if len(name) == 2)
    alone = r"(?<![\u4e00-\u9fff])(?:{})".format(short)  # after a separator or the start, not inside a word
    return re.compile(f"{longer}|{alone}")


def printed_places(text: str, *, outside: list[tuple[int, int]] = ()) -> set[str]:
    """The full names of divisions ``text`` prints, longest first where they overlap.

    ``outside``: spans to pass over — a department's name (四川省人民政府办公厅)
    prints a place that is not one of the clause's places.
    """
    return {match.group() for match in _full_names().finditer(text)
            if not any(start <= match.start() and match.end() <= end for start, end in outside)}
