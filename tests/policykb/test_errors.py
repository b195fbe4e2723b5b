"""Requests Django refuses before any view runs get an answer in the client's language."""

from __future__ import annotations

import pytest
from django.conf import settings


@pytest.fixture
def too_many_parameters() -> str:
    return "&".join(f"p{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/search/", "/api/search/export.csv", "/api/search/export.xlsx",
                                  "/search/?format=json&"])
def test_too_many_parameters_on_json_endpoints_answer_json(client, too_many_parameters, path):
    separator = "&" if "?" in path else "?"
    response = client.get(path + separator + too_many_parameters)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "参数过多" in response.json()["error"]


@pytest.mark.django_db
def test_too_many_parameters_on_a_page_answer_a_chinese_page(client, too_many_parameters):
    response = client.get("/search/?" + too_many_parameters)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "参数过多" in body and 'href="/search/"' in body
