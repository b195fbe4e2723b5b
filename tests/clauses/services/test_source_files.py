"""The file a document was read from is kept byte for byte (its 原文), once per distinct file."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth import get_user_model

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Document, SourceFile
from clauses.services.ingest import Source, ingest_source

from .test_ingest import ITEM_ONE, edit


def test_each_ingested_file_is_kept_with_its_sha256(ingested_seeds):
    for path in sorted(ingested_seeds.glob("*.txt")):
        raw = path.read_bytes()
        kept = SourceFile.objects.get(sha256=hashlib.sha256(raw).hexdigest())
        assert bytes(kept.content) == raw and kept.size == len(raw) and kept.name == path.name
        assert kept.media_type == "text/plain" and kept.uploaded_by is None
        assert kept.document.source_sha256 == kept.sha256


def test_a_new_version_adds_its_file_and_keeps_the_old_one(ingested_seeds, ingest):
    path = ingested_seeds / ITEM_ONE.split("/")[1]
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    document = SourceFile.objects.get(sha256=old).document
    edit(path, "合力推进承接制造业有序转移工作。", "合力推进承接制造业有序转移工作，新增文字。")
    assert ingest(path).status == "updated"
    assert list(document.source_files.values_list("sha256", flat=True)) == [
        hashlib.sha256(path.read_bytes()).hexdigest(), old]  # the newest first
    # Ingesting the same file again keeps one copy of it.
    assert ingest(path).status == "unchanged" and document.source_files.count() == 2


def test_a_document_stored_before_files_were_kept_gains_its_file_when_ingested_again(ingested_seeds, ingest):
    SourceFile.objects.all().delete()
    path = sorted(ingested_seeds.glob("*.txt"))[0]
    assert ingest(path).status == "unchanged"
    assert SourceFile.objects.get().content == path.read_bytes()


@pytest.mark.django_db
def test_an_uploaded_source_records_who_uploaded_it(seed_dir):
    editor = get_user_model().objects.create_user("editor")
    path = sorted(seed_dir.glob("*.txt"))[0]
    report = ingest_source(Source(name=path.name, raw=path.read_bytes()), lexicon=lexicon_from_database(),
                          uploaded_by=editor)
    assert report.status == "created", report.error
    kept = Document.objects.get(pk=report.document_id).source_files.get()
    assert kept.uploaded_by == editor and bytes(kept.content) == path.read_bytes()


@pytest.mark.django_db
def test_a_file_that_fails_keeps_nothing(seed_dir):
    report = ingest_source(Source(name="empty.txt", raw=b"   \n"), lexicon=lexicon_from_database())
    assert report.status == "failed" and report.error == "empty.txt：文件为空。"
    assert not SourceFile.objects.exists() and not Document.objects.exists()


def test_an_older_version_read_again_is_the_original_offered_not_the_newest_kept(ingested_seeds, ingest):
    from clauses.selectors import document_detail, original_download

    path = ingested_seeds / ITEM_ONE.split("/")[1]
    first = path.read_bytes()
    edit(path, "合力推进承接制造业有序转移工作。", "合力推进承接制造业有序转移工作，新增文字。")
    assert ingest(path).status == "updated"
    path.write_bytes(first)
    report = ingest(path)
    assert report.status == "updated"
    original = original_download(report.slug)
    assert bytes(original.content) == first
    assert document_detail(report.slug).original_size == len(first)
