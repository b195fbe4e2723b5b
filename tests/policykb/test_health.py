"""``/healthz`` for load balancers: 200 when the database answers and the search index opens, else 503."""

from __future__ import annotations

import json
import re
import secrets

import pytest
from django.conf import settings
from django.core.management import call_command

from .processes import python, run


def _answer(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


@pytest.fixture
def built_index(db, search_index_dir):
    call_command("ingest", str(settings.BASE_DIR / "fixtures" / "documents" / "002_69f918161c6c5907.txt"),
                 verbosity=0)
    call_command("search_index", "--rebuild", verbosity=0)
    return search_index_dir


def test_ok_when_the_database_answers_and_the_index_opens(built_index, client):
    assert _answer(client) == (200, {"status": "ok"})


def test_503_without_a_search_index(db, client, search_index_dir):
    assert not (search_index_dir / "current").exists()
    status, body = _answer(client)
    assert status == 503
    assert list(body["failed"]) == ["search_index"]
    assert str(search_index_dir) not in str(body)  # anyone may ask: no paths in the answer
    assert not (search_index_dir / "current").exists()  # the check made no empty index


def test_503_when_the_index_cannot_be_read(built_index, client):
    for toc in (built_index / "current").glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a table of contents")
    status, body = _answer(client)
    assert status == 503
    assert list(body["failed"]) == ["search_index"]
    assert str(built_index) not in str(body)



def test_ok_for_an_index_whose_pickled_schema_names_classes_that_moved(built_index, client, monkeypatch):
    """Whoosh pickles the schema's classes by module path into the index; code that moved must still open it.

    (An index written before ``search.analyzer`` became ``search.engine.analysis`` named a module
    that no longer exists: reading that copy failed the health check until a rebuild.)
    """
    import pickle

    from whoosh import index as whoosh_index

    def unreadable(_data):
        raise ModuleNotFoundError("No module named 'search.analyzer'")

    monkeypatch.setattr(whoosh_index, "pickle", type("Pickle", (), {"loads": staticmethod(unreadable),
                                                                    "dumps": staticmethod(pickle.dumps)}))
    assert _answer(client) == (200, {"status": "ok"})

def test_503_when_the_database_cannot_be_reached(client, built_index, django_db_blocker):
    with django_db_blocker.block():  # every query now fails, as with the database down
        status, body = _answer(client)
    assert status == 503
    assert list(body["failed"]) == ["database"]


def test_production_does_not_redirect_the_health_check_to_https(tmp_path):
    result = run(python("-c", "from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT)"),
                 data_dir=tmp_path, DJANGO_SETTINGS_MODULE="policykb.settings", POLICYKB_ENV="production",
                 DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    patterns = eval(result.stdout)  # noqa: S307  (a list of strings printed by the line above)
    assert any(re.search(pattern, "healthz") for pattern in patterns)
