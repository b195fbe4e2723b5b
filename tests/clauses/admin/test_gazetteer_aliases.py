"""An alias that another entry already answers to would merge the two: editors are told so and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from clauses.models import Department, DepartmentAlias, Region, RegionAlias
from clauses.gazetteer import snapshot


def _post_aliases(client: Client, entry, new_alias: str):
    """The entry's admin change page, sent back with one alias row added (what an editor's browser sends)."""
    url = f"/admin/clauses/{entry._meta.model_name}/{entry.pk}/change/"
    page = client.get(url)
    formset = page.context["inline_admin_formsets"][0].formset
    prefix, owner = formset.prefix, formset.fk.name
    existing = formset.initial_forms
    data = {f"{prefix}-TOTAL_FORMS": str(len(existing) + 1), f"{prefix}-INITIAL_FORMS": str(len(existing)),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for index, form in enumerate(existing):
        data.update({f"{prefix}-{index}-id": form.instance.pk, f"{prefix}-{index}-name": form.instance.name,
                     f"{prefix}-{index}-{owner}": entry.pk})
    if new_alias:
        data.update({f"{prefix}-{len(existing)}-name": new_alias, f"{prefix}-{len(existing)}-{owner}": entry.pk})
    return client.post(url, data)


@pytest.fixture
def editor_client(seeds, editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.mark.parametrize("alias", ["宜宾市", "宜宾 市", "宜宾"])
def test_another_regions_name_or_alias_is_refused(editor_client, alias):
    luzhou = Region.objects.get(name="泸州市")
    assert RegionAlias.objects.filter(region__name="宜宾市", name="宜宾").exists()
    response = _post_aliases(editor_client, luzhou, alias)
    assert response.status_code == 200  # the form again, not a redirect
    errors = " ".join(str(error) for form in response.context["inline_admin_formsets"][0].formset.forms
                      for error in form.errors.get("name", []))
    assert "宜宾市" in errors and "合并" in errors
    assert not luzhou.aliases.filter(name=alias).exists()
    assert snapshot.current().canonical_names("region", "宜宾市") == ["宜宾市"]  # 泸州市 did not join it


def test_an_alias_of_a_department_in_the_same_jurisdiction_is_refused(editor_client):
    finance = Department.objects.get(name="四川省财政厅")
    response = _post_aliases(editor_client, finance, "省发改委")
    assert response.status_code == 200
    assert not finance.aliases.filter(name="省发改委").exists()


def test_another_departments_name_is_refused_in_any_jurisdiction(db):
    anhui = Department.objects.filter(jurisdiction__name="安徽省").first()
    alias = DepartmentAlias(department=anhui, name="四川省 财政厅")
    with pytest.raises(ValidationError, match="四川省财政厅"):
        alias.full_clean()


def test_a_short_name_another_province_uses_is_allowed(seeds):
    """省财政厅 is each province's own body: Anhui's may carry it as Sichuan's does."""
    sichuan = Department.objects.get(name="四川省财政厅")
    assert sichuan.aliases.filter(name="省财政厅").exists()
    anhui, _ = Department.objects.get_or_create(name="安徽省财政厅", jurisdiction=Region.objects.get(name="安徽省"))
    anhui.aliases.filter(name="省财政厅").delete()
    DepartmentAlias(department=anhui, name="省财政厅").full_clean()


def test_aliases_the_gazetteer_shares_on_purpose_do_not_block_saving(editor_client):
    """中西部 is an alias of 中部 and of 西部 in the gazetteer files; editing 中部 must still work."""
    central = Region.objects.get(name="中部")
    assert RegionAlias.objects.filter(name="中西部").count() == 2
    response = _post_aliases(editor_client, central, "中部六省")
    assert response.status_code == 302
    assert central.aliases.filter(name="中部六省").exists()
