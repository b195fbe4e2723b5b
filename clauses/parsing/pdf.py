"""Stage 1 for a PDF: bytes → text, one line per paragraph, a blank line at each page break.

Reads the raw bytes of a PDF with a text layer. Returns text shaped as the
later stages read a text file: each paragraph on one line (a first line
indented by two characters keeps a full-width indent, so ``clean`` marks it
``indented``), a blank line where one page ends and the next begins — the
page-break artefact ``pagebreaks.repair_page_breaks`` joins over when the
page cut a sentence, as it does for text copied from a PDF — and each row of
a ruled 任务分工表 as the paragraphs ``tasktables.task_table_paragraphs``
writes for an HTML table (``pdf_tables.py`` finds the ruled tables).

On each page, characters are gathered into printed lines by position;
running headers and footers (a line in the top or bottom band printed on
most pages) and page numbers in those bands (— 3 —, -3-, 第3页, 第 3 页 共 10
页, 3/10, a bare number) are dropped. The printed lines of a paragraph are
joined: a line that reaches the right edge of the text block runs on, and a
paragraph starts after a line ending short of it or at a first line
indented by about two characters. Radicals printed for ideographs
(⼯业和信息化部) are mapped back (``radicals.py``).

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
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .limits import LimitExceeded, Limits
from .markers import CHINESE
from .pdf_tables import Box, Grid, find_grids
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
# A gap between two characters of a line at least this many ems wide prints a space.
_SPACE_GAP = 0.8
# A line set in this many ems or more is set apart (centred, to the right), not an indented paragraph.
_SET_APART = 2.5
# Points: the column rules of a table's two parts on two pages are this close.
_SAME_COLUMN = 3.0


@dataclass
class _Char:
    text: str
    box: Box
    baseline: float

    @property
    def size(self) -> float:
        """The character's width: about an em for an ideograph (a box's height is the font's line height)."""
        return self.box.right - self.box.left


@dataclass
class _Line:
    chars: list[_Char] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def left(self) -> float:
        return min(char.box.left for char in self.chars)

    @property
    def right(self) -> float:
        return max(char.box.right for char in self.chars)

    @property
    def top(self) -> float:
        return max(char.box.top for char in self.chars)

    @property
    def bottom(self) -> float:
        return min(char.box.bottom for char in self.chars)

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @property
    def em(self) -> float:
        """The size of a character: the median width of the line's ideographs (else twice its characters')."""
        ideographs = [char.size for char in self.chars if "\u4e00" <= char.text <= "\u9fff"]
        if ideographs:
            return statistics.median(ideographs)
        return 2 * statistics.median(char.size for char in self.chars if char.text != " ")


@dataclass
class _Page:
    height: float
    lines: list[_Line]
    tables: list[_Table]


def _open(raw: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        if error.err_code == _PDFIUM_PASSWORD_ERROR:
            raise ParseError(f"{name}: the PDF is protected by a password. Remove the password (open it and "
                             "save or print it as a PDF without one) and upload it again.") from None
        raise ParseError(f"{name}: not a readable PDF (it is damaged or incomplete: {error}). "
                         "Download it again, or upload the Word or text version.") from None


def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    """The page's printed characters in content order (PDFium's generated spaces and breaks left out)."""
    chars: list[_Char] = []
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, origin_x, origin_y)
        chars.append(_Char(chr(code), Box(left, bottom, right, top), origin_y.value))
    return chars


