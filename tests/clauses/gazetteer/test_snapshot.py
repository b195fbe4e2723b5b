"""One snapshot of the gazetteer per version: checked once a request, private to a transaction that changed it."""

from __future__ import annotations

import threading

import pytest
from django.core.signals import request_started
from django.db import close_old_connections, transaction
from django.db.models import F

from clauses.gazetteer import snapshot
from clauses.gazetteer.loader import load_gazetteers
from clauses.models import Department, DepartmentAlias, GazetteerVersion, Region, RegionAlias

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def version() -> int:
    return GazetteerVersion.objects.get().version


def committed_elsewhere() -> None:
    """The version row raised as another process's committed edit raises it (no signal here)."""
    GazetteerVersion.objects.update(version=F("version") + 1)


def a_request_starts() -> None:
    """The signal every request sends, as Django's test client sends it.

    Without Django's own receiver that closes old connections: inside a test's
    transaction it would close this connection (PostgreSQL then fails the test).
    """
    request_started.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
    finally:
        request_started.connect(close_old_connections)


def add_alias(name: str = "川经合") -> DepartmentAlias:
    return DepartmentAlias.objects.create(department=Department.objects.get(name="四川省经济合作局"), name=name)


def test_a_request_reads_the_version_once_and_the_snapshot_is_built_once_per_version(django_assert_num_queries):
    a_request_starts()
    first = snapshot.current()
    with django_assert_num_queries(0):  # the rest of the request
        assert snapshot.current() is first
        first.synonyms("工信部"), first.region_names(1), first.regions_rolling_up_to(1)
    a_request_starts()
    with django_assert_num_queries(1):  # the version row, unchanged
        assert snapshot.current() is first
    committed_elsewhere()
    with django_assert_num_queries(0):  # not checked again within a request
        assert snapshot.current() is first
    a_request_starts()
    second = snapshot.current()
    assert second is not first and second.version == first.version + 1
    with django_assert_num_queries(0):  # its tables were read at once, with its version
        second.synonyms("工信部"), second.canonical_names("region", "宜宾"), second.industry_names(1)
        second.region_names(1), second.regions_rolling_up_to(1), second.region_parent_names


def test_saving_an_alias_raises_the_version_in_the_same_transaction():
    before = version()
    with pytest.raises(Rollback), transaction.atomic():
        add_alias()
        assert version() == before + 1
        raise Rollback
    assert version() == before


def test_every_kind_of_gazetteer_change_raises_the_version():
    yibin, chuannan = Region.objects.get(name="宜宾市"), Region.objects.get(name="川南经济区")
    steps = [lambda: RegionAlias.objects.create(region=yibin, name="叙州府"),
             lambda: chuannan.members.remove(yibin),
             lambda: yibin.groupings.add(chuannan),
             lambda: Department.objects.create(name="未收录的局", in_gazetteer=False),
             lambda: Department.objects.get(name="未收录的局").delete()]
    for step in steps:
        before = version()
        step()
        assert version() == before + 1
    before = version()
    chuannan.members.add(yibin)  # already a member: nothing changes, as on every ``load_gazetteers``
    assert version() == before


def test_a_transaction_sees_its_own_change_at_once_and_a_rollback_leaves_nothing_behind():
    assert snapshot.current().synonyms("川经合") == []
    with pytest.raises(Rollback), transaction.atomic():
        add_alias()
        assert "四川省经济合作局" in snapshot.current().synonyms("川经合")
        assert "川经合" in list(snapshot.current().segmenter.cut("川经合牵头负责"))
        raise Rollback
    assert snapshot.current().synonyms("川经合") == []
    assert "川经合" not in list(snapshot.current().segmenter.cut("川经合牵头负责"))


def test_a_savepoint_rolled_back_takes_its_change_out_of_the_transactions_snapshot():
    with transaction.atomic():
        add_alias("川经合")
        with pytest.raises(Rollback), transaction.atomic():
            add_alias("省合作局")
            assert snapshot.current().synonyms("省合作局")
            raise Rollback
        assert snapshot.current().synonyms("省合作局") == []
        assert "四川省经济合作局" in snapshot.current().synonyms("川经合")


def test_a_rolled_back_version_number_reached_again_with_other_data_is_not_mistaken(
        django_capture_on_commit_callbacks):
    with pytest.raises(Rollback), transaction.atomic():
        add_alias("川经合")
        rolled_back = version()
        snapshot.current().synonyms("川经合")
        raise Rollback
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            add_alias("省合作局")
    assert version() == rolled_back  # the same number, other data
    gazetteer = snapshot.current()
    assert "四川省经济合作局" in gazetteer.synonyms("省合作局")
    assert gazetteer.synonyms("川经合") == []


def test_after_its_own_commit_a_process_outside_requests_reads_the_new_version(
        django_capture_on_commit_callbacks, django_assert_num_queries):
    before = snapshot.current()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            add_alias()
    after = snapshot.current()
    assert after is not before and after.version == before.version + 1
    assert "四川省经济合作局" in after.synonyms("川经合")
    with django_assert_num_queries(0):
        assert snapshot.current() is after


def test_other_threads_do_not_see_what_a_transaction_has_not_committed():
    shared = snapshot.current()
    seen = []
    with transaction.atomic():
        add_alias()
        assert snapshot.current() is not shared
        thread = threading.Thread(target=lambda: seen.append(snapshot.current()))
        thread.start()
        thread.join()
    assert seen == [shared]
    assert shared.synonyms("川经合") == []


def test_a_parent_set_by_load_gazetteers_is_seen_by_the_next_roll_up_in_its_transaction(gazetteer_data):
    yibin, luzhou = Region.objects.get(name="宜宾市"), Region.objects.get(name="泸州市")
    before = version()
    with pytest.raises(Rollback), transaction.atomic():
        Region.objects.filter(pk=yibin.pk).update(parent=luzhou)
        snapshot.bump()
        assert yibin.pk in snapshot.current().regions_rolling_up_to(luzhou.pk)
        raise Rollback
    assert yibin.pk not in snapshot.current().regions_rolling_up_to(luzhou.pk)
    load_gazetteers(gazetteer_data, update=True)  # parents written with update(), aliases with bulk_create()
    assert version() > before


@pytest.mark.django_db
def test_jieba_keeps_divisions_whole_but_not_the_short_forms_of_counties():
    terms = snapshot.current().terms
    assert {"偃师区", "孟津区", "南部县", "赣州", "恩施州", "宜宾县"} <= terms
    # Forced whole, 南部 or 城区 would be cut out of ordinary text as a word of its own.
    assert not {"孟津", "南部", "城区", "和平"} & terms


@pytest.mark.django_db
def test_a_county_s_short_form_is_no_other_name_in_search_but_a_filter_may_use_it():
    current = snapshot.current()
    assert current.synonyms("合作") == [] and current.synonyms("孟津") == []  # 合作 is no query for 合作市
    assert "宜宾市" in current.synonyms("宜宾") and "孟津区" not in current.synonyms("孟津")
    assert current.canonical_names("region", "孟津") == ["孟津区"]
