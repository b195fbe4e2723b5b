"""A table as a download: CSV (UTF-8 with BOM) or a real Excel file, a row at a time, one download per process.

Every export of PolicyKB — search results, a department's 任务分工表, the
matrix — is a heading row and rows of text. This module is the one place
they become a file, so each of them gets the same guarantees:

- **Rows are read lazily and never held.** A whole-collection export is
  100,000 rows (65 MB as CSV). The CSV is streamed as it is read. The Excel
  file is written by XlsxWriter in ``constant_memory`` mode: each row goes to a
  temporary file as the next one starts, and strings are stored inline, so the
  memory is one row (plus the first ``WIDTH_SAMPLE_ROWS`` kept to size the
  columns, and XlsxWriter's record of each hyperlink, kept until the sheet is
  assembled: at most ``MAX_HYPERLINKS`` of them). The finished file is on disk
  and streamed from there.
- **No cell runs as a formula.** In a CSV, text beginning with ``= + - @``
  gets a leading apostrophe (the usual CSV-injection guard). Excel cells are
  always written with ``write_string`` (``write`` would make a formula of
  ``=…``), so they keep their text as it is; a numeric column's whole
  numbers are written as numbers, to sum and sort.
- **One export at a time per serving process.** An export takes one of the
  worker's threads for seconds; while one runs, another is refused with
  ``ExportBusy`` (``busy_response`` answers it 429 with a Retry-After) and
  searches go on. The guard is per process on purpose — it protects that
  process's threads; with N workers, N exports run at most. A CSV holds the
  slot while it streams; an Excel file holds it while it is written, then is
  served from disk without it.
"""

from __future__ import annotations

import csv
import functools
import itertools
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import xlsxwriter
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

RETRY_AFTER_SECONDS = 10
# Excel refuses more hyperlinks in one sheet; later rows show their URL as plain text.
MAX_HYPERLINKS = 65_530
# Column widths are fitted to the heading and this many first rows (kept until they are written).
WIDTH_SAMPLE_ROWS = 100
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_EXCEL_SHEET_NAME_LENGTH = 31
_EXCEL_SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})

_slot = threading.BoundedSemaphore(1)


@dataclass(frozen=True)
class Column:
    """A column of an exported table, and how Excel shows it (CSV has only the heading)."""

    heading: str
    link: bool = False  # every cell is a URL: a hyperlink in Excel, the URL as its text
    wrap: bool = False  # long text: wrapped in Excel instead of running across the next columns
    max_width: int = 60  # the widest the fitted column may get, in Excel's character widths
    numeric: bool = False  # whole numbers (序号, counts): written as numbers in Excel


class ExportBusy(Exception):
    """Another export is being written by this process."""


def busy_response() -> HttpResponse:
    """The answer to an export asked for while another runs: 429, and when to try again."""
    response = HttpResponse("另一个导出正在进行，请稍后再试。", status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def retry_later_when_busy(view):
    """Decorates a view that returns a download: ``ExportBusy`` becomes ``busy_response()``."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ExportBusy:
            return busy_response()

    return wrapped


def _formula_safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _take_slot() -> None:
    if not _slot.acquire(blocking=False):
        raise ExportBusy


# CSV ---------------------------------------------------------------------------------------------


class _Line:
    """A file-like target for ``csv.writer`` that hands back what was written."""

    def write(self, value: str) -> str:
        return value


class _ReleasedWhenDone:
    """Streamed content that gives the export slot back however the response ends.

    A generator's ``finally`` does not run if it is closed before its first
    row — a client that disconnects at once — so the slot is released in
    ``close()``, which the server calls on every response.
    """

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._released = False

    def __iter__(self):
        try:
            yield from self._lines
        finally:
            self.close()

    def close(self) -> None:
        if not self._released:
            self._released = True
            _slot.release()


def _csv_lines(columns: Sequence[Column], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    # The BOM: spreadsheet programs then read the Chinese as UTF-8.
    yield "\ufeff" + writer.writerow([_formula_safe(column.heading) for column in columns])
    for row in rows:
        yield writer.writerow([_formula_safe(value) for value in row])


def csv_download(filename: str, columns: Sequence[Column], rows: Iterable[Sequence[str]]) -> StreamingHttpResponse:
    """The table as a streamed CSV attachment; ``rows`` is read as the client reads.

    Raises ``ExportBusy`` when this process is already writing an export.
    """
    _take_slot()
    lines = _ReleasedWhenDone(_csv_lines(columns, rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Excel -------------------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """How many character widths ``text``'s longest line takes: wide and full-width characters take two."""
    return max((sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in line)
                for line in text.split("\n")), default=0)