def _printed_lines(chars: list[_Char]) -> list[_Line]:
    """Characters into lines: a new line where the baseline moves or the text goes back to the left.

    The baseline, not the box, decides: a thin glyph (一, —) has a box a
    few points high in the middle of the line. A gap of an em or more
    between two characters (cells of a table without rules, 组 长) is a space.
    """
    lines: list[_Line] = []
    for char in chars:
        if char.text.isspace():
            if lines and lines[-1].chars[-1].text != " ":
                lines[-1].chars.append(_Char(" ", lines[-1].chars[-1].box, lines[-1].baseline))
            continue
        last = lines[-1].chars[-1] if lines else None
        if last is not None and abs(char.baseline - last.baseline) <= 0.3 * max(char.size, last.size) \
                and char.box.left >= last.box.left:
            if last.text != " " and char.box.left - last.box.right >= _SPACE_GAP * char.size:
                lines[-1].chars.append(_Char(" ", last.box, last.baseline))
            lines[-1].chars.append(char)
            continue
        lines.append(_Line([char]))
    for line in lines:
        while line.chars and line.chars[-1].text == " ":
            line.chars.pop()
    return [line for line in lines if line.text.strip()]


def _path_boxes(page: pdfium.PdfPage) -> list[Box]:
    return [Box(*path.get_bounds()) for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)]


# Punctuation that may not open a printed line: the character before it moves down with it.
_NO_LINE_START = "、，。；：？！）》」』〕】”’,.;:?!)"
# Cell padding is at most this share of an em (Word's 0.19 cm at 10.5 pt is about half an em).
_MAX_PADDING = 0.6
# A word would have fitted at a line's end with at least this share of an em to spare (rules have a width).
_FIT_SLACK = 0.1


def _first_unit_width(line: _Line) -> float:
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


def _cell_text(lines: list[_Line], left_edge: float, right_edge: float) -> str:
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
class _Table:
    """A ruled table on a page: its grid, each cell's printed lines (row → column → lines), the lines it holds.

    ``into`` is the table on an earlier page this one continues: its rows moved there.
    """

    grid: Grid
    cells: list[list[list[_Line]]]
    lines: list[_Line]
    into: _Table | None = None

    def row_texts(self, index: int) -> list[str]:
        columns = self.grid.columns
        return [_cell_text(lines, columns[column], columns[column + 1])
                for column, lines in enumerate(self.cells[index])]

    @property
    def rows(self) -> list[list[str]]:
        return [self.row_texts(index) for index in range(len(self.cells))]


def _table(grid: Grid, lines: list[_Line]) -> _Table:
    """The table of ``grid``: each character of ``lines`` goes to the cell its centre falls in."""
    cells: list[list[list[_Line]]] = [[[] for _ in grid.columns[1:]] for _ in grid.rows[1:]]
    for line in lines:
        for char in line.chars:
            place = grid.cell_of((char.box.left + char.box.right) / 2, (char.box.top + char.box.bottom) / 2)
            if place is None:
                continue
            cell_lines = cells[place[0]][place[1]]
            if not cell_lines or cell_lines[-1] is not line and not _same_line(cell_lines[-1], char):
                cell_lines.append(_Line())
            cell_lines[-1].chars.append(char)
    return _Table(grid=grid, cells=cells, lines=lines)


def _same_line(line: _Line, char: _Char) -> bool:
    return bool(line.chars) and line.bottom <= (char.box.top + char.box.bottom) / 2 <= line.top


def _read_page(page: pdfium.PdfPage) -> _Page:
    textpage = page.get_textpage()
    try:
        lines = _printed_lines(_chars(textpage))
    finally:
        textpage.close()
    grids = find_grids(_path_boxes(page))
    tables = []
    for grid in grids:
        inside = [line for line in lines if _inside(line, grid.box)]
        tables.append(_table(grid, inside))
        lines = [line for line in lines if not _inside(line, grid.box)]
    lines.sort(key=lambda line: -line.top)
    return _Page(height=page.get_height(), lines=lines, tables=tables)


def _inside(line: _Line, box: Box) -> bool:
    middle = (line.top + line.bottom) / 2
    return box.bottom <= middle <= box.top and box.left - 1 <= line.left and line.right <= box.right + 1


def _in_band(line: _Line, page: _Page) -> bool:
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


