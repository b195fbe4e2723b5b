"""Storing parsed documents: idempotence, clause identity, editors' work, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError

from clauses.models import (Clause, ClauseDepartment, ClauseRegion, ClauseVersion, Department,
                            Document, DocumentRelation, Region, TagLink)
from clauses.parsing.limits import LimitExceeded
from clauses.services.ingest import IngestReport, reporting_failure
from tests.untranslated import english_words

ITEM_ONE = "seeds/003_c33a4fec7e4ac2f2.txt"
SEEDS = settings.BASE_DIR / "fixtures" / "documents"


def snapshot() -> dict:
    """Every row ingestion writes, with its last-modified time: equal means untouched."""
    return {
        "documents": sorted(Document.objects.values_list("slug", "updated_at")),
        "clauses": sorted(Clause.objects.values_list("id", "updated_at", "retired_at")),
        "versions": ClauseVersion.objects.count(),
        "departments": sorted(ClauseDepartment.objects.values_list("id", "updated_at", "status")),
        "regions": sorted(ClauseRegion.objects.values_list("id", "updated_at", "status")),
        "relations": sorted(DocumentRelation.objects.values_list("id", "kind")),
    }


def clause(slug: str, key: str) -> Clause:
    return Clause.objects.get(document__slug=slug, key=key)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_reingesting_unchanged_files_changes_nothing(ingested_seeds, ingest):
    before = snapshot()
    reports = [ingest(path) for path in sorted(ingested_seeds.glob("*.txt"))]
    assert [report.status for report in reports] == ["unchanged"] * 5
    assert snapshot() == before


def test_seed_relations_follow_the_texts(ingested_seeds):
    relations = {(relation.source.slug, relation.kind, relation.target.slug)
                 for relation in DocumentRelation.objects.select_related("source", "target")}
    national = "gongxinbulianzhengfa-2021-215"
    assert ("chuanbanfa-2022-67", "implements", national) in relations
    assert ("gxb-jiedu-zhizaoye-youxu-zhuanyi", "interprets", national) in relations
    assert ("news-shibumen-lianhe-fawen", "reports_on", national) in relations


def test_changed_file_keeps_clause_identity_and_versions_the_changed_text(ingested_seeds, ingest):
    source = ingested_seeds / "003_c33a4fec7e4ac2f2.txt"
    ids_before = dict(Clause.objects.filter(document__slug="chuanbanfa-2022-67").values_list("key", "id"))
    edit(source, "做实做细招商引资工作", "扎实做好招商引资工作")

    report = ingest(source)

    assert report.status == "updated"
    ids_after = dict(Clause.objects.filter(document__slug="chuanbanfa-2022-67").values_list("key", "id"))
    assert ids_after == ids_before
    item_five = clause("chuanbanfa-2022-67", "p2.i5")
    assert "扎实做好招商引资工作" in item_five.text
    assert list(item_five.versions.values_list("number", flat=True)) == [1, 2]
    assert "做实做细" in item_five.versions.get(number=1).text
    assert clause("chuanbanfa-2022-67", "p2.i4").versions.count() == 1


def test_clause_dropped_from_the_text_is_retired_not_deleted(ingested_seeds, ingest):
    source = ingested_seeds / "003_c33a4fec7e4ac2f2.txt"
    text = source.read_text(encoding="utf-8")
    start = text.index("(十九)强化要素保障")
    end = text.index("(二十)强化协调推进")
    source.write_text(text[:start] + text[end:], encoding="utf-8")

    ingest(source)

    dropped = clause("chuanbanfa-2022-67", "p8.i19")
    assert dropped.retired_at is not None
    assert not Clause.objects.current().filter(pk=dropped.pk).exists()
    assert dropped.clausedepartment_links.exists()


def test_editor_tag_and_rejection_survive_reingest_of_a_changed_file(ingested_seeds, ingest):
    editor = get_user_model().objects.create_user("editor")
    item = clause("chuanbanfa-2022-67", "p5.i12")
    yibin = Region.objects.get(name="宜宾市")
    ClauseRegion.objects.create(clause=item, region=yibin, origin=TagLink.Origin.EDITOR, created_by=editor)
    rejected = item.clausedepartment_links.get(department__name="四川省财政厅")
    rejected.status = TagLink.Status.REJECTED
    rejected.rejected_by = editor
    rejected.save()

    edit(ingested_seeds / "003_c33a4fec7e4ac2f2.txt", "不断提升产业承接能力", "持续提升产业承接能力")
    assert ingest(ingested_seeds / "003_c33a4fec7e4ac2f2.txt").status == "updated"

    item.refresh_from_db()
    assert "持续提升产业承接能力" in item.text
    editor_link = item.clauseregion_links.get(region=yibin)
    assert (editor_link.origin, editor_link.status, editor_link.created_by) == ("editor", "active", editor)
    still_rejected = item.clausedepartment_links.get(department__name="四川省财政厅")
    assert still_rejected.status == TagLink.Status.REJECTED
    assert not item.clausedepartment_links.active().filter(department__name="四川省财政厅").exists()
    lead = item.clausedepartment_links.active().get(role="lead")
    assert lead.department.name == "四川省经济和信息化厅"


def test_editor_tag_survives_when_the_extractor_would_give_another_role(ingested_seeds, ingest):
    item = clause("chuanbanfa-2022-67", "p2.i1")
    link = item.clausedepartment_links.get(department__name="四川省能源局")
    link.origin, link.role = TagLink.Origin.EDITOR, "lead"
    link.save()
    edit(ingested_seeds / "003_c33a4fec7e4ac2f2.txt", "持续打造以成都为中心", "继续打造以成都为中心")

    ingest(ingested_seeds / "003_c33a4fec7e4ac2f2.txt")

    link.refresh_from_db()
    assert (link.origin, link.role, link.status) == ("editor", "lead", "active")


def test_same_doc_number_with_different_text_is_refused_unless_replace(ingested_seeds, ingest, tmp_path):
    impostor = tmp_path / "copy-of-67.txt"
    impostor.write_text((ingested_seeds / "003_c33a4fec7e4ac2f2.txt").read_text(encoding="utf-8")
                        .replace("做实做细招商引资工作", "另一份文本"), encoding="utf-8")
    before = snapshot()

    refused = ingest(impostor)

    assert refused.status == "failed"
    assert refused.error == ("copy-of-67.txt：文号 川办发〔2022〕67号 已由文件 chuanbanfa-2022-67"
                             "（来自 003_c33a4fec7e4ac2f2.txt）使用，两者文本不同；未作任何更改。"
                             "如要用本文件替换该文件，请加 --replace 重新运行。")
    assert snapshot() == before

    replaced = ingest(impostor, replace=True)
    assert replaced.status == "updated"
    assert replaced.slug == "chuanbanfa-2022-67"
    assert "另一份文本" in clause("chuanbanfa-2022-67", "p2.i5").text


@pytest.mark.parametrize("content, message", [
    (b"", "文件为空"),
    (b"   \n\n", "文件为空"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "图片（PNG）"),
    ("关于承接制造业有序转移的实施意见".encode("gb18030"), "GB18030"),
])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(ingested_seeds, ingest, tmp_path,
                                                                content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = snapshot()

    report = ingest(bad)

    assert report.status == "failed"
    assert message in report.error and "bad.txt" in report.error
    assert snapshot() == before


def test_text_without_numbering_becomes_one_clause_per_paragraph_with_a_warning(ingest, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("关于加强园区管理的通知\n\n各园区要加强安全生产管理，落实主体责任。\n\n"
                     "各地要做好统计工作，按季度报送数据。\n", encoding="utf-8")

    report = ingest(plain)

    assert report.status == "created"
    assert any("未识别出编号" in warning for warning in report.warnings)
    texts = list(Clause.objects.filter(document__slug=report.slug).values_list("text", flat=True))
    assert texts == ["各园区要加强安全生产管理，落实主体责任。", "各地要做好统计工作，按季度报送数据。"]


def test_unknown_department_is_named_for_the_province_and_reported(ingest, tmp_path):
    """省未来产业办, which the gazetteer lacks, is the province's: stored and reported as 四川省未来产业办."""
    source = tmp_path / "unknown.txt"
    source.write_text("关于试点工作的通知\n川办发〔2023〕9号\n\n各市(州)人民政府：\n\n"
                      "一、开展试点。在成都开展试点工作。（责任单位：省未来产业办、省发展改革委）\n\n"
                      "二、加强保障。做好保障工作。（责任单位：省发展改革委）\n", encoding="utf-8")

    report = ingest(source)

    assert report.unknown_departments == ["四川省未来产业办"]
    unknown = Department.objects.get(name="四川省未来产业办")
    assert (unknown.in_gazetteer, unknown.jurisdiction.name) == (False, "四川省")
    link = ClauseDepartment.objects.get(department=unknown)
    # No 列首位的为牵头部门 note: a list of several shares the responsibility.
    assert (link.role, link.clause.key) == ("co", "p1")
    provincial = ClauseDepartment.objects.get(clause__key="p1", department__name="四川省发展和改革委员会")
    assert provincial.role == "co"
    sole = ClauseDepartment.objects.get(clause__key="p2", department__name="四川省发展和改革委员会")
    assert sole.role == "lead"
    # The report's share: every stored mention, and those naming a real body.
    links = ClauseDepartment.objects.active().filter(clause__document__slug=report.slug)
    assert report.department_mentions == links.count() >= 3
    assert report.department_mentions_resolved == links.count() - 1  # all but 四川省未来产业办


