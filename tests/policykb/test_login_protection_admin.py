"""Login protection's admin pages (django-axes) say what they show in Chinese, down to its action's message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client
from django.utils import timezone

from tests.untranslated import english_words


@pytest.fixture
def admin_client(db, django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def test_an_attempt_without_a_user_name_is_named_without_none(db):
    attempt = AccessAttempt.objects.create(username=None, ip_address="127.0.0.1", user_agent="x", http_accept="*/*",
                                           path_info="/admin/login/", failures_since_start=1)
    assert "None" not in str(attempt) and "登录尝试" in str(attempt)
    assert "None" not in str(AccessLog(username=None, attempt_time=attempt.attempt_time))


def test_the_status_column_and_the_clean_up_message_are_chinese(admin_client, settings):
    recent = AccessAttempt.objects.create(username="someone", ip_address="127.0.0.1", user_agent="x",
                                          http_accept="*/*", path_info="/admin/login/",
                                          failures_since_start=settings.AXES_FAILURE_LIMIT - 2)
    old = AccessAttempt.objects.create(username="earlier", ip_address="127.0.0.1", user_agent="x", http_accept="*/*",
                                       path_info="/admin/login/", failures_since_start=1)
    # Older than the cool-off: expired.
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME
                                                   - timedelta(minutes=1))
    page = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "状态" in page and "还可尝试 2 次" in page
    done = admin_client.post("/admin/axes/accessattempt/", {
        "action": "cleanup_expired_attempts", "_selected_action": [recent.pk]}, follow=True)
    assert done.status_code == 200
    (message,) = [str(message) for message in done.context["messages"]]
    assert message == "已清理 1 条过期的登录尝试。" and english_words(message) == []
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
