"""A PDF page's characters → its printed lines, with the geometry the text stages read.

PDFium gives each printed character with its box and baseline
(``pdf.py`` reads them); characters on one baseline, left to right, are a
printed line. A line's em (the width of its ideographs) is the unit the
stages measure indents, right edges and cell widths in.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .pdf_tables import Box

# A gap between two characters of a line at least this many ems wide prints a space.
_SPACE_GAP = 0.8

@dataclass
class Char:
    text: str
    box: Box
    baseline: float

    @property
    def size(self) -> float:
        """The character's width: about an em for an ideograph (a box's height is the font's line height)."""
        return self.box.right - self.box.left


@dataclass
class PrintedLine:
    chars: list[Char] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def left(self) -> float:
        return min(char.box.left for char in self.chars)

    @property
    def right(self) -> float:
        return max(char.box.right for char in self.chars)

    @property
    def top(self) -> float:
        return max(char.box.top for char in self.chars)

    @property
    def bottom(self) -> float:
        return min(char.box.bottom for char in self.chars)

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @property
    def em(self) -> float:
        """The size of a character: the median width of the line's ideographs (else twice its characters')."""
        ideographs = [char.size for char in self.chars if "\u4e00" <= char.text <= "\u9fff"]
        if ideographs:
            return statistics.median(ideographs)
        return 2 * statistics.median(char.size for char in self.chars if char.text != " ")


def printed_lines(chars: list[Char]) -> list[PrintedLine]:
    """Characters into lines: a new line where the baseline moves or the text goes back to the left.

    The baseline, not the box, decides: a thin glyph (一, —) has a box a
    few points high in the middle of the line. A gap of an em or more
    between two characters (cells of a table without rules, 组 长) is a space.
    """
    lines: list[PrintedLine] = []
    for char in chars:
        if char.text.isspace():
            if lines and lines[-1].chars[-1].text != " ":
                lines[-1].chars.append(Char(" ", lines[-1].chars[-1].box, lines[-1].baseline))
            continue
        last = lines[-1].chars[-1] if lines else None
        if last is not None and abs(char.baseline - last.baseline) <= 0.3 * max(char.size, last.size) \
                and char.box.left >= last.box.left:
            if last.text != " " and char.box.left - last.box.right >= _SPACE_GAP * char.size:
                lines[-1].chars.append(Char(" ", last.box, last.baseline))
            lines[-1].chars.append(char)
            continue
        lines.append(PrintedLine([char]))
    for line in lines:
        while line.chars and line.chars[-1].text == " ":
            line.chars.pop()
    return [line for line in lines if line.text.strip()]
