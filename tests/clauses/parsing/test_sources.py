"""Stage 0: the format read from the bytes, and a clear refusal for each format PolicyKB cannot read."""

from __future__ import annotations

import io
import sys
import types
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from clauses.parsing.decode import decode_source
from clauses.parsing.limits import LimitExceeded, Limits
from clauses.parsing.sources import DOCUMENT_SUFFIXES, source_text
from clauses.parsing.types import ParseError

from .wordfiles import new_document, saved

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for member, content in members.items():
            package.writestr(member, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (OLE2 + utf16("WordDocument") + b"\x00" * 64,
         r"^notice\.doc: a Word 97–2003 or WPS file \(\.doc/\.wps/\.et\), which PolicyKB does not read; "
         r"save it as \.docx or PDF \(Word/WPS: 文件 → 另存为\) and upload that\.$"),
        (OLE2 + utf16("EncryptionInfo") + b"\x00" * 64 + utf16("EncryptedPackage"),
         r"^notice\.doc: the document is password-protected \(encrypted\), so its text cannot be read\. "
         r"Open it with its password, remove the password, save it and upload it again\.$"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage",
         r"^notice\.doc: a damaged or incomplete file \(a ZIP package, as a \.docx is, that cannot be opened\)"),
        (zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
         r"^notice\.doc: an Excel workbook \(\.xlsx\), not a document PolicyKB reads; copy the text into a "
         r"Word document, or save it as PDF\.$"),
        (zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
         r"^notice\.doc: an OpenDocument text \(\.odt\), not a format PolicyKB reads; save it as \.docx or PDF"),
        (zipped({"notes.txt": "一、总体要求".encode()}),
         r"^notice\.doc: a ZIP archive, not a document\. Unpack it and upload each document"),
        (b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}",
         r"^notice\.doc: a Rich Text \(RTF\) file, which PolicyKB does not read; save it as \.docx or PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         r"^notice\.doc: an image \(PNG\) — a scanned page\? PolicyKB reads text; run OCR on it, or upload the "
         r"Word, PDF or text version of the document\.$"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", r"^notice\.doc: an image \(JPEG\) — a scanned page\?"),
        (b"II*\x00\x08\x00\x00\x00", r"^notice\.doc: an image \(TIFF\)"),
        (b"GIF89a\x01\x00\x01\x00", r"^notice\.doc: an image \(GIF\)"),
        (b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00" + b"\x00" * 40, r"^notice\.doc: an image \(BMP\)"),
    ],
    ids=["doc", "encrypted-docx", "corrupt-zip", "xlsx", "odt", "zip", "rtf", "png", "jpeg", "tiff", "gif", "bmp"],
)
def test_a_format_policykb_cannot_read_is_refused_saying_what_to_upload(raw, message):
    with pytest.raises(ParseError, match=message):
        source_text(raw, name="notice.doc", limits=Limits())


def test_the_format_comes_from_the_bytes_not_the_name():
    document = new_document()
    document.add_paragraph("一、总体要求")
    assert source_text(saved(document), name="notice.txt", limits=Limits()) == "一、总体要求"
    assert source_text("BM市场主导。".encode(), name="x.txt", limits=Limits()) == "BM市场主导。"


SOURCES = sorted((settings.BASE_DIR / "fixtures" / "documents").glob("*.txt")) + sorted(
    (Path(__file__).parent / "data" / "duties").glob("*.html"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_text_and_html_are_read_as_decode_source_reads_them(path):
    raw = path.read_bytes()
    assert source_text(raw, name=path.name, limits=Limits()) == decode_source(raw, name=path.name)


def test_text_errors_are_decode_sources_own():
    with pytest.raises(ParseError, match=r"^x\.txt: the file is empty\.$"):
        source_text(b"  \n", name="x.txt", limits=Limits())
    with pytest.raises(ParseError, match=r"It decodes as GB18030"):
        source_text("一、总体要求".encode("gb18030"), name="x.txt", limits=Limits())


def test_a_pdf_goes_to_pdf_text_with_its_name_limits_and_warnings(monkeypatch):
    """pdf.py is written separately; a stand-in module records the call."""
    calls = []

    def pdf_text(raw, *, name, limits, warnings):
        calls.append((raw, name, limits, warnings))
        return "一、总体要求"

    monkeypatch.setitem(sys.modules, "clauses.parsing.pdf", types.SimpleNamespace(pdf_text=pdf_text))
    limits, warnings = Limits(max_pages=3), []
    raw = b"\r\n" * 10 + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"  # a header after junk still counts
    assert source_text(raw, name="plan.pdf", limits=limits, warnings=warnings) == "一、总体要求"
    assert calls == [(raw, "plan.pdf", limits, warnings)] and calls[0][3] is warnings


def test_the_suffixes_ingestion_reads_include_word_and_pdf():
    from clauses.management.commands import ingest

    assert ingest.DOCUMENT_SUFFIXES is DOCUMENT_SUFFIXES
    assert {".txt", ".html", ".htm", ".md", ".docx", ".pdf"} == DOCUMENT_SUFFIXES


def test_a_word_package_that_unpacks_far_larger_than_a_document_may_be_is_refused_unread(monkeypatch):
    document = new_document()
    document.add_paragraph("一、总体要求" * 20000)  # 240,000 characters, compressing to a few kB
    raw = saved(document)
    import clauses.parsing.word as word

    monkeypatch.setattr(word, "docx_text", lambda *args, **kwargs: pytest.fail("the package was unpacked"))
    with pytest.raises(LimitExceeded, match=r"^plan\.docx: the Word file unpacks to \d+ MB") as caught:
        source_text(raw, name="plan.docx", limits=Limits(max_bytes=len(raw)))
    assert caught.value.limit == "max_bytes"
    monkeypatch.undo()
    assert source_text(raw, name="plan.docx", limits=Limits(max_bytes=1_000_000)).startswith("一、总体要求")
