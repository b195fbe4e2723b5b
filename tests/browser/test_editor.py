"""An editor at work in a real browser: tag a clause, reject a tag, see search follow."""

from __future__ import annotations

import json
import re

from django.contrib.auth.models import Group
from django.core.management import call_command

from clauses.models import Clause, ClauseDepartment, Department


def api(page, base: str, query: str) -> dict:
    return json.loads(page.request.get(f"{base}/api/search/?{query}").text())


def choose(page, row, text: str) -> None:
    """Pick ``text`` in the row's autocomplete (select2) as a person would: click, type, choose."""
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_tags_a_clause_and_search_follows(seeded_site, page, django_user_model):
    call_command("create_roles", verbosity=0)
    editor = django_user_model.objects.create_user("editor", password="a-long-pass-phrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    base = seeded_site.url
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i5")
    assert clause.get_absolute_url() not in {result["permalink"].replace(base, "")
                                    for result in api(page, base, "region=宜宾&page_size=100")["results"]}
    finance_before = api(page, base, "department=四川省财政厅")["count"]

    page.goto(f"{base}/admin/login/?next=/admin/clauses/clause/{clause.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(rf"/admin/clauses/clause/{clause.pk}/change/"))

    page.locator("#clauseregion_links-group .add-row a").click()
    choose(page, page.locator("#clauseregion_links-group tr.form-row.dynamic-clauseregion_links").last, "宜宾市")
    page.locator("#clauseindustry_links-group .add-row a").click()
    choose(page, page.locator("#clauseindustry_links-group tr.form-row.dynamic-clauseindustry_links").last, "白酒")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    found = api(page, base, "region=宜宾&page_size=100")
    assert clause.get_absolute_url() in {result["permalink"].replace(base, "") for result in found["results"]}
    assert clause.get_absolute_url() in {result["permalink"].replace(base, "")
                                for result in api(page, base, "industry=白酒&page_size=100")["results"]}

    page.locator('#clausedepartment_links-group tr:has-text("四川省财政厅") input[name$="-DELETE"]').check()
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{base}{clause.get_absolute_url()}")
    assert "四川省财政厅" not in page.locator(".tags-detail").inner_text()
    assert "宜宾市" in page.locator(".tags-detail").inner_text()
    assert api(page, base, "department=四川省财政厅")["count"] == finance_before - 1


def test_editor_filters_the_clause_list_by_typing_a_department(seeded_site, page, django_user_model):
    call_command("create_roles", verbosity=0)
    editor = django_user_model.objects.create_user("editor", password="a-long-pass-phrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    base = seeded_site.url
    page.goto(f"{base}/admin/login/?next=/admin/clauses/clause/%3Frole%3Dlead")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/clauses/clause/\?role=lead"))

    picker = page.locator('#changelist-filter details[data-filter-title="部门"]')
    picker.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("经济和信息化")
    with page.expect_navigation():
        page.locator(".select2-results__option", has_text="四川省经济和信息化厅").first.click()
    department = Department.objects.get(name="四川省经济和信息化厅")
    assert re.search(rf"[?&]department={department.pk}(&|$)", page.url) and "role=lead" in page.url
    leads = ClauseDepartment.objects.filter(department=department, role="lead", status="active")
    assert page.locator("#result_list tbody tr").count() == leads.values("clause").distinct().count() > 0
    assert "四川省经济和信息化厅" in picker.locator(".select2-selection").inner_text()

    with page.expect_navigation():  # select2's clear button: the filter is dropped, the role kept
        picker.locator(".select2-selection__clear").click()
    assert "department=" not in page.url and "role=lead" in page.url
    assert refused == []
