"""Login throttling: ten wrong passwords for one user name from one address lock that pair out for a while."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user("editor", password="right-password", is_staff=True)


def _login(client: Client, username: str, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                      "next": "/admin/"})


def test_the_admin_login_locks_out_after_ten_wrong_passwords(editor):
    client = Client()
    assert settings.AXES_FAILURE_LIMIT == 10
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "editor", "wrong")
        assert response.status_code == 200  # the login form again, with its error
    locked = _login(client, "editor", "wrong")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "登录已暂停" in body and "15 分钟" in body
    # Even the right password waits now.
    assert _login(client, "editor", "right-password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_one_user_name_at_one_address(editor, django_user_model):
    django_user_model.objects.create_user("other", password="other-password", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "editor", "wrong")
    assert _login(Client(), "other", "other-password").status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert _login(elsewhere, "editor", "right-password").status_code == 302


def test_a_right_password_clears_earlier_failures(editor):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "editor", "wrong")
    assert _login(client, "editor", "right-password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "editor", "wrong").status_code == 200
    assert _login(client, "editor", "right-password").status_code == 302
