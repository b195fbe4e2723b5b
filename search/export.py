"""The exports of a search: every result, as CSV or Excel (see ``search.spreadsheet``).

A whole-collection export at 100,000 clauses is 100,000 rows (65 MB as CSV,
about 8 s of one worker thread; ``make bench``) and anyone may ask for it.
The rows are read from the index a batch at a time (``every_hit``) and
written as they come; ``spreadsheet`` keeps it to one export at a time per
process. What is the search's own is here: which rows, in which columns.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse

from . import presentation, spreadsheet
from .selectors import SearchRequest, every_hit

FILENAME = "policykb-search"
SHEET_TITLE = "检索结果"


def _rows(http_request, search_request: SearchRequest) -> Iterator[list[str]]:
    for hit in every_hit(search_request):
        yield presentation.export_row(http_request, hit)


def csv_download(http_request, search_request: SearchRequest) -> StreamingHttpResponse:
    """The search's results as a streamed CSV; raises ``spreadsheet.ExportBusy`` while another export runs."""
    return spreadsheet.csv_download(f"{FILENAME}.csv", presentation.EXPORT_COLUMNS,
                                    _rows(http_request, search_request))


def xlsx_download(http_request, search_request: SearchRequest) -> FileResponse:
    """The search's results as an Excel file; raises ``spreadsheet.ExportBusy`` while another export runs."""
    return spreadsheet.xlsx_download(f"{FILENAME}.xlsx", presentation.EXPORT_COLUMNS,
                                     _rows(http_request, search_request), SHEET_TITLE)
