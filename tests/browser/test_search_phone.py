"""The search page on a phone (390 × 844): the query box and the first results first, facets folded under 筛选."""

from __future__ import annotations

import re

PHONE = {"width": 390, "height": 844}


def above_the_fold(locator, height: int) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_phone_sees_the_query_and_results_first_and_filters_by_region_from_the_panel(seeded_site, browser, screenshots):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{seeded_site.url}/search/?q=锂电")
    page.screenshot(path=screenshots / "search-phone-390x844.png")

    query = page.locator("main input[name=q]")
    assert query.input_value() == "锂电"
    assert above_the_fold(query, PHONE["height"])
    assert above_the_fold(page.locator("a.hit-link").first, PHONE["height"])

    region_facet = page.locator('section[data-facet="region"]')
    assert not region_facet.is_visible()
    toggle = page.locator("summary", has_text="筛选")
    assert toggle.is_visible()
    toggle.click()
    assert region_facet.is_visible()
    page.screenshot(path=screenshots / "search-phone-390x844-filters-open.png")

    region_facet.locator("a", has_text=re.compile(r"^四川省$")).first.click()
    page.wait_for_url(re.compile(r"region="))
    chip = page.locator(".chip", has_text="地区：四川省")
    assert chip.is_visible()
    # The panel folds again after a filter is applied; the chip says what is applied, above the results.
    assert not region_facet.is_visible()
    assert chip.bounding_box()["y"] < page.locator("a.hit-link").first.bounding_box()["y"]
    assert above_the_fold(page.locator("a.hit-link").first, PHONE["height"])
    page.screenshot(path=screenshots / "search-phone-390x844-region-chip.png")

    chip.click()
    page.wait_for_url(lambda url: "region=" not in url)
    assert page.locator(".chip").count() == 0
    context.close()


def test_a_wide_screen_shows_the_facets_beside_the_results_with_no_filter_toggle(seeded_site, page, screenshots):
    # ``page`` is the browser tests' own, at a wide screen's 1280 × 900.
    page.goto(f"{seeded_site.url}/search/?q=锂电")
    page.screenshot(path=screenshots / "search-wide-1280x900.png")

    facets = page.locator("aside.facets")
    results = page.locator("section.results")
    assert facets.is_visible()
    assert not page.locator("summary", has_text="筛选").is_visible()
    facets_box, results_box = facets.bounding_box(), results.bounding_box()
    query_box = page.locator("main input[name=q]").bounding_box()
    first_hit_box = page.locator("li.hit").first.bounding_box()
    # Facets in a left column; the query box above the results in the right one, level with the facets' top.
    assert facets_box["x"] + facets_box["width"] <= query_box["x"]
    assert abs(query_box["x"] - results_box["x"]) < 1
    assert query_box["y"] + query_box["height"] <= first_hit_box["y"]
    assert abs(facets_box["y"] - query_box["y"]) < 30
    # The form's row is as tall as the form: the results start right under it, not after the facets' height.
    assert results_box["y"] - (query_box["y"] + query_box["height"]) < 40
