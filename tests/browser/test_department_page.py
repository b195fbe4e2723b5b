"""A department's tasks in a real browser: find it, follow a clause and come back, download its 任务分工表.

The downloaded Excel file is read back with openpyxl and held row by row to
the page's JSON twin (``/api/departments/<slug>/``, every page), fetched
separately: the JSON is written by the view, the file by the export, so
each checks the other. The page size is made small so that the seeds'
department has several pages: the file must hold them all, in order.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from openpyxl import load_workbook

from clauses.models import ClauseDepartment
from search import limits

# 四川省经济合作局 has 16 tasks in the seeds: four pages of five.
PAGE_SIZE = 5

DEPARTMENT = "四川省经济合作局"
HEADINGS = ["序号", "文件", "文号", "条款", "重点任务", "本单位角色", "牵头单位", "配合单位", "落实单位", "永久链接"]


def department_json(page, base_url: str, slug: str) -> tuple[dict, list[dict]]:
    """The JSON twin of the department's first page, and the clauses of all its pages, in order."""
    url = f"{base_url}/api/departments/{slug}/"
    first = page.request.get(url).json()
    clauses = list(first["clauses"])
    for number in range(2, first["num_pages"] + 1):
        clauses.extend(page.request.get(f"{url}?page={number}").json()["clauses"])
    assert len(clauses) == first["count"]
    return first, clauses


def shown_count(page, role_label: str) -> int:
    return int(page.locator(".role-count", has_text=role_label).locator("strong").inner_text())


def test_department_page_follow_a_clause_and_read_back_its_task_table(seeded_site, page, tmp_path, screenshots,
                                                                      monkeypatch):
    monkeypatch.setattr(limits, "ENTRY_PAGE_SIZE", PAGE_SIZE)  # the live server runs in this process
    page.goto(f"{seeded_site.url}/departments/")
    page.get_by_role("link", name=DEPARTMENT, exact=True).click()
    page.wait_for_url(re.compile(r"/departments/[^/]+/$"))
    slug = page.url.rstrip("/").rsplit("/", 1)[1]
    department_url = page.url
    twin, clauses = department_json(page, seeded_site.url, slug)
    assert twin["department"]["name"] == DEPARTMENT
    assert twin["num_pages"] > 1

    # The page: the name, the counts by role, the clauses of the JSON's first page in its order.
    assert page.locator("h1").inner_text() == DEPARTMENT
    assert twin["counts"]["lead"] > 0
    assert shown_count(page, "牵头") == twin["counts"]["lead"]
    assert shown_count(page, "配合") == twin["counts"]["co"]
    assert shown_count(page, "落实") == twin["counts"]["implementing"]
    links = page.locator("li.task a.task-title")
    assert twin["clauses"]
    assert [urlsplit(href).path for href in links.evaluate_all("links => links.map(link => link.href)")] == \
        [urlsplit(row["permalink"]).path for row in twin["clauses"]]
    page.screenshot(path=str(screenshots / "department.png"), full_page=True)

    # Follow the first clause to its page, and its department chip back.
    first = clauses[0]
    links.first.click()
    page.wait_for_url(first["permalink"])
    assert page.locator("h1").inner_text() == first["clause"]["label"] + first["clause"]["heading"]
    assert first["document"]["title"] in page.locator(".crumbs").inner_text()
    chip = page.locator(".tags-detail a.tag", has_text=DEPARTMENT)
    assert chip.count() == 1
    assert ClauseDepartment.Role(first["role"]).label in chip.inner_text()
    chip.click()
    page.wait_for_url(department_url)
    assert page.locator("h1").inner_text() == DEPARTMENT

    # Download the 任务分工表 from the page's Excel link and read it back.
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel", exact=True).click()
    download = info.value
    assert download.suggested_filename == f"{DEPARTMENT}-任务分工表.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    sheet = load_workbook(saved).active
    assert sheet.title == "任务分工表"
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == HEADINGS
    assert len(rows) - 1 == len(clauses) == twin["count"]
    for number, (cells, expected) in enumerate(zip(rows[1:], clauses, strict=True), start=1):
        row = dict(zip(HEADINGS, cells, strict=True))
        where = f"row {number}: {expected['permalink']}"
        assert row["序号"].value == number, where
        assert row["文件"].value == expected["document"]["title"], where
        assert (row["文号"].value or "") == expected["document"]["doc_number"], where
        assert row["条款"].value.endswith(expected["clause"]["label"]), where
        assert row["本单位角色"].value == ClauseDepartment.Role(expected["role"]).label, where
        assert row["永久链接"].value == expected["permalink"], where
        assert row["永久链接"].hyperlink is not None and row["永久链接"].hyperlink.target == expected["permalink"], where
        lead = [item["name"] for item in expected["departments"] if item["role"] == "lead"]
        assert (row["牵头单位"].value or "") == "、".join(lead), where