def _fitted_widths(columns: Sequence[Column], sample: Sequence[Sequence[str]]) -> list[int]:
    widths = []
    for index, column in enumerate(columns):
        widest = max([display_width(column.heading), *(display_width(row[index]) for row in sample)])
        widths.append(min(widest + 2, column.max_width))  # + 2: a little room either side
    return widths


def _sheet_name(title: str) -> str:
    """``title`` as Excel allows a sheet name: none of []:*?/\\, no quote at either end, 31 characters."""
    name = title.translate(_EXCEL_SHEET_NAME_FORBIDDEN).strip().strip("'")[:_EXCEL_SHEET_NAME_LENGTH].strip()
    return name or "Sheet1"


def _write_sheet(workbook, columns: Sequence[Column], rows: Iterable[Sequence[str]], sheet_title: str) -> None:
    """The heading, then every row in order (``constant_memory`` flushes a row when the next starts).

    What applies to the whole sheet — the frozen heading, column widths and
    formats — is set before the first row, as the mode requires; the first
    rows are read ahead to fit the widths, then written.
    """
    sheet = workbook.add_worksheet(_sheet_name(sheet_title))
    heading = workbook.add_format({"bold": True, "valign": "top"})
    plain = workbook.add_format({"valign": "top"})
    wrapped = workbook.add_format({"valign": "top", "text_wrap": True})
    link = workbook.add_format({"valign": "top", "font_color": "blue", "underline": 1})
    formats = [link if column.link else wrapped if column.wrap else plain for column in columns]

    rows = iter(rows)
    sample = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE_ROWS)]
    for index, width in enumerate(_fitted_widths(columns, sample)):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.heading, heading)

    links = 0
    for number, row in enumerate(itertools.chain(sample, rows), start=1):
        for index, value in enumerate(row):
            if columns[index].numeric and value.isascii() and value.isdigit():
                sheet.write_number(number, index, int(value), formats[index])
                continue
            if columns[index].link and value and links < MAX_HYPERLINKS:
                # write_url refuses a URL longer than Excel allows (-3): the text is still written.
                if sheet.write_url(number, index, value, formats[index], string=value) == 0:
                    links += 1
                    continue
            sheet.write_string(number, index, value, formats[index])


def _xlsx_file(columns: Sequence[Column], rows: Iterable[Sequence[str]], sheet_title: str):
    """The finished workbook in an anonymous temporary file, rewound; nothing is left on disk if writing fails."""
    output = tempfile.TemporaryFile()
    try:
        # XlsxWriter's own temporary files (the rows, the parts of the zip) go in
        # a directory removed however the writing ends: it deletes them only
        # when the workbook is closed, and a failure stops before that.
        with tempfile.TemporaryDirectory(prefix="policykb-xlsx-") as scratch:
            workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "tmpdir": scratch})
            _write_sheet(workbook, columns, rows, sheet_title)
            workbook.close()
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return output


def xlsx_download(filename: str, columns: Sequence[Column], rows: Iterable[Sequence[str]],
                  sheet_title: str) -> FileResponse:
    """The table as an Excel attachment, written to a temporary file and streamed from it.

    Raises ``ExportBusy`` when this process is already writing an export. The
    slot is held while the file is written and given back before it is sent
    (or when writing fails: the error propagates, no partial file is sent).
    """
    _take_slot()
    try:
        output = _xlsx_file(columns, rows, sheet_title)
    finally:
        _slot.release()
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