def test_bodies_recognised_by_their_pattern_are_stored_as_real_bodies_and_not_reported(ingest, tmp_path):
    """A Jiangxi plan: 省商务厅 is 江西省商务厅, the province's tax bureau a vertical office; 省招商服务中心 is unknown."""
    source = tmp_path / "jiangxi.txt"
    source.write_text("江西省人民政府办公厅关于开展试点工作的通知\n赣府厅字〔2023〕9号\n\n各设区市人民政府：\n\n"
                      "一、开展试点。在赣州开展试点工作。（责任单位：省商务厅、国家税务总局江西省税务局、省招商服务中心）\n\n"
                      "江西省人民政府办公厅\n2023年6月1日\n", encoding="utf-8")

    report = ingest(source)

    assert report.unknown_departments == ["江西省招商服务中心"]
    links = ClauseDepartment.objects.active().filter(clause__document__slug=report.slug)
    assert report.department_mentions_resolved == report.department_mentions - 1 == links.count() - 1
    commerce = Department.objects.get(name="江西省商务厅")
    assert (commerce.in_gazetteer, commerce.kind, commerce.level, commerce.jurisdiction.name) == (
        False, Department.Kind.MINISTRY, Department.Level.PROVINCIAL, "江西省")
    tax = Department.objects.get(name="国家税务总局江西省税务局")
    assert (tax.in_gazetteer, tax.kind, tax.level, tax.jurisdiction.name) == (
        False, Department.Kind.BRANCH, Department.Level.PROVINCIAL, "江西省")
    unknown = Department.objects.get(name="江西省招商服务中心")
    assert (unknown.in_gazetteer, unknown.kind) == (False, Department.Kind.UNVERIFIED)
    # The issuer, 江西省人民政府办公厅, is the government's office, not one of its departments.
    office = Department.objects.get(name="江西省人民政府办公厅")
    assert (office.in_gazetteer, office.kind, office.jurisdiction.name) == (
        False, Department.Kind.PARTY_STATE, "江西省")


