"""`manage.py ingest` over a collection: progress, the summary, parallel parsing, skipping, interrupting."""

from __future__ import annotations

import io
import os
import signal

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, transaction
from haystack import connections

from clauses.management.commands import ingest as ingest_command
from clauses.models import Clause, Document
from clauses.services import bulk_ingest, ingest
from search.engine.backend import IndexBusy
from search.models import PendingIndexUpdate
from search.selectors import SearchRequest, search


def small_documents(directory, count: int) -> list[str]:
    """``count`` short notices, each with its own 文号 and a word of its own; their names in file order."""
    names = []
    for number in range(1, count + 1):
        name = f"doc{number:02d}.txt"
        (directory / name).write_text(
            f"关于开展第{number}批试点的通知\n川办发〔2023〕{number}号\n\n各市(州)人民政府：\n\n"
            f"一、开展试点。支持宜宾市开展第{number}批试点工作。\n\n"
            f"二、加强保障。省发展改革委牵头做好保障工作。（牵头单位：省经济和信息化厅；配合单位：省商务厅）\n",
            encoding="utf-8")
        names.append(name)
    return names


def run(*args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def stored() -> list[tuple]:
    """Everything a document is stored as, in the order the documents were stored (their ids)."""
    return [(document.source_file, document.slug, [
        (clause.key, clause.text, sorted(clause.departments.values_list("name", flat=True)))
        for clause in Clause.objects.filter(document=document).order_by("order")])
        for document in Document.objects.order_by("pk")]


@pytest.mark.django_db
def test_progress_goes_to_stderr_and_a_summary_table_ends_the_output(tmp_path):
    small_documents(tmp_path, 3)
    (tmp_path / "broken.txt").write_bytes("中文".encode("gb18030") * 20)

    with pytest.raises(CommandError, match="3 of 4 document.s. ingested; 1 failed"):
        out, err = None, io.StringIO()
        out = io.StringIO()
        call_command("ingest", str(tmp_path), "--progress", "0", "--jobs", "1", stdout=out, stderr=err)
    out, err = out.getvalue(), err.getvalue()

    assert "1/4 documents (25%)" in err and "4/4 documents (100%), 9 clauses" in err
    assert "clauses/s" in err and " left" in err
    assert "→" not in out, "each document's block is printed at -v 2 only"
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()[:1] in (
        ["created"], ["updated"], ["unchanged"], ["failed"])}
    assert rows == {"created": ["3", "9"], "updated": ["0", "0"], "unchanged": ["0", "0"], "failed": ["1", "0"]}
    assert "parsing" in out and "storing" in out and "indexing" in out and "suggesting related clauses" in out
    failed = out.split("Failed:\n")[1].splitlines()[0]
    assert failed.startswith("  broken.txt：不是有效的 UTF-8 文本")
    assert f"✗ {failed.strip()}" in err


@pytest.mark.django_db
def test_parsing_in_two_processes_stores_what_one_process_stores_in_the_same_order(tmp_path):
    names = small_documents(tmp_path, 5)
    run(tmp_path, jobs=1, verbosity=0)
    in_one = stored()
    Document.objects.all().delete()

    run(tmp_path, jobs=2, verbosity=0)

    assert stored() == in_one
    assert [row[0] for row in in_one] == names


@pytest.mark.django_db
def test_a_rerun_skips_stored_files_without_parsing_them(tmp_path, monkeypatch):
    names = small_documents(tmp_path, 4)
    run(tmp_path, jobs=1, verbosity=0)
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))

    def must_not_parse(source, **kwargs):
        raise AssertionError(f"{source.name} parsed again")

    monkeypatch.setattr(bulk_ingest, "parse_source", must_not_parse)
    out, _ = run(tmp_path, jobs=1, verbosity=2)
    assert out.count("[unchanged]") == 4
    assert "unchanged          4        12" in out
    assert "  clauses 3, departments 4" in out, "at -v 2 a skipped document is counted in full"
    assert list(Document.objects.order_by("pk").values_list("pk", flat=True)) == ids

    # A changed file is parsed again, and only it.
    monkeypatch.undo()
    parsed = []
    real = bulk_ingest.parse_source
    monkeypatch.setattr(bulk_ingest, "parse_source", lambda source, **kwargs: parsed.append(source.name) or
                        real(source, **kwargs))
    changed = tmp_path / names[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n三、抓好落实。各地抓好落实。\n", encoding="utf-8")
    out, _ = run(tmp_path, jobs=1, verbosity=1)
    assert parsed == [names[2]]
    assert "updated            1         4" in out and "unchanged          3         9" in out


@pytest.mark.django_db
def test_ctrl_c_stops_after_the_document_being_stored_and_a_rerun_resumes(tmp_path, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    names = small_documents(tmp_path, 4)
    real = bulk_ingest.store_parsed
    calls = []
    handler_before = signal.getsignal(signal.SIGINT)  # an xdist worker may ignore SIGINT; restored as it was

    def interrupted_during_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C: while the second document is being stored
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk_ingest, "store_parsed", interrupted_during_the_second)
    out, err = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(
            CommandError, match="2 of 4 document.s. ingested; interrupted. Run the same command again") as raised:
        call_command("ingest", str(tmp_path), "--jobs", "2", stdout=out, stderr=err)
    assert raised.value.returncode == 130
    assert "created            2         6" in out.getvalue()
    assert list(Document.objects.order_by("pk").values_list("source_file", flat=True)) == names[:2]
    assert signal.getsignal(signal.SIGINT) == handler_before
    # What was stored is searchable: the index was written as the command ended (once committed).
    assert not PendingIndexUpdate.objects.exists()
    assert search(SearchRequest(q="")).count == Clause.objects.current().count() == 6

    monkeypatch.undo()
    output, _ = run(tmp_path, jobs=1, verbosity=1)
    assert "created            2         6" in output and "unchanged          2         6" in output
    assert list(Document.objects.order_by("pk").values_list("source_file", flat=True)) == names


@pytest.mark.django_db
def test_a_second_ctrl_c_rolls_back_the_document_being_stored(tmp_path, monkeypatch):
    """KeyboardInterrupt inside a document's transaction: that document is not stored, the run ends."""
    names = small_documents(tmp_path, 3)
    real = ingest.sync_relations
    calls = []

    def interrupt_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "sync_relations", interrupt_the_second)
    with pytest.raises(CommandError, match="1 of 3 document.s. ingested; interrupted"):
        run(tmp_path, jobs=1, verbosity=1)
    assert list(Document.objects.values_list("source_file", flat=True)) == names[:1]
    assert not Clause.objects.exclude(document__source_file=names[0]).exists()


