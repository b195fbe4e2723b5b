"""A ruled table's cells → their text, and its parts on successive pages → one table.

``pdf_tables.find_grids`` gives a table's rules; each printed character
goes to the cell its centre falls in, and a cell's printed lines are joined
(``cell_text``). A table cut by page breaks prints a part on each page;
``pdf.py`` decides that two parts are one table (same columns, nothing
between them but the break) and ``Table.continued_by`` joins them: a header
row printed again is dropped, and a row cut by the break is one row again.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .pdf_lines import Char, PrintedLine
from .pdf_tables import Grid

# Punctuation that may not open a printed line: the character before it moves down with it.
_NO_LINE_START = "、，。；：？！）》」』〕】”’,.;:?!)"
# Cell padding is at most this share of an em (Word's 0.19 cm at 10.5 pt is about half an em).
_MAX_PADDING = 0.6
# A word would have fitted at a line's end with at least this share of an em to spare (rules have a width).
_FIT_SLACK = 0.1


def _first_unit_width(line: PrintedLine) -> float:
    """The width of what a line printer keeps together at a line's start: a character with the
    punctuation after it (委、), or a run of letters and digits (2025)."""
    chars = line.chars
    end = 1
    if chars[0].text.isascii() and chars[0].text.isalnum():
        while end < len(chars) and chars[end].text.isascii() and chars[end].text.isalnum():
            end += 1
    while end < len(chars) and chars[end].text in _NO_LINE_START:
        end += 1
    return chars[end - 1].box.right - chars[0].box.left


def cell_text(lines: list[PrintedLine], left_edge: float, right_edge: float) -> str:
    """A cell's printed lines joined: a line runs on where the next line's first word would not have
    fitted after it (a wrapped line: 市工业和信息 / 化局, 市发展改革 / 委、市财政局); where it would have
    fitted, the writer broke the line, and the lines are names apart (省发展改革委 / 省商务厅 → 、).

    Widths, not positions, decide, so centred cells read as left-aligned ones.
    """
    text = ""
    if not lines:
        return text
    em = statistics.median(line.em for line in lines)
    padding = min(min(line.left for line in lines) - left_edge, _MAX_PADDING * em)
    room = right_edge - left_edge - 2 * max(padding, 0)
    for line, following in zip(lines, [*lines[1:], None]):
        text += line.text.strip()
        if following is None:
            break
        would_fit = (line.right - line.left) + _first_unit_width(following) + _FIT_SLACK * em <= room
        if would_fit and not re.search(r"[、，。；：,;:]$", text):
            text += "、"
    return text


@dataclass
class Table:
    """A ruled table on a page: its grid, each cell's printed lines (row → column → lines), the lines it holds.

    ``into`` is the table on an earlier page this one continues: its rows moved there
    (``join_continuation``).
    """

    grid: Grid
    cells: list[list[list[PrintedLine]]]
    lines: list[PrintedLine]
    into: Table | None = None

    def row_texts(self, index: int) -> list[str]:
        columns = self.grid.columns
        return [cell_text(lines, columns[column], columns[column + 1])
                for column, lines in enumerate(self.cells[index])]

    @property
    def rows(self) -> list[list[str]]:
        return [self.row_texts(index) for index in range(len(self.cells))]


def table_of(grid: Grid, lines: list[PrintedLine]) -> Table:
    """The table of ``grid``: each character of ``lines`` goes to the cell its centre falls in."""
    cells: list[list[list[PrintedLine]]] = [[[] for _ in grid.columns[1:]] for _ in grid.rows[1:]]
    for line in lines:
        for char in line.chars:
            place = grid.cell_of((char.box.left + char.box.right) / 2, (char.box.top + char.box.bottom) / 2)
            if place is None:
                continue
            cell_lines = cells[place[0]][place[1]]
            if not cell_lines or cell_lines[-1] is not line and not _same_line(cell_lines[-1], char):
                cell_lines.append(PrintedLine())
            cell_lines[-1].chars.append(char)
    return Table(grid=grid, cells=cells, lines=lines)


def _same_line(line: PrintedLine, char: Char) -> bool:
    return bool(line.chars) and line.bottom <= (char.box.top + char.box.bottom) / 2 <= line.top


def _a_row_cut_by_the_break(upper: Table, lower: Table, below: list[list[list[PrintedLine]]]) -> bool:
    """The first row below the break is the rest of the last row above it.

    Chromium leaves the cut open (no rule under the part above, none over the
    part below); Word rules both parts, and then the part below has no 序号
    where the row above has one.
    """
    if upper.grid.open_bottom or lower.grid.open_top:
        return True
    last, first = upper.cells[-1], below[0]
    number = "".join(line.text for line in last[0]).strip()
    return bool(re.fullmatch(r"[(（]?\d{1,3}[)）.．、]?", number)) and not any(line.text.strip() for line in first[0])


def join_continuation(upper: Table, lower: Table) -> None:
    """``lower``, at the top of a page, continues ``upper``, at the bottom of the page before: its rows
    join the table ``upper`` belongs to, without a header printed again, a row cut by the break made one
    again (each cell's lines above the break, then below it)."""
    target = upper.into or upper
    cells = lower.cells
    if cells and target.cells and lower.row_texts(0) == target.row_texts(0):
        cells = cells[1:]
    if cells and target.cells and _a_row_cut_by_the_break(upper, lower, cells):
        target.cells[-1] = [above + below for above, below in zip(target.cells[-1], cells[0])]
        cells = cells[1:]
    target.cells += cells
    lower.into = target
