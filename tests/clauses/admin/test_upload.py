"""Uploading documents in the admin: preview (nothing stored), confirm (one transaction, searchable), cancel."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from clauses.models import Document, SourceFile, StagedUpload
from search.selectors import SearchRequest, search
from tests.row_snapshots import database_contents

from .uploading import NOTICE, SLUG, UPLOAD, batch_of, confirm, staged_batch, upload


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def hits(query: str) -> set[tuple[str, str]]:
    return {(hit.document["slug"], hit.clause["key"])
            for hit in search(SearchRequest(q=query, page_size=100)).hits}


def without_staging(contents: dict) -> dict:
    return {model: rows for model, rows in contents.items() if model is not StagedUpload}


def test_the_document_list_offers_the_upload_to_editors(editor_client):
    page = editor_client.get("/admin/clauses/document/").content.decode()
    assert f'href="{UPLOAD}"' in page and "上传文件" in page
    assert editor_client.get(UPLOAD).status_code == 200


def test_the_preview_shows_what_would_be_stored_and_stores_nothing(editor_client):
    before = database_contents()
    response = upload(editor_client, ("notice.txt", NOTICE.encode()))
    batch = batch_of(response)
    page = editor_client.get(response["Location"]).content.decode()
    # The detected metadata.
    for shown in ("四川省人民政府办公厅关于促进测试产业发展的通知", "川办发〔2099〕7号", "2099-03-01", "省级",
                  "政策文件", "四川省", SLUG, "新文件"):
        assert shown in page, shown
    # The clause tree with labels, departments with their roles, places and industries.
    assert "（一）" in page and "建立工作机制" in page and "压实工作责任" in page
    assert 'class="depth-1" id="upload-1-p1.i1"' in page and 'class="depth-0" id="upload-1-p1"' in page
    assert "四川省经济和信息化厅（牵头）" in page and "四川省商务厅（配合/共同负责）" in page
    assert "成都市" in page and "新能源汽车" in page and "电子信息" in page
    # The name the gazetteer does not know, listed and marked, and the parse's warning.
    assert '<li class="upload-unknown">四川省测试虚构协调局</li>' in page
    assert "名录中没有的部门：四川省测试虚构协调局" in page
    # Nothing but the staged file was written.
    assert without_staging(database_contents()) == without_staging(before)
    staged = StagedUpload.objects.get(batch=batch)
    assert bytes(staged.content) == NOTICE.encode() and staged.name == "notice.txt"


@pytest.mark.usefixtures("indexed_seeds")
def test_confirming_stores_the_document_searchable_at_once_with_its_file_and_history(
        editor_client, editor, django_capture_on_commit_callbacks):
    batch = staged_batch(editor_client, ("测试通知.txt", NOTICE.encode()))
    assert not hits("虚构协调局")
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(editor_client, batch)
    document = Document.objects.get(slug=SLUG)
    assert response.status_code == 302 and response["Location"] == f"/admin/clauses/document/{document.pk}/change/"
    page = editor_client.get(response["Location"]).content.decode()
    assert f'<a href="/d/{SLUG}/">' in page  # the success message links the reader
    assert "测试通知.txt" in page  # its source files, listed on its page
    # Searchable at once (the index outbox applied on commit), its permalink answering.
    assert hits("虚构协调局") == {(SLUG, "p1.i2")}
    assert editor_client.get(f"/d/{SLUG}/p1/i2/").status_code == 200
    kept = SourceFile.objects.get(document=document)
    assert bytes(kept.content) == NOTICE.encode() and kept.uploaded_by == editor and kept.name == "测试通知.txt"
    entry = LogEntry.objects.get(object_id=str(document.pk))
    assert entry.user == editor and entry.action_flag == ADDITION
    assert entry.change_message == f"上传 测试通知.txt（sha256 {kept.sha256[:12]}）：新文件，新增 {document.clauses.count()} 条"
    assert not StagedUpload.objects.exists()


def test_an_editor_without_the_permission_is_refused(client, django_user_model, editor):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.groups.add(*editor.groups.all())
    client.force_login(editor)
    batch = staged_batch(client, ("notice.txt", NOTICE.encode()))
    clerk.groups.clear()
    client.force_login(clerk)
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, ("notice.txt", NOTICE.encode())).status_code == 403
    for url in (f"{UPLOAD}{batch}/", f"{UPLOAD}{batch}/confirm/", f"{UPLOAD}{batch}/cancel/"):
        assert client.post(url).status_code == 403, url
    assert not Document.objects.exists() and StagedUpload.objects.filter(batch=batch).exists()


def test_another_editors_batch_can_be_neither_seen_nor_confirmed_nor_cancelled(client, editor, second_editor):
    client.force_login(editor)
    batch = staged_batch(client, ("notice.txt", NOTICE.encode()))
    client.force_login(second_editor)
    assert client.get(f"{UPLOAD}{batch}/").status_code == 404
    assert confirm(client, batch).status_code == 404
    client.post(f"{UPLOAD}{batch}/cancel/")
    assert not Document.objects.exists() and StagedUpload.objects.filter(batch=batch).count() == 1


def test_confirm_answers_only_a_post(editor_client):
    batch = staged_batch(editor_client, ("notice.txt", NOTICE.encode()))
    assert editor_client.get(f"{UPLOAD}{batch}/confirm/").status_code == 405
    assert not Document.objects.exists()


def test_cancelling_forgets_the_batch(editor_client):
    batch = staged_batch(editor_client, ("notice.txt", NOTICE.encode()))
    response = editor_client.post(f"{UPLOAD}{batch}/cancel/")
    assert response.status_code == 302 and not StagedUpload.objects.exists() and not Document.objects.exists()
    assert editor_client.get(f"{UPLOAD}{batch}/").status_code == 404


def test_a_batch_left_for_more_than_a_day_is_deleted_by_the_next_upload(editor_client):
    old = staged_batch(editor_client, ("notice.txt", NOTICE.encode()))
    StagedUpload.objects.filter(batch=old).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    new = staged_batch(editor_client, ("notice.txt", NOTICE.encode()))
    assert set(StagedUpload.objects.values_list("batch", flat=True)) == {uuid.UUID(new)}


def test_several_files_are_stored_together_and_listed(editor_client, django_capture_on_commit_callbacks):
    other = NOTICE.replace("7号", "8号").replace("测试产业", "示例产业")
    batch = staged_batch(editor_client, ("a.txt", NOTICE.encode()), ("b.md", other.encode()))
    page = editor_client.get(f"{UPLOAD}{batch}/").content.decode()
    assert "a.txt" in page and "b.md" in page and "确认保存全部 2 个文件" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(editor_client, batch)
    assert response["Location"] == "/admin/clauses/document/"
    assert set(Document.objects.values_list("slug", flat=True)) == {SLUG, "chuanbanfa-2099-8"}


def test_a_confirm_whose_file_fails_when_stored_stores_nothing(editor_client):
    many = NOTICE.replace("二、抓好贯彻落实", "二、抓好贯彻落实\n" + "".join(
        f"　　（{number}）补充事项{number}。定期报送。\n" for number in "二三四五六七八九十"))
    batch = staged_batch(editor_client, ("a.txt", NOTICE.replace("7号", "8号").encode()), ("b.txt", many.encode()))
    before = database_contents()
    # Between the preview and the confirmation, the operator lowers the limit the second file now exceeds.
    with override_settings(INGEST_MAX_CLAUSES=10):
        response = confirm(editor_client, batch)
    assert response["Location"] == f"{UPLOAD}{batch}/"
    page = editor_client.get(response["Location"]).content.decode()
    assert ("没有保存任何文件：b.txt：共 17 个条款，超过单个文件的上限 10 个。未保存任何内容"
            "（此上限由 POLICYKB_MAX_CLAUSES 设定）。") in page
    assert database_contents() == before  # nothing of a.txt either; the batch is kept


def test_a_file_failing_while_the_batch_is_stored_takes_the_files_stored_before_it_back(editor_client, monkeypatch):
    from clauses.services import uploads

    batch = staged_batch(editor_client, ("a.txt", NOTICE.replace("7号", "8号").encode()), ("b.txt", NOTICE.encode()))
    before = database_contents()
    real, calls = uploads.store_parsed, []

    def failing_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(uploads, "store_parsed", failing_second)
    response = confirm(editor_client, batch)
    page = editor_client.get(response["Location"]).content.decode()
    assert "没有保存任何文件：b.txt：意外错误（RuntimeError: disk full）" in page
    assert len(calls) == 2 and database_contents() == before  # a.txt, stored first, is gone with the rest


def test_two_files_of_one_batch_that_are_one_document_are_refused(editor_client):
    batch = staged_batch(editor_client, ("a.txt", NOTICE.encode()),
                         ("b.txt", NOTICE.replace("定期报送进展。", "按月报送进展。").encode()))
    before = database_contents()
    response = confirm(editor_client, batch)
    page = editor_client.get(response["Location"]).content.decode()
    assert "没有保存任何文件：b.txt 与 a.txt 是同一文件（slug chuanbanfa-2099-7）" in page
    assert database_contents() == before


def test_markup_in_a_documents_text_and_name_is_shown_as_text(editor_client):
    hostile = NOTICE.replace("定期报送进展。", "定期报送进展<script>alert('x')</script><b>粗</b>。")
    response = upload(editor_client, ("<i>notice</i>.txt", hostile.encode()))
    page = editor_client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page and "<b>粗</b>" not in page and "<i>notice" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt;" in page


def test_the_form_takes_several_files_of_the_supported_formats(editor_client):
    page = editor_client.get(UPLOAD).content.decode()
    accepted = re.search(r'<input type="file" name="files" accept="([^"]+)" multiple', page)[1].split(",")
    assert set(accepted) == {".txt", ".html", ".htm", ".md", ".docx", ".pdf"}
    assert 'enctype="multipart/form-data"' in page


def test_related_suggestions_failing_after_the_commit_do_not_undo_the_upload(
        editor_client, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("suggestions unavailable")

    monkeypatch.setattr("clauses.services.uploads.suggest_for_documents", broken)
    batch = staged_batch(editor_client, ("notice.txt", NOTICE.encode()))
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(editor_client, batch)
    page = editor_client.get(response["Location"]).content.decode()
    assert "相关条款推荐未能更新" in page and "已保存" in page and "suggest_related --pending" in page
    assert Document.objects.filter(slug=SLUG).exists() and not StagedUpload.objects.exists()
    # Marked, so the command (or the next ingest) makes them; it compares what the upload stored.
    assert Document.objects.get(slug=SLUG).related_pending
    call_command("suggest_related", "--pending", "--jobs", "1", stdout=io.StringIO())
    assert not Document.objects.get(slug=SLUG).related_pending


def _word_notice(*, comment: bool, deletion: bool) -> bytes:
    """The notice as a .docx, with a reviewer's comment and a tracked deletion if asked."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from tests.clauses.parsing.wordfiles import new_document, saved

    document = new_document()
    for line in NOTICE.splitlines():
        paragraph = document.add_paragraph(line.strip())
    if deletion:
        paragraph._p.append(parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="审核人" w:date="2099-03-01T00:00:00Z">'
            '<w:r><w:delText>内部意见：暂缓印发</w:delText></w:r></w:del>'))
    if comment:
        document.add_comment(document.paragraphs[0].runs, text="标题再斟酌", author="审核人")
    return saved(document)


@pytest.mark.parametrize(("comment", "deletion", "named"), [
    (True, False, "批注"), (False, True, "修订中删除或移走的文字"), (True, True, "批注和修订中删除")])
def test_the_preview_says_a_word_file_keeps_comments_or_tracked_deletions_readers_would_download(
        editor_client, comment, deletion, named):
    batch = staged_batch(editor_client, ("notice.docx", _word_notice(comment=comment, deletion=deletion)))
    page = editor_client.get(f"{UPLOAD}{batch}/").content.decode()
    assert f"此 Word 文件含{named}" in page and "读者下载原文时可以看到" in page
    assert "暂缓印发" not in page  # the deleted words themselves are not the text


def test_the_preview_of_a_clean_word_file_has_no_such_note(editor_client):
    batch = staged_batch(editor_client, ("notice.docx", _word_notice(comment=False, deletion=False)))
    assert "此 Word 文件含" not in editor_client.get(f"{UPLOAD}{batch}/").content.decode()
