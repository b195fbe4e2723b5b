"""Clause and document addresses: the permalink scheme, version-pinned links, get_absolute_url.

Expected addresses are typed out here: they are cited in print and must never change.
"""

from __future__ import annotations

import re

import pytest

from clauses.models import Clause, ClauseVersion, Document
from clauses.permalinks import clause_url, read_clause_path
from tests.ingesting import ingest_versions


@pytest.mark.parametrize("key, version, url", [
    ("p2.i5", None, "/d/chuanbanfa-2022-67/p2/i5/"),
    ("p2.i5", 3, "/d/chuanbanfa-2022-67/p2/i5@3/"),
    ("preface", 1, "/d/chuanbanfa-2022-67/preface@1/"),
    ("a1.p2.i3.s4", 12, "/d/chuanbanfa-2022-67/a1/p2/i3/s4@12/"),
])
def test_clause_urls_mirror_the_numbering_and_pin_a_version_with_an_at_sign(key, version, url):
    assert clause_url("chuanbanfa-2022-67", key, version=version) == url


@pytest.mark.parametrize("key, version", [("p2.i5", None), ("p2.i5", 3), ("a1.p2.i3.s4", 12), ("preface", None)])
@pytest.mark.parametrize("script_prefix", ["/", "/policykb/"])
def test_clause_urls_are_the_clause_route_s_under_any_script_prefix(key, version, script_prefix):
    """clause_url builds on the document's address; the clause route must stay that address plus the path."""
    from django.urls import reverse, set_script_prefix

    set_script_prefix(script_prefix)
    try:
        path = key.replace(".", "/") + (f"@{version}" if version else "")
        expected = reverse("clause", kwargs={"slug": "chuanbanfa-2022-67", "clause_path": path})
        assert expected.startswith(script_prefix)
        assert clause_url("chuanbanfa-2022-67", key, version=version) == expected
    finally:
        set_script_prefix("/")


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
    assert item.get_absolute_url() == "/d/chuanbanfa-2022-67/p2/i5/"
    version = ClauseVersion.objects.create(clause=item, number=4, key="p2.i5", source_sha256="0" * 64)
    assert version.get_absolute_url() == "/d/chuanbanfa-2022-67/p2/i5@4/"
    earlier = ClauseVersion.objects.create(clause=item, number=1, key="p1.i5", source_sha256="0" * 64)
    assert earlier.get_absolute_url() == "/d/chuanbanfa-2022-67/p1/i5@1/"  # the number it had then


def test_the_clause_page_links_every_version_and_pins_the_latest(db, client, tmp_path):
    ingest_versions(tmp_path / "pilot.txt", "关于试点的通知\n川办发〔2023〕7号\n\n各市(州)人民政府：\n\n",
                    "一、开展试点。开展试点工作。\n",
                    "一、开展试点。认真开展试点工作。\n")

    body = client.get("/d/chuanbanfa-2023-7/p1/").content.decode()
    versions = body.split('<section class="versions">')[1].split("</section>")[0]
    assert '<a href="/d/chuanbanfa-2023-7/p1@1/">第 1 版</a>' in versions
    assert '<a href="/d/chuanbanfa-2023-7/p1@2/">第 2 版</a>' in versions
    assert '<code id="cite-pinned">http://testserver/d/chuanbanfa-2023-7/p1@2/</code>' in body


def test_every_version_link_of_a_renumbered_clause_opens_that_clause_s_own_text(db, client, tmp_path):
    """Two items swap places: each one's 第 1 版 link must show its own first text, not the other's."""
    ingest_versions(tmp_path / "swap.txt", "关于试点的通知\n川办发〔2023〕8号\n\n各市(州)人民政府：\n\n",
                    "一、开展试点。开展试点工作。\n\n二、加强保障。做好保障工作。\n",
                    "一、加强保障。做好保障工作。\n\n二、开展试点。开展试点工作。\n")

    for path, own_text, other_text in (("/d/chuanbanfa-2023-8/p2/", "开展试点工作", "做好保障工作"),
                                       ("/d/chuanbanfa-2023-8/p1/", "做好保障工作", "开展试点工作")):
        body = client.get(path).content.decode()
        versions = body.split('<section class="versions">')[1].split("</section>")[0]
        links = re.findall(r'<a href="([^"]+)">第 (\d+) 版</a>', versions)
        assert [number for _, number in links] == ["1", "2"]  # the move made a version: its number changed
        for link, _ in links:
            cited = client.get(link).content.decode().split('<section class="versions">')[0]
            assert own_text in cited and other_text not in cited, link
        pinned = re.search(r'<code id="cite-pinned">http://testserver([^<]+)</code>', body)[1]
        assert pinned == links[-1][0]


def test_a_pinned_link_to_a_number_that_is_gone_moves_with_its_version(db, client, tmp_path):
    ingest_versions(tmp_path / "pilot.txt", "关于试点的通知\n川办发〔2023〕8号\n\n各市(州)人民政府：\n\n",
                    "一、开展试点。开展试点工作。\n\n二、加强保障。做好保障工作。\n\n三、强化考核。做好考核工作。\n",
                    "一、加强保障。做好保障工作。\n\n二、强化考核。做好考核工作。\n")

    response = client.get("/d/chuanbanfa-2023-8/p3@7/")
    assert response.status_code == 301
    assert response["Location"] == "/d/chuanbanfa-2023-8/p2@7/"
