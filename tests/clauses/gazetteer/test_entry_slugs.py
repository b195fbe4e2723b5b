"""Every department, region and industry has a page address that is unique and never changes."""

from __future__ import annotations

import pytest

from clauses.models import Department, EntryRedirect, Industry, Region
from clauses.services.merge import merge


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Region, Department, Industry])
def test_every_loaded_entry_has_its_own_slug(model):
    slugs = list(model.objects.values_list("slug", flat=True))
    assert slugs and all(slugs)
    assert len(set(slugs)) == len(slugs)


@pytest.mark.django_db
def test_provinces_whose_names_read_alike_are_told_apart_by_their_code():
    first, second = sorted(Region.objects.filter(name__in=["山西省", "陕西省"]), key=lambda region: len(region.slug))
    assert first.slug == "shanxisheng"
    assert second.slug == f"shanxisheng-{second.code}"


@pytest.mark.django_db
def test_a_renamed_entry_keeps_its_address():
    department = Department.objects.get(name="四川省经济合作局")
    before = department.slug
    department.name = "四川省投资促进局"
    department.save()
    department.refresh_from_db()
    assert department.slug == before


@pytest.mark.django_db
def test_an_entry_made_later_gets_a_free_slug_beside_a_namesake():
    sichuan, anhui = Region.objects.get(name="四川省"), Region.objects.get(name="安徽省")
    first = Department.objects.create(name="某某工作专班办公室", jurisdiction=sichuan)
    second = Department.objects.create(name="某某工作专班办公室", jurisdiction=anhui)
    assert first.slug == "moumougongzuozhuanbanbangongshi"
    assert second.slug == "moumougongzuozhuanbanbangongshi-anhuisheng"


@pytest.mark.django_db
def test_a_merged_entrys_address_leads_to_where_it_went_even_after_a_second_merge():
    sichuan = Region.objects.get(name="四川省")
    first = Department.objects.create(name="省经合局临时", jurisdiction=sichuan, in_gazetteer=False)
    second = Department.objects.create(name="省合作局临时", jurisdiction=sichuan, in_gazetteer=False)
    final = Department.objects.get(name="四川省经济合作局")
    first_slug, second_slug = first.slug, second.slug

    merge(first, second)
    assert EntryRedirect.objects.get(model="department", slug=first_slug).target_slug == second_slug
    merge(second, final)
    redirects = dict(EntryRedirect.objects.filter(model="department").values_list("slug", "target_slug"))
    assert redirects[first_slug] == final.slug and redirects[second_slug] == final.slug

    # The old addresses are not given to a new entry of the same name.
    again = Department.objects.create(name="省经合局临时", jurisdiction=sichuan, in_gazetteer=False)
    assert again.slug not in (first_slug, second_slug)


@pytest.mark.django_db
def test_a_namesake_saved_meanwhile_by_another_process_makes_the_entry_pick_again(monkeypatch):
    """Another process took the slug between this one's choice and its insert: the insert picks again."""
    from clauses.models import gazetteer

    sichuan, anhui = Region.objects.get(name="四川省"), Region.objects.get(name="安徽省")
    choose = gazetteer.entry_slug
    calls = []

    def stale_choice(name, qualifiers, taken, *, fallback):
        calls.append(name)
        if len(calls) == 1:  # the first choice ignores what the other process has just inserted
            return choose(name, qualifiers, set(), fallback=fallback)
        return choose(name, qualifiers, taken, fallback=fallback)

    other = Department.objects.create(name="各县（市、区）人民政府", jurisdiction=sichuan, in_gazetteer=False)
    monkeypatch.setattr(gazetteer, "entry_slug", stale_choice)
    mine = Department.objects.create(name="各县（市、区）人民政府", jurisdiction=anhui, in_gazetteer=False)
    assert len(calls) == 2 and mine.slug != other.slug and mine.slug.startswith(other.slug)
