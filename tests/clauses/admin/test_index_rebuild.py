"""The admin's index rebuild: admins only, POST with CSRF, a local redirect, progress on a page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from search import rebuilds

URL = "/admin/clauses/department/rebuild-index/"


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.fixture
def rebuild_running(db):
    """Another process's rebuild holds the lock: the view must not start a second one."""
    with rebuilds.exclusive("someone-else") as status:
        status.progress(40, 116)
        status.write()
        yield


def test_an_editor_can_neither_start_nor_watch_a_rebuild(editor):
    client = signed_in(editor)
    assert client.post(URL).status_code == 403
    assert client.get(URL).status_code == 403


def test_a_staff_member_given_the_permission_may(editor, rebuild_running):
    editor.user_permissions.add(Permission.objects.get(codename="rebuild_index", content_type__app_label="search"))
    assert signed_in(editor).get(URL).status_code == 200


def test_the_page_shows_who_started_the_rebuild_and_how_far_it_is(admin_user, rebuild_running):
    page = signed_in(admin_user).get(URL).content.decode()
    assert "someone-else" in page and "40 / 116" in page
    assert "开始重建" not in page  # no second start while one runs


def test_a_start_needs_the_csrf_token(admin_user):
    assert signed_in(admin_user, enforce_csrf_checks=True).post(URL).status_code == 403


def test_a_get_starts_nothing(admin_user):
    page = signed_in(admin_user).get(URL)
    assert page.status_code == 200 and "尚无重建记录" in page.content.decode()
    assert rebuilds.read_status() is None


@pytest.mark.parametrize("next_url, expected", [
    ("", URL), ("http://evil.example/phish", URL), ("//evil.example/phish", URL), ("/admin/", "/admin/")])
def test_the_redirect_after_a_start_stays_on_this_site(admin_user, rebuild_running, next_url, expected):
    response = signed_in(admin_user).post(URL, {"next": next_url}, HTTP_REFERER="http://evil.example/phish")
    assert response.status_code == 302
    assert response["Location"] == expected


def test_a_second_start_while_one_runs_says_so(admin_user, rebuild_running):
    page = signed_in(admin_user).post(URL, follow=True).content.decode()
    assert "正在重建" in page
    assert rebuilds.read_status().started_by == "someone-else"
