"""Stage 1 for a PDF: bytes → text, one line per paragraph, a blank line at each page break.

Reads the raw bytes of a PDF with a text layer. Returns text shaped as the
later stages read a text file: each paragraph on one line (a first line
indented by two characters keeps a full-width indent, so ``clean`` marks it
``indented``), a blank line where one page ends and the next begins — the
page-break artefact ``pagebreaks.repair_page_breaks`` joins over when the
page cut a sentence, as it does for text copied from a PDF — and each row of
a ruled 任务分工表 as the paragraphs ``tasktables.task_table_paragraphs``
writes for an HTML table (``pdf_tables.py`` finds the ruled tables,
``pdf_cells.py`` reads their cells). A table printed over several pages is
one table: a part at the top of a page with the columns of the part ending
the page before continues it (a header printed again is dropped, a row cut
by the break is one row again).

On each page, characters are gathered into printed lines by position;
running headers and footers (a line in the top or bottom band printed on
most pages) and page numbers in those bands (— 3 —, -3-, 第3页, 第 3 页 共 10
页, 3/10, a bare number) are dropped. The printed lines of a paragraph are
joined: a line that reaches the right edge of the text block runs on, and a
paragraph starts after a line ending short of it or at a first line
indented by about two characters; a line set in further (centred or set to
the right: a title's second line, a 文号, a signature) stands alone, not
indented. Radicals printed for ideographs
(⼯业和信息化部) are mapped back (``radicals.py``).

A page drawing more than ``MAX_PATHS_PER_PAGE`` path objects (a drawing, a
map), or rules too tangled to group in bounded time, is read as text without
looking for tables, and a warning names it.

Refused, with a message saying what to do: more pages than
``limits.max_pages`` (before any page's text is read), a user password, a
corrupt or truncated file, no text layer (a scan), and text that is not
text (fonts without a ToUnicode map: private-use or unmapped codes).

Why PDFium (pypdfium2): measured on the same three-page plan with a ruled
duty table printed three ways (Chromium with subset-embedded Noto CJK
fonts, reportlab with the non-embedded CID font STSong-Light, fpdf2 with
an embedded Noto CJK TrueType), characters compared with the source after
mapping radicals, order by difflib ratio:

================  ===========================  ======================  =====================
library           Chromium (Type3 subsets)     reportlab (CID font)    fpdf2 (embedded TTF)
================  ===========================  ======================  =====================
pypdfium2 5.15    all right, order 1.000,      all right, 1.000,       all right, 1.000,
                  8 ms/page                    7 ms/page               2 ms/page
pypdf 7.1         all right*, 1.000, 20 CJK    all right, 1.000,       1,485 wrong characters
                  spaces inserted, 76 ms/page  4 ms/page               (CIDs, spaced out)
pdfminer.six      all right*, order 0.941      all right, 0.993,       no text at all
                  (header first), 67 ms/page   11 ms/page
pdfplumber 0.11   as pdfminer, 16 CJK spaces,  all right, 0.974,       no text at all
                  101 ms/page                  27 ms/page
================  ===========================  ======================  =====================

(*) only after mapping radicals: pdfminer.six and pypdf read the Chromium
file as 湖北省⼈⺠政府 / 省政府各部⻔ (79 characters), PDFium as printed.
All four open a file encrypted with an empty user password (RC4 and AES)
and refuse a real password and a truncated file with their own exception.
PDFium is Chrome's PDF engine (BSD-3/Apache-2.0), ships as a wheel with no
dependency, gives each character's box (lines, indents, right edges) and
the page's path objects (table rules); pdfplumber's table finder would be
its one advantage, and it reads text through pdfminer.six.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .limits import LimitExceeded, Limits
from .markers import CHINESE
from .pdf_cells import Table, join_continuation, table_of
from .pdf_lines import Char, PrintedLine, printed_lines
from .pdf_tables import Box, Grid, TooManyRules, find_grids
from .tasktables import task_table_paragraphs
from .types import ParseError

# Share of the page height at its top and bottom where headers, footers and page numbers print.
_BAND = 0.12
# A running header or footer is printed on at least this share of the pages (and on two or more).
_RUNNING_SHARE = 0.5
# Fewer characters than this per page on average: no text layer (a scan).
_MIN_CHARS_PER_PAGE = 20
# More than this share of the characters unmapped (private use, U+FFFD, control codes — glyph numbers
# read as text): no text mapping.
_MAX_UNMAPPED_SHARE = 0.05

_PAGE_NUMBER = re.compile(
    r"^(?:[—\-–－~～_\s]*\d{1,4}[—\-–－~～_\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[-—]?\s*[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
# A line set in this many ems or more is set apart (centred, to the right), not an indented paragraph.
_SET_APART = 2.5
# Points: the column rules of a table's two parts on two pages are this close.
_SAME_COLUMN = 3.0
# Path objects (rules, shapes) read from a page to find its tables. A page of ruled tables has a
# few hundred, one of 10,000 cells drawn a rectangle each ten thousand; a page past this holds a
# drawing or a map, and is read as text without looking for tables (with a warning).
MAX_PATHS_PER_PAGE = 5_000
# What to do about a PDF that cannot be read at all.
_ANOTHER_COPY = "请重新下载，或上传该文件的 Word 或文本版本"


@dataclass
class _Page:
    height: float
    lines: list[PrintedLine]
    tables: list[Table]
    # Its drawing too large or tangled to look for tables in: read as text.
    tables_skipped: bool = False


def _open(raw: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        # PDFium's error code is the last one it recorded, and some failures record none (a PDF without
        # pages): the code may be an earlier file's. A password is believed only of an encrypted file,
        # and PDFium's own words, perhaps another file's, are not repeated.
        if error.err_code == _PDFIUM_PASSWORD_ERROR and b"/Encrypt" in raw:
            raise ParseError(f"{name}：该 PDF 设有密码。请取消密码（打开后另存或打印为不带密码的 PDF）后重新上传。") from None
        raise ParseError(f"{name}：无法读取该 PDF（文件已损坏或不完整，或没有页面）。{_ANOTHER_COPY}。") from None


def _chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    """The page's printed characters in content order (PDFium's generated spaces and breaks left out)."""
    chars: list[Char] = []
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, origin_x, origin_y)
        chars.append(Char(chr(code), Box(left, bottom, right, top), origin_y.value))
    return chars


def _path_boxes(page: pdfium.PdfPage) -> list[Box] | None:
    """The boxes of the page's path objects, or None past ``MAX_PATHS_PER_PAGE`` (the rest left unread)."""
    boxes = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        if len(boxes) == MAX_PATHS_PER_PAGE:
            return None
        boxes.append(Box(*path.get_bounds()))
    return boxes


