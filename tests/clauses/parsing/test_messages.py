"""Every message parsing gives an editor is in Chinese (issue 16): each refusal and each warning.

Editors read them in the upload's refusals, the upload preview's 提示 and a
document's stored warnings. Each case below is an input made to draw one
message — the refusals and warnings of every stage, except those no test input
can draw here (a PDF page PDFium fails to read, fonts without a text mapping,
a PDF with no pages: PDFium refuses it first), and those that quote a
library's own words (a damaged Word package: zipfile's "Bad CRC-32 …") — and
every document the golden files parse is read for its warnings too. The oracle
(``tests.untranslated``) reads only the text produced.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clauses.parsing.limits import Limits, check_size, fit_metadata
from clauses.parsing.pdf import MAX_PATHS_PER_PAGE
from clauses.parsing.pipeline import parse_document
from clauses.parsing.sidecar import read_sidecar, validate_sidecar
from clauses.parsing.translations import attach_translations
from clauses.parsing.types import Block, Metadata, ParseError
from tests.untranslated import english_words

from .packages import zipped
from .pdffiles import A4, FONT, Dots, canvas, make_pdf
from .wordfiles import macro_enabled, new_document, saved, table

DATA = Path(__file__).parent / "data"
DOCUMENTS = sorted((settings.BASE_DIR / "fixtures" / "documents").glob("*.txt")) + sorted(
    (DATA / "corpus").glob("*.txt")) + sorted(path for path in (DATA / "duties").iterdir()
                                              if path.suffix in (".txt", ".html"))
ITEM = "\u3000\u3000（一）优化产业承接布局。支持武汉、襄阳、宜昌发挥龙头作用。"
HEADER = "关于推进产业转移的实施意见\n川办发〔2023〕12号\n\n各市(州)人民政府：\n\n"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
# The keys and values a sidecar is written with: a message about one quotes them as the editor must type them.
SIDECAR_WORDS = ("title", "slug", "level", "kind", "language", "jurisdiction", "issuers", "national", "provincial",
                 "municipal", "county", "other", "policy", "implementing", "interpretation", "news")


def refusal(make: Callable[[], object]) -> str:
    with pytest.raises(ParseError) as caught:
        make()
    return str(caught.value)


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def docx_with(*paragraphs: str) -> bytes:
    document = new_document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    return saved(document)


def docx_with_a_malformed_value() -> bytes:
    document = new_document()
    cells = table(document, [["序号", "重点任务", "牵头单位"], ["1", "建设示范园区。", "省发展改革委"]])
    cells.cell(1, 1)._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="abc"/>'))
    return saved(document)


def pdf_with_a_password() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([[ITEM]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.rect(80, 100, 430, 640, fill=1)
    pdf.setFont(FONT, 12)
    pdf.drawCentredString(A4[0] / 2, 50, "— 1 —")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def parsed(lexicon, raw: bytes | str, *, name: str = "notice.txt", limits: Limits = Limits(), **kwargs):
    raw = raw.encode() if isinstance(raw, str) else raw
    return parse_document(raw, name=name, lexicon=lexicon, limits=limits, **kwargs)


def refused(raw: bytes | str, *, name: str = "notice.txt", limits: Limits = Limits()):
    """The case of a file the parse refuses."""
    return lambda lexicon: ([refusal(lambda: parsed(lexicon, raw, name=name, limits=limits))], ())


def warned(raw: bytes | str, *, name: str = "notice.txt", limits: Limits = Limits()):
    """The case of a file the parse reads with warnings (there must be some)."""
    def case(lexicon):
        warnings = parsed(lexicon, raw, name=name, limits=limits).warnings
        assert warnings
        return warnings, ()
    return case


def sidecar_refused(data: dict):
    """The case of a sidecar refused: the values it was written with are quoted."""
    def case(lexicon):
        message = refusal(lambda: validate_sidecar(data, name="notice.meta.json", field_lengths={
            "slug": 80, "title": 300, "issuers": 120}))
        values = [json.dumps(value, ensure_ascii=False) for value in data.values()]
        return [message], [*SIDECAR_WORDS, *data, *(value for value in data.values() if isinstance(value, str)),
                           *values]
    return case


def sidecar_file_refused(content: str):
    """The case of a sidecar file that is no sidecar; the JSON reader's own words are quoted."""
    def case(lexicon, tmp_path):
        (tmp_path / "notice.meta.json").write_text(content, encoding="utf-8")
        try:
            json.loads(content)
            reader_says = ""
        except json.JSONDecodeError as error:
            reader_says = str(error)
        return [refusal(lambda: read_sidecar(tmp_path / "notice.txt"))], [reader_says]
    return case


