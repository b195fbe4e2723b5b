"""The responsibility matrix: departments × documents, the clauses each leads and co-leads, for any search.

Counted by the index over exactly the clauses the search finds
(``selectors.cross_counts``), so a department's row adds up to its count in
the search's 牵头部门 and 配合部门 facets, and a cell's link opens the search
that lists its clauses. At most ``MAX_DEPARTMENTS`` × ``MAX_DOCUMENTS`` are
shown — those with the most clauses — and the page says how many more
there are; a narrower filter shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collections.abc import Iterator

from clauses.models import Department, Document

from .limits import MAX_FILTERS
from .selectors import SearchRequest, canonical_filter, cross_counts
from .spreadsheet import Column

MAX_DEPARTMENTS = 100
MAX_DOCUMENTS = 50
ROW_ORDERS = {"lead": "牵头最多", "co": "配合最多", "total": "合计最多", "name": "名称"}
COLUMN_ORDERS = {"date": "最新文件在前", "total": "条款最多在前"}


class BadMatrixRequest(ValueError):
    """A filter that names nothing, or an order the matrix does not know; the message is for the user."""


@dataclass
class Cell:
    lead: int = 0
    co: int = 0


@dataclass
class MatrixRow:
    name: str
    slug: str  # the department's page; "" for a name the gazetteer has no row for
    lead: int
    co: int
    cells: list[Cell] = field(default_factory=list)  # one per shown document, in their order

    @property
    def total(self) -> int:
        return self.lead + self.co


@dataclass
class MatrixColumn:
    slug: str
    title: str
    doc_number: str
    issued_on: str | None
    lead: int
    co: int


@dataclass
class Matrix:
    request: SearchRequest
    count: int  # clauses the search finds
    rows: list[MatrixRow]
    columns: list[MatrixColumn]
    hidden_rows: int  # departments beyond ``MAX_DEPARTMENTS``
    hidden_columns: int
    notes: list[str]


def empty_matrix(request: SearchRequest) -> Matrix:
    """What a refused request shows: nothing counted."""
    return Matrix(request, 0, [], [], 0, 0, [])


def responsibility_matrix(request: SearchRequest, *, rows: str = "lead", columns: str = "date") -> Matrix:
    if rows not in ROW_ORDERS:
        raise BadMatrixRequest(f"行排序只能是 {', '.join(ROW_ORDERS)}。")
    if columns not in COLUMN_ORDERS:
        raise BadMatrixRequest(f"列排序只能是 {', '.join(COLUMN_ORDERS)}。")
    if len(request.filters) > MAX_FILTERS - 2:
        raise BadMatrixRequest(f"筛选条件过多：矩阵最多 {MAX_FILTERS - 2} 个（每个格子的链接再加部门和文件两个）。")
    for name, value in request.filters:
        _, refusal = canonical_filter(name, value)
        if refusal:
            raise BadMatrixRequest(f"{refusal}。")
    led = cross_counts(request, "lead", "document")
    shared = cross_counts(request, "co", "document")
    cells: dict[tuple[str, str], Cell] = {}
    for (name, slug), count in led.cells.items():
        cells.setdefault((name, slug), Cell()).lead = count
    for (name, slug), count in shared.cells.items():
        cells.setdefault((name, slug), Cell()).co = count

    departments: dict[str, MatrixRow] = {}
    documents: dict[str, Cell] = {}
    for (name, slug), cell in cells.items():
        row = departments.setdefault(name, MatrixRow(name, "", 0, 0))
        row.lead += cell.lead
        row.co += cell.co
        column = documents.setdefault(slug, Cell())
        column.lead += cell.lead
        column.co += cell.co

    # The largest by the order asked for (by total when ordered by name), in that order.
    largest_first = _row_order("total" if rows == "name" else rows)
    shown_rows = sorted(departments.values(), key=largest_first)[:MAX_DEPARTMENTS]
    shown_rows.sort(key=_row_order(rows))
    slugs = dict(Department.objects.filter(name__in=[row.name for row in shown_rows]).values_list("name", "slug"))
    by_total = sorted(documents, key=lambda slug: (-(documents[slug].lead + documents[slug].co), slug))
    shown_documents = {document.slug: document for document in
                       Document.objects.filter(slug__in=by_total[:MAX_DOCUMENTS])}
    columns_shown = [MatrixColumn(slug, document.title, document.doc_number,
                                  document.issued_on.isoformat() if document.issued_on else None,
                                  documents[slug].lead, documents[slug].co)
                     for slug, document in shown_documents.items()]
    _sort_columns(columns_shown, columns)
    for row in shown_rows:
        row.slug = slugs.get(row.name, "")
        row.cells = [cells.get((row.name, column.slug), Cell()) for column in columns_shown]
    return Matrix(request, led.count, shown_rows, columns_shown,
                  hidden_rows=len(departments) - len(shown_rows), hidden_columns=len(documents) - len(columns_shown),
                  notes=led.notes)


def _row_order(order: str):
    if order == "name":
        return lambda row: row.name
    return lambda row: (-{"lead": row.lead, "co": row.co, "total": row.total}[order], -row.total, row.name)


def _sort_columns(columns: list[MatrixColumn], order: str) -> None:
    if order == "total":
        columns.sort(key=lambda column: (-(column.lead + column.co), column.slug))
        return
    # Newest first, undated last ("" sorts after every date when reversed); a date's documents by slug.
    columns.sort(key=lambda column: column.slug)
    columns.sort(key=lambda column: column.issued_on or "", reverse=True)


def _cell_text(cell: Cell) -> str:
    parts = [f"牵头 {cell.lead}" if cell.lead else "", f"配合 {cell.co}" if cell.co else ""]
    return " / ".join(part for part in parts if part)


def table(found: Matrix, page_url) -> tuple[list[Column], Iterator[list[str]]]:
    """The matrix as an exported table: a row per department, a column per document, its page's link last.

    ``page_url(slug)`` gives a department page's absolute address.
    """
    columns = [Column("部门", max_width=30), Column("牵头合计", max_width=8, numeric=True),
               Column("配合合计", max_width=8, numeric=True),
               *(Column(column.doc_number or column.title, wrap=True, max_width=16) for column in found.columns),
               Column("部门页面", link=True, max_width=40)]

    def rows() -> Iterator[list[str]]:
        for row in found.rows:
            yield [row.name, str(row.lead), str(row.co), *(_cell_text(cell) for cell in row.cells),
                   page_url(row.slug) if row.slug else ""]
    return columns, rows()
