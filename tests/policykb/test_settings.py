"""Production settings pass Django's deployment checklist (``check --deploy``)."""

from __future__ import annotations

import secrets

from .processes import python, run

PRODUCTION = {"POLICYKB_ENV": "production", "POLICYKB_ALLOWED_HOSTS": "policykb.example.org"}


def test_check_deploy_is_clean_in_production(tmp_path):
    result = run(python("manage.py", "check", "--deploy", "--fail-level", "DEBUG"), data_dir=tmp_path,
                 DJANGO_SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_what_an_operator_turned_off(tmp_path):
    """The checklist still speaks when production is weakened on purpose (here: no redirect to https)."""
    result = run(python("manage.py", "check", "--deploy"), data_dir=tmp_path,
                 DJANGO_SECRET_KEY=secrets.token_urlsafe(50), POLICYKB_SSL_REDIRECT="off", **PRODUCTION)
    assert "security.W008" in result.stderr


def _setting(name: str, tmp_path, **environment) -> str:
    result = run(python("-c", f"from django.conf import settings; print(repr(settings.{name}))"),
                 data_dir=tmp_path, DJANGO_SETTINGS_MODULE="policykb.settings", **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    environment = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **PRODUCTION}
    assert int(_setting("SECURE_HSTS_SECONDS", tmp_path, **environment)) >= 365 * 24 * 3600
    assert _setting("SESSION_COOKIE_SECURE", tmp_path, **environment) == "True"
    assert _setting("CSRF_COOKIE_SECURE", tmp_path, **environment) == "True"
    assert _setting("SECURE_SSL_REDIRECT", tmp_path, **environment) == "True"


def test_the_proxy_header_is_trusted_only_when_named(tmp_path):
    assert _setting("SECURE_PROXY_SSL_HEADER", tmp_path) == "None"
    assert (_setting("SECURE_PROXY_SSL_HEADER", tmp_path, POLICYKB_PROXY_SSL_HEADER="X-Forwarded-Proto")
            == "('HTTP_X_FORWARDED_PROTO', 'https')")


def test_the_search_cache_sizes_reach_the_engine_as_connection_options(tmp_path):
    options = _setting('HAYSTACK_CONNECTIONS["default"]', tmp_path, POLICYKB_FACET_CACHE_MB="7",
                       POLICYKB_POSTINGS_CACHE_MB="9")
    assert "'FACET_CACHE_MB': 7" in options and "'POSTINGS_CACHE_MB': 9" in options
    unset = _setting('HAYSTACK_CONNECTIONS["default"]', tmp_path)
    assert "CACHE_MB" not in unset  # the engine's own defaults apply
