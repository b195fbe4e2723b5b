"""Stage 0: the format read from the bytes, and a clear refusal for each format PolicyKB cannot read."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from django.conf import settings

from clauses.parsing.decode import decode_source
from clauses.parsing.limits import LimitExceeded, Limits
from clauses.parsing.sources import DOCUMENT_SUFFIXES, source_text
from clauses.parsing.types import ParseError

from .packages import zipped
from .wordfiles import new_document, saved

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (OLE2 + utf16("WordDocument") + b"\x00" * 64,
         r"^notice\.doc：Word 97–2003 或 WPS 文件（\.doc/\.wps/\.et），本系统不能读取此格式；"
         r"请另存为 \.docx 或 PDF（Word/WPS：文件 → 另存为）后上传。$"),
        (OLE2 + utf16("EncryptionInfo") + b"\x00" * 64 + utf16("EncryptedPackage"),
         r"^notice\.doc：文件设有密码（已加密），无法读取其文字。请用密码打开，取消密码后保存，再重新上传。$"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage",
         r"^notice\.doc：文件已损坏或不完整（无法作为 ZIP 压缩包打开，而 \.docx 文件应是 ZIP 压缩包）"),
        (zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
         r"^notice\.doc：Excel 工作簿（\.xlsx），本系统不能读取此格式；请将文字复制到 Word 文件中，或另存为 PDF。$"),
        (zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
         r"^notice\.doc：OpenDocument 文本（\.odt），本系统不能读取此格式；请另存为 \.docx 或 PDF"),
        (zipped({"notes.txt": "一、总体要求".encode()}),
         r"^notice\.doc：ZIP 压缩包，不是单份文件。请解压后将其中的文件"),
        (b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}",
         r"^notice\.doc：RTF 富文本文件，本系统不能读取此格式；请另存为 \.docx 或 PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         r"^notice\.doc：图片（PNG），可能是扫描页。本系统只读取文字：请先进行文字识别（OCR），"
         r"或上传该文件的 Word、PDF 或文本版本。$"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", r"^notice\.doc：图片（JPEG），可能是扫描页。"),
        (b"II*\x00\x08\x00\x00\x00", r"^notice\.doc：图片（TIFF）"),
        (b"GIF89a\x01\x00\x01\x00", r"^notice\.doc：图片（GIF）"),
        (b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00" + b"\x00" * 40, r"^notice\.doc：图片（BMP）"),
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
    with pytest.raises(ParseError, match=r"^x\.txt：文件为空。$"):
        source_text(b"  \n", name="x.txt", limits=Limits())
    with pytest.raises(ParseError, match=r"它可按 GB18030 编码读取"):
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
    with pytest.raises(LimitExceeded, match=r"^plan\.docx：该 Word 文件解压后有 \d+ MB") as caught:
        source_text(raw, name="plan.docx", limits=Limits(max_bytes=len(raw)))
    assert caught.value.limit == "max_bytes"
    monkeypatch.undo()
    assert source_text(raw, name="plan.docx", limits=Limits(max_bytes=1_000_000)).startswith("一、总体要求")
