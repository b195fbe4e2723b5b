"""Who may do what: anonymous users, editors, admins."""

from __future__ import annotations

import pytest
from django.test import Client

from clauses.models import Clause, Document


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/clauses/clause/", "/admin/clauses/clause/recent-edits/",
                                 "/admin/clauses/document/", "/admin/clauses/department/",
                                 "/admin/clauses/relatedclause/", "/admin/auth/user/"])
def test_anonymous_users_reach_no_admin_page(db, client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editors_edit_tags_but_cannot_delete_documents_or_change_sources(seeds, editor):
    client = signed_in(editor)
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i5")
    document = clause.document
    assert client.get(f"/admin/clauses/clause/{clause.pk}/change/").status_code == 200
    assert client.get(f"/admin/clauses/document/{document.pk}/delete/").status_code == 403
    assert client.post(f"/admin/clauses/document/{document.pk}/change/", {"title": "改了"}).status_code == 403
    Document.objects.get(pk=document.pk, title="关于承接制造业有序转移的实施意见")
    # The clause text is not a field of the form: posting it changes nothing.
    page = client.get(f"/admin/clauses/clause/{clause.pk}/change/")
    assert page.context["adminform"].form.fields.keys() == {"revision"}
    assert client.get("/admin/auth/user/").status_code == 403
    action_form = client.get("/admin/clauses/department/").context["action_form"]
    assert action_form is None or "merge_selected" not in dict(action_form.fields["action"].choices)


def test_admins_may_merge_and_correct_entries(seeds, admin_user):
    client = signed_in(admin_user)
    actions = client.get("/admin/clauses/department/").context["action_form"].fields["action"].choices
    assert "merge_selected" in [value for value, _ in actions]
    clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i5")
    assert client.get(f"/admin/clauses/clause/{clause.pk}/delete/").status_code == 403  # nobody deletes clauses
