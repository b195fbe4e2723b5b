"""Word documents built by the tests with python-docx, numbering definitions written by hand.

``numbered(document, levels)`` adds a ``w:abstractNum`` with the given
levels (numFmt, lvlText, start) and a ``w:num`` using it, and returns the
num's id for ``number(paragraph, num_id, level)``. The XML is the shape
Word and WPS write (ECMA-376 Part 1, 17.9).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = nsdecls("w")
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def new_document() -> docx.Document:
    return docx.Document()


def _numbering_root(document):
    return document.part.numbering_part.element


def numbered(document, levels: list[tuple[str, str]], *, start: int = 1, restarts: dict[int, int] | None = None,
             abstract_id: int | None = None) -> int:
    """A new list: ``levels`` of (numFmt, lvlText); returns its numId. With ``abstract_id``, a second
    ``w:num`` over that existing definition (``restarts``: level → startOverride)."""
    root = _numbering_root(document)
    if abstract_id is None:
        abstract_id = len(root.findall(qn("w:abstractNum"))) + 10
        lvls = "".join(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for index, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        # abstractNum elements come before every num (the schema's order)
        nums = root.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            root.append(abstract)
    num_id = len(root.findall(qn("w:num"))) + 1
    overrides = "".join(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
                        for level, value in (restarts or {}).items())
    root.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                          f'{overrides}</w:num>'))
    return num_id


def abstract_of(document, num_id: int) -> int:
    root = _numbering_root(document)
    num = root.xpath(f'./w:num[@w:numId="{num_id}"]')[0]
    return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))


def number(paragraph, num_id: int, level: int = 0):
    """Number ``paragraph`` from the list ``num_id`` at ``level``, as Word does (pPr/numPr)."""
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def merge_down(table, column: int, first: int, last: int, text: str) -> None:
    """One cell over rows ``first``…``last`` of ``column`` (vMerge), holding ``text``."""
    merged = table.cell(first, column).merge(table.cell(last, column))
    merged.text = text


def table(document, rows: list[list[str]]):
    result = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            if text:
                result.cell(row_index, column).text = text
    return result


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def macro_enabled(raw: bytes) -> bytes:
    """The saved document ``raw`` declared a macro-enabled one (.docm), as Word writes it: its main part's
    content type is all that differs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(buffer, "w") as package:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(_DOCUMENT_TYPE, b"application/vnd.ms-word.document.macroEnabled.main+xml")
            package.writestr(info, content)
    return buffer.getvalue()
