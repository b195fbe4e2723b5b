"""The admin speaks the editors' language: no page an editor or admin opens shows our models in English.

The walk opens the index, every registered model's list, add form (where
allowed), the change form and history of an existing row, and the custom
views, as an editor and as an admin; each page must open and show none of
the English names Django would make of our models and fields, nor a
"Model object (N)" label (the oracle: ``english_names``).
"""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from clauses.models import Clause, ClauseDepartment, Department, Document, Region
from tests.admin_forms import add_inline_row, change_form_data

from .english_names import english_on_page, forbidden_names

SICHUAN = "chuanbanfa-2022-67"


def test_the_oracle_finds_what_the_issue_saw():
    names = forbidden_names()
    assert {"clause", "clause departments", "clause industrys", "document relations", "matched text"} <= names
    page = ("<h1>修改 clause</h1><h2>CLAUSE INDUSTRYS</h2><td class='original'><p>ClauseDepartment object (92)</p></td>"
            "<a>添加另一个 Clause department</a>")
    found = "\n".join(english_on_page(page, names))
    for expected in ("'clause'", "'clause industrys'", "ClauseDepartment object (92)", "'clause department'"):
        assert expected in found
    # Data is not a label: a stored value or a typed one is the text's own.
    assert english_on_page("<div class='readonly'>[{\"title\": \"x\"}]</div><textarea>text</textarea>", names) == []


def _edit_a_clause(client) -> Clause:
    """An editor's save with an added tag, so the history pages have change messages naming rows."""
    clause = Clause.objects.get(document__slug=SICHUAN, key="p5.i12")
    url = reverse("admin:clauses_clause_change", args=[clause.pk])
    data = change_form_data(client.get(url))
    add_inline_row(data, "clauseregion_links", clause.pk, region=Region.objects.get(name="宜宾市"))
    assert client.post(url, data).status_code == 302
    return clause


def _pages(clause: Clause) -> tuple[list[str], list[str]]:
    """The pages to open, and the add forms (some models have none: clauses come from ingesting, axes' logs)."""
    urls, add_forms = [reverse("admin:index"), reverse("admin:app_list", args=["clauses"])], []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:%s_%s_changelist" % info))
        add_forms.append(reverse("admin:%s_%s_add" % info))
        row = clause if model is Clause else model._default_manager.order_by("pk").first()
        if row is not None:
            urls.append(reverse("admin:%s_%s_change" % info, args=[row.pk]))
            urls.append(reverse("admin:%s_%s_history" % info, args=[row.pk]))
    document = Document.objects.get(slug=SICHUAN)
    urls += [reverse("admin:clauses_document_change", args=[document.pk]),
             reverse("admin:clauses_document_history", args=[document.pk]),
             reverse("admin:clauses_department_change",
                     args=[ClauseDepartment.objects.filter(clause=clause).first().department_id]),
             reverse("admin:clauses_document_upload"),
             reverse("admin:clauses_clause_tag_history", args=[clause.pk]),
             reverse("admin:clauses_clause_recent_edits"),
             reverse("admin:clauses_rebuild_index")]
    return urls, add_forms


@pytest.mark.parametrize("who", ["editor", "admin_user"])
def test_every_admin_page_names_our_models_and_fields_in_chinese(seeds, editor, admin_user, who):
    user = {"editor": editor, "admin_user": admin_user}[who]
    client = Client()
    client.force_login(user)
    clause = _edit_a_clause(client)
    # A refused login, so that login protection's pages have a row to open (signing in logged one).
    AccessAttempt.objects.create(username="someone", ip_address="127.0.0.1", user_agent="test", http_accept="*/*",
                                 path_info="/admin/login/", failures_since_start=3)
    names = forbidden_names()
    problems, opened, refused = [], 0, []
    urls, add_forms = _pages(clause)
    for url in urls + add_forms:
        response = client.get(url)
        if response.status_code == 403 and (who == "editor" or url in add_forms):
            refused.append(url)  # not the editor's (the rebuild, the users), or a model nobody adds to
            continue
        assert response.status_code == 200, (url, response.status_code)
        opened += 1
        problems += [f"{url}: {problem}" for problem in english_on_page(response.content.decode(), names)]
    assert not problems, "\n".join(problems)
    assert opened >= 30 if who == "admin_user" else opened >= 20, opened
    if who == "admin_user":
        assert set(refused) <= set(add_forms), refused


def test_the_index_is_grouped_as_editors_think(seeds, editor):
    client = Client()
    client.force_login(editor)
    sections = [(app["name"], [model["object_name"] for model in app["models"]])
                for app in client.get(reverse("admin:index")).context["app_list"]]
    assert sections == [("条款与文件", ["Clause", "Document"]), ("名录", ["Department", "Region", "Industry"]),
                        ("关系与建议", ["RelatedClause", "DocumentRelation"])]


def test_an_admin_also_sees_the_users_under_their_django_names(seeds, admin_user):
    client = Client()
    client.force_login(admin_user)
    page = client.get(reverse("admin:index"))
    users = next(app for app in page.context["app_list"] if app["name"] == "用户")
    assert [model["name"] for model in users["models"]] == ["用户", "组"]  # Django's own translations
    body = page.content.decode()
    assert body.index("条款与文件") < body.index("名录") < body.index("关系与建议") < body.index("用户")


def test_a_tag_row_is_titled_by_its_entry_and_role(seeds, editor):
    client = Client()
    client.force_login(editor)
    link = ClauseDepartment.objects.get(clause__document__slug=SICHUAN, clause__key="p5.i12",
                                        department__name="四川省财政厅")
    body = client.get(reverse("admin:clauses_clause_change", args=[link.clause_id])).content.decode()
    assert f"四川省财政厅 · {ClauseDepartment.ROLE_SHORT_LABELS[link.role]}" in body
    assert "责任部门" in body and "地区标签" in body and "产业标签" in body


def test_what_a_screen_reader_reads_on_the_index_is_chinese_too(seeds, editor):
    """Django's catalogue leaves the index tables' hidden headers in English; ours translates them."""
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    headers = re.findall(r'<thead class="visually-hidden">(.*?)</thead>', page, re.S)
    assert headers and all(re.search(r"[\u4e00-\u9fff]", header) for header in headers)
    assert not any(re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", header)) for header in headers)
