"""An official's search, in a real browser: type, narrow by a facet, open a result."""

from __future__ import annotations

import re


def count(page) -> int:
    return int(page.locator("#result-count").inner_text())


def test_type_a_query_click_a_facet_and_open_a_result(seeded_site, page):
    page.goto(f"{seeded_site.url}/")
    page.fill("header input[name=q]", "产业转移")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    everything = count(page)
    assert everything > 20

    lead = page.locator('section[data-facet="lead"] a', has_text="四川省经济合作局").first
    lead.click()
    page.wait_for_url(re.compile(r"lead="))
    narrowed = count(page)
    assert 0 < narrowed < everything
    assert page.locator(".chip", has_text="牵头部门：四川省经济合作局").is_visible()
    facet_count = int(page.locator('section[data-facet="lead"] li.active .count').inner_text())
    assert facet_count == narrowed

    first = page.locator("a.hit-link").first
    heading = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/d/chuanbanfa-2022-67/p\d+/i\d+/$"))
    assert page.locator("h1").inner_text() in heading
    assert "四川省经济合作局" in page.locator(".tags-detail").inner_text()

    page.go_back()
    page.locator(".chip").first.click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert count(page) == everything
