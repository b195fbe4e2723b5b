"""A database locked by another writer answers 503 "try again" with Retry-After, never 500."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection

from clauses.models import Document
from policykb.database_busy import is_lock_error


@contextmanager
def documents_locked_by_another_writer():
    """Another connection writes to the documents table and holds its transaction open.

    The test database is SQLite's shared in-memory one, where a table another
    connection is writing is locked at once rather than after the busy
    timeout: the same refusal a long ingest causes, without the 20 s wait.
    """
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE clauses_document SET title = title")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def document(transactional_db):
    return Document.objects.create(slug="busy-doc", title="关于试点的通知", source_file="busy.txt",
                                   source_sha256="0" * 64)


def test_a_page_read_while_another_process_writes_answers_503_in_chinese(document, client):
    with documents_locked_by_another_writer():
        response = client.get("/d/busy-doc/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "请稍后再试" in body and "Traceback" not in body
    assert client.get("/d/busy-doc/").status_code == 200


@pytest.mark.parametrize("path", ["/api/documents/", "/d/busy-doc/?format=json"])
def test_the_json_api_answers_503_in_json(document, client, path):
    with documents_locked_by_another_writer():
        response = client.get(path)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("application/json")
    assert "稍后再试" in response.json()["error"]


def test_only_lock_errors_count_as_busy():
    assert is_lock_error(OperationalError("database is locked"))
    assert is_lock_error(OperationalError("canceling statement due to lock timeout"))
    assert not is_lock_error(OperationalError("no such table: clauses_document"))
    assert not is_lock_error(ValueError("database is locked"))
