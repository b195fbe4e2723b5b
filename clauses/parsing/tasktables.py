"""A task table (重点任务分工表, 任务清单) → one numbered paragraph per task.

Reads the rows of a table, each a list of cell texts, the header first.
A table is a task table when its header names a task column (重点任务,
主要任务, 工作任务, 具体措施…) and a department column (牵头单位, 责任单位,
配合部门…). Each row becomes ``1．task`` followed by a duty line printed
with the table's own headers (``牵头单位：A；配合单位：B、C``) and a line per
other column (``完成时限：2025年底前``), so the structure stage makes the
row a clause and the duty line gives its departments their roles, as it does
for a plan that prints them after each item.

A table flattened into text comes in two shapes, both read by
``expand_flattened_tables``: a line per row with the cells apart by spaces
(``1 优化产业承接布局。 省发展改革委 省经信厅、省科技厅 2025年底前``), or a
line per cell, each row opening with its 序号. Only rows with exactly the
header's number of cells are read; anything else is kept as printed.
"""

from __future__ import annotations

import re

from .responsibility import DUTY_HEADER
from .types import Block

_NUMBER = re.compile(r"^(序号|编号)$")
_TASK = re.compile(r"(任务|措施|举措|工作内容|具体内容|事项)")
_DEPARTMENT = DUTY_HEADER  # a department column is headed as a duty line is labelled


def _header(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def _is_task_header(header: list[str]) -> bool:
    departments = [name for name in header if _DEPARTMENT.match(name)]
    return bool(departments) and any(_TASK.search(name) and not _DEPARTMENT.match(name) for name in header)


def cell_text(cell: str) -> str:
    """A table cell's lines joined: names with 、 (省发展改革委 / 省商务厅 a line each), text without a break.

    HTML and Word tables both break a cell into lines (``<br>``, paragraphs).
    """
    lines = [line.strip(" \t\u3000\xa0") for line in cell.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > 1 and all(len(line) <= 20 and not re.search(r"[，。；]", line) for line in lines):
        return "、".join(line.rstrip("、") for line in lines)
    return "".join(lines)


def task_table_paragraphs(rows: list[list[str]]) -> list[str] | None:
    """The paragraphs of a task table, or None when ``rows`` is not one."""
    if len(rows) < 2:
        return None
    header = [_header(cell) for cell in rows[0]]
    if not _is_task_header(header):
        return None
    departments = [index for index, name in enumerate(header) if _DEPARTMENT.match(name)]
    tasks = [index for index, name in enumerate(header)
             if _TASK.search(name) and index not in departments and not _NUMBER.match(name)]
    task_column = tasks[-1]  # 一级任务 / 二级任务 / 具体任务: the last is the task itself
    number_column = next((index for index, name in enumerate(header) if _NUMBER.match(name)), None)
    paragraphs: list[str] = []
    counter = 0
    for row in rows[1:]:
        cells = [cell.strip() for cell in row] + [""] * (len(header) - len(row))
        if not cells[task_column]:
            continue
        counter += 1
        printed = cells[number_column] if number_column is not None else ""
        number = printed if printed.isdigit() else str(counter)
        paragraphs.append(f"{number}．{cells[task_column]}")
        duties = [f"{header[index]}：{cells[index]}" for index in departments if cells[index]]
        if duties:
            paragraphs.append("；".join(duties))
        for index, name in enumerate(header):
            if index in (task_column, number_column) or index in departments or not cells[index] or not name:
                continue
            paragraphs.append(f"{name}：{cells[index]}")
    return paragraphs


def _plausible(header: list[str], cells: list[str]) -> bool:
    """Department cells hold names (no number, no sentence): a cell shifted by an empty one does not."""
    return all(not re.search(r"[\d：:。]", cells[index])
               for index, name in enumerate(header) if _DEPARTMENT.match(name))


def _rows_of_a_line_each(texts: list[str], header: list[str]) -> int:
    """How many of ``texts`` are rows of the header's number of space-separated cells, from the start."""
    count = 0
    while count < len(texts) and len(cells := texts[count].split(" ")) == len(header) \
            and _plausible(header, cells):
        count += 1
    return count


def _header_of_a_cell_each(texts: list[str]) -> list[str]:
    """序号 and the column names after it, a line each: short lines, no punctuation, no number."""
    width = 0
    while width < len(texts) and len(texts[width]) <= 8 and not texts[width].isdigit() \
            and not re.search(r"[，。；：,.;:]", texts[width]):
        width += 1
    header = [_header(text) for text in texts[:width]]
    return header if width >= 3 and _NUMBER.match(header[0]) and _is_task_header(header) else []


def _rows_of_a_cell_each(texts: list[str], header: list[str]) -> list[list[str]]:
    """Rows of ``width`` lines, each opening with its 序号 1, 2, 3…, from the start.

    A row is read only when the next line opens the next row or the text
    ends there, and its department cells hold names: a row with an empty
    cell is a line short, and what follows could not be told apart from its
    last cell.
    """
    rows: list[list[str]] = []
    width = len(header)
    while True:
        start = len(rows) * width
        cells = texts[start:start + width]
        if len(cells) < width or cells[0] != str(len(rows) + 1) or any(cell.isdigit() for cell in cells[1:]) \
                or not _plausible(header, cells):
            return rows
        following = texts[start + width] if start + width < len(texts) else None
        if following is not None and following != str(len(rows) + 2):
            return rows
        rows.append(cells)


def expand_flattened_tables(blocks: list[Block]) -> list[Block]:
    """``blocks`` with every task table flattened into text read as a paragraph per task."""
    texts = [block.text for block in blocks]
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        header = texts[index].split(" ")
        names = [_header(cell) for cell in header]
        if len(header) >= 3 and _is_task_header(names):
            count = _rows_of_a_line_each(texts[index + 1:], names)
            if count:
                rows = [header] + [text.split(" ") for text in texts[index + 1: index + 1 + count]]
                result += [Block(text) for text in task_table_paragraphs(rows) or []]
                index += 1 + count
                continue
        header = _header_of_a_cell_each(texts[index:])
        rows = _rows_of_a_cell_each(texts[index + len(header):], header) if header else []
        if rows:
            result += [Block(text) for text in task_table_paragraphs([header] + rows) or []]
            index += len(header) * (1 + len(rows))
            continue
        result.append(blocks[index])
        index += 1
    return result
