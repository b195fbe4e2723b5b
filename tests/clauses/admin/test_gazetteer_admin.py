"""Gazetteer care: aliases reach the segmenter; merging moves every link and keeps the name."""

from __future__ import annotations

from django.test import Client

from clauses.gazetteer import snapshot
from clauses.models import ClauseDepartment, Department, DepartmentAlias, DocumentIssuer
from clauses.services.merge import merge, preview


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_merge_moves_every_link_and_keeps_the_old_name_as_an_alias(seeds):
    duplicate = Department.objects.create(name="四川省经济合作局（旧称）", jurisdiction=Department.objects.get(
        name="四川省经济合作局").jurisdiction)
    target = Department.objects.get(name="四川省经济合作局")
    some_clause = ClauseDepartment.objects.filter(department=target).first().clause
    ClauseDepartment.objects.filter(clause=some_clause, department=target).delete()
    ClauseDepartment.objects.create(clause=some_clause, department=duplicate, role="lead", origin="editor")
    before = ClauseDepartment.objects.filter(department=target).count()
    assert preview(duplicate)["条款标签"] == 1

    merge(duplicate, target)

    assert not Department.objects.filter(pk=duplicate.pk).exists()
    assert ClauseDepartment.objects.filter(department=target).count() == before + 1
    moved = ClauseDepartment.objects.get(clause=some_clause, department=target)
    assert (moved.role, moved.origin) == ("lead", "editor")
    assert DepartmentAlias.objects.filter(department=target, name="四川省经济合作局（旧称）").exists()


def test_merge_through_the_admin_previews_then_merges(seeds, admin_user):
    client = signed_in(admin_user)
    unknown = Department.objects.create(name="省经合局", in_gazetteer=False)
    target = Department.objects.get(name="四川省经济合作局")
    preview_page = client.post("/admin/clauses/department/", {
        "action": "merge_selected", "_selected_action": [unknown.pk, target.pk]})
    assert preview_page.status_code == 200
    assert "预览将要移动的内容" in preview_page.content.decode()
    assert Department.objects.filter(pk=unknown.pk).exists()
    done = client.post("/admin/clauses/department/", {
        "action": "merge_selected", "_selected_action": [unknown.pk, target.pk], "confirm": "1",
        "target": target.pk}, follow=True)
    assert "已合并到“四川省经济合作局”" in done.content.decode()
    assert "立即重建索引" in done.content.decode()
    assert not Department.objects.filter(pk=unknown.pk).exists()
    assert target.aliases.filter(name="省经合局").exists()


def test_merging_issuers_keeps_one_issuer_link(seeds):
    national = Department.objects.get(name="工业和信息化部")
    duplicate = Department.objects.create(name="工业和信息化部（重复）", jurisdiction=national.jurisdiction)
    issuer = DocumentIssuer.objects.get(department=national, document__slug="gongxinbulianzhengfa-2021-215")
    DocumentIssuer.objects.create(document=issuer.document, department=duplicate, order=99)
    merge(duplicate, national)
    assert DocumentIssuer.objects.filter(document=issuer.document, department=national).count() == 1


def test_an_alias_added_by_an_editor_reaches_jieba_and_offers_a_rebuild(seeds, editor):
    client = signed_in(editor)
    department = Department.objects.get(name="四川省经济合作局")
    page = client.get(f"/admin/clauses/department/{department.pk}/change/")
    form = page.context["adminform"].form
    assert "name" not in form.fields  # editors manage aliases, not names
    inline_prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data = {f"{inline_prefix}-MIN_NUM_FORMS": "0", f"{inline_prefix}-MAX_NUM_FORMS": "1000"}
    existing = page.context["inline_admin_formsets"][0].formset.initial_forms
    data[f"{inline_prefix}-TOTAL_FORMS"] = str(len(existing) + 1)
    data[f"{inline_prefix}-INITIAL_FORMS"] = str(len(existing))
    for index, alias_form in enumerate(existing):
        data[f"{inline_prefix}-{index}-id"] = alias_form.instance.pk
        data[f"{inline_prefix}-{index}-name"] = alias_form.instance.name
        data[f"{inline_prefix}-{index}-department"] = department.pk
    data[f"{inline_prefix}-{len(existing)}-name"] = "川经合"
    data[f"{inline_prefix}-{len(existing)}-department"] = department.pk
    response = client.post(f"/admin/clauses/department/{department.pk}/change/", data, follow=True)
    assert response.status_code == 200
    assert "重建检索索引" in response.content.decode()  # the button itself is for admins (test_index_rebuild)
    assert department.aliases.filter(name="川经合").exists()
    assert "川经合" in list(snapshot.current().segmenter.cut("川经合牵头负责"))