def _paragraphs(lines: list[_Line], left: float, right: float) -> list[str]:
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
    previous: _Line | None = None
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
        raise ParseError(f"{name}: the PDF has no text layer (it is a scan or images of pages). Run OCR on it "
                         "(e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) or upload the Word or text version.")
    unmapped = sum(1 for char in text if 0xE000 <= ord(char) <= 0xF8FF or char == "\ufffd" or ord(char) < 0x20)
    if unmapped > _MAX_UNMAPPED_SHARE * len(text):
        raise ParseError(f"{name}: the PDF's fonts carry no text mapping (its characters read as codes, not "
                         "text), so its text cannot be extracted. Upload another version (Word, text or a PDF "
                         "exported again with fonts embedded).")


def _tables_text(rows: list[list[str]]) -> list[str]:
    paragraphs = task_table_paragraphs(rows)
    if paragraphs is not None:
        return paragraphs
    return [" ".join(cell.replace(" ", "") or "-" for cell in row) for row in rows if any(row)]


def _continues(upper: _Table, lower: _Table, before: _Page, after: _Page) -> bool:
    """``lower`` opens ``after`` where ``upper`` ends ``before``, with the same columns: one table."""
    last_line = min((line.bottom for line in before.lines), default=upper.grid.box.bottom)
    first_line = max((line.top for line in after.lines if not _in_band(line, after)), default=lower.grid.box.top)
    columns_above, columns_below = upper.grid.columns, lower.grid.columns
    return (len(columns_above) == len(columns_below)
            and all(abs(x - y) <= 2 * _SAME_COLUMN for x, y in zip(columns_above, columns_below))
            and last_line >= upper.grid.box.bottom and first_line <= lower.grid.box.top)


def _a_row_cut_by_the_break(upper: _Table, lower: _Table, below: list[list[list[_Line]]]) -> bool:
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


def _merge_continued_tables(pages: list[_Page]) -> None:
    """A table cut by page breaks: its rows on the following pages join the table where it starts.

    A header row printed again on the new page is dropped; a row cut by the
    break is one row again, each cell's lines above the break then below it.
    """
    for before, after in zip(pages, pages[1:]):
        if not before.tables or not after.tables:
            continue
        upper, lower = before.tables[-1], after.tables[0]
        if not _continues(upper, lower, before, after):
            continue
        target = upper.into or upper
        cells = lower.cells
        if cells and target.cells and lower.row_texts(0) == target.row_texts(0):
            cells = cells[1:]
        if cells and target.cells and _a_row_cut_by_the_break(upper, lower, cells):
            target.cells[-1] = [above + below for above, below in zip(target.cells[-1], cells[0])]
            cells = cells[1:]
        target.cells += cells
        lower.into = target


def _give_back_lone_rows(page: _Page) -> None:
    """A frame of one row that continues no table is not a table: its lines are the page's again."""
    for table in [table for table in page.tables if len(table.cells) < 2 and table.into is None]:
        page.tables.remove(table)
        page.lines = sorted(page.lines + table.lines, key=lambda line: -line.top)


def pdf_text(raw: bytes, *, name: str, limits: Limits) -> str:
    """The text of a PDF as the later stages read a text file (see the module docstring)."""
    document = _open(raw, name)
    try:
        count = len(document)
        if limits.max_pages is not None and count > limits.max_pages:
            raise LimitExceeded(f"{name}: the PDF has {count:,} pages, more than the {limits.max_pages:,} a "
                                f"document may have. Split it and upload the parts.", limit="max_pages")
        try:
            pages = [_read_page(document[index]) for index in range(count)]
        except pdfium.PdfiumError as error:
            raise ParseError(f"{name}: not a readable PDF (a page is damaged: {error}). Download it again, "
                             "or upload the Word or text version.") from None
    finally:
        document.close()
    if not pages:
        raise ParseError(f"{name}: the PDF has no pages.")
    _check_text(pages, name)
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
    runs: dict[int, list[_Line]] = {}
    for line in page.lines:
        runs.setdefault(sum(1 for cut in cuts if line.top < cut), []).append(line)
    return [(run[0].top, _paragraphs(run, left, right)) for run in runs.values()]
