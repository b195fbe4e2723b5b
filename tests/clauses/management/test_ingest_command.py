"""`manage.py ingest`: the report it prints, and its exit status on bad input."""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from clauses.models import Clause, Document

SEEDS = settings.BASE_DIR / "fixtures" / "documents"


def run(*args, verbosity: int = 2) -> tuple[str, str]:
    """The command's output at ``-v 2`` (each document's block) unless told otherwise."""
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_report_lists_each_document_with_its_counts_and_warnings():
    out, _ = run(SEEDS)
    assert "003_c33a4fec7e4ac2f2.txt → chuanbanfa-2022-67 [created]" in out
    sichuan = out.split("003_c33a4fec7e4ac2f2.txt")[1].split("\n")[1]
    assert sichuan.startswith("  clauses 31, departments ")
    assert "regions" in sichuan and "industries" in sichuan
    assert "warning: 文本和元数据中均未找到成文日期" in out.split("002_69f918161c6c5907.txt")[1]
    assert out.rstrip().endswith("5 of 5 document(s) ingested")

    again, _ = run(SEEDS)
    assert again.count("[unchanged]") == 5



@pytest.mark.django_db
def test_a_new_parser_version_stores_the_warnings_of_an_unchanged_file_anew(tmp_path, monkeypatch):
    """``make run`` ingests the seeds on every start, skipping a file whose fingerprint is unchanged: bumping
    ``PARSER_VERSION`` is what re-parses it, so that warnings an older parser stored (issue 16: in English)
    are replaced by today's."""
    from clauses.services import ingest

    source = SEEDS / "002_69f918161c6c5907.txt"
    (tmp_path / source.name).write_bytes(source.read_bytes())
    run(tmp_path)
    current = Document.objects.get().warnings
    Document.objects.update(warnings=["no issued on in the text or sidecar"])
    out, _ = run(tmp_path)
    assert "[unchanged]" in out and Document.objects.get().warnings == ["no issued on in the text or sidecar"]

    monkeypatch.setattr(ingest, "PARSER_VERSION", ingest.PARSER_VERSION + 1)
    out, _ = run(tmp_path)
    assert "[updated]" in out and Document.objects.get().warnings == current == ["文本和元数据中均未找到成文日期"]


@pytest.mark.django_db
def test_the_report_gives_the_share_of_department_mentions_resolved_to_a_real_body(tmp_path):
    """Per document and in total: how much of a new document's responsibility is understood.

    Sichuan's bodies are in the gazetteer; Hubei's are not, but each is a body every province has
    (湖北省商务厅 from 省商务厅) or the implementing tier, so all are resolved, and none is listed as unknown.
    """
    from clauses.models import ClauseDepartment, Department

    for name in ("003_c33a4fec7e4ac2f2.txt", "003_c33a4fec7e4ac2f2.meta.json"):
        if (SEEDS / name).exists():
            (tmp_path / name).write_bytes((SEEDS / name).read_bytes())
    hubei = settings.BASE_DIR / "tests" / "clauses" / "parsing" / "data" / "duties" / "hubei_brackets.txt"
    (tmp_path / hubei.name).write_bytes(hubei.read_bytes())
    out, _ = run(tmp_path)

    links = ClauseDepartment.objects.active()
    for document in Document.objects.all():
        mentions = links.filter(clause__document=document).count()
        lines = out.split(f"→ {document.slug} ")[1].split("\n")
        assert f"department mentions resolved {mentions} of {mentions} (100%)" in lines[1]
        assert "unknown departments" not in lines[2]
    total = links.count()
    assert f"In total (2 document(s)): department mentions resolved {total} of {total} (100%)" in out
    commerce = Department.objects.get(name="湖北省商务厅")
    assert (commerce.in_gazetteer, commerce.kind, commerce.level, commerce.jurisdiction.name) == (
        False, "ministry", "provincial", "湖北省")
    assert links.filter(department=commerce).exists()


@pytest.mark.django_db
def test_the_report_gives_the_share_of_places_printed_in_full_that_are_tagged(tmp_path):
    """Counted independently of the gazetteer: the divisions whose full names a clause prints."""
    (tmp_path / "luoyang.txt").write_text(
        "关于试点工作的通知\n洛政办〔2023〕9号\n\n各县（市、区）人民政府：\n\n"
        "一、开展试点。支持偃师区、栾川县和宜宾市开展承接产业转移试点。\n", encoding="utf-8")
    out, _ = run(tmp_path)
    item = Clause.objects.get(document__doc_number="洛政办〔2023〕9号", key="p1")
    tagged = set(item.regions.values_list("name", flat=True))
    printed = {"偃师区", "栾川县", "宜宾市"}  # typed here: what the sentence prints, read by a person
    assert tagged == printed  # Henan's counties as well as Sichuan's city: the gazetteer is national
    assert "places printed in full tagged 3 of 3 (100%)" in out

