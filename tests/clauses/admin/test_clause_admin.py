"""Editing clause tags in the admin: provenance, rejection, conflicts, history, bulk edits."""

from __future__ import annotations

import pytest
from django.test import Client

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, Industry, Region
from clauses.services.ingest import ingest_document
from tests.admin_forms import add_inline_row, change_form_data, delete_inline_row
from tests.data_dirs import SEEDS

SICHUAN = "chuanbanfa-2022-67"


def change_url(clause) -> str:
    return f"/admin/clauses/clause/{clause.pk}/change/"


def item(key: str) -> Clause:
    return Clause.objects.get(document__slug=SICHUAN, key=key)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_clause_page_shows_source_read_only_and_each_tags_provenance(seeds, editor):
    page = signed_in(editor).get(change_url(item("p2.i5")))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="text"' not in body and "积极承接优质企业和关联产业" in body
    assert "自动抽取：“省经济合作局”" in body
    assert "标签修改记录" in body


def test_editor_adds_a_region_and_removing_an_extracted_department_rejects_it(seeds, editor, tmp_path):
    client = signed_in(editor)
    clause = item("p5.i12")
    data = change_form_data(client.get(change_url(clause)))
    add_inline_row(data, "clauseregion_links", clause.pk, region=Region.objects.get(name="宜宾市"))
    finance = clause.clausedepartment_links.get(department__name="四川省财政厅")
    delete_inline_row(data, "clausedepartment_links", finance.pk)
    response = client.post(change_url(clause), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    added = ClauseRegion.objects.get(clause=clause, region__name="宜宾市")
    assert (added.origin, added.created_by) == ("editor", editor)
    finance.refresh_from_db()
    assert (finance.status, finance.rejected_by) == ("rejected", editor)
    inline = signed_in(editor).get(change_url(clause)).context["inline_admin_formsets"][0].formset
    assert finance.pk not in {form.instance.pk for form in inline.initial_forms}  # hidden, kept for audit
    assert not ClauseDepartment.objects.active().filter(clause=clause, department__name="四川省财政厅").exists()

    # A changed file re-ingested: the rejection holds, the editor's region stays.
    source = tmp_path / "003_c33a4fec7e4ac2f2.txt"
    source.write_text((SEEDS / source.name).read_text(encoding="utf-8").replace("不断提升产业承接能力", "持续提升产业承接能力"),
                      encoding="utf-8")
    assert ingest_document(source=source, lexicon=lexicon_from_database()).status == "updated"
    finance.refresh_from_db()
    assert finance.status == "rejected"
    assert ClauseRegion.objects.get(pk=added.pk).origin == "editor"


def test_a_second_editor_saving_an_older_page_is_told_of_the_conflict(seeds, editor, second_editor):
    clause = item("p2.i3")
    first, second = signed_in(editor), signed_in(second_editor)
    first_data = change_form_data(first.get(change_url(clause)))
    second_data = change_form_data(second.get(change_url(clause)))

    add_inline_row(first_data, "clauseregion_links", clause.pk, region=Region.objects.get(name="宜宾市"))
    assert first.post(change_url(clause), first_data).status_code == 302
    add_inline_row(second_data, "clauseindustry_links", clause.pk, industry=Industry.objects.get(name="白酒"))
    response = second.post(change_url(clause), second_data)

    assert response.status_code == 200
    assert "另一位编辑在您打开此页之后已保存了这一条款" in response.content.decode()
    assert ClauseRegion.objects.filter(clause=clause, region__name="宜宾市").exists()
    assert not ClauseIndustry.objects.filter(clause=clause, industry__name="白酒").exists()
    # Reopened, the second editor's save goes through.
    fresh = change_form_data(second.get(change_url(clause)))
    add_inline_row(fresh, "clauseindustry_links", clause.pk, industry=Industry.objects.get(name="白酒"))
    assert second.post(change_url(clause), fresh).status_code == 302
    assert ClauseIndustry.objects.filter(clause=clause, industry__name="白酒", created_by=second_editor).exists()


def test_history_records_who_changed_which_tag_before_and_after(seeds, editor):
    client = signed_in(editor)
    clause = item("p2.i1")
    data = change_form_data(client.get(change_url(clause)))
    energy = clause.clausedepartment_links.get(department__name="四川省能源局")
    prefix_row = next(key for key, value in data.items()
                      if key.startswith("clausedepartment_links-") and key.endswith("-id") and value == str(energy.pk))
    data[prefix_row[:-2] + "role"] = "lead"
    assert client.post(change_url(clause), data).status_code == 302

    history = client.get(f"/admin/clauses/clause/{clause.pk}/tag-history/").content.decode()
    assert "editor" in history and "部门：四川省能源局" in history
    assert "role：配合/共同负责 → 牵头" in history
    recent = client.get("/admin/clauses/clause/recent-edits/").content.decode()
    assert "部门：四川省能源局" in recent and f"/admin/clauses/clause/{clause.pk}/change/" in recent


def test_bulk_add_and_remove_a_department_with_a_role(seeds, editor):
    client = signed_in(editor)
    clauses = [item("p2.i1"), item("p2.i2")]
    customs = ClauseDepartment._meta.get_field("department").related_model.objects.get(name="成都海关")
    preview = client.post("/admin/clauses/clause/", {"action": "add_tag_to_selected",
                                                     "_selected_action": [c.pk for c in clauses]})
    assert preview.status_code == 200 and "批量添加标签" in preview.content.decode()
    done = client.post("/admin/clauses/clause/", {
        "action": "add_tag_to_selected", "_selected_action": [c.pk for c in clauses], "apply": "1",
        "kind": "department", "department": customs.pk, "role": "co"})
    assert done.status_code == 302
    links = ClauseDepartment.objects.filter(clause__in=clauses, department=customs)
    assert {(link.origin, link.role, link.status) for link in links} == {("editor", "co", "active")}
    assert links.count() == 2

    client.post("/admin/clauses/clause/", {
        "action": "remove_tag_from_selected", "_selected_action": [c.pk for c in clauses], "apply": "1",
        "kind": "department", "department": customs.pk})
    assert not ClauseDepartment.objects.filter(clause__in=clauses, department=customs).exists()


@pytest.mark.parametrize("query, expected_key, unexpected_key", [
    ("missing=department", "p1", "p2.i1"),
    ("missing=region", "p6.i14", "p2.i1"),
    ("role=lead&department=", "p2.i1", "preface"),
])
def test_finding_work_with_filters(seeds, editor, query, expected_key, unexpected_key):
    response = signed_in(editor).get(f"/admin/clauses/clause/?document="
                                     f"{item('p2.i1').document_id}&{query}")
    assert response.status_code == 200
    shown = {clause.key for clause in response.context["cl"].result_list}
    assert expected_key in shown and unexpected_key not in shown


def test_an_edited_extracted_tag_becomes_the_editors_and_survives_reingest(seeds, editor, tmp_path):
    client = signed_in(editor)
    clause = item("p2.i1")
    energy = clause.clausedepartment_links.get(department__name="四川省能源局")
    data = change_form_data(client.get(change_url(clause)))
    row = next(key for key, value in data.items()
               if key.startswith("clausedepartment_links-") and key.endswith("-id") and value == str(energy.pk))
    data[row[:-2] + "role"] = "implementing"
    assert client.post(change_url(clause), data).status_code == 302
    energy.refresh_from_db()
    assert (energy.origin, energy.role, energy.created_by) == ("editor", "implementing", editor)
    source = tmp_path / "003_c33a4fec7e4ac2f2.txt"
    source.write_text((SEEDS / source.name).read_text(encoding="utf-8").replace("持续打造以成都为中心", "继续打造以成都为中心"),
                      encoding="utf-8")
    ingest_document(source=source, lexicon=lexicon_from_database())
    energy.refresh_from_db()
    assert (energy.origin, energy.role) == ("editor", "implementing")


def test_adding_back_a_rejected_tag_reuses_its_row(seeds, editor):
    client = signed_in(editor)
    clause = item("p5.i12")
    finance = clause.clausedepartment_links.get(department__name="四川省财政厅")
    data = change_form_data(client.get(change_url(clause)))
    delete_inline_row(data, "clausedepartment_links", finance.pk)
    assert client.post(change_url(clause), data).status_code == 302
    data = change_form_data(client.get(change_url(clause)))
    add_inline_row(data, "clausedepartment_links", clause.pk, department=finance.department, role="co")
    assert client.post(change_url(clause), data).status_code == 302
    finance.refresh_from_db()
    assert (finance.status, finance.origin, finance.role) == ("active", "editor", "co")


def test_a_bulk_edit_makes_an_open_clause_page_out_of_date(seeds, editor, second_editor):
    clause = item("p2.i3")
    first = signed_in(editor)
    stale = change_form_data(first.get(change_url(clause)))
    customs = ClauseDepartment._meta.get_field("department").related_model.objects.get(name="成都海关")
    signed_in(second_editor).post("/admin/clauses/clause/", {
        "action": "add_tag_to_selected", "_selected_action": [clause.pk], "apply": "1",
        "kind": "department", "department": customs.pk, "role": "lead"})
    response = first.post(change_url(clause), stale)
    assert response.status_code == 200 and "另一位编辑" in response.content.decode()


def test_lists_name_a_clause_by_its_documents_short_title_wen_hao_and_label(seeds, editor):
    clause = item("p5.i12")
    named = f"《关于承接制造业有序转移的实施意见》（川办发〔2022〕67号）{clause.label}"
    assert clause.label.startswith("（") and str(clause) == named
    listing = signed_in(editor).get("/admin/clauses/clause/", {"q": "川办发"}).content.decode()
    assert named in listing and f"{SICHUAN} {clause.label}" not in listing
    history = signed_in(editor).get(f"/admin/clauses/clause/{clause.pk}/tag-history/").content.decode()
    assert named in history
