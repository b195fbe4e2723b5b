"""An editor adds documents in the published formats from the browser: a Word file and a PDF.

Both are made here: the Word file with python-docx (Word's automatic
numbering 一、（一）, duty lines, a 任务分工表 with a merged 牵头单位 cell),
the PDF by this test's Chromium printing an HTML page (fonts embedded as
subsets, a running header, — N — page numbers, a ruled duty table), as a
government's PDF is made. The editor uploads both at once, reads the preview,
confirms, finds a clause of each through search and opens its permalink;
then uploads a changed version of the Word file and reads the diff.
"""

from __future__ import annotations

import html
import re

from django.contrib.auth.models import Group
from django.core.management import call_command

from clauses.models import Document, SourceFile
from tests.clauses.parsing.wordfiles import merge_down, new_document, number, numbered, saved, table

PASSWORD = "a-long-pass-phrase"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TASK_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def word_plan(*, revised: bool = False) -> bytes:
    """A 江西省 plan in Word; ``revised`` changes one item, drops another and adds a third."""
    document = new_document()
    plan = numbered(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    document.add_paragraph("江西省人民政府办公厅关于印发江西省承接制造业转移行动方案的通知")
    document.add_paragraph("赣府厅发〔2024〕9号")
    document.add_paragraph("各设区市人民政府，省政府各部门：")
    document.add_paragraph("《江西省承接制造业转移行动方案》已经省人民政府同意，现印发给你们，请认真贯彻执行。")
    number(document.add_paragraph("重点任务"), plan, 0)
    number(document.add_paragraph(
        "打造赣州承接转移示范区。支持赣州市建设赣南承接产业转移示范区，推动稀土新材料产业集群发展。"
        + ("（牵头单位：省工业和信息化厅；配合单位：省发展改革委、省商务厅）" if not revised else
           "力争2026年产值突破千亿元。（牵头单位：省工业和信息化厅；配合单位：省发展改革委、省商务厅、省科技厅）")),
        plan, 1)
    if not revised:
        number(document.add_paragraph("提升九江沿江承载能力。支持九江市建设沿江承接产业转移平台。"
                                      "（牵头单位：省发展改革委；配合单位：省交通运输厅）"), plan, 1)
    number(document.add_paragraph("完善上饶配套服务。支持上饶市完善标准厂房和物流设施。"
                                  "（牵头单位：省商务厅；配合单位：省自然资源厅）"), plan, 1)
    if revised:
        number(document.add_paragraph("培育吉安电子信息产业。支持吉安市承接电子信息产业转移。"
                                      "（牵头单位：省工业和信息化厅；配合单位：省商务厅）"), plan, 1)
    number(document.add_paragraph("保障措施"), plan, 0)
    document.add_paragraph("附件：重点任务分工表")
    tasks = table(document, [TASK_HEADER,
                             ["1", "建设赣南稀土新材料承接基地。", "", "省商务厅", "2025年底前"],
                             ["2", "建设赣州电子信息承接园区。", "", "省科技厅", "2026年底前"]])
    merge_down(tasks, 2, 1, 2, "省工业和信息化厅")
    document.add_paragraph("江西省人民政府办公厅")
    document.add_paragraph("2024年3月12日")
    return saved(document)


PDF_PARAGRAPHS = [
    ("title", "洛阳市人民政府办公室关于印发洛阳市承接产业转移实施方案的通知"),
    ("center", "洛政办〔2024〕12号"),
    ("plain", "各县区人民政府，市人民政府各部门："),
    ("indent", "《洛阳市承接产业转移实施方案》已经市政府同意，现印发给你们，请认真贯彻落实。"),
    ("heading", "一、主要任务"),
    ("indent", "（一）建设伊滨承接转移园区。支持伊滨区建设高端装备制造承接转移园区，完善标准厂房和配套设施，"
               "推动一批轴承和农机装备项目落地。（牵头单位：市发展改革委；配合单位：市工业和信息化局、市商务局）"),
    ("indent", "（二）开展产业链精准招商。围绕洛阳轴承产业链开展精准招商，鼓励以商招商、以链招商。"
               "（牵头单位：市商务局；配合单位：市工业和信息化局）"),
    ("heading", "二、保障措施"),
    ("indent", "各县区各部门要加强组织领导，按照重点任务分工表抓好落实。"),
    ("plain", "附件：重点任务分工表"),
]
PDF_TABLE = [TASK_HEADER,
             ["1", "建设伊滨高端装备制造承接转移园区。", "市发展改革委", "市工业和信息化局", "2025年底前"],
             ["2", "推动洛阳轴承产业链精准招商。", "市商务局", "市工业和信息化局", "长期坚持"]]
PDF_STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: 'Noto Serif CJK SC'; font-size: 16pt; line-height: 1.75; margin: 0; }
p { margin: 0; text-align: justify; } p.indent, p.heading { text-indent: 2em; }
p.title { font-size: 20pt; text-align: center; margin: 0.5em 0; } p.center { text-align: center; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.4; }
td, th { border: 1px solid black; padding: 4pt; }
"""
PDF_HEADER = '<div style="width:100%;font-size:10pt;text-align:center;">洛阳市人民政府办公室文件</div>'
PDF_FOOTER = '<div style="width:100%;font-size:12pt;text-align:center;">— <span class="pageNumber"></span> —</div>'


def printed_plan(browser) -> bytes:
    """The 洛阳市 plan as Chromium prints it to PDF."""
    body = "".join(f'<p class="{kind}">{html.escape(text)}</p>' for kind, text in PDF_PARAGRAPHS)
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in PDF_TABLE)
    page = browser.new_page()
    try:
        page.set_content(f"<html><head><meta charset='utf-8'><style>{PDF_STYLE}</style></head>"
                         f"<body>{body}<table>{cells}</table></body></html>")
        return page.pdf(display_header_footer=True, header_template=PDF_HEADER, footer_template=PDF_FOOTER,
                        prefer_css_page_size=True)
    finally:
        page.close()


def log_in_as_editor(page, base: str, django_user_model) -> None:
    call_command("create_roles", verbosity=0)
    editor = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    page.goto(f"{base}/admin/login/?next=/admin/clauses/document/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/clauses/document/$"))


def upload(page, *files: dict) -> None:
    """From the document list: 上传文件, choose ``files``, 上传并预览; waits for the preview."""
    page.click("text=上传文件")
    page.set_input_files("#upload-form input[type=file]", list(files))
    page.click("#upload-form input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/clauses/document/upload/[0-9a-f-]+/$"))


def section(page, name: str):
    return page.locator("section.upload-file", has=page.locator("h2", has_text=name))


def search_and_open(page, base: str, query: str, expected: str) -> str:
    """Search ``query``, open the first result whose text has ``expected``; the permalink opened."""
    page.goto(f"{base}/search/?q={query}")
    result = page.locator("li.hit", has_text=expected).first
    result.locator("a.hit-link").click()
    page.wait_for_load_state()
    assert expected in page.locator("main").inner_text()
    return page.url


def test_an_editor_uploads_a_word_file_and_a_pdf_previews_them_confirms_and_finds_their_clauses(
        seeded_site, page, browser, django_user_model, screenshots):
    base = seeded_site.url
    word, pdf = word_plan(), printed_plan(browser)
    log_in_as_editor(page, base, django_user_model)
    documents_before = Document.objects.count()

    upload(page, {"name": "江西省承接制造业转移行动方案.docx", "mimeType": DOCX_MIME, "buffer": word},
           {"name": "洛阳市承接产业转移实施方案.pdf", "mimeType": "application/pdf", "buffer": pdf})
    page.screenshot(path=str(screenshots / "upload-preview.png"), full_page=True)
    assert Document.objects.count() == documents_before  # the preview stores nothing

    word_preview = section(page, "江西省承接制造业转移行动方案.docx")
    metadata = word_preview.locator(".upload-metadata").inner_text()
    assert "赣府厅发〔2024〕9号" in metadata and "江西省承接制造业转移行动方案" in metadata
    tree = word_preview.locator(".upload-tree").inner_text()
    # Word's automatic numbering, printed as Word prints it, and the duty line's roles.
    assert "一、" in tree and "（一）" in tree and "（三）" in tree and "二、" in tree
    first_item = word_preview.locator(".upload-tree tr", has_text="打造赣州承接转移示范区").inner_text()
    assert "工业和信息化厅（牵头）" in first_item and "商务厅（配合/共同负责）" in first_item
    # The table's merged 牵头单位 cell leads both of its rows.
    for task in ("建设赣南稀土新材料承接基地", "建设赣州电子信息承接园区"):
        assert "工业和信息化厅（牵头）" in word_preview.locator(".upload-tree tr", has_text=task).inner_text()

    pdf_preview = section(page, "洛阳市承接产业转移实施方案.pdf")
    pdf_metadata = pdf_preview.locator(".upload-metadata").inner_text()
    # No signature: the title names the issuer, whose place resolves the city's 市… departments.
    assert "洛政办〔2024〕12号" in pdf_metadata and "洛阳市人民政府办公室" in pdf_metadata
    park = pdf_preview.locator(".upload-tree tr", has_text="建设伊滨承接转移园区").inner_text()
    assert "洛阳市发展和改革委员会（牵头）" in park and "洛阳市商务局（配合/共同负责）" in park
    pdf_tree = pdf_preview.locator(".upload-tree").inner_text()
    assert "洛阳市人民政府办公室文件" not in pdf_tree and "— 1 —" not in pdf_tree  # header and page number gone
    # Each row of the ruled table (continued on the next page) is a task with its lead and co departments.
    for task, lead, co in (("建设伊滨高端装备制造承接转移园区", "洛阳市发展和改革委员会", "洛阳市工业和信息化局"),
                           ("推动洛阳轴承产业链精准招商", "洛阳市商务局", "洛阳市工业和信息化局")):
        row = pdf_preview.locator(".upload-tree tr", has_text=task).last.inner_text()
        assert f"{lead}（牵头）" in row and f"{co}（配合/共同负责）" in row, row

    page.click("#upload-confirm input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert Document.objects.count() == documents_before + 2
    kept = {source.name: bytes(source.content) for source in SourceFile.objects.filter(uploaded_by__username="editor")}
    assert kept == {"江西省承接制造业转移行动方案.docx": word, "洛阳市承接产业转移实施方案.pdf": pdf}

    # Searchable at once; each clause's permalink opens it.
    opened = search_and_open(page, base, "赣南承接产业转移示范区", "打造赣州承接转移示范区")
    assert re.search(r"/d/[a-z0-9-]+/", opened)
    page.screenshot(path=str(screenshots / "upload-word-clause.png"), full_page=True)
    search_and_open(page, base, "伊滨", "建设伊滨承接转移园区")
    # The reader offers the original file.
    page.goto(f"{base}{Document.objects.get(doc_number='洛政办〔2024〕12号').get_absolute_url()}")
    with page.expect_download() as download:
        page.locator("dt:text-is('原文') + dd a").click()
    assert download.value.suggested_filename == "洛阳市承接产业转移实施方案.pdf"
    assert open(download.value.path(), "rb").read() == pdf


def test_an_editor_uploads_a_new_version_and_reads_the_change_clause_by_clause(
        seeded_site, page, django_user_model, screenshots):
    base = seeded_site.url
    log_in_as_editor(page, base, django_user_model)
    upload(page, {"name": "赣府厅发2024-9.docx", "mimeType": DOCX_MIME, "buffer": word_plan()})
    page.click("#upload-confirm input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    document = Document.objects.get(doc_number="赣府厅发〔2024〕9号")
    first_permalink = document.clauses.get(text__contains="打造赣州承接转移示范区").get_absolute_url()

    page.goto(f"{base}/admin/clauses/document/")
    upload(page, {"name": "赣府厅发2024-9（修订）.docx", "mimeType": DOCX_MIME, "buffer": word_plan(revised=True)})
    page.screenshot(path=str(screenshots / "upload-new-version.png"), full_page=True)
    version = page.locator(".upload-version").inner_text()
    assert document.title in version and "永久链接保留" in version
    changes = page.locator(".upload-changes")
    changed = changes.locator("tr.upload-status-changed", has_text="打造赣州承接转移示范区")
    assert changed.locator("ins").first.inner_text().strip()  # the added words, marked
    assert "力争2026年产值突破千亿元" in changed.locator("ins").all_inner_texts()[0] + "".join(
        changed.locator("ins").all_inner_texts())
    assert changes.locator("tr.upload-status-new", has_text="培育吉安电子信息产业").count() == 1
    assert changes.locator("tr.upload-status-retired", has_text="提升九江沿江承载能力").count() == 1
    assert changes.locator("tr.upload-status-kept", has_text="完善上饶配套服务").count() == 1

    page.click("#upload-confirm input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    page.goto(f"{base}{first_permalink}")
    assert "力争2026年产值突破千亿元" in page.locator("main").inner_text()  # the same permalink, the new text
    assert Document.objects.filter(doc_number="赣府厅发〔2024〕9号").count() == 1
