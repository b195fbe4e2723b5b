"""A task table (重点任务分工表, 任务清单) → one numbered paragraph per task.

Reads the rows of a table, each a list of cell texts, the header first.
A table is a task table when its header names a task column (重点任务,
主要任务, 工作任务, 具体措施…) and a department column (牵头单位, 责任单位,
配合部门…). Each row becomes ``1．task`` followed by a duty line printed
with the table's own headers (``牵头单位：A；配合单位：B、C``) and a line per
other column (``完成时限：2025年底前``), so the structure stage makes the
row a clause and the duty line gives its departments their roles, as it does
for a plan that prints them after each item.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^(序号|编号)$")
_TASK = re.compile(r"(任务|措施|举措|工作内容|具体内容|事项)")
_DEPARTMENT = re.compile(r"^(牵头|责任|配合|参与|协办|协助|协同|主办)(单位|部门)$")


def _header(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def task_table_paragraphs(rows: list[list[str]]) -> list[str] | None:
    """The paragraphs of a task table, or None when ``rows`` is not one."""
    if len(rows) < 2:
        return None
    header = [_header(cell) for cell in rows[0]]
    departments = [index for index, name in enumerate(header) if _DEPARTMENT.match(name)]
    tasks = [index for index, name in enumerate(header)
             if _TASK.search(name) and index not in departments and not _NUMBER.match(name)]
    if not departments or not tasks:
        return None
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