def size_refused(lexicon):
    return [refusal(lambda: check_size(12 * 2**20, Limits(max_bytes=10 * 2**20), name="big.txt"))], ()


def translation_warnings(lexicon):
    from clauses.parsing.structure import build_layout

    clauses = build_layout([Block("一、总体要求"), Block("（一）指导思想。深入贯彻落实科学发展观。")]).clauses
    return attach_translations(clauses, {"ko": [Block("1. 전반적 요구"), Block("3. 없는 조항")],
                                         "ja": [Block("産業移転の指導意見")]}), ()


def metadata_warnings(lexicon):
    metadata = Metadata(title="通知", doc_number="号" * 70, source_url="https://example.org/" + "a" * 600,
                        source_name="来" * 200, issuers=["委" * 130], unknown_issuers=["委" * 130])
    return fit_metadata(metadata, Limits(field_lengths={"doc_number": 60, "source_url": 500, "source_name": 120,
                                                        "issuers": 120})), ()


CASES = {
    # decode.py
    "empty": refused(b""),
    "binary": refused(b"\x7fELF\x02\x01\x01\x00\x00\x00"),
    "broken UTF-16": refused("一、总体要求".encode("utf-16") + b"\x00\xd8"),
    "invalid UTF-8": refused("一、总体要求".encode() + b"\xff\xfe"),
    "GB18030": refused("关于承接制造业有序转移的实施意见\n一、总体要求".encode("gb18030")),
    # sources.py
    "Word 97–2003": refused(OLE2 + utf16("WordDocument") + bytes(64), name="notice.doc"),
    "encrypted .docx": refused(OLE2 + utf16("EncryptionInfo") + bytes(64) + utf16("EncryptedPackage"),
                               name="notice.docx"),
    "damaged ZIP": refused(b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage", name="notice.docx"),
    "Excel": refused(zipped({"xl/workbook.xml": b"<workbook/>"}), name="notice.xlsx"),
    "PowerPoint": refused(zipped({"ppt/presentation.xml": b"<p/>"}), name="notice.pptx"),
    **{kind: refused(zipped({"mimetype": mimetype.encode()}), name="notice.zip") for kind, mimetype in (
        ("odt", "application/vnd.oasis.opendocument.text"),
        ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("odp", "application/vnd.oasis.opendocument.presentation"), ("epub", "application/epub+zip"))},
    "ZIP archive": refused(zipped({"notes.txt": "一、总体要求".encode()}), name="notice.zip"),
    "RTF": refused(b"{\\rtf1\\ansi {\\fonttbl}}", name="notice.rtf"),
    "image": refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="scan.png"),
    "zip bomb": refused(docx_with("一、总体要求" * 20000), name="plan.docx", limits=Limits(max_bytes=10_000)),
    # word.py
    "macro-enabled": refused(macro_enabled(docx_with("一、总体要求")), name="plan.docm"),
    "Word without text": refused(docx_with(""), name="plan.docx"),
    "malformed Word body": lambda lexicon: (
        [refusal(lambda: parsed(lexicon, docx_with_a_malformed_value(), name="plan.docx"))], ["ValueError"]),
    # pdf.py
    "PDF password": refused(pdf_with_a_password(), name="plan.pdf"),
    "scanned PDF": refused(scanned_pdf(), name="scan.pdf"),
    "PDF pages": refused(make_pdf([[ITEM]] * 3), name="plan.pdf", limits=Limits(max_pages=2)),
    "PDF drawing": warned(make_pdf([["一、总体要求", ITEM, Dots(MAX_PATHS_PER_PAGE + 1)]]), name="plan.pdf"),
    # pipeline.py and limits.py
    "no Chinese": refused("1. 전반적 요구\n(1) 지도사항."),
    "only a header": refused("关于承接制造业有序转移的实施意见\n川办发〔2022〕67号"),
    "file size": size_refused,
    "clauses": refused(HEADER + "一、重点任务\n\n" + "\n\n".join(f"{n}.开展第{n}项试点。" for n in range(1, 9)),
                       limits=Limits(max_clauses=5)),
    "clause length": refused(HEADER + "一、重点任务\n\n1.开展试点。" + "推进" * 600, limits=Limits(max_clause_chars=100)),
    "title cut": warned("关于" + "推进产业转移" * 60 + "的通知\n川办发〔2023〕12号\n\n一、总体要求。做好承接工作。\n",
                        limits=Limits(field_lengths={"title": 300})),
    "values left out": metadata_warnings,
    # structure.py
    "no numbering": warned("近日，四川省召开会议，部署承接产业转移工作。\n会议要求，各地要抓好落实。\n"),
    "numbered twice": warned(HEADER + "一、试点任务\n一、试点任务\n"),
    "numbering beyond 9999": warned(HEADER + "一、试点任务\n9999.开展试点。\n10000.加强保障。\n（一万）强化考核。\n"),
    # translations.py
    "translations": translation_warnings,
    # sidecar.py
    "sidecar not a list": sidecar_refused({"issuers": 5}),
    "sidecar not a string": sidecar_refused({"issuers": ["省发展改革委", 7]}),
    "sidecar empty name": sidecar_refused({"issuers": ["省发展改革委", " "]}),
    "sidecar too long": sidecar_refused({"title": "关" * 800}),
    "sidecar slug": sidecar_refused({"slug": "Not A Slug"}),
    "sidecar date": sidecar_refused({"issued_on": "14 Jan 2022"}),
    "sidecar level": sidecar_refused({"level": "city"}),
    "sidecar kind": sidecar_refused({"kind": "notice"}),
    "sidecar address": sidecar_refused({"source_url": "javascript:alert(1)"}),
    "sidecar language": sidecar_refused({"language": "Chinese"}),
    "sidecar unknown field": sidecar_refused({"author": "新浪财经", "Titel": "x"}),
}
SIDECAR_FILES = {
    "not JSON": sidecar_file_refused("{title: none}"),
    "not an object": sidecar_file_refused('["slug"]'),
    "too large": sidecar_file_refused(json.dumps({"title": "关" * 40_000}, ensure_ascii=False)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_refusal_and_warning_of_the_parse_is_in_chinese(lexicon, case):
    messages, verbatim = case(lexicon)
    for message in messages:
        assert english_words(message, verbatim) == [], message


@pytest.mark.parametrize("case", SIDECAR_FILES.values(), ids=SIDECAR_FILES.keys())
def test_a_sidecar_file_that_cannot_be_one_is_refused_in_chinese(lexicon, tmp_path, case):
    messages, verbatim = case(lexicon, tmp_path)
    for message in messages:
        assert english_words(message, verbatim) == [], message


@pytest.mark.parametrize("source", DOCUMENTS, ids=[source.stem for source in DOCUMENTS])
def test_the_warnings_of_every_document_the_golden_files_parse_are_in_chinese(lexicon, source):
    document = parse_document(source.read_bytes(), name=source.name, lexicon=lexicon, sidecar=read_sidecar(source))
    for warning in document.warnings:
        assert english_words(warning) == [], warning
