"""Stage 0: a file's bytes → the text the next stages read, whatever format it came in.

The format is decided from the bytes (their magic numbers), not from the
file's name, which an upload or a download may have got wrong: a PDF
(``pdf.py``), a Word document (``word.py``), or text, HTML and Markdown
(``decode.py``). What PolicyKB cannot read — an older Word or WPS file, an
encrypted .docx, a spreadsheet, RTF, an image — is refused with a message
that names the file and says what to upload instead. Nothing after this
stage knows which format the text came from.

A ZIP package (a .docx is one) is opened here, once: one that cannot be
opened is damaged (``damaged_docx`` says so, for ``word.py`` too), and one
that unpacks to far more than a document can hold (a zip bomb) is refused
before anything is unpacked.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib

from .decode import decode_source
from .limits import LimitExceeded, Limits
from .types import ParseError

# The files ingestion reads, by suffix (a directory is searched for these).
DOCUMENT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md", ".docx", ".pdf"})

_PDF = b"%PDF-"
_PDF_WINDOW = 1024  # a PDF header may follow junk, within the first kilobyte
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx (or .xlsx, .pptx) is an OLE2 file holding these streams;
# directory entry names are UTF-16LE.
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
# What to do with a file Word or WPS opens but PolicyKB does not read (for ``word.py`` too).
SAVE_AS = "请另存为 .docx 或 PDF（Word/WPS：文件 → 另存为）后上传"
_IMAGE_ADVICE = "本系统只读取文字：请先进行文字识别（OCR），或上传该文件的 Word、PDF 或文本版本"
# What reading a damaged ZIP package raises: a bad directory or checksum, a corrupt deflate, bzip2
# or lzma stream, a member encrypted or compressed by a method zipfile lacks, a truncated file.
PACKAGE_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, NotImplementedError, RuntimeError,
                  EOFError, ValueError, KeyError)
# What an unpacked .docx may weigh, as a multiple of the largest file accepted
# (XML compresses about tenfold; images do not compress).
_UNPACKED_RATIO = 20
_UNPACKED_DEFAULT = 200 * 2**20

# ZIP packages other than a Word document: what they are and what to upload instead.
_OTHER_PACKAGES = (
    ("xl/workbook.xml", "Excel 工作簿（.xlsx）", "请将文字复制到 Word 文件中，或另存为 PDF"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx）", "请另存为 PDF"),
)
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": ("OpenDocument 文本（.odt）", SAVE_AS),
    b"application/vnd.oasis.opendocument.spreadsheet": ("OpenDocument 电子表格（.ods）", "请另存为 PDF"),
    b"application/vnd.oasis.opendocument.presentation": ("OpenDocument 演示文稿（.odp）", "请另存为 PDF"),
    b"application/epub+zip": ("电子书（.epub）", "请上传该文件的 .docx、PDF 或文本版本"),
}


def _image_kind(raw: bytes) -> str | None:
    if raw.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if raw.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if raw.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if raw.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if raw.startswith(b"BM") and len(raw) >= 26 and raw[6:10] == b"\x00\x00\x00\x00":
        return "BMP"  # "BM", the file size, then four reserved zero bytes: no text starts so
    if raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        return "WebP"
    return None


def damaged_docx(name: str, what: str) -> ParseError:
    """What a damaged .docx is told, whatever part of it is damaged (``what``): Word or WPS saves it whole."""
    return ParseError(f"{name}：文件已损坏或不完整（{what}）。请用 Word 或 WPS 打开，重新保存后上传新文件。")


def unreadable_format(name: str, kind: str, advice: str) -> ParseError:
    """What a file in a format PolicyKB does not read is told (for ``word.py`` too): what it is (``kind``) and
    what to upload instead (``advice``)."""
    return ParseError(f"{name}：{kind}，本系统不能读取此格式；{advice}。")


def _check_unpacked(members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    """Refuse a Word package that unpacks to far more than a document can hold, before it is unpacked."""
    unpacked = sum(member.file_size for member in members)
    bound = _UNPACKED_RATIO * limits.max_bytes if limits.max_bytes is not None else _UNPACKED_DEFAULT
    if unpacked > bound:
        raise LimitExceeded(f"{name}：该 Word 文件解压后有 {unpacked / 2**20:,.0f} MB，超过单个文件的上限 "
                            f"{bound / 2**20:g} MB；文件已损坏，或不是普通的 Word 文档。", limit="max_bytes")


def _zip_document(raw: bytes, name: str, limits: Limits) -> str:
    """A Word document's text; any other ZIP package refused with what it seems to be."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            members = package.infolist()
            names = {member.filename for member in members}
            mimetype = package.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except PACKAGE_ERRORS:
        raise damaged_docx(name, "无法作为 ZIP 压缩包打开，而 .docx 文件应是 ZIP 压缩包") from None
    if "word/document.xml" in names:
        from .word import docx_text

        _check_unpacked(members, name, limits)
        return docx_text(raw, name=name)
    for member, kind, advice in _OTHER_PACKAGES:
        if member in names:
            raise unreadable_format(name, kind, advice)
    if mimetype in _OPENDOCUMENT:
        raise unreadable_format(name, *_OPENDOCUMENT[mimetype])
    raise ParseError(f"{name}：ZIP 压缩包，不是单份文件。请解压后将其中的文件（.docx、.pdf、.txt、.html、.md）"
                     "逐个上传。")


def _ole2_refusal(raw: bytes, name: str) -> ParseError:
    if all(stream in raw for stream in _ENCRYPTED_STREAMS):
        return ParseError(f"{name}：文件设有密码（已加密），无法读取其文字。请用密码打开，取消密码后保存，再重新上传。")
    return unreadable_format(name, "Word 97–2003 或 WPS 文件（.doc/.wps/.et）", SAVE_AS)


def source_text(raw: bytes, *, name: str, limits: Limits = Limits(), warnings: list[str] | None = None) -> str:
    """The text of a source file, read by its format; raises ``ParseError`` for a format it cannot read.

    What the reader of a format could only read in part (a PDF page's tables) is added to ``warnings``.
    """
    if _PDF in raw[:_PDF_WINDOW]:
        from .pdf import pdf_text

        return pdf_text(raw, name=name, limits=limits, warnings=warnings)
    if raw.startswith(_ZIP):
        return _zip_document(raw, name, limits)
    if raw.startswith(_OLE2):
        raise _ole2_refusal(raw, name)
    if raw.lstrip().startswith(b"{\\rtf"):
        raise unreadable_format(name, "RTF 富文本文件", SAVE_AS)
    image = _image_kind(raw)
    if image:
        raise ParseError(f"{name}：图片（{image}），可能是扫描页。{_IMAGE_ADVICE}。")
    return decode_source(raw, name=name)
