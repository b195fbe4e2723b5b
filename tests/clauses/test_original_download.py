"""原文: the file a document was read from, downloadable from the reader, never rendered on our origin."""

from __future__ import annotations

import hashlib

import pytest

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import SourceFile
from clauses.services.ingest import Source, ingest_source
from tests.clauses.admin.uploading import NOTICE, SLUG

HTML_NOTICE = f"<html><head><script>alert('x')</script></head><body><pre>{NOTICE}</pre></body></html>"


def store(name: str, raw: bytes) -> None:
    report = ingest_source(Source(name=name, raw=raw), lexicon=lexicon_from_database(), replace=True)
    assert report.ok, report.error


@pytest.fixture
def uploaded(db):
    """The notice stored from an HTML page with a Chinese file name."""
    store("测试通知.html", HTML_NOTICE.encode())
    return HTML_NOTICE.encode()


def test_the_original_is_downloaded_byte_for_byte_as_an_attachment(client, uploaded):
    response = client.get(f"/d/{SLUG}/original")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == uploaded
    assert response["Content-Type"] == "text/html"
    assert response["X-Content-Type-Options"] == "nosniff"
    # RFC 5987: the Chinese name percent-encoded in UTF-8, never inline.
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E6%B5%8B%E8%AF%95%E9%80%9A%E7%9F%A5.html"
    assert int(response["Content-Length"]) == len(uploaded)


def test_the_reader_links_the_original_with_its_name_and_size(client, uploaded):
    page = client.get(f"/d/{SLUG}/").content.decode()
    assert f'<dt>原文</dt><dd><a href="/d/{SLUG}/original" download>测试通知.html</a>' in page
    assert f"（{len(uploaded)}\xa0字节）" in page  # filesizeformat keeps number and unit together


def test_the_newest_file_is_the_original(client, uploaded):
    newer = NOTICE.replace("定期报送进展", "每月报送进展").encode()
    store("v2.txt", newer)
    response = client.get(f"/d/{SLUG}/original")
    assert b"".join(response.streaming_content) == newer and response["Content-Type"] == "text/plain"
    assert SourceFile.objects.filter(document__slug=SLUG).count() == 2
    assert hashlib.sha256(newer).hexdigest() == SourceFile.objects.filter(document__slug=SLUG).first().sha256


def test_without_a_kept_file_there_is_no_original(client, uploaded):
    SourceFile.objects.all().delete()
    assert client.get(f"/d/{SLUG}/original").status_code == 404
    assert "原文" not in client.get(f"/d/{SLUG}/").content.decode()
    assert client.get("/d/no-such-document/original").status_code == 404
