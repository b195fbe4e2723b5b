"""Small horizontal bar charts, drawn by the server as SVG.

No script and no inline style (the Content-Security-Policy allows neither):
each bar is an SVG ``<rect>`` whose width is an attribute, computed here.
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_AREA = 240  # pixels for the longest bar
ROW_HEIGHT = 22
LABEL_WIDTH = 190


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int  # pixels
    y: int  # the row's top
    url: str = ""


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA

    @property
    def label_chars(self) -> int:
        """How many characters of a label fit before it (12-pixel Chinese, the ellipsis included)."""
        return max(4, (self.label_width - 8) // 12)

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 60  # room for the number after the longest bar


def bar_chart(title: str, rows: list[tuple[str, int]] | list[tuple[str, int, str]], *,
              label_width: int = LABEL_WIDTH, bar_area: int = BAR_AREA) -> BarChart:
    """A chart of ``(label, value[, url])`` rows, in the given order; a zero value has no bar.

    Drawn at its size in pixels; a narrower column gives smaller widths rather than scaling the text down.
    """
    largest = max((row[1] for row in rows), default=0)
    bars = [Bar(label=row[0], value=row[1], url=row[2] if len(row) > 2 else "",
                width=round(bar_area * row[1] / largest) if largest else 0, y=index * ROW_HEIGHT)
            for index, row in enumerate(rows)]
    return BarChart(title=title, bars=bars, height=max(1, len(bars)) * ROW_HEIGHT, label_width=label_width,
                    bar_area=bar_area)