def test_an_unknown_provincial_body_in_a_city_s_document_belongs_to_the_province(ingest, tmp_path):
    source = tmp_path / "yibin.txt"
    source.write_text("关于试点工作的通知\n宜府办发〔2023〕12号\n\n各区县人民政府：\n\n"
                      "一、开展试点。做好试点工作。（责任单位：省未来产业办、市未来产业办）\n", encoding="utf-8")
    (tmp_path / "yibin.meta.json").write_text('{"jurisdiction": "宜宾市"}', encoding="utf-8")
    report = ingest(source)
    assert report.ok, report.error
    assert set(report.unknown_departments) == {"四川省未来产业办", "宜宾市未来产业办"}
    assert Department.objects.get(name="四川省未来产业办").jurisdiction.name == "四川省"
    assert Department.objects.get(name="宜宾市未来产业办").jurisdiction.name == "宜宾市"

def test_an_unexpected_error_in_one_file_is_reported_and_stores_nothing_of_it(ingest, tmp_path, monkeypatch):
    """A bug met by one file (here injected into the relations step) must not stop a run."""
    from clauses.services import ingest as service

    def broken(**kwargs):
        raise KeyError("p9.i99")

    monkeypatch.setattr(service, "sync_relations", broken)
    source = tmp_path / "guofa.txt"
    source.write_bytes((SEEDS / "004_4da25c489d9ca64f.txt").read_bytes())

    report = ingest(source)

    assert report.status == "failed"
    assert report.error == ("guofa.txt：意外错误（KeyError: 'p9.i99'），未保存任何内容。"
                            "请将此文件连同本提示报告给管理员。")
    assert Document.objects.count() == 0 and Clause.objects.count() == 0


