"""A PDF → the text the later stages read: paragraphs, no page furniture, task tables, clear refusals.

Most PDFs here are drawn by the tests with reportlab (the CID font
STSong-Light, not embedded, each character in a 16-point grid cell as a
公文 is set); ``data/pdf/hubei_plan_chromium.pdf`` is a plan Chromium
printed (``data/pdf/make_fixtures.py``), with subset-embedded fonts,
a running header, — N — footers, a paragraph cut by a page break, a ruled
duty table and radicals printed for ideographs.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from clauses.parsing.limits import LimitExceeded, Limits
from clauses.parsing.pdf import pdf_text
from clauses.parsing.clean import clean_text
from clauses.parsing.pipeline import parse_document
from clauses.parsing.types import ParseError

from .pdffiles import A4, FONT, PER_LINE, canvas, make_pdf

DATA = Path(__file__).parent / "data" / "pdf"
CHROMIUM = DATA / "hubei_plan_chromium.pdf"
def read(raw: bytes, **limits) -> str:
    return pdf_text(raw, name="plan.pdf", limits=Limits(**limits))


ITEM_ONE = ("\u3000\u3000（一）优化产业承接布局。支持武汉、襄阳、宜昌发挥龙头作用，引导鄂西北、鄂东南地区结合资源禀赋"
            "和产业基础，错位承接产业转移。（牵头单位：省发展改革委；配合单位：省经信厅、省科技厅）")
ITEM_TWO = "\u3000\u3000（二）建设承接产业转移平台。建设一批承接产业转移示范区。（牵头单位：省经信厅；配合单位：省商务厅）"


# -- the Chromium-printed plan ---------------------------------------------------------------------------

def test_a_chromium_printed_plan_reads_as_its_golden_text():
    """Headers, — N — footers and table rules gone, lines joined. The radicals Chromium printed
    (⼈民政府, ⼯业) are still there: the clean stage maps them, for every format (next test)."""
    assert read(CHROMIUM.read_bytes()) == (DATA / "hubei_plan_chromium.txt").read_text(encoding="utf-8")


def test_the_chromium_printed_plan_parses_into_clauses_with_departments_and_roles(lexicon):
    document = parse_document(CHROMIUM.read_bytes(), name="plan.pdf", lexicon=lexicon)
    assert document.metadata.title == "湖北省人民政府办公厅关于印发湖北省推动制造业有序转移实施方案的通知"
    assert document.metadata.doc_number == "鄂政办发〔2023〕18号"
    assert str(document.metadata.issued_on) == "2023-05-08"
    labels = [clause.label for clause in document.clauses if clause.label]
    assert labels == ["一、", "二、", "（一）", "（二）", "（三）", "（四）", "三、", "1．", "2．", "3．"]
    roles = {clause.key: [(mention.name, mention.role.value) for mention in clause.departments]
             for clause in document.clauses}
    assert roles["a1.p2.i1"] == [("湖北省发展和改革委员会", "lead"), ("湖北省经济和信息化厅", "co"),
                                 ("湖北省科学技术厅", "co")]
    assert roles["a1.p2.i4"] == [("湖北省自然资源厅", "lead"), ("湖北省发展和改革委员会", "co"),
                                 ("湖北省财政厅", "co"), ("湖北省生态环境厅", "co")]
    # The table's rows, one task each, with the roles of their columns.
    assert roles["a2.s2"] == [("湖北省经济和信息化厅", "lead"), ("湖北省商务厅", "co"), ("湖北省自然资源厅", "co")]
    # The paragraph cut by the page break after 发展可持续的产 is one paragraph again.
    assert "发展可持续的产业和企业，为加快建设" in document.clause("a1.p1").text
    assert "工业和信息化部" in document.clause("a1").text


# -- layout → text ---------------------------------------------------------------------------------------

def test_printed_lines_of_a_paragraph_are_joined_and_a_short_line_ends_it():
    text = read(make_pdf([["一、主要任务", ITEM_ONE, ITEM_TWO]]))
    assert text.split("\n") == ["一、主要任务", ITEM_ONE, ITEM_TWO, ""]


def test_a_full_line_followed_by_a_numbered_line_starts_a_new_paragraph_even_without_indent():
    first = "（一）" + "承接产业转移" * 3 + "推动发展。"  # exactly a full line: nothing but the numbering says a paragraph starts
    assert len(first) == PER_LINE
    assert read(make_pdf([[first, "（二）建设承接产业转移平台。"]])).split("\n")[:2] == [first, "（二）建设承接产业转移平台。"]


@pytest.mark.parametrize("footer", ["— {n} —", "-{n}-", "- {n} -", "第{n}页", "第 {n} 页 共 {total} 页", "{n}", "{n}/{total}"])
def test_page_numbers_are_removed(footer):
    text = read(make_pdf([[ITEM_ONE], [ITEM_TWO]], footer=footer))
    assert text == f"{ITEM_ONE}\n\n{ITEM_TWO}\n"


def test_a_running_header_is_removed_and_a_line_printed_once_in_the_band_is_kept():
    pages = [[ITEM_ONE], [ITEM_TWO], ["\u3000\u3000三、保障措施"]]
    text = read(make_pdf(pages, header="湖北省人民政府办公厅文件"))
    assert "文件" not in text
    single = read(make_pdf([[ITEM_ONE]], header="湖北省人民政府办公厅文件", footer=""))
    assert single.split("\n")[0].strip("\u3000") == "湖北省人民政府办公厅文件"


def test_a_page_break_leaves_a_blank_line_that_the_page_break_stage_joins_over(lexicon):
    cut = len(ITEM_ONE) - 30
    text = read(make_pdf([[ITEM_ONE[:cut]], [ITEM_ONE[cut:]]]))
    assert text == f"{ITEM_ONE[:cut]}\n\n{ITEM_ONE[cut:]}\n"
    document = parse_document(f"一、主要任务\n{text}".encode(), name="plan.pdf", lexicon=lexicon)
    assert document.clause("p1.i1").text == ITEM_ONE.lstrip("\u3000").removeprefix("（一）")


def test_kangxi_radicals_and_supplement_radicals_become_ideographs_but_full_width_punctuation_stays():
    """The PDF's text keeps what the PDF says; the clean stage maps radicals (for text copied from PDFs too)."""
    text = read(make_pdf([["为贯彻落实⼯业和信息化部等部门意见，各市⼈⺠政府、省政府各部⻔：（一）１２３"]]))
    assert [line.text for line in clean_text(text).lines] == [
        "为贯彻落实工业和信息化部等部门意见，各市人民政府、省政府各部门：（一）１２３"]