def _grids(page: pdfium.PdfPage) -> list[Grid] | None:
    """The page's ruled tables, or None when its drawing is too large or tangled to look for them."""
    boxes = _path_boxes(page)
    if boxes is None:
        return None
    try:
        return find_grids(boxes)
    except TooManyRules:
        return None


def _read_page(page: pdfium.PdfPage) -> _Page:
    textpage = page.get_textpage()
    try:
        lines = printed_lines(_chars(textpage))
    finally:
        textpage.close()
    grids = _grids(page)
    tables = []
    for grid in grids or []:
        inside = [line for line in lines if _inside(line, grid.box)]
        tables.append(table_of(grid, inside))
        lines = [line for line in lines if not _inside(line, grid.box)]
    lines.sort(key=lambda line: -line.top)
    return _Page(height=page.get_height(), lines=lines, tables=tables, tables_skipped=grids is None)


def _inside(line: PrintedLine, box: Box) -> bool:
    middle = (line.top + line.bottom) / 2
    return box.bottom <= middle <= box.top and box.left - 1 <= line.left and line.right <= box.right + 1


def _in_band(line: PrintedLine, page: _Page) -> bool:
    return line.bottom >= page.height * (1 - _BAND) or line.top <= page.height * _BAND


def _at_an_edge(index: int, page: _Page) -> bool:
    """In the top or bottom band, or one of the first or last two lines: where running lines print."""
    return index < 2 or index >= len(page.lines) - 2 or _in_band(page.lines[index], page)


