"""Clause and document addresses: the permalink scheme, version-pinned links, get_absolute_url.

Expected addresses are typed out here: they are cited in print and must never change.
"""

from __future__ import annotations

import pytest

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Clause, Document
from clauses.permalinks import clause_url, read_clause_path
from clauses.services.ingest import ingest_document


@pytest.mark.parametrize("key, version, url", [
    ("p2.i5", None, "/d/chuanbanfa-2022-67/p2/i5/"),
    ("p2.i5", 3, "/d/chuanbanfa-2022-67/p2/i5@3/"),
    ("preface", 1, "/d/chuanbanfa-2022-67/preface@1/"),
    ("a1.p2.i3.s4", 12, "/d/chuanbanfa-2022-67/a1/p2/i3/s4@12/"),
])
def test_clause_urls_mirror_the_numbering_and_pin_a_version_with_an_at_sign(key, version, url):
    assert clause_url("chuanbanfa-2022-67", key, version=version) == url


@pytest.mark.parametrize("path, read", [
    ("p2/i5", ("p2.i5", None)),
    ("p2/i5@3", ("p2.i5", 3)),
    ("p2/i5@0", ("p2.i5", 0)),
    ("p2/i5@" + "9" * 10, (None, None)),  # no such version number: not a pinned link, not a clause path
    ("p2/I5", (None, None)),
    ("p2/i5@x", (None, None)),
])
def test_a_clause_path_is_read_back_into_its_key_and_version(path, read):
    assert read_clause_path(path) == read


@pytest.fixture
def item(db) -> Clause:
    document = Document.objects.create(slug="chuanbanfa-2022-67", title="关于承接制造业有序转移的实施意见",
                                       source_file="x.txt", source_sha256="0" * 64)
    return Clause.objects.create(document=document, key="p2.i5", order=7, kind=Clause.Kind.ITEM)


def test_documents_and_clauses_know_their_pages(item):
    assert item.document.get_absolute_url() == "/d/chuanbanfa-2022-67/"
    assert item.get_absolute_url() == item.permalink == "/d/chuanbanfa-2022-67/p2/i5/"
    assert item.pinned_url(4) == "/d/chuanbanfa-2022-67/p2/i5@4/"


def test_the_clause_page_links_every_version_and_pins_the_latest(db, client, tmp_path):
    source = tmp_path / "pilot.txt"
    header = "关于试点的通知\n川办发〔2023〕7号\n\n各市(州)人民政府：\n\n"
    source.write_text(header + "一、开展试点。开展试点工作。\n", encoding="utf-8")
    ingest_document(source=source, lexicon=lexicon_from_database())
    source.write_text(header + "一、开展试点。认真开展试点工作。\n", encoding="utf-8")
    ingest_document(source=source, lexicon=lexicon_from_database())

    body = client.get("/d/chuanbanfa-2023-7/p1/").content.decode()
    versions = body.split('<section class="versions">')[1].split("</section>")[0]
    assert '<a href="/d/chuanbanfa-2023-7/p1@1/">第 1 版</a>' in versions
    assert '<a href="/d/chuanbanfa-2023-7/p1@2/">第 2 版</a>' in versions
    assert '<code id="cite-pinned">http://testserver/d/chuanbanfa-2023-7/p1@2/</code>' in body


def test_a_pinned_link_to_a_number_that_is_gone_moves_with_its_version(db, client, tmp_path):
    source = tmp_path / "pilot.txt"
    header = "关于试点的通知\n川办发〔2023〕8号\n\n各市(州)人民政府：\n\n"
    source.write_text(header + "一、开展试点。开展试点工作。\n\n二、加强保障。做好保障工作。\n\n三、强化考核。做好考核工作。\n",
                      encoding="utf-8")
    ingest_document(source=source, lexicon=lexicon_from_database())
    source.write_text(header + "一、加强保障。做好保障工作。\n\n二、强化考核。做好考核工作。\n", encoding="utf-8")
    ingest_document(source=source, lexicon=lexicon_from_database())

    response = client.get("/d/chuanbanfa-2023-8/p3@7/")
    assert response.status_code == 301
    assert response["Location"] == "/d/chuanbanfa-2023-8/p2@7/"
