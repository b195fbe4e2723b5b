"""A document's source becomes a link only when it is an http(s) URL, whatever was stored."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from clauses.models import Document
from clauses.parsing.urls import is_web_url

SEED = settings.BASE_DIR / "fixtures" / "documents" / "002_69f918161c6c5907.txt"

HOSTILE = ["javascript:alert(10)", "JavaScript:alert(10)", " javascript:alert(10)", "java\tscript:alert(10)",
           "data:text/html,<script>alert(10)</script>", "vbscript:msgbox(10)", "//evil.example/x",
           "/relative/path", "http:alert(10)", "https://exa mple.org/"]


@pytest.mark.parametrize("value", HOSTILE)
def test_only_absolute_web_urls_count_as_links(value):
    assert not is_web_url(value)


@pytest.mark.parametrize("value", ["http://www.gov.cn/zhengce/content/2021-12/09/content_5659558.htm",
                                   "HTTPS://www.sc.gov.cn/x?y=1#z"])
def test_http_and_https_urls_are_links(value):
    assert is_web_url(value)


@pytest.fixture
def document(db) -> Document:
    call_command("ingest", str(SEED), verbosity=0)
    return Document.objects.get()


def _links(body: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', body)


@pytest.mark.parametrize("value", ["javascript:alert(10)", "java\tscript:alert(10)"])
def test_the_reader_shows_a_hostile_source_as_text(document, client, value):
    Document.objects.filter(pk=document.pk).update(source_url=value, source_name="")
    body = client.get(f"/d/{document.slug}/").content.decode()
    assert not any("script:" in link.replace("\t", "") for link in _links(body))
    assert "javascript:alert(10)" in body.replace("\t", "")  # still shown, as text


def test_the_reader_links_a_web_source(document, client):
    url = "https://www.gov.cn/zhengce/content/2021-12/09/content_5659558.htm"
    Document.objects.filter(pk=document.pk).update(source_url=url, source_name="中国政府网")
    body = client.get(f"/d/{document.slug}/").content.decode()
    assert url in _links(body)
    assert "中国政府网" in body


def test_the_admin_shows_a_hostile_source_as_text(document, django_user_model):
    Document.objects.filter(pk=document.pk).update(source_url="javascript:alert(10)")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client()
    client.force_login(admin)
    for page in (f"/admin/clauses/document/{document.pk}/change/", "/admin/clauses/document/"):
        response = client.get(page)
        assert response.status_code == 200
        assert not any(link.startswith("javascript:") for link in _links(response.content.decode()))


def test_an_admin_typing_an_address_without_its_scheme_gets_https():
    from django.contrib.admin.sites import site

    from clauses.models import Document

    field = site._registry[Document].formfield_for_dbfield(Document._meta.get_field("source_url"), request=None)
    assert field.clean("www.gov.cn/zhengce/") == "https://www.gov.cn/zhengce/"
