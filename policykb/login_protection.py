"""Login protection (django-axes) as the admin shows it: in Chinese, like the rest of the admin.

django-axes ships no Chinese. Its models' and fields' names are translated by
PolicyKB's catalogue (policykb/locale/zh_Hans); what no catalogue reaches —
its app's name, the two columns it names after methods ("Status",
"Expiration"), the message of its clean-up action, and how its rows name themselves ("Access Log for admin @ …",
a hard-coded English ``__str__``, replaced here) — is set here. Its admin pages are registered from here, after
Django's autodiscovery (``AXES_ENABLE_ADMIN = False`` in the settings keeps
axes from registering its own).
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesConfig
from django.contrib import admin
from django.utils import timezone


class LoginProtectionConfig(AxesConfig):
    """Replaces ``axes`` in INSTALLED_APPS: the same app (label ``axes``), named for the admin."""

    verbose_name = "登录保护"

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        # A row's title on its page, in the breadcrumbs and in its history.
        AccessAttempt.__str__ = lambda row: f"{_who(row)}的登录尝试（{_when(row)}）"
        AccessLog.__str__ = lambda row: f"{_who(row)}的登录记录（{_when(row)}）"
        AccessFailureLog.__str__ = lambda row: f"{_who(row)}登录失败（{_when(row)}，来自 {row.ip_address}）"
        _register_admin()


def _who(row) -> str:
    return f"用户 {row.username} " if row.username else "未填用户名者"


def _when(row) -> str:
    return f"{timezone.localtime(row.attempt_time):%Y-%m-%d %H:%M}" if row.attempt_time else "—"


def _register_admin() -> None:
    from axes import admin as axes_admin
    from axes.conf import settings as axes_settings
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
        @admin.display(description="状态")
        def status(self, attempt):
            left = axes_settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
            return f"还可尝试 {left} 次" if left > 0 else "已锁定"

        @admin.display(description="过期时间")
        def expiration(self, attempt):
            return super().expiration(attempt)

        # axes reports with an f-string inside gettext, which no catalogue can translate; and it reads
        # the cool-off from the time axes stamps on a login request, which an admin page's request
        # lacks (axes 8.3 raised AttributeError: a server error): expired means older than the
        # cool-off, counted from now.
        @admin.action(description="清理已过期的登录尝试")
        def cleanup_expired_attempts(self, request, queryset):
            if getattr(request, "axes_attempt_time", None) is None:
                request.axes_attempt_time = timezone.now()
            count = self.handler.clean_expired_user_attempts(request=request)
            self.message_user(request, f"已清理 {count} 条过期的登录尝试。")

    for model, model_admin in ((AccessAttempt, AccessAttemptAdmin), (AccessLog, axes_admin.AccessLogAdmin),
                               (AccessFailureLog, axes_admin.AccessFailureLogAdmin)):
        if not admin.site.is_registered(model):  # ready() may run again (tests that swap the apps)
            admin.site.register(model, model_admin)