def _running_key(text: str) -> str:
    """A header or footer line with its numbers blanked: 第3页 and 第4页 are one footer."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_headers_and_footers(pages: list[_Page]) -> None:
    """Page numbers in a band or as a page's first or last line, and lines repeated at the edge of most pages.

    A page's first or last lines outside the bands (a header printed inside
    the margin) count only when they recur on three pages or more.
    """
    counts = Counter(key for page in pages for key in {
        _running_key(line.text) for index, line in enumerate(page.lines) if _at_an_edge(index, page)})
    for page in pages:
        kept = []
        for index, line in enumerate(page.lines):
            if _at_an_edge(index, page):
                needed = max(2 if _in_band(line, page) else 3, _RUNNING_SHARE * len(pages))
                outermost = index in (0, len(page.lines) - 1) or _in_band(line, page)
                if (outermost and _PAGE_NUMBER.match(line.text.strip())) or counts[_running_key(line.text)] >= needed:
                    continue
            kept.append(line)
        page.lines = kept


def _paragraphs(lines: list[PrintedLine], left: float, right: float) -> list[str]:
    """Printed lines between the text block's edges ``left`` and ``right`` joined into paragraphs,
    each indented paragraph with 　　.

    A line set in by about two characters opens an indented paragraph; one set
    in further (a centred title's second line, a 文号, a signature set to the
    right) is a line of its own, not indented.
    """
    if not lines:
        return []
    em = statistics.median(line.em for line in lines)
    paragraphs: list[str] = []
    previous: PrintedLine | None = None
    for line in lines:
        text = line.text.strip()
        indented = left + 1.5 * em <= line.left < left + _SET_APART * em
        set_apart = line.left >= left + _SET_APART * em
        runs_on = previous is not None and previous.right >= right - 1.2 * em and not indented and not set_apart \
            and abs(previous.left - left) < 2.5 * em and CHINESE.match(text) is None
        if runs_on and paragraphs:
            paragraphs[-1] += text
        else:
            paragraphs.append(("\u3000\u3000" if indented else "") + text)
        previous = line
    return paragraphs


def _check_text(pages: list[_Page], name: str) -> None:
    text = "".join(line.text for page in pages for line in page.lines)
    text += "".join(line.text for page in pages for table in page.tables for line in table.lines)
    text = re.sub(r"\s", "", text)
    if len(text) < _MIN_CHARS_PER_PAGE * len(pages):
        raise ParseError(f"{name}：该 PDF 没有文字层（是扫描件或页面图片）。请先进行文字识别（OCR，"
                         "如 `ocrmypdf -l chi_sim in.pdf out.pdf`），或上传 Word 或文本版本。")
    unmapped = sum(1 for char in text if 0xE000 <= ord(char) <= 0xF8FF or char == "\ufffd" or ord(char) < 0x20)
    if unmapped > _MAX_UNMAPPED_SHARE * len(text):
        raise ParseError(f"{name}：该 PDF 的字体缺少文字映射（字符只能读作编码，而非文字），无法提取文字。"
                         "请上传其他版本（Word、文本，或重新导出并嵌入字体的 PDF）。")


def _tables_text(rows: list[list[str]]) -> list[str]:
    paragraphs = task_table_paragraphs(rows)
    if paragraphs is not None:
        return paragraphs
    return [" ".join(cell.replace(" ", "") or "-" for cell in row) for row in rows if any(row)]


def _continues(upper: Table, lower: Table, before: _Page, after: _Page) -> bool:
    """``lower`` opens ``after`` where ``upper`` ends ``before``, with the same columns: one table."""
    last_line = min((line.bottom for line in before.lines), default=upper.grid.box.bottom)
    first_line = max((line.top for line in after.lines if not _in_band(line, after)), default=lower.grid.box.top)
    columns_above, columns_below = upper.grid.columns, lower.grid.columns
    return (len(columns_above) == len(columns_below)
            and all(abs(x - y) <= 2 * _SAME_COLUMN for x, y in zip(columns_above, columns_below))
            and last_line >= upper.grid.box.bottom and first_line <= lower.grid.box.top)


def _merge_continued_tables(pages: list[_Page]) -> None:
    """A table cut by page breaks: its rows on the following pages join the table where it starts."""
    for before, after in zip(pages, pages[1:]):
        if not before.tables or not after.tables:
            continue
        upper, lower = before.tables[-1], after.tables[0]
        if not _continues(upper, lower, before, after):
            continue
        join_continuation(upper, lower)


def _give_back_lone_rows(page: _Page) -> None:
    """A frame of one row that continues no table is not a table: its lines are the page's again."""
    for table in [table for table in page.tables if len(table.cells) < 2 and table.into is None]:
        page.tables.remove(table)
        page.lines = sorted(page.lines + table.lines, key=lambda line: -line.top)