@pytest.mark.django_db
def test_a_bad_file_fails_the_run_but_the_good_ones_are_stored(tmp_path):
    (tmp_path / "good.txt").write_bytes((SEEDS / "004_4da25c489d9ca64f.txt").read_bytes())
    (tmp_path / "broken.txt").write_bytes("中文".encode("gb18030") * 20)

    with pytest.raises(CommandError, match="1 of 2 document.s. ingested; 1 failed"):
        run(tmp_path)

    assert list(Document.objects.values_list("slug", flat=True)) == ["guofa-2010-28"]


@pytest.mark.django_db
def test_missing_path_is_a_clear_error():
    with pytest.raises(CommandError, match="nope.txt: no such file or directory"):
        run("nope.txt")
    assert Clause.objects.count() == 0


def three_files(directory, bad_sidecar: dict):
    """Two good documents around a bad one, in the order the command reads them."""
    (directory / "a_guofa.txt").write_bytes((SEEDS / "004_4da25c489d9ca64f.txt").read_bytes())
    (directory / "b_bad.txt").write_text("关于开展试点的通知\n川办发〔2023〕7号\n\n各市(州)人民政府：\n\n"
                                         "一、开展试点。开展试点工作。\n\n二、加强保障。做好保障工作。\n", encoding="utf-8")
    (directory / "b_bad.meta.json").write_text(json.dumps(bad_sidecar), encoding="utf-8")
    (directory / "c_sichuan.txt").write_bytes((SEEDS / "003_c33a4fec7e4ac2f2.txt").read_bytes())


@pytest.mark.django_db
@pytest.mark.parametrize(("sidecar", "message"), [
    ({"issuers": 5}, "b_bad.meta.json：发文单位（issuers）应为非空的名称列表"),
    ({"source_url": "javascript:alert(10)"}, "b_bad.meta.json：来源网址（source_url）“javascript:alert(10)”不是"),
    ({"slug": "../../admin/x y<z>"}, "b_bad.meta.json：标识（slug）“../../admin/x y<z>”不是有效的标识"),
    ({"slug": "s" * 500}, "b_bad.meta.json：标识（slug）共 500 字符，最多可保存 80 字符"),
    ({"title": "题" * 800}, "b_bad.meta.json：标题（title）共 800 字符，最多可保存 300 字符"),
    ({"issued": "2023-01-05"}, "b_bad.meta.json：未知字段“issued”；"),
], ids=["issuers-not-a-list", "javascript-url", "path-slug", "long-slug", "long-title", "unknown-field"])
def test_a_bad_sidecar_fails_its_file_only_and_the_files_after_it_are_stored(tmp_path, sidecar, message):
    three_files(tmp_path, sidecar)

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"2 of 3 document.s. ingested; 1 failed"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)

    assert f"✗ b_bad.txt：{message}" in err.getvalue()
    assert "Traceback" not in err.getvalue() + out.getvalue()
    assert sorted(Document.objects.values_list("slug", flat=True)) == ["chuanbanfa-2022-67", "guofa-2010-28"]


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as sparse:  # 11 MB of NUL bytes, were it read: "binary"
        sparse.truncate(11 * 2**20)
    (tmp_path / "good.txt").write_bytes((SEEDS / "004_4da25c489d9ca64f.txt").read_bytes())

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 document.s. ingested; 1 failed"):
        call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert ("✗ big.txt：文件大小为 11.0 MB，超过单个文件的上限 10 MB。未保存任何内容"
            "（此上限由 POLICYKB_MAX_DOCUMENT_MB 设定）。") in err.getvalue()
    assert list(Document.objects.values_list("slug", flat=True)) == ["guofa-2010-28"]


@pytest.mark.django_db
@override_settings(INGEST_MAX_CLAUSES=30, INGEST_MAX_CLAUSE_CHARS=100_000)
def test_limits_come_from_settings_and_name_the_variable_to_raise(tmp_path):
    (tmp_path / "sichuan.txt").write_bytes((SEEDS / "003_c33a4fec7e4ac2f2.txt").read_bytes())  # 31 clauses
    err = io.StringIO()
    with pytest.raises(CommandError, match="0 of 1 document.s. ingested; 1 failed"):
        call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert ("✗ sichuan.txt：共 31 个条款，超过单个文件的上限 30 个。未保存任何内容"
            "（此上限由 POLICYKB_MAX_CLAUSES 设定）。") in err.getvalue()
    assert Document.objects.count() == 0