@pytest.mark.django_db(transaction=True)
def test_the_index_is_written_every_few_documents_and_all_of_it_at_the_end(tmp_path, monkeypatch, gazetteer_tables):
    """Real commits: each document's, and the index written after them, every two documents."""
    with transaction.atomic():
        if not gazetteer_tables.present():  # an earlier transactional test emptied every table
            gazetteer_tables.restore()
    small_documents(tmp_path, 5)
    writes = []
    real = bulk_ingest.indexing.apply_pending_or_log

    def counted(**options):
        queued = PendingIndexUpdate.objects.values_list("clause_id", flat=True)
        writes.append(Clause.objects.filter(pk__in=list(queued)).values("document").distinct().count())
        real(**options)

    monkeypatch.setattr(bulk_ingest.indexing, "apply_pending_or_log", counted)
    run(tmp_path, "--index-every", "2", jobs=1, verbosity=0)

    assert writes[:3] == [2, 2, 1]  # after the 2nd and 4th document, then the rest at the end
    assert not PendingIndexUpdate.objects.exists()
    assert search(SearchRequest(q="")).count == Clause.objects.current().count() == 15


@pytest.mark.django_db(transaction=True)
def test_an_index_that_cannot_be_written_at_the_end_fails_the_run_and_the_clauses_stay_queued(
        tmp_path, monkeypatch, gazetteer_tables):
    """Real commits: the documents are stored, their clauses queued; the last index write finds the index
    locked. The run says so and exits non-zero; a flush, once the index is free, writes the clauses."""
    with transaction.atomic():
        if not gazetteer_tables.present():  # an earlier transactional test emptied every table
            gazetteer_tables.restore()
    small_documents(tmp_path, 3)
    backend = connections["default"].get_backend()

    def locked(*args, **kwargs):
        raise IndexBusy("search index is locked by another writer (timed out)")

    monkeypatch.setattr(backend, "write", locked)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"^3 of 3 document.s. ingested; the search index not written "
                                           r"\(see above\)$") as caught:
        call_command("ingest", str(tmp_path), "--jobs", "1", stdout=out, stderr=err, verbosity=1)
    assert caught.value.returncode == 1
    assert ("✗ search index not written: search index is locked by another writer (timed out). The clauses "
            "stored stay queued for it, not searchable yet; `manage.py search_index --flush` writes them, then "
            "`manage.py suggest_related --pending` makes their related-clause suggestions." in err.getvalue())
    assert Document.objects.count() == 3 and Clause.objects.current().count() == 9
    queued = set(PendingIndexUpdate.objects.values_list("clause_id", flat=True))
    assert queued == set(Clause.objects.values_list("pk", flat=True))
    assert search(SearchRequest(q="")).count == 0

    # Suggestions made without the clauses in the index could not find them: still to be made.
    assert Document.objects.filter(related_pending=True).count() == 3

    monkeypatch.undo()
    call_command("search_index", "--flush", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert search(SearchRequest(q="")).count == 9
    out = io.StringIO()
    call_command("suggest_related", "--pending", "--jobs", "1", stdout=out)
    assert "3 document(s) pending" in out.getvalue()
    assert not Document.objects.filter(related_pending=True).exists()


@pytest.mark.django_db
def test_a_rerun_makes_the_suggestions_a_run_could_not_make_though_it_skips_the_stored_files(tmp_path, monkeypatch):
    small_documents(tmp_path, 3)

    def busy(documents, **options):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ingest_command, "suggest_for", busy)
    with pytest.raises(CommandError, match="related-clause suggestions not updated"):
        run(tmp_path, jobs=1, verbosity=0)
    stored = sorted(Document.objects.values_list("pk", flat=True))
    assert sorted(Document.objects.filter(related_pending=True).values_list("pk", flat=True)) == stored

    compared = []
    monkeypatch.setattr(ingest_command, "suggest_for",
                        lambda documents, **options: compared.append(documents) or 0)
    out, _ = run(tmp_path, jobs=1, verbosity=1)

    assert next(line.split()[1:] for line in out.splitlines() if line.startswith("unchanged ")) == ["3", "9"]
    assert compared == [stored]  # the three skipped files' documents, still pending


@pytest.mark.django_db
def test_a_run_with_nothing_stored_and_nothing_pending_suggests_nothing(tmp_path, monkeypatch):
    small_documents(tmp_path, 2)
    run(tmp_path, jobs=1, verbosity=0)
    Document.objects.update(related_pending=False)
    monkeypatch.setattr(ingest_command, "suggest_for", lambda documents, **options: pytest.fail("compared"))
    run(tmp_path, jobs=1, verbosity=0)