def _read_pages(raw: bytes, name: str, limits: Limits) -> list[_Page]:
    """Every page's characters and rules, read through PDFium (the only part that calls it)."""
    document = _open(raw, name)
    try:
        count = len(document)
        if limits.max_pages is not None and count > limits.max_pages:
            raise LimitExceeded(f"{name}：该 PDF 共 {count:,} 页，超过单个文件的上限 {limits.max_pages:,} 页。"
                                "请拆分后分别上传。", limit="max_pages")
        try:
            return [_read_page(document[index]) for index in range(count)]
        except pdfium.PdfiumError as error:
            raise ParseError(f"{name}：无法读取该 PDF（有页面已损坏：{error}）。{_ANOTHER_COPY}。") from None
    finally:
        document.close()


# PDFium is not thread-safe, not even for two documents at once (pypdfium2's documentation):
# a serving process answers with several threads, so two editors' PDFs are read one at a time.
_PDFIUM = threading.Lock()


def pdf_text(raw: bytes, *, name: str, limits: Limits, warnings: list[str] | None = None) -> str:
    """The text of a PDF as the later stages read a text file (see the module docstring); what an
    editor should check (pages read without looking for tables) is added to ``warnings``."""
    with _PDFIUM:
        pages = _read_pages(raw, name, limits)
    if not pages:
        raise ParseError(f"{name}：该 PDF 没有页面。")
    _check_text(pages, name)
    skipped = [str(number) for number, page in enumerate(pages, start=1) if page.tables_skipped]
    if skipped and warnings is not None:
        warnings.append(f"PDF 第 {'、'.join(skipped)} 页绘有超过 {MAX_PATHS_PER_PAGE:,} 个线条和图形，"
                        "或线条交错无法分辨（图纸、地图）：已按文字读取，未识别其中的表格；"
                        "如该页印有表格，请核对相应条款")
    _drop_headers_and_footers(pages)
    _merge_continued_tables(pages)
    page_texts = []
    for page in pages:
        _give_back_lone_rows(page)
        items: list[tuple[float, list[str]]] = [(table.grid.rows[0], _tables_text(table.rows))
                                                for table in page.tables if table.into is None]
        for top, block in sorted(_blocks(page) + items, key=lambda item: -item[0]):
            page_texts.append("\n".join(block))
        page_texts.append("")
    return "\n".join(page_texts).strip("\n") + "\n"


def _blocks(page: _Page) -> list[tuple[float, list[str]]]:
    """The page's lines cut where a table stands between them, each run joined into paragraphs.

    The text block's edges are the page's: its lines' and its tables'.
    """
    if not page.lines:
        return []
    cuts = sorted(table.grid.rows[0] for table in page.tables)
    left = min([line.left for line in page.lines] + [table.grid.columns[0] for table in page.tables])
    right = max([line.right for line in page.lines] + [table.grid.columns[-1] for table in page.tables])
    runs: dict[int, list[PrintedLine]] = {}
    for line in page.lines:
        runs.setdefault(sum(1 for cut in cuts if line.top < cut), []).append(line)
    return [(run[0].top, _paragraphs(run, left, right)) for run in runs.values()]
