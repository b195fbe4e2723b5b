"""Backup and restore: a populated data directory, backed up and restored into an empty one, is the same."""

from __future__ import annotations

import pytest

from tests.data_dirs import database, manage

# What an office would miss: documents, clauses, tags, their history, versions.
COMPARED = {
    "clauses_document": "id, slug, title",
    "clauses_clause": "id, document_id, key, text, retired_at",
    "clauses_clausedepartment": "clause_id, department_id, role, status, origin",
    "clauses_clauseregion": "clause_id, region_id, status, origin",
    "clauses_clauseindustry": "clause_id, industry_id, status, origin",
    "clauses_historicalclauseregion": "history_id, id, clause_id, region_id, status, history_type",
    "clauses_clauseversion": "clause_id, number, text",
}

EDIT_A_TAG = """
from clauses.models import Clause, Region
from clauses.services.tag_edits import add_tag
clause = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p5.i12")
add_tag(clauses=[clause], kind="region", target=Region.objects.get(name="宜宾市"), user=None)
"""

SEARCH = """
from search.selectors import SearchRequest, search
outcome = search(SearchRequest(q="产业转移", filters=[("region", "宜宾市")], page_size=100))
print(sorted(hit.permalink for hit in outcome.hits))
"""


def _rows(data_dir) -> dict[str, list[tuple]]:
    with database(data_dir) as connection:
        return {table: connection.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2").fetchall()
                for table, columns in COMPARED.items()}


def test_a_restored_data_dir_has_the_same_content_and_search(populated_data_dir, tmp_path):
    manage(populated_data_dir, "shell", "-c", EDIT_A_TAG)  # an editor's change, with its history row
    backup_file = tmp_path / "policykb-backup.sqlite3"
    manage(populated_data_dir, "backup", str(backup_file))

    restored = tmp_path / "restored"
    result = manage(restored, "restore", str(backup_file))
    assert "search index rebuilt (116 clauses)" in result.stdout

    original, copy = _rows(populated_data_dir), _rows(restored)
    assert all(original[table] for table in COMPARED), "nothing to compare"
    assert copy == original
    found = manage(populated_data_dir, "shell", "-c", SEARCH).stdout
    assert "/d/chuanbanfa-2022-67/p5/i12/" in found  # the edited tag is searchable in both
    assert manage(restored, "shell", "-c", SEARCH).stdout == found


def test_a_restore_over_a_database_with_content_is_refused(populated_data_dir, tmp_path):
    backup_file = tmp_path / "backup.sqlite3"
    manage(populated_data_dir, "backup", str(backup_file))
    refused = manage(populated_data_dir, "restore", str(backup_file), check=False)
    assert refused.returncode == 1
    assert "the database is not empty" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize("content", [b"", b"not a database at all"])
def test_a_file_that_is_not_a_backup_restores_nothing(tmp_path, content):
    source = tmp_path / "backup.sqlite3"
    source.write_bytes(content)
    refused = manage(tmp_path / "empty", "restore", str(source), check=False)
    assert refused.returncode == 1
    assert "Nothing restored" in refused.stderr and "Traceback" not in refused.stderr


def test_a_backup_never_overwrites_an_existing_file(populated_data_dir, tmp_path):
    existing = tmp_path / "important.sqlite3"
    existing.write_bytes(b"keep me")
    refused = manage(populated_data_dir, "backup", str(existing), check=False)
    assert refused.returncode == 1 and "already exists" in refused.stderr
    assert existing.read_bytes() == b"keep me"
