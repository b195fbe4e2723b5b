"""A Word document (.docx) → the text the next stages read, as if typed.

Reads the body in document order — paragraphs and tables interleaved, also
inside content controls (``w:sdt``), which python-docx's
``iter_inner_content`` skips. Headers, footers, footnotes, comments and
text boxes are not the document and are left out; so is text deleted in
tracked changes, while inserted text is kept (Word prints it).

- Automatic numbering is rendered as Word prints it (``word_numbering.py``):
  a paragraph numbered 一、 by Word reads ``一、…`` as one numbered by hand.
- A line break (``w:br``) starts a new line; a tab is a space; an empty
  paragraph is a blank line (page-break repair and structure read them).
- A table is read as rows of cell texts, python-docx giving a vertically
  merged cell's text to every row it spans and a horizontally merged one
  once. A task table (重点任务分工表) becomes paragraphs exactly as an HTML
  one does (``tasktables.task_table_paragraphs``); any other table a line
  per row, its cells apart by a space.

``sources.py`` opens the package first (a package that cannot be opened, or
unpacks too large, never reaches here); a part that cannot be read is a
damaged file all the same (``sources.damaged_docx``).
"""

from __future__ import annotations

import io

from lxml import etree

from .sources import PACKAGE_ERRORS, SAVE_AS, damaged_docx, unreadable_format
from .tasktables import cell_text, task_table_paragraphs
from .types import ParseError
from .word_numbering import W, NumberingLabels

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inside a paragraph: what is not its printed text (properties, deleted text,
# drawings and text boxes, the duplicate of alternate content).
_NOT_TEXT = {f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{W}drawing", f"{W}pict", f"{W}object",
             f"{W}footnoteReference", f"{W}endnoteReference", f"{W}commentReference", _MC_FALLBACK}


def _hidden(run) -> bool:
    """Hidden text (``w:vanish``) is not printed."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val") not in ("0", "false", "off")


def paragraph_text(paragraph) -> str:
    """The printed text of a ``w:p``: runs, hyperlinks, fields' results and inserted text, in order."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _NOT_TEXT or not isinstance(tag, str):
                continue
            if tag == f"{W}r" and _hidden(child):
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append(" ")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _blocks(container):
    """The ``w:p`` and ``w:tbl`` of a body or cell in order, content controls and custom XML opened."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == f"{W}customXml":
            yield from _blocks(child)


def _cell(tc) -> str:
    lines = []
    for block in _blocks(tc):
        if block.tag == f"{W}p":
            lines.append(paragraph_text(block))
        else:  # a table inside a cell: its cells' text, a line each
            lines += [text for row in _table_rows(block) for text in row if text]
    return cell_text("\n".join(lines))


def _table_rows(tbl) -> list[list[str]]:
    """Each row's cell texts: a vertically merged cell repeated in each row, a horizontal one once."""
    from docx.table import Table

    rows = []
    for row in Table(tbl, None).rows:
        cells = [""] * row.grid_cols_before
        previous = None
        for cell in row.cells:
            if cell._tc is not previous:  # a cell spanning grid columns comes once per column
                cells.append(_cell(cell._tc))
            previous = cell._tc
        rows.append(cells)
    return rows


def _table_lines(tbl) -> list[str]:
    rows = [row for row in _table_rows(tbl) if any(row)]
    paragraphs = task_table_paragraphs(rows)
    if paragraphs is not None:
        return paragraphs
    return [" ".join(cell for cell in row if cell) for row in rows]


def _part_element(document, relationship: str):
    """The root element of a part related to the document (numbering, styles), or None."""
    for rel in document.part.rels.values():
        if rel.reltype == relationship and not rel.is_external:
            return rel.target_part.element if hasattr(rel.target_part, "element") \
                else etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False))
    return None


_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def _body_lines(document) -> list[str]:
    labels = NumberingLabels(_part_element(document, _NUMBERING), _part_element(document, _STYLES))
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == f"{W}p":
            label, separator = labels.label(block)
            text = paragraph_text(block)
            lines.append(f"{label}{separator}{text}" if label else text)
        else:
            lines += _table_lines(block)
    return lines


def docx_text(raw: bytes, *, name: str) -> str:
    """The body of a .docx as text, one paragraph a line, numbering and tables as printed.

    ``raw`` is a package ``sources.source_text`` has opened and found a Word document in.
    """
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (etree.XMLSyntaxError, *PACKAGE_ERRORS) as error:  # (PACKAGE_ERRORS holds ValueError)
        if isinstance(error, ValueError) and "content type" in str(error):  # a macro document (.docm), a template
            raise unreadable_format(name, "Word 模板或含宏的文件（.dotx/.docm）", SAVE_AS) from None
        # zipfile's and zlib's messages name what is wrong (Bad CRC-32 for file 'word/document.xml').
        raise damaged_docx(name, f"无法读取的 Word 文件：{error or type(error).__name__}") from None
    try:
        lines = _body_lines(document)
    except (ValueError, KeyError, TypeError, IndexError) as error:
        # python-docx reads attributes when they are used: a malformed value (w:gridSpan="abc")
        # is met only while the body is read.
        raise damaged_docx(name, f"正文中有格式错误的值：{type(error).__name__}") from None
    text = "\n".join(lines)
    if not text.strip():
        raise ParseError(f"{name}：该 Word 文件没有文字。如果其页面是扫描图片，请先进行文字识别（OCR），"
                         "或上传含文字的版本。")
    return text
