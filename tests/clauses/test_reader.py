"""Permalinks, the document reader and the clause page, as a reader meets them."""

from __future__ import annotations

import re
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Clause, Department, Region, RelatedClause
from clauses.services.ingest import ingest_document
from tests.ingesting import ingest_versions

SEEDS = settings.BASE_DIR / "fixtures" / "documents"


def permalink_texts(client) -> dict[str, str]:
    pages = {}
    for clause in Clause.objects.current().select_related("document"):
        response = client.get(clause.get_absolute_url())
        assert response.status_code == 200, clause.get_absolute_url()
        body = response.content.decode()
        first_line = clause.text.split("\n")[0][:20]
        assert not first_line or first_line in body.replace("<br>", "\n"), clause.get_absolute_url()
        pages[clause.get_absolute_url()] = clause.text
    return pages


def test_every_clause_of_every_seed_has_a_working_permalink(seeds, client):
    pages = permalink_texts(client)
    assert len(pages) == 116
    assert all(re.fullmatch(r"/d/[a-z0-9-]+/[a-z0-9./-]+/", link) for link in pages)
    assert "/d/chuanbanfa-2022-67/p2/i5/" in pages


def test_reingesting_every_seed_keeps_every_permalink_and_version_link(seeds, client, tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    before = {clause.get_absolute_url(): list(clause.versions.values_list("number", flat=True))
              for clause in Clause.objects.current().select_related("document")}
    # A parser or gazetteer change re-applies every file: the links must not move.
    lexicon = lexicon_from_database()
    for path in sorted(copy.glob("*.txt")):
        ingest_document(source=path, lexicon=lexicon)
    Clause.objects.update()  # nothing else: reread below
    after = {clause.get_absolute_url(): list(clause.versions.values_list("number", flat=True))
             for clause in Clause.objects.current().select_related("document")}
    assert after == before
    for link, versions in after.items():
        for number in versions:
            assert client.get(f"{link[:-1]}@{number}/").status_code == 200


def _renumber(text: str) -> str:
    """Insert a new item (六) before the old (六): every later item moves up by one."""
    numerals = "六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十".split()
    following = "七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一".split()
    for old, new in reversed(list(zip(numerals, following))):
        text = re.sub(rf"([(（]){old}([)）])", rf"\g<1>{new}\g<2>", text)
    return text.replace("(七)推动成都都市圈", "(六)新增试点。开展新增试点。(责任单位:省经济合作局)\n\n(七)推动成都都市圈")


def test_renumbered_clauses_keep_their_rows_and_pinned_links_still_show_what_was_cited(seeds, client, tmp_path):
    source = tmp_path / "003_c33a4fec7e4ac2f2.txt"
    source.write_text(_renumber((SEEDS / source.name).read_text(encoding="utf-8")), encoding="utf-8")
    chengdu = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p3.i6")
    cited_before = "/d/chuanbanfa-2022-67/p8/i20@1/"  # (二十)强化协调推进, as cited before
    assert "强化协调推进" in client.get(cited_before).content.decode()

    ingest_document(source=source, lexicon=lexicon_from_database())

    chengdu.refresh_from_db()
    assert (chengdu.key, chengdu.heading) == ("p3.i7", "推动成都都市圈高质量承接产业转移")
    cited = client.get(cited_before)
    assert cited.status_code == 200
    followed = cited.content.decode()
    assert "强化协调推进" in followed and "重新编号后，本条现在位于" in followed
    assert 'href="/d/chuanbanfa-2022-67/p8/i21/"' in followed
    assert client.get("/d/chuanbanfa-2022-67/p8/i21@1/").status_code == 200
    # The plain link shows today's (二十), and says where the earlier one went.
    now = client.get("/d/chuanbanfa-2022-67/p8/i20/").content.decode()
    assert "强化要素保障" in now and "重新编号后已移至" in now
    assert 'href="/d/chuanbanfa-2022-67/p8/i21/"' in now


def test_a_clause_whose_number_is_gone_answers_301_to_its_new_place(seeds, client, tmp_path):
    source = tmp_path / "003_c33a4fec7e4ac2f2.txt"
    # Without the heading 八、 the last three items fall under part 七: p8.* no longer exists.
    source.write_text((SEEDS / source.name).read_text(encoding="utf-8").replace("八、优化产业承接政策环境\n", ""),
                      encoding="utf-8")
    item = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p8.i18")

    ingest_document(source=source, lexicon=lexicon_from_database())

    item.refresh_from_db()
    assert item.key == "p7.i18"
    response = client.get("/d/chuanbanfa-2022-67/p8/i18/")
    assert response.status_code == 301
    assert response["Location"] == "/d/chuanbanfa-2022-67/p7/i18/"
    assert client.get(response["Location"]).status_code == 200


def test_pinned_version_shows_the_cited_text_with_a_notice_and_a_diff(seeds, client, tmp_path):
    source = tmp_path / "003_c33a4fec7e4ac2f2.txt"
    source.write_text((SEEDS / source.name).read_text(encoding="utf-8").replace("做实做细招商引资工作", "扎实做好招商引资工作"),
                      encoding="utf-8")
    ingest_document(source=source, lexicon=lexicon_from_database())
    page = client.get("/d/chuanbanfa-2022-67/p2/i5@1/").content.decode()
    assert "这是第 1 版" in page and "与现行文本不同" in page
    assert "做实做细招商引资工作" in page
    assert "<del>" in page and "<ins>" in page
    current = client.get("/d/chuanbanfa-2022-67/p2/i5/").content.decode()
    assert "扎实做好招商引资工作" in current
    assert "/d/chuanbanfa-2022-67/p2/i5@2/" in current


def test_unknown_links_answer_a_helpful_404(seeds, client):
    for link in ("/d/chuanbanfa-2022-67/p9/i99/", "/d/no-such-document/", "/d/chuanbanfa-2022-67/p2/i5@9/",
                 "/d/chuanbanfa-2022-67/P2!/"):
        response = client.get(link)
        assert response.status_code == 404, link
        body = response.content.decode()
        assert 'name="q"' in body and "Traceback" not in body
    assert "关于承接制造业有序转移的实施意见" in client.get("/d/chuanbanfa-2022-67/p9/i99/").content.decode()


def test_clause_page_has_citations_tags_neighbours_and_preview_metadata(seeds, client):
    body = client.get("/d/chuanbanfa-2022-67/p2/i5/").content.decode()
    assert "《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）第二部分第（五）项" in body
    assert '<link rel="canonical" href="http://testserver/d/chuanbanfa-2022-67/p2/i5/">' in body
    assert "<title>(五)积极承接优质企业和关联产业 · 关于承接制造业有序转移的实施意见 · PolicyKB</title>" in body
    assert '<meta name="description" content="关于承接制造业有序转移的实施意见（川办发〔2022〕67号） (五)积极承接' in body
    assert 'rel="prev" href="/d/chuanbanfa-2022-67/p2/i4/"' in body
    assert 'rel="next" href="/d/chuanbanfa-2022-67/p3/"' in body
    assert "四川省经济合作局<small>牵头</small>" in body


def test_clause_json_twin(seeds, client):
    body = client.get("/d/chuanbanfa-2022-67/p2/i5/", {"format": "json"}).json()
    assert body["citations"]["gongwen"] == "《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）第二部分第（五）项"
    assert body["clause"]["label"] == "(五)"
    assert body["permalink"] == "http://testserver/d/chuanbanfa-2022-67/p2/i5/"
    assert body["citations"]["pinned"] == "http://testserver/d/chuanbanfa-2022-67/p2/i5@1/"


def test_related_clauses_link_the_sichuan_item_and_the_national_part_both_ways(seeds, client):
    sichuan = client.get("/d/chuanbanfa-2022-67/p7/i16/", {"format": "json"}).json()
    assert ("gongxinbulianzhengfa-2021-215", "p8") in {(item["document"]["slug"], item["clause"]["key"])
                                                       for item in sichuan["related"]}
    national = client.get("/d/gongxinbulianzhengfa-2021-215/p8/", {"format": "json"}).json()
    assert ("chuanbanfa-2022-67", "p7.i16") in {(item["document"]["slug"], item["clause"]["key"])
                                                for item in national["related"]}
    assert all(item["score"] > 0 for item in national["related"])


def test_confirmed_related_clauses_come_first_and_rejected_ones_never(seeds, client):
    source = Clause.objects.get(document__slug="gongxinbulianzhengfa-2021-215", key="p8")
    links = list(RelatedClause.objects.filter(source=source).order_by("-score"))
    weakest, strongest = links[-1], links[0]
    weakest.status = RelatedClause.Status.CONFIRMED
    weakest.save()
    strongest.status = RelatedClause.Status.REJECTED
    strongest.save()
    call_command("ingest", str(SEEDS), verbosity=0)  # unchanged: suggestions untouched
    related = client.get("/d/gongxinbulianzhengfa-2021-215/p8/", {"format": "json"}).json()["related"]
    assert related[0]["clause"]["key"] == weakest.target.key and related[0]["status"] == "confirmed"
    assert strongest.target.key not in {item["clause"]["key"] for item in related
                                        if item["document"]["slug"] == strongest.target.document.slug}


def test_document_page_has_metadata_relations_toc_and_translation_switch(seeds, client):
    body = client.get("/d/guofa-2010-28/").content.decode()
    assert "国发〔2010〕28号" in body and "2010年8月31日" in body
    assert 'id="show-translation"' in body
    assert 'lang="ko"' in body and "(3) 노동집약형 산업." in body
    assert 'href="#p2.i3"' in body and 'id="p2.i3"' in body
    national = client.get("/d/gongxinbulianzhengfa-2021-215/").content.decode()
    assert "被贯彻落实：<a href=\"/d/chuanbanfa-2022-67/\">" in national
    assert "被解读：" in national and "被报道：" in national
    sichuan = client.get("/d/chuanbanfa-2022-67/").content.decode()
    assert "贯彻落实：<a href=\"/d/gongxinbulianzhengfa-2021-215/\">" in sichuan


def test_document_json_twin(seeds, client):
    body = client.get("/d/chuanbanfa-2022-67/", {"format": "json"}).json()
    assert body["doc_number"] == "川办发〔2022〕67号"
    assert len(body["clauses"]) == 31


def test_home_page_shows_what_the_knowledge_base_holds(indexed_seeds, client):
    body = client.get("/").content.decode()
    assert "5 份文件、116 条条款" in body
    # The departments with most lead clauses, as bars linking to their pages, longest first.
    department = Department.objects.get(name="四川省经济合作局")
    assert f'href="/departments/{department.slug}/"' in body
    widths = [int(width) for width in re.findall(r'<rect [^>]*width="(\d+)"', body)]
    assert widths and widths == sorted(widths, reverse=True)
    assert f'href="/regions/{Region.objects.get(name="四川省").slug}/"' in body
    assert 'href="/d/chuanbanfa-2022-67/"' in body


def test_editor_confirms_and_rejects_suggestions_in_the_admin(seeds, client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    source = Clause.objects.get(document__slug="gongxinbulianzhengfa-2021-215", key="p8")
    links = list(RelatedClause.objects.filter(source=source).order_by("-score"))
    response = client.post("/admin/clauses/relatedclause/", {
        "action": "reject", "_selected_action": [links[0].pk]})
    assert response.status_code == 302
    response = client.post("/admin/clauses/relatedclause/", {
        "action": "confirm", "_selected_action": [links[-1].pk]})
    assert response.status_code == 302
    rejected, confirmed = RelatedClause.objects.get(pk=links[0].pk), RelatedClause.objects.get(pk=links[-1].pk)
    assert (rejected.status, rejected.decided_by) == ("rejected", editor)
    assert (confirmed.status, confirmed.decided_by) == ("confirmed", editor)
    related = client.get("/d/gongxinbulianzhengfa-2021-215/p8/", {"format": "json"}).json()["related"]
    assert related[0]["status"] == "confirmed"
    assert links[0].target.get_absolute_url() not in {item["permalink"].replace("http://testserver", "")
                                             for item in related}


def test_swapped_clauses_pinned_links_show_each_cited_text_without_redirect_loops(db, client, tmp_path):
    ingest_versions(tmp_path / "swap.txt", "关于试点的通知\n川办发〔2023〕5号\n\n各市(州)人民政府：\n\n",
                    "一、开展试点。开展试点工作。\n\n二、加强保障。做好保障工作。\n",
                    "一、加强保障。做好保障工作。\n\n二、开展试点。开展试点工作。\n")
    first = client.get("/d/chuanbanfa-2023-5/p1@1/")
    assert first.status_code == 200 and "开展试点工作" in first.content.decode()
    second = client.get("/d/chuanbanfa-2023-5/p2@1/")
    assert second.status_code == 200 and "做好保障工作" in second.content.decode()


@pytest.mark.parametrize("link", ["/d/chuanbanfa-2022-67/p2/i5@" + "9" * 5000 + "/",
                                  "/search/?q=南充&page=1" + "0" * 400, "/api/search/?page=1" + "0" * 400])
def test_absurd_numbers_in_links_are_not_errors(seeds, client, link):
    assert client.get(link).status_code in (400, 404)


def test_a_clause_pushed_out_of_its_number_keeps_a_working_link(db, client, tmp_path):
    ingest_versions(tmp_path / "push.txt", "关于试点的通知\n川办发〔2023〕6号\n\n各市(州)人民政府：\n\n",
                    "一、开展试点。开展试点工作。\n\n二、加强保障。做好保障工作。\n",
                    "一、加强保障。做好保障工作。\n\n二、强化考核。做好考核工作。\n")

    cited = client.get("/d/chuanbanfa-2023-6/p1@1/")
    assert cited.status_code == 200
    body = cited.content.decode()
    assert "开展试点工作" in body and "已不在该文件的现行文本中" in body
    link = re.search(r'<link rel="canonical" href="http://testserver(/d/chuanbanfa-2023-6/[^"]+)">', body)[1]
    assert client.get(link).status_code == 200
    assert "做好保障工作" in client.get("/d/chuanbanfa-2023-6/p1/").content.decode()


def test_a_clause_with_no_responsible_department_says_so(seeds, client):
    body = client.get("/d/gongxinbulianzhengfa-2021-215/p8/").content.decode()
    section = body.split("<h2>责任部门</h2>")[1].split("<h2>")[0]
    assert "<li>—</li>" in section


def test_the_clause_page_lists_every_responsible_department_and_no_mere_mention(seeds, client):
    from clauses.models import ClauseDepartment, Department

    implementing = ClauseDepartment.objects.active().filter(role="implementing").select_related("clause").first()
    clause = implementing.clause
    named = Department.objects.exclude(clause_links__clause=clause).first()
    ClauseDepartment.objects.create(clause=clause, department=named, role="named")
    active = ClauseDepartment.objects.active()
    assert set(active.responsible()) == set(active.exclude(role="named"))
    body = client.get(clause.get_absolute_url()).content.decode()
    section = body.split("<h2>责任部门</h2>")[1].split("<h2>")[0]
    assert implementing.department.name in section
    assert named.name not in section
