"""Files that cannot become documents: each gets its own message in the admin, and nothing changes.

Neither the database (every table, row for row) nor the search index (its
documents, and a search) is touched by a refused file.
"""

from __future__ import annotations

import io
import random
import re

import pypdf
import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.test import override_settings
from haystack import connections

from clauses.models import StagedUpload
from search.selectors import SearchRequest, search
from tests.row_snapshots import database_contents

from tests.clauses.parsing.pdffiles import A4, canvas, make_pdf

from .uploading import NOTICE, UPLOAD, batch_of, upload


def _scanned_pdf() -> bytes:
    """Two pages that are only a picture (a filled rectangle) and a page number: no text layer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in (1, 2):
        pdf.rect(80, 100, 430, 640, fill=1)
        pdf.drawCentredString(A4[0] / 2, 50, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _password_pdf() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([[NOTICE[:200]]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# The first bytes of an OLE2 compound file: what Word 97–2003 (.doc) and WPS (.wps) write.
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)

BAD_FILES = {
    "empty": ("empty.txt", b"", "文件为空"),
    "blank": ("blank.txt", "  \n\u3000\n".encode(), "文件为空"),
    "binary with NUL bytes": ("data.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 200,
                              "似为二进制文件（含有零值字节）"),
    "random bytes": ("noise.html", random.Random(15).randbytes(4096).replace(b"\x00", b"\x01"),
                     "不是有效的 UTF-8 文本"),
    "GB18030 text": ("gbk.txt", NOTICE.encode("gb18030"), "它可按 GB18030 编码读取：请先转换为 UTF-8"),
    "scanned PDF": ("scan.pdf", _scanned_pdf(), "该 PDF 没有文字层（是扫描件或页面图片）"),
    "PDF with a password": ("locked.pdf", _password_pdf(), "该 PDF 设有密码"),
    "truncated PDF": ("cut.pdf", make_pdf([[NOTICE[:200]]])[:600], "无法读取该 PDF"),
    "Word 97–2003": ("old.doc", _OLE2, "Word 97–2003 或 WPS 文件（.doc/.wps/.et）"),
    "damaged .docx": ("broken.docx", b"PK\x03\x04" + bytes(100), "文件已损坏或不完整"),
}


def index_state():
    return sorted(connections["default"].get_backend().document_ids()), [
        hit.permalink for hit in search(SearchRequest(q="四川", page_size=100)).hits]


@pytest.mark.usefixtures("indexed_seeds")
@pytest.mark.parametrize("name, raw, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gets_its_message_and_changes_nothing(client, editor, name, raw, message,
                                                         django_capture_on_commit_callbacks):
    client.force_login(editor)
    before, index_before = database_contents(), index_state()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, (name, raw))
    assert response.status_code == 200  # the form again, with the reason
    page = response.content.decode()
    assert message in page.replace("&#x27;", "'").replace("&quot;", '"'), page[page.find("upload-refused"):][:500]
    assert f"{name}：" in page and "没有暂存" in page
    assert database_contents() == before
    assert index_state() == index_before and index_before[1]


@pytest.mark.usefixtures("indexed_seeds")
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, editor, monkeypatch):
    client.force_login(editor)
    before, index_before = database_contents(), index_state()
    large = io.BytesIO(NOTICE.encode() * 3)
    large.name = "notice.txt"
    read = []
    # The server's side of the upload (the test client sends ``large`` itself, a plain file).
    monkeypatch.setattr(InMemoryUploadedFile, "read", lambda self, *args: read.append(self.name) or b"")
    with override_settings(INGEST_MAX_DOCUMENT_MB=0.001):  # about 1 KB
        response = client.post(UPLOAD, {"files": [large]})
    page = response.content.decode()
    assert "notice.txt：文件大小为 0.0 MB，超过单个文件的上限 0.001 MB。" in page
    assert "POLICYKB_MAX_DOCUMENT_MB" in page
    assert read == [] and database_contents() == before and index_state() == index_before


def test_a_bad_file_among_good_ones_is_left_out_and_named(client, editor):
    client.force_login(editor)
    response = upload(client, ("notice.txt", NOTICE.encode()), ("empty.txt", b""))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "未暂存：empty.txt：文件为空。" in page and 'id="upload-file-2"' not in page
    assert "确认保存" in page


def test_one_documents_fields_are_refused_with_several_files(client, editor):
    client.force_login(editor)
    response = upload(client, ("a.txt", NOTICE.encode()), ("b.txt", NOTICE.encode()), doc_number="川办发〔2099〕9号")
    assert response.status_code == 200 and "标题、文号和标识只能在上传一个文件时填写" in response.content.decode()


def test_metadata_is_checked_as_a_sidecar_is(client, editor):
    client.force_login(editor)
    response = upload(client, ("a.txt", NOTICE.encode()), slug="Not A Slug", source_url="javascript:alert(1)")
    assert response.status_code == 200 and "元数据：标识（slug）“Not A Slug”不是有效的标识" in response.content.decode()


def test_at_most_twenty_files_at_once(client, editor):
    client.force_login(editor)
    response = upload(client, *[(f"{number}.txt", NOTICE.encode()) for number in range(21)])
    assert response.status_code == 200 and "一次最多上传 20 个文件，您选择了 21 个" in response.content.decode()


@override_settings(INGEST_MAX_DOCUMENT_MB=0.01)  # 10 KB a file: the bound is 20 × 10 KB and the form's room
def test_a_request_larger_than_twenty_files_of_the_largest_size_is_stopped_before_its_files_are_kept(
        client, editor, monkeypatch):
    """Each file fits the limit, but 30 of them do not fit one request: it is stopped at its first file —
    the handlers that keep a file in memory or on disk never receive a byte — and the page says why."""
    kept = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        monkeypatch.setattr(handler, "receive_data_chunk", lambda self, raw, start: kept.append(len(raw)))
    client.force_login(editor)
    files = [(f"{number}.txt", b"x" * 10_000) for number in range(60)]  # 600,000 bytes, over 275,251
    response = upload(client, *files)
    page = response.content.decode()
    assert response.status_code == 200
    assert ("这次上传共 0.6 MB，超过一次上传可以携带的 0.2 MB（最多 20 个文件，每个不超过 0.01 MB）。没有暂存任何文件；"
            "请删去过大的文件或分批上传。") in page
    assert 'id="upload-refused"' in page and 'id="upload-form"' in page
    assert kept == [] and not StagedUpload.objects.exists()


@override_settings(INGEST_MAX_DOCUMENT_MB=0.01)
def test_a_request_within_the_bound_is_read_as_before(client, editor):
    client.force_login(editor)
    batch = batch_of(upload(client, ("notice.txt", NOTICE.encode())))
    assert StagedUpload.objects.filter(batch=batch).count() == 1


def test_the_upload_still_needs_the_csrf_token(editor):
    """The view bounds the request before Django's CSRF check reads it, then checks CSRF itself."""
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(editor)
    assert upload(checked, ("notice.txt", NOTICE.encode())).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', checked.get(UPLOAD).content.decode())[1]
    batch = batch_of(upload(checked, ("notice.txt", NOTICE.encode()), csrfmiddlewaretoken=token))
    assert StagedUpload.objects.filter(batch=batch).count() == 1
    assert checked.post(f"{UPLOAD}{batch}/confirm/").status_code == 403  # the other views as before
