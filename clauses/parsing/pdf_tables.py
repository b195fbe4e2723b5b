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

import bisect
import operator
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
        # The first boundary at or past the point, after the first: columns go right, rows down.
        column = bisect.bisect_left(self.columns, x, 1) - 1
        row = bisect.bisect_left(self.rows, -y, 1, key=operator.neg) - 1
        return row, column


def _boundaries(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= _SAME_BOUNDARY:
            continue
        merged.append(value)
    return merged


def _rules(path_boxes: list[Box]) -> tuple[list[Box], list[Box]]:
    """The horizontal and the vertical rules among a page's path objects."""
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
    return horizontal, vertical


def find_grids(path_boxes: list[Box]) -> list[Grid]:
    """The ruled tables among a page's path objects, top to bottom."""
    horizontal, vertical = _rules(path_boxes)
    grids = []
    for group in _connected(horizontal + vertical, vertical=set(vertical)):
        rules_v = [box for box, is_vertical in group if is_vertical]
        rules_h = [box for box, is_vertical in group if not is_vertical]
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


# Points: the side of the squares a page is cut into to find rules that may touch (about a
# table's line). Coordinates beyond the largest page a PDF may have (200 inches) count as its edge.
_SQUARE = 16.0
_FAR = 14_400.0
# Steps (a rule put on a square, a rule compared with a group or a rule) allowed per page: a
# table of 10,000 ruled cells takes under a tenth of this; rules piled or crossing by the
# thousand take more, and the page is then read without its tables rather than for minutes.
_MAX_STEPS = 2_000_000


class TooManyRules(Exception):
    """The page's rules would take more than ``_MAX_STEPS`` steps to group into tables."""


def _squares(box: Box) -> tuple[range, range]:
    """The rows and columns of the squares ``box``, widened as ``_touch`` widens it, lies on."""
    def index(value: float) -> int:
        return int((min(max(value, -_FAR), _FAR) + _FAR) // _SQUARE)

    return (range(index(box.bottom - _SAME_BOUNDARY), index(box.top) + 1),
            range(index(box.left - _SAME_BOUNDARY), index(box.right) + 1))


class _Groups:
    """Rules joined into groups through rules that touch (a union-find), counting the steps taken."""

    def __init__(self, rules: list[Box], steps: int) -> None:
        self.rules = rules
        self.parent = list(range(len(rules)))
        self.steps = steps

    def root(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def _step(self) -> None:
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise TooManyRules

    def _touches(self, item: int, group: list[int]) -> bool:
        if self.root(group[0]) == self.root(item):
            return True
        for other in group:
            self._step()
            if _touch(self.rules[item], self.rules[other]):
                return True
        return False

    def join_on_square(self, items: list[int]) -> None:
        """Join the rules lying on one square that touch: each is compared with the square's groups,
        a group's rules until one touches it."""
        here: list[list[int]] = []
        for item in items:
            joined, apart = [item], []
            for group in here:
                self._step()
                if self._touches(item, group):
                    self.parent[self.root(item)] = self.root(group[0])
                    joined += group
                else:
                    apart.append(group)
            here = apart + [joined]


def _connected(rules: list[Box], *, vertical: set[Box]) -> list[list[tuple[Box, bool]]]:
    """Rules that touch one another, in groups: each group is one table's frame (each rule with
    whether it is vertical).

    Two rules that touch lie on a common square (both widened as ``_touch`` widens them), so a
    rule is compared only with the rules sharing a square with it: the work grows with the rules
    and the squares they cross, not with every pair on the page. A rule drawn twice (the edge
    two cells share) is one rule. Raises ``TooManyRules`` past ``_MAX_STEPS``.
    """
    last_seen = {box: position for position, box in enumerate(rules)}  # duplicates: their last place
    unique = list(last_seen)
    spans = [_squares(box) for box in unique]
    groups = _Groups(unique, steps=sum(len(rows) * len(columns) for rows, columns in spans))
    if groups.steps > _MAX_STEPS:
        raise TooManyRules
    on_square: dict[tuple[int, int], list[int]] = {}
    for item, (rows, columns) in enumerate(spans):
        for row in rows:
            for column in columns:
                on_square.setdefault((row, column), []).append(item)
    for items in on_square.values():
        groups.join_on_square(items)
    members: dict[int, list[int]] = {}
    for item in range(len(unique)):
        members.setdefault(groups.root(item), []).append(item)
    # Ordered by each group's last rule in ``rules``, as grouping rule by rule ordered them: two
    # tables side by side, at the same height, keep their order (``find_grids`` sorts by height).
    ordered = sorted(members.values(), key=lambda group: max(last_seen[unique[item]] for item in group))
    return [[(unique[item], unique[item] in vertical) for item in group] for group in ordered]