@pytest.mark.parametrize("error, verbatim", [
    (LimitExceeded("big.txt：文件大小为 12.0 MB，超过单个文件的上限 10 MB。", limit="max_bytes"), []),
    (FileNotFoundError(2, "No such file or directory"), ["No such file or directory"]),
    (OperationalError("database is locked"), ["database is locked"]),
    (RuntimeError("disk full"), ["RuntimeError", "disk full"]),
], ids=["limit", "unreadable", "database busy", "unexpected"])
def test_what_the_ingest_says_of_a_failed_file_is_in_chinese_but_what_the_system_said(error, verbatim):
    """The upload shows it to the editor (issue 16); the system's own words are quoted as they came."""
    report = IngestReport(source="big.txt")
    with reporting_failure(report, "big.txt"):
        raise error
    assert report.status == "failed" and report.named_error.startswith("big.txt：")
    assert english_words(report.named_error, verbatim) == [], report.named_error


@pytest.mark.django_db(transaction=True)
def test_a_database_locked_by_another_writer_fails_the_file_with_a_clear_message(tmp_path):
    """Another connection holds the write lock (an ingest in another process) for the whole ingest."""
    import sqlite3

    from django.db import connection

    from clauses.gazetteer.lexicon import lexicon_from_database
    from clauses.services.ingest import ingest_document

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's one write lock per database; PostgreSQL writers wait on row locks instead")
    lexicon = lexicon_from_database()
    source = tmp_path / "guofa.txt"
    source.write_bytes((SEEDS / "004_4da25c489d9ca64f.txt").read_bytes())
    # The test database is SQLite's shared in-memory one: a second connection to it
    # locks the tables it writes, and Django's connection then fails at once.
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE clauses_document SET title = title")
        report = ingest_document(source=source, lexicon=lexicon)
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert report.status == "failed"
    assert report.error.startswith("guofa.txt：数据库繁忙或无法访问（database table is locked")
    assert report.error.endswith("未保存任何内容。请等其他写入完成后重新收录。")
    assert ingest_document(source=source, lexicon=lexicon).status == "created"


def test_a_place_inside_a_department_s_name_is_not_counted_as_a_place_wherever_it_is_printed(ingest, tmp_path):
    """广东省 of 国家税务总局广东省税务局, printed in the text and again in the duty bracket, is no place of the
    clause; 汕尾市, printed on its own, is."""
    source = tmp_path / "guangdong.txt"
    source.write_text("关于试点工作的通知\n粤府办〔2023〕9号\n\n各地级以上市人民政府：\n\n"
                      "一、落实税收政策。国家税务总局广东省税务局落实税收优惠政策，支持汕尾市承接产业转移。"
                      "（国家税务总局广东省税务局负责）\n", encoding="utf-8")

    report = ingest(source)

    assert (report.place_mentions, report.place_mentions_tagged) == (1, 1)
    assert set(Clause.objects.get(document__slug=report.slug, key="p1").regions.values_list("name", flat=True)) \
        == {"汕尾市"}
