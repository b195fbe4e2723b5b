"""`manage.py ingest`: the report it prints, and its exit status on bad input."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from clauses.models import Clause, Document

SEEDS = settings.BASE_DIR / "fixtures" / "documents"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_report_lists_each_document_with_its_counts_and_warnings():
    out, _ = run(SEEDS)
    assert "003_c33a4fec7e4ac2f2.txt → chuanbanfa-2022-67 [created]" in out
    sichuan = out.split("003_c33a4fec7e4ac2f2.txt")[1].split("\n")[1]
    assert sichuan.startswith("  clauses 31, departments ")
    assert "regions" in sichuan and "industries" in sichuan
    assert "warning: no issued on in the text or sidecar" in out.split("002_69f918161c6c5907.txt")[1]
    assert out.rstrip().endswith("5 of 5 document(s) ingested")

    again, _ = run(SEEDS)
    assert again.count("[unchanged]") == 5


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
