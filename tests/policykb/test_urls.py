"""Routes: every internal link comes from a URL name, and the published addresses stay what they are."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import resolve, reverse

# A link attribute whose value starts with a path typed out: /… or ../…
_TYPED_PATH = re.compile(r"""\b(?:href|src|action|formaction)\s*=\s*["']\s*(?:/|\.\./)""")
# The 500 page depends on nothing, not even the URLconf: it is shown when anything may be broken.
_STATIC_PAGES = {"500.html"}


def _templates():
    root = settings.BASE_DIR / "templates"
    return sorted(path for path in root.rglob("*.html") if path.relative_to(root).as_posix() not in _STATIC_PAGES)


def test_the_scan_finds_the_templates():
    assert len(_templates()) > 10


@pytest.mark.parametrize("template", _templates(), ids=lambda path: path.name)
def test_templates_link_by_url_name_not_by_typed_path(template):
    typed = [line.strip() for line in template.read_text(encoding="utf-8").splitlines() if _TYPED_PATH.search(line)]
    assert not typed, "use {% url %} or get_absolute_url: " + "\n".join(typed)


@pytest.mark.parametrize("typed", ['<a href="/search/?q=x">', "<form action='/search/'>", '<a href="../change/">',
                                   '<img src="/static/x.png">'])
def test_the_scan_would_see_a_typed_path(typed):
    assert _TYPED_PATH.search(typed)


@pytest.mark.parametrize("name, kwargs, path", [
    ("home", {}, "/"),
    ("search:page", {}, "/search/"),
    ("search:api", {}, "/api/search/"),
    ("search:export", {}, "/api/search/export.csv"),
    ("search:export-xlsx", {}, "/api/search/export.xlsx"),
    ("document", {"slug": "chuanbanfa-2022-67"}, "/d/chuanbanfa-2022-67/"),
    ("clause", {"slug": "chuanbanfa-2022-67", "clause_path": "p2/i5@3"}, "/d/chuanbanfa-2022-67/p2/i5@3/"),
    ("clauses:document-list", {}, "/api/documents/"),
    ("clauses:document-detail", {"slug": "chuanbanfa-2022-67"}, "/api/documents/chuanbanfa-2022-67/"),
])
def test_each_route_keeps_its_published_address(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name
