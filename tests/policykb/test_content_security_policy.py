"""Every response carries a strict Content-Security-Policy, and the templates need nothing inline."""

from __future__ import annotations

import re

import pytest
from django.conf import settings


def _policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/search/?q=产业", "/api/search/?q=产业", "/d/no-such-document/",
                                 "/admin/login/"])
def test_every_page_sends_a_strict_policy(client, db, url):
    policy = _policy(client.get(url)["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert policy[directive] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


INLINE = [re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), re.compile(r"\son[a-z]+\s*=", re.I),
          re.compile(r"\sstyle\s*=", re.I), re.compile(r"javascript:", re.I)]


def test_the_templates_hold_no_inline_script_or_style():
    """The policy allows none; a page that needed some would break in the browser, not here."""
    found = []
    for template in sorted((settings.BASE_DIR / "templates").rglob("*.html")):
        text = template.read_text()
        found += [f"{template.name}: {match.group(0)}" for pattern in INLINE for match in pattern.finditer(text)]
    assert found == []
