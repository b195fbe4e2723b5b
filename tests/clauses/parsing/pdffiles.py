"""PDFs drawn by the tests with reportlab, set as a 公文 is: a 16-point grid, two-character first-line indents.

The CID font STSong-Light is not embedded (reportlab ships its metrics; a
reader maps its codes through Adobe-GB1), so the files are small and made in
milliseconds. ``make_pdf(pages)`` draws each page's paragraphs, an optional
running header and a page-number footer. A page may also hold a ``Centred``
line (a title's) and a ``RuledTable``: the part of a table printed on that
page, every cell ruled as Word and Chromium print a 任务分工表, with each
cell's printed lines as given — so a test says where a cell wraps, and
whether a row cut by the page break is left open (Chromium) or ruled (Word),
or each cell drawn as a rectangle of its own (fpdf2). ``Dots`` draws path
objects that are no rules (a drawing's), to fill a page with them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE = 16
LEFT, TOP = 80, 842 - 110
PER_LINE = 26  # characters in a full line: the right edge of the text block
TABLE_SIZE, TABLE_LEADING, PADDING = 12, 16, 4

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _printed_lines(paragraph: str) -> list[tuple[int, str]]:
    """A paragraph set as a 公文: (indent in characters, line); 　　 opens an indented first line."""
    indent = 2 if paragraph.startswith("\u3000\u3000") else 0
    text = paragraph.lstrip("\u3000")
    lines = []
    while text:
        width = PER_LINE - indent
        lines.append((indent, text[:width]))
        text, indent = text[width:], 0
    return lines


@dataclass
class Centred:
    """A line centred on the text block, as a title's lines are printed (20 points)."""

    text: str


@dataclass
class RuledTable:
    """The part of a ruled table printed on one page.

    ``widths``: the columns in points; ``rows``: each row's cells, each cell
    its printed lines (12 points, 4 points of padding). ``open_top`` /
    ``open_bottom``: no rule over the first row / under the last (a row cut by
    the page break, as Chromium prints it).
    """

    widths: list[float]
    rows: list[list[list[str]]]
    open_top: bool = False
    open_bottom: bool = False
    cells_drawn: bool = False


@dataclass
class Dots:
    """``count`` dots of one point drawn in the page's right margin, each a path object."""

    count: int


def _draw_rules(pdf: canvas.Canvas, table: RuledTable, edges: list[float], boundaries: list[float]) -> None:
    if table.cells_drawn:
        for bottom, top in zip(boundaries[1:], boundaries):
            for left, right in zip(edges, edges[1:]):
                pdf.rect(left, bottom, right - left, top - bottom)
        return
    for index, y in enumerate(boundaries):
        if (index == 0 and table.open_top) or (index == len(boundaries) - 1 and table.open_bottom):
            continue
        pdf.line(edges[0], y, edges[-1], y)
    for x in edges:
        pdf.line(x, boundaries[0], x, boundaries[-1])


def _draw_table(pdf: canvas.Canvas, table: RuledTable, top: float) -> float:
    """Draws ``table`` from ``top`` down; returns its bottom."""
    edges = [LEFT + sum(table.widths[:index]) for index in range(len(table.widths) + 1)]
    boundaries = [top]
    for row in table.rows:
        boundaries.append(boundaries[-1] - 2 * PADDING - TABLE_LEADING * max(len(cell) for cell in row))
    pdf.setLineWidth(0.75)
    _draw_rules(pdf, table, edges, boundaries)
    pdf.setFont(FONT, TABLE_SIZE)
    for row, row_top in zip(table.rows, boundaries):
        for cell, x in zip(row, edges):
            for index, line in enumerate(cell):
                pdf.drawString(x + PADDING, row_top - PADDING - TABLE_SIZE - index * TABLE_LEADING, line)
    return boundaries[-1]


def make_pdf(pages: list[list[str | Centred | RuledTable | Dots]], *, header: str = "",
             footer: str = "— {n} —") -> bytes:
    """A PDF of ``pages``, each a list of paragraphs (and centred lines, table parts, dots); ``footer``
    printed with the page number."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number, paragraphs in enumerate(pages, start=1):
        y = TOP
        if header:
            pdf.setFont(FONT, 10)
            pdf.drawCentredString(A4[0] / 2, 842 - 60, header)
        pdf.setFont(FONT, SIZE)
        for paragraph in paragraphs:
            if isinstance(paragraph, Dots):
                for index in range(paragraph.count):
                    pdf.rect(A4[0] - 40 + index % 20, 100 + index // 20 % 600, 1, 1, stroke=0, fill=1)
                continue
            if isinstance(paragraph, RuledTable):
                y = _draw_table(pdf, paragraph, y + SIZE) - 28
                pdf.setFont(FONT, SIZE)
                continue
            if isinstance(paragraph, Centred):
                pdf.setFont(FONT, 20)
                pdf.drawCentredString(LEFT + PER_LINE * SIZE / 2, y, paragraph.text)
                pdf.setFont(FONT, SIZE)
                y -= 32
                continue
            for indent, line in _printed_lines(paragraph):
                for column, char in enumerate(line):
                    pdf.drawString(LEFT + (indent + column) * SIZE, y, char)
                y -= 28
        if footer:
            pdf.setFont(FONT, 12)
            pdf.drawCentredString(A4[0] / 2, 50, footer.format(n=number, total=len(pages)))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
