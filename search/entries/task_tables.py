"""任务分工表: a department's tasks, or a document's, as the table provincial offices keep in Excel.

序号, the clause, the task (重点任务: its heading and text), 牵头单位, 配合单位,
落实单位 and the clause's permanent link, one row per clause, written by
``search.spreadsheet`` as CSV or Excel. A department's table adds the
document and its own role, and follows its page's filters and order; a
document's is in reading order and lists every clause with a responsible
department.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef

from clauses.models import Clause, ClauseDepartment, Department, Document
from clauses.parsing.types import Role

from ..spreadsheet import Column, csv_download, xlsx_download
from .tasks import ROLE_LABELS, TaskRow, clause_rows, department_links, task_rows

SHEET_TITLE = "任务分工表"
# The roles a 任务分工表 has a column for; a clause with none of them is not a task.
TABLE_ROLES = (Role.LEAD, Role.CO_RESPONSIBLE, Role.IMPLEMENTING)

_SHARED = [Column("牵头单位", wrap=True, max_width=30), Column("配合单位", wrap=True, max_width=40),
           Column("落实单位", wrap=True, max_width=30), Column("永久链接", link=True, max_width=50)]
DEPARTMENT_COLUMNS = [Column("序号", max_width=6, numeric=True), Column("文件", wrap=True, max_width=30),
                      Column("文号", max_width=22), Column("条款", max_width=14),
                      Column("重点任务", wrap=True, max_width=60),
                      Column("本单位角色", max_width=12), *_SHARED]
DOCUMENT_COLUMNS = [Column("序号", max_width=6, numeric=True), Column("条款", max_width=14),
                    Column("重点任务", wrap=True, max_width=70), *_SHARED]
FORMATS = ("xlsx", "csv")


def _label(row: TaskRow) -> str:
    return " ".join(part for part in (row.clause["part_label"], row.clause["label"]) if part)


def _role_cells(request, row: TaskRow) -> list[str]:
    return ["、".join(row.named(role)) for role in TABLE_ROLES] + [request.build_absolute_uri(row.permalink)]


def department_table(request, rows: Iterable[TaskRow]) -> Iterator[list[str]]:
    for number, row in enumerate(rows, start=1):
        yield [str(number), row.document["title"], row.document["doc_number"], _label(row), row.text,
               ROLE_LABELS.get(row.role, row.role), *_role_cells(request, row)]


def document_table(request, rows: Iterable[TaskRow]) -> Iterator[list[str]]:
    for number, row in enumerate(rows, start=1):
        yield [str(number), _label(row), row.text, *_role_cells(request, row)]


def department_download(request, department: Department, clause_q, extension: str):
    """The department's 任务分工表 under the page's filters; raises ``spreadsheet.ExportBusy``."""
    rows = department_table(request, task_rows(department_links(department, clause_q), department=department))
    return _download(f"{department.name}-任务分工表", DEPARTMENT_COLUMNS, rows, extension)


def document_tasks(document: Document):
    """The document's current clauses with a lead, co-responsible or implementing department, in reading order."""
    with_duty = ClauseDepartment.objects.active().filter(clause=OuterRef("pk"), role__in=TABLE_ROLES)
    return (Clause.objects.current().filter(document=document).filter(Exists(with_duty))
            .select_related("document", "parent").order_by("order"))


def document_download(request, document: Document, extension: str):
    """The document's own 任务分工表; raises ``spreadsheet.ExportBusy``."""
    rows = document_table(request, clause_rows(document_tasks(document).iterator(chunk_size=500)))
    return _download(f"{document.doc_number or document.slug}-任务分工表", DOCUMENT_COLUMNS, rows, extension)


def _download(name: str, columns: list[Column], rows: Iterator[list[str]], extension: str):
    if extension == "xlsx":
        return xlsx_download(f"{name}.xlsx", columns, rows, SHEET_TITLE)
    return csv_download(f"{name}.csv", columns, rows)
