"""The pages work under the Content-Security-Policy, and the browser reports no violation.

An init script (Playwright runs it in every document before the page's own
scripts, outside the page's policy) records every ``securitypolicyviolation``
event; Chromium's console errors are collected too.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import Group
from django.core.management import call_command

from clauses.models import Clause

from .test_editor import choose

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_pages_work_with_no_policy_violation(seeded_site, browser, django_user_model):
    context = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    violations = []

    def visit(url: str) -> None:
        response = page.goto(url)
        assert "default-src 'self'" in response.headers["content-security-policy"]

    def collect() -> None:
        violations.extend(page.evaluate("window.__violations"))

    base = seeded_site.url
    visit(f"{base}/search/?q=产业转移&region=四川省")
    assert page.locator("a.hit-link").count() > 0
    collect()

    visit(f"{base}/d/guofa-2010-28/")
    korean = page.locator('[id="p2.i3"] .clause-translation')
    page.check("#show-translation")
    assert korean.is_visible()
    collect()

    visit(f"{base}/d/chuanbanfa-2022-67/p2/i5/")
    page.locator('button[data-copy="cite-gongwen"]').click()
    page.wait_for_function("document.querySelector('button[data-copy=cite-gongwen]').textContent === '已复制'")
    collect()

    call_command("create_roles", verbosity=0)
    editor = django_user_model.objects.create_user("editor", password="a-long-pass-phrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p5.i12")
    visit(f"{base}/admin/login/?next=/admin/clauses/clause/{clause.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(rf"/admin/clauses/clause/{clause.pk}/change/"))
    page.locator("#clauseregion_links-group .add-row a").click()
    row = page.locator("#clauseregion_links-group tr.form-row.dynamic-clauseregion_links").last
    choose(page, row, "宜宾市")
    assert "宜宾市" in row.locator(".select2-selection").inner_text()
    collect()
    context.close()

    assert violations == []
    assert [error for error in console_errors if "Content Security Policy" in error] == []
