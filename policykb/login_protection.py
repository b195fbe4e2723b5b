"""Login protection (django-axes) as the admin shows it: in Chinese, like the rest of the admin.

django-axes ships no Chinese. Its models' and fields' names are translated by
PolicyKB's catalogue (policykb/locale/zh_Hans); what no catalogue reaches —
its app's name, the two columns it names after methods ("Status",
"Expiration") and how its rows name themselves ("Access Log for admin @ …",
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
        AccessAttempt.__str__ = lambda row: f"{row.username} 的登录尝试（{_when(row)}）"
        AccessLog.__str__ = lambda row: f"{row.username} 的登录记录（{_when(row)}）"
        AccessFailureLog.__str__ = lambda row: f"{row.username} 登录失败（{_when(row)}，来自 {row.ip_address}）"
        _register_admin()


def _when(row) -> str:
    return f"{timezone.localtime(row.attempt_time):%Y-%m-%d %H:%M}" if row.attempt_time else "—"


def _register_admin() -> None:
    from axes import admin as axes_admin
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
        @admin.display(description="状态")
        def status(self, attempt):
            return super().status(attempt)

        @admin.display(description="过期时间")
        def expiration(self, attempt):
            return super().expiration(attempt)

    admin.site.register(AccessAttempt, AccessAttemptAdmin)
    admin.site.register(AccessLog, axes_admin.AccessLogAdmin)
    admin.site.register(AccessFailureLog, axes_admin.AccessFailureLogAdmin)
