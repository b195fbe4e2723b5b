"""Reading and citing in a real browser: copy the 公文 citation; look at the pages.

The screenshots (the ``screenshots`` fixture) are for a person to look at;
the test checks what it can read.
"""

from __future__ import annotations

import re

SICHUAN_FIVE = "《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）第二部分第（五）项"


def test_open_a_clause_from_search_and_copy_its_official_citation(seeded_site, browser, screenshots):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{seeded_site.url}/search/?q=积极承接优质企业")
    page.locator("a.hit-link", has_text="积极承接优质企业和关联产业").first.click()
    page.wait_for_url(re.compile(r"/d/chuanbanfa-2022-67/p2/i5/$"))

    assert page.locator("#cite-gongwen").inner_text() == SICHUAN_FIVE
    page.locator('button[data-copy="cite-gongwen"]').click()
    page.wait_for_function("document.querySelector('button[data-copy=cite-gongwen]').textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == SICHUAN_FIVE
    page.screenshot(path=str(screenshots / "clause.png"), full_page=True)

    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert page.locator("#cite-gongwen").is_visible()
    page.screenshot(path=str(screenshots / "clause-print.png"), full_page=True)
    context.close()


def test_document_page_shows_the_korean_translation_side_by_side(seeded_site, page, screenshots):
    page.goto(f"{seeded_site.url}/d/guofa-2010-28/")
    korean = page.locator('[id="p2.i3"] .clause-translation')
    assert not korean.is_visible()
    page.check("#show-translation")
    assert korean.is_visible()
    assert korean.inner_text().startswith("(3) 노동집약형 산업.")
    original = page.locator('[id="p2.i3"] .clause-original').bounding_box()
    translated = korean.bounding_box()
    assert translated["x"] > original["x"] + original["width"] - 5  # beside, not below
    page.screenshot(path=str(screenshots / "document-translation.png"), full_page=False)
    page.goto(f"{seeded_site.url}/d/chuanbanfa-2022-67/")
    page.screenshot(path=str(screenshots / "document.png"), full_page=False)
    page.emulate_media(media="print")
    page.screenshot(path=str(screenshots / "document-print.png"), full_page=False)
