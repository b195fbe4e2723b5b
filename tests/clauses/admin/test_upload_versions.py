"""Uploading a new version of a stored document: the preview's clause-by-clause change, then what confirm keeps."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry

from clauses.models import Clause, ClauseDepartment, ClauseKeyHistory, Department, TagLink

from .uploading import NOTICE, SLUG, UPLOAD, confirm, staged_batch

# The notice's second version: its first item dropped (so the second, unchanged, becomes （一）),
# the responsibility item reworded, and an item added.
VERSION_TWO = (NOTICE
               .replace("　　（一）建立工作机制。在成都市开展新能源汽车产业试点。（省经济和信息化厅牵头，省发展改革委、省商务厅配合）\n", "")
               .replace("　　（二）强化要素保障。", "　　（一）强化要素保障。")
               .replace("各地要认真抓好落实，定期报送进展。", "各地要认真抓好落实，每季度报送进展。")
               .replace("（省政府办公厅负责）\n", "（省政府办公厅负责）\n　　（二）加强督促检查。省政府督查室适时开展督查。\n"))


@pytest.fixture
def stored_notice(client, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, staged_batch(client, ("notice.txt", NOTICE.encode())))
    return {clause.key: clause for clause in Clause.objects.filter(document__slug=SLUG)}


def test_a_new_version_previews_each_clause_and_confirm_keeps_permalinks_and_editors_tags(
        client, editor, stored_notice, django_capture_on_commit_callbacks):
    assert "（二）加强督促检查" in VERSION_TWO and "（一）建立工作机制" not in VERSION_TWO
    duty, moved, dropped = stored_notice["p2.i1"], stored_notice["p1.i2"], stored_notice["p1.i1"]
    # An editor's work on two clauses: a department added to one, an extracted one rejected on another.
    science = Department.objects.get(name="四川省科学技术厅")
    ClauseDepartment.objects.create(clause=duty, department=science, role=ClauseDepartment.Role.CO_RESPONSIBLE,
                                    origin=TagLink.Origin.EDITOR, created_by=editor)
    rejected = dropped.clausedepartment_links.get(department__name="四川省商务厅")
    rejected.status, rejected.rejected_by = TagLink.Status.REJECTED, editor
    rejected.save()

    batch = staged_batch(client, ("notice-v2.txt", VERSION_TWO.encode()))
    page = client.get(f"{UPLOAD}{batch}/").content.decode()
    # Kept: the addressee, the preface, both parts, the signature and the item that moved.
    assert "的新版本" in page and "保留 6 条，修改 1 条，新增 1 条，停用 1 条" in page
    rows = {heading: row for row in (chunk.split("</tr>", 1)[0] for chunk in page.split('<tr class="upload-status-')[1:])
            for heading in ("强化要素保障", "压实工作责任", "加强督促检查", "建立工作机制") if heading in row}
    rows = {"保留": rows["强化要素保障"], "修改": rows["压实工作责任"], "新增": rows["加强督促检查"],
            "停用": rows["建立工作机制"]}
    assert [row.split('"', 1)[0] for row in rows.values()] == ["kept", "changed", "new", "retired"]
    # Kept but renumbered: its old link will redirect to its new one.
    assert f"<code>/d/{SLUG}/p1/i1/</code>" in rows["保留"] and f"原链接 <code>/d/{SLUG}/p1/i2/</code> 将跳转（301）" in rows["保留"]
    # Changed, with the word diff and the editor's tag that stays.
    assert "<del>定期</del><ins>每季度</ins>" in rows["修改"]
    assert "责任部门“四川省科学技术厅”（编辑添加，editor）保持不变" in rows["修改"]
    assert "加强督促检查" in rows["新增"]
    # Retired, keeping its rejected tag; its number is now the moved clause's.
    assert "建立工作机制" in rows["停用"] and "责任部门“四川省商务厅”（编辑已否决，editor）保持不变" in rows["停用"]
    assert Clause.objects.get(pk=dropped.pk).retired_at is None  # nothing stored yet

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, batch)
    assert response.status_code == 302
    assert Clause.objects.get(pk=moved.pk).key == "p1.i1"
    assert ClauseKeyHistory.objects.get(document__slug=SLUG, key="p1.i2").clause_id == moved.pk
    redirect = client.get(f"/d/{SLUG}/p1/i2/")
    assert redirect.status_code == 301 and redirect["Location"] == f"/d/{SLUG}/p1/i1/"
    assert client.get(f"/d/{SLUG}/p2/i1/").status_code == 200 and client.get(f"/d/{SLUG}/p2/i2/").status_code == 200
    duty.refresh_from_db()
    assert "每季度" in duty.text and duty.versions.count() == 2
    assert duty.clausedepartment_links.filter(department=science, origin=TagLink.Origin.EDITOR,
                                              status=TagLink.Status.ACTIVE).exists()
    assert Clause.objects.get(pk=dropped.pk).retired_at is not None
    assert ClauseDepartment.objects.get(pk=rejected.pk).status == TagLink.Status.REJECTED
    entry = LogEntry.objects.first()  # the newest
    assert entry.change_message.endswith("：新版本：保留 6、修改 1、新增 1、停用 1")


def test_the_same_file_again_is_unchanged_and_nothing_to_do(client, stored_notice, django_capture_on_commit_callbacks):
    batch = staged_batch(client, ("notice.txt", NOTICE.encode()))
    page = client.get(f"{UPLOAD}{batch}/").content.decode()
    assert "内容未变，无需更新" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, batch)
    assert "内容未变，无需更新" in client.get(response["Location"]).content.decode()
