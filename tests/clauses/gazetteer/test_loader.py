"""Loading the gazetteer fixtures into the database."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from clauses.gazetteer.loader import load_gazetteers
from clauses.models import Department, DepartmentAlias, Region
from clauses.gazetteer import snapshot


@pytest.mark.django_db
def test_loading_twice_adds_nothing_the_second_time(gazetteer_data):
    report = load_gazetteers(gazetteer_data)  # the test database already holds them
    assert report.created == {"regions": 0, "industries": 0, "departments": 0}
    assert report.aliases_added == 0


@pytest.mark.django_db
def test_provincial_and_national_bodies_are_different_rows():
    national = Department.objects.get(name="国家发展和改革委员会")
    sichuan = Department.objects.get(name="四川省发展和改革委员会")
    assert national.jurisdiction.name == "全国" and sichuan.jurisdiction.name == "四川省"
    assert "省发展改革委" in sichuan.aliases.values_list("name", flat=True)
    assert "省发展改革委" not in national.aliases.values_list("name", flat=True)
    assert Department.objects.get(name="成都海关").parent.name == "海关总署"


@pytest.mark.django_db
def test_region_hierarchy_and_groupings_roll_up():
    yibin = Region.objects.get(name="宜宾市")
    assert yibin.code == "511500"
    assert set(snapshot.current().region_names(yibin.pk)) >= {"四川省", "西部", "全国", "川南经济区",
                                                  "成渝地区双城经济圈"}


@pytest.mark.django_db
def test_an_editors_alias_and_field_are_kept_when_reloading(gazetteer_data):
    department = Department.objects.get(name="四川省经济合作局")
    DepartmentAlias.objects.create(department=department, name="省合作局")
    Department.objects.filter(pk=department.pk).update(short_name="经合局")

    load_gazetteers(gazetteer_data)

    department.refresh_from_db()
    assert department.short_name == "经合局"
    assert department.aliases.filter(name="省合作局").exists()


@pytest.mark.django_db
def test_a_broken_gazetteer_file_is_a_clear_command_error(tmp_path, gazetteer_data):
    for name in ("departments", "industries"):
        (tmp_path / f"{name}.json").write_text(json.dumps(getattr(gazetteer_data, name), ensure_ascii=False))
    (tmp_path / "regions.json").write_text("[{\"name\": \"全国\",", encoding="utf-8")
    with pytest.raises(CommandError, match="regions.json: not valid UTF-8 JSON"):
        call_command("load_gazetteers", "--dir", str(tmp_path), verbosity=0)


@pytest.mark.django_db
def test_a_division_an_editor_renamed_keeps_the_name_and_answers_to_the_official_one(gazetteer_data):
    xuzhou = Region.objects.get(code="511504")  # 叙州区
    Region.objects.filter(pk=xuzhou.pk).update(name="叙州区（宜宾）")

    report = load_gazetteers(gazetteer_data)

    assert report.created["regions"] == 0  # found again by its code, not made anew
    xuzhou.refresh_from_db()
    assert xuzhou.name == "叙州区（宜宾）"
    assert {"叙州区", "叙州", "宜宾县"} <= set(xuzhou.aliases.values_list("name", flat=True))


@pytest.mark.django_db
def test_every_division_of_china_is_loaded_with_its_place_in_the_tree():
    assert Region.objects.filter(kind=Region.Kind.COUNTY).count() == 2845
    assert Region.objects.filter(kind=Region.Kind.PREFECTURE).count() == 333
    mengjin = Region.objects.get(name="孟津区")
    assert (mengjin.code, mengjin.parent.name, mengjin.parent.parent.name) == ("410308", "洛阳市", "河南省")
    assert set(Region.objects.filter(name__endswith="朝阳区").values_list("name", flat=True)) == {
        "北京市朝阳区", "长春市朝阳区"}
