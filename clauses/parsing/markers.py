"""Numbering markers: what makes a line a part, an item or a sub-item.

Two schemes exist in the corpus: the Chinese one (一、 / （一） / 1.) and the
Korean translation's (1. / (1)). A scheme maps each level to a pattern whose
``label`` group is the marker as printed and ``num`` group its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import chinese_to_int

_OPEN = "(（〔［\\["
_CLOSE = ")）〕］\\]"


@dataclass(frozen=True)
class Marker:
    level: str  # "part" | "item" | "sub_item"
    label: str
    number: int
    rest: str


@dataclass(frozen=True)
class Scheme:
    name: str
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def match(self, line: str) -> Marker | None:
        for level, pattern in self.patterns:
            found = pattern.match(line)
            if found:
                try:
                    number = chinese_to_int(found["num"])
                except ValueError:
                    continue
                if number < 1:  # （〇） or 0. numbers nothing
                    continue
                return Marker(level=level, label=found["label"], number=number,
                              rest=line[found.end("label"):].strip())
        return None


CHINESE = Scheme(
    name="zh",
    patterns=(
        ("part", re.compile(r"^(?P<label>(?P<num>[一二三四五六七八九十]{1,3})[、，,])(?!\s*[是要])")),
        # （一） … （九十九） … （一千零一）: long task lists run past a hundred.
        ("item", re.compile(rf"^(?P<label>[{_OPEN}]\s*(?P<num>[一二三四五六七八九十百千零〇]{{1,8}})\s*[{_CLOSE}])")),
        # 1. / 1． / 1﹒ / 1、 — a dot not followed by another digit (not "1.5亿"); up to 9999.
        ("sub_item", re.compile(r"^(?P<label>(?P<num>\d{1,4})\s*[.．﹒、](?!\d))")),
    ),
)

KOREAN = Scheme(
    name="ko",
    patterns=(
        ("part", re.compile(r"^(?P<label>(?P<num>\d{1,2})\.)(?!\d)\s")),
        ("item", re.compile(r"^(?P<label>\((?P<num>\d{1,3})\))")),
    ),
)

LEVEL_RANK = {"part": 1, "item": 2, "sub_item": 3}

# What looks like numbering beyond what the schemes read (10000. / （一万）):
# kept as text, but reported, so a document never loses numbering silently.
LOOKS_NUMBERED = re.compile(rf"^(\d{{5,}}\s*[.．﹒、](?!\d)|[{_OPEN}]\s*[一二三四五六七八九十百千万零〇]+\s*[{_CLOSE}])")
