"""PDFs drawn by the tests with reportlab, set as a 公文 is: a 16-point grid, two-character first-line indents.

The CID font STSong-Light is not embedded (reportlab ships its metrics; a
reader maps its codes through Adobe-GB1), so the files are small and made in
milliseconds. ``make_pdf(pages)`` draws each page's paragraphs, an optional
running header and a page-number footer.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE = 16
LEFT, TOP = 80, 842 - 110
PER_LINE = 26  # characters in a full line: the right edge of the text block

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


def make_pdf(pages: list[list[str]], *, header: str = "", footer: str = "— {n} —") -> bytes:
    """A PDF of ``pages``, each a list of paragraphs; ``footer`` printed with the page number."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number, paragraphs in enumerate(pages, start=1):
        y = TOP
        if header:
            pdf.setFont(FONT, 10)
            pdf.drawCentredString(A4[0] / 2, 842 - 60, header)
        pdf.setFont(FONT, SIZE)
        for paragraph in paragraphs:
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