def test_an_unruled_table_keeps_its_cells_apart_for_the_flattened_table_reader():
    rows = ["序号　重点任务　　　　牵头单位　　配合单位", "1　　建设示范园区。　　市发展改革委　市商务局"]
    text = read(make_pdf([rows]))
    assert text.split("\n")[:2] == ["序号 重点任务 牵头单位 配合单位", "1 建设示范园区。 市发展改革委 市商务局"]


# -- refusals --------------------------------------------------------------------------------------------

def test_more_pages_than_the_limit_is_refused_before_any_text_is_read(monkeypatch):
    monkeypatch.setattr("clauses.parsing.pdf._read_page", lambda page: pytest.fail("a page was read"))
    with pytest.raises(LimitExceeded) as caught:
        read(make_pdf([[ITEM_ONE]] * 3), max_pages=2)
    assert caught.value.limit == "max_pages"
    assert "plan.pdf：该 PDF 共 3 页，超过单个文件的上限 2 页。" in str(caught.value)


def _encrypted(raw: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_encrypted_with_an_empty_user_password_is_read():
    raw = make_pdf([[ITEM_ONE]])
    assert read(_encrypted(raw, "")) == read(raw)


def test_a_pdf_with_a_user_password_is_refused_with_what_to_do():
    with pytest.raises(ParseError, match=r"plan\.pdf：该 PDF 设有密码。请取消密码"):
        read(_encrypted(make_pdf([[ITEM_ONE]]), "secret"))


@pytest.mark.parametrize("raw", [CHROMIUM.read_bytes()[:200_000], b"%PDF-1.7\n%garbage\n"], ids=["truncated", "corrupt"])
def test_a_truncated_or_corrupt_pdf_is_refused_clearly(raw):
    with pytest.raises(ParseError, match=r"plan\.pdf：无法读取该 PDF（文件已损坏或不完整"):
        read(raw)


def test_a_pdf_without_pages_read_after_a_password_one_is_not_called_protected():
    """PDFium records no error for a PDF without pages, so its last error is the previous file's."""
    with pytest.raises(ParseError, match="设有密码"):
        read(_encrypted(make_pdf([[ITEM_ONE]]), "secret"))
    no_pages = io.BytesIO()
    pypdf.PdfWriter().write(no_pages)
    with pytest.raises(ParseError) as caught:
        read(no_pages.getvalue())
    assert "密码" not in str(caught.value) and "无法读取该 PDF（文件已损坏或不完整，或没有页面）" in str(caught.value)


def test_a_scanned_pdf_without_a_text_layer_is_refused_with_ocr_advice():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        pdf.rect(80, 100, 430, 640, fill=1)  # the page's image
        pdf.setFont(FONT, 12)
        pdf.drawCentredString(A4[0] / 2, 50, "— 1 —")
        pdf.showPage()
    pdf.save()
    with pytest.raises(ParseError, match=r"没有文字层.*`ocrmypdf -l chi_sim"):
        read(buffer.getvalue())


def test_fonts_without_a_text_mapping_are_refused():
    """fpdf2 embeds a subset numbering its glyphs from 1; without the ToUnicode map the text is those numbers."""
    from fpdf import FPDF
    from pypdf.generic import NameObject

    pdf = FPDF()
    pdf.add_font("noto", fname="/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", collection_font_number=2)
    pdf.add_page()
    pdf.set_font("noto", size=16)
    pdf.multi_cell(0, 10, ITEM_ONE + ITEM_TWO)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))))
    assert read(_written(writer)).startswith("（一）优化产业承接布局")  # with its map it reads
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            del font.get_object()[NameObject("/ToUnicode")]
    with pytest.raises(ParseError, match=r"plan\.pdf：该 PDF 的字体缺少文字映射"):
        read(_written(writer))


def _written(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_two_threads_never_read_pdfs_through_pdfium_at_once(monkeypatch):
    """PDFium is not thread-safe; a serving process reads two editors' uploads with two threads."""
    import threading
    import time

    from clauses.parsing import pdf

    inside, most = [0], [0]
    real = pdf._read_page

    def counted(page):
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.05)  # long enough for the other thread to arrive
        inside[0] -= 1
        return real(page)

    monkeypatch.setattr(pdf, "_read_page", counted)
    raw = make_pdf([[ITEM_ONE], [ITEM_TWO]])
    threads = [threading.Thread(target=read, args=(raw,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
