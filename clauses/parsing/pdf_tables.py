"""Tables drawn with ruling lines on a PDF page → rows of cell texts.

A PDF has no table, only rules and characters placed between them. A
任务分工表 printed from Word, WPS or a browser draws every cell border, as
thin filled rectangles or stroked lines (Chromium, reportlab) or as one
rectangle per cell (fpdf2); each becomes its edges. The distinct x of the
vertical rules are the column boundaries, the distinct y of the horizontal
rules the row boundaries, and each character goes to the cell its centre
falls in (``pdf.py`` joins a cell's printed lines: a full line runs on, 牵头单 /
位 → 牵头单位; a line ending short ends a name, 省发展改革委 / 省商务厅 →
省发展改革委、省商务厅).

A cell spanning rows or columns (no rule between) is read as the cell its
text falls in; the others stay empty. A frame needs two columns or more.

A row cut by a page break is printed without its closing rule: Chromium
draws the cells' side rules down to the page's end and up from the next
page's top, with no horizontal rule there. The side rules' ends are row
boundaries too, and the grid records that its top or bottom is open
(``pdf.py`` joins such a row's two parts). A frame of one row is returned as
well: it is a table only as the continuation of one on the page before
(``pdf.py`` gives its text back otherwise).

Not read as tables: rows apart by horizontal rules only (三线表, no column
rules) and a frame with no inner rules; their text is read as lines.
"""

from __future__ import annotations

from dataclasses import dataclass

# Points: a rule is thinner than this, and rules this close are one boundary.
_RULE_THICKNESS = 2.5
_SAME_BOUNDARY = 3.0
_MIN_RULE = 8.0


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, y upwards: left, bottom, right, top."""

    left: float
    bottom: float
    right: float
    top: float


@dataclass
class Grid:
    """The boundaries of one ruled table: x left to right, y top to bottom."""

    columns: list[float]
    rows: list[float]
    # No horizontal rule at the top (bottom): a row cut by the page break goes on above (below).
    open_top: bool = False
    open_bottom: bool = False

    @property
    def box(self) -> Box:
        return Box(self.columns[0], self.rows[-1], self.columns[-1], self.rows[0])

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, or None outside the table."""
        if not (self.columns[0] <= x <= self.columns[-1] and self.rows[-1] <= y <= self.rows[0]):
            return None
        column = next(index for index in range(len(self.columns) - 1) if x <= self.columns[index + 1])
        row = next(index for index in range(len(self.rows) - 1) if y >= self.rows[index + 1])
        return row, column


def _boundaries(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= _SAME_BOUNDARY:
            continue
        merged.append(value)
    return merged


def find_grids(path_boxes: list[Box]) -> list[Grid]:
    """The ruled tables among a page's path objects, top to bottom."""
    horizontal: list[Box] = []
    vertical: list[Box] = []
    for box in path_boxes:
        width, height = box.right - box.left, box.top - box.bottom
        if height <= _RULE_THICKNESS and width >= _MIN_RULE:
            horizontal.append(box)
        elif width <= _RULE_THICKNESS and height >= _MIN_RULE:
            vertical.append(box)
        elif width >= _MIN_RULE and height >= _MIN_RULE:  # a cell drawn as a rectangle: its four edges
            horizontal += [Box(box.left, box.top, box.right, box.top), Box(box.left, box.bottom, box.right, box.bottom)]
            vertical += [Box(box.left, box.bottom, box.left, box.top), Box(box.right, box.bottom, box.right, box.top)]
    grids = []
    for group in _connected(horizontal + vertical):
        rules_h = [box for box in group if box in horizontal]
        rules_v = [box for box in group if box in vertical]
        columns = _boundaries([(box.left + box.right) / 2 for box in rules_v])
        if len(columns) < 3:
            continue
        ruled = _boundaries([(box.bottom + box.top) / 2 for box in rules_h])
        top, bottom = max(box.top for box in rules_v), min(box.bottom for box in rules_v)
        open_top = not ruled or top > ruled[-1] + _SAME_BOUNDARY
        open_bottom = not ruled or bottom < ruled[0] - _SAME_BOUNDARY
        rows = _boundaries(ruled + [value for value, is_open in ((top, open_top), (bottom, open_bottom)) if is_open])
        if len(rows) >= 2:
            grids.append(Grid(columns=columns, rows=rows[::-1], open_top=open_top, open_bottom=open_bottom))
    return sorted(grids, key=lambda grid: -grid.rows[0])


def _touch(first: Box, second: Box) -> bool:
    slack = _SAME_BOUNDARY
    return (first.left - slack <= second.right and second.left - slack <= first.right
            and first.bottom - slack <= second.top and second.bottom - slack <= first.top)


def _connected(boxes: list[Box]) -> list[list[Box]]:
    """Rules that touch one another, in groups: each group is one table's frame."""
    groups: list[list[Box]] = []
    for box in boxes:
        touching = [group for group in groups if any(_touch(box, other) for other in group)]
        merged = [box] + [other for group in touching for other in group]
        groups = [group for group in groups if group not in touching] + [merged]
    return groups
