"""Uploading in the admin as a browser would: the files, the form's fields, the pages' addresses."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from clauses.models import StagedUpload

UPLOAD = "/admin/clauses/document/upload/"

# A small 通知 of a province's general office, written for these tests: two parts, a lead and
# co-responsible departments, a place, two industries and one department no gazetteer knows.
NOTICE = """四川省人民政府办公厅关于促进测试产业发展的通知
川办发〔2099〕7号

各市（州）人民政府，省政府各部门：
　　现将有关事项通知如下。

　　一、加强组织领导
　　（一）建立工作机制。在成都市开展新能源汽车产业试点。（省经济和信息化厅牵头，省发展改革委、省商务厅配合）
　　（二）强化要素保障。支持电子信息产业发展。（责任单位：省财政厅、省测试虚构协调局）
　　二、抓好贯彻落实
　　（一）压实工作责任。各地要认真抓好落实，定期报送进展。（省政府办公厅负责）

四川省人民政府办公厅
2099年3月1日
"""
SLUG = "chuanbanfa-2099-7"


def upload(client, *files: tuple[str, bytes], **fields):
    """POST the upload form with ``files`` (name, bytes) and metadata ``fields``; the response, unfollowed."""
    return client.post(UPLOAD, {"files": [SimpleUploadedFile(name, raw) for name, raw in files], **fields})


def batch_of(response) -> str:
    """The batch a successful upload redirected to."""
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.fullmatch(rf"{UPLOAD}([0-9a-f-]+)/", response["Location"])[1]


def staged_batch(client, *files: tuple[str, bytes], **fields) -> str:
    batch = batch_of(upload(client, *files, **fields))
    assert StagedUpload.objects.filter(batch=batch).exists()
    return batch


def confirm(client, batch: str):
    return client.post(f"{UPLOAD}{batch}/confirm/")
