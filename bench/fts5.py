"""The baseline: SQLite FTS5 over jieba-segmented text, facets by SQL GROUP BY.

Built in the same run on the same clauses, to say what a plain embedded
full-text engine would give.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from clauses.gazetteer import snapshot
from clauses.models import Clause, ClauseDepartment, ClauseRegion


def build(path: str) -> tuple[sqlite3.Connection, float]:
    Path(path).unlink(missing_ok=True)  # a rerun in the same --data-dir builds it afresh
    connection = sqlite3.connect(path)
    connection.execute("CREATE VIRTUAL TABLE clause_fts USING fts5(words, tokenize='unicode61')")
    connection.execute("CREATE TABLE facet(clause_id INTEGER, field TEXT, value TEXT)")
    connection.execute("CREATE INDEX facet_clause ON facet(clause_id)")
    jieba = snapshot.current().segmenter
    started = time.perf_counter()
    batch = []
    for pk, text in Clause.objects.current().values_list("pk", "text").iterator(chunk_size=2000):
        batch.append((pk, " ".join(jieba.cut_for_search(text))))
        if len(batch) >= 2000:
            connection.executemany("INSERT INTO clause_fts(rowid, words) VALUES (?, ?)", batch)
            batch = []
    connection.executemany("INSERT INTO clause_fts(rowid, words) VALUES (?, ?)", batch)
    rows = [(clause_id, "department", name) for clause_id, name in
            ClauseDepartment.objects.active().values_list("clause_id", "department__name").iterator()]
    rows += [(clause_id, "lead", name) for clause_id, name in ClauseDepartment.objects.active()
             .filter(role="lead").values_list("clause_id", "department__name").iterator()]
    rows += [(clause_id, "region", name) for clause_id, name in
             ClauseRegion.objects.active().values_list("clause_id", "region__name").iterator()]
    connection.executemany("INSERT INTO facet VALUES (?, ?, ?)", rows)
    connection.commit()
    return connection, time.perf_counter() - started


def search(connection: sqlite3.Connection, words: list[str], filters: list[tuple[str, str]], page: int = 1) -> dict:
    """Matching rows (a page), the total, and three facets' counts."""
    jieba = snapshot.current().segmenter
    terms = [" ".join(f'"{token}"' for token in jieba.cut(word) if token.strip()) for word in words]
    where, params = [], []
    if terms:
        where.append("c.rowid IN (SELECT rowid FROM clause_fts WHERE clause_fts MATCH ?)")
        params.append(" AND ".join(f"({term})" for term in terms))
    for field, value in filters:
        where.append("c.rowid IN (SELECT clause_id FROM facet WHERE field = ? AND value = ?)")
        params += [field, value]
    condition = " AND ".join(where) or "1"
    matched = f"SELECT c.rowid FROM clause_fts c WHERE {condition}"
    total = connection.execute(f"SELECT count(*) FROM ({matched})", params).fetchone()[0]
    rows = connection.execute(f"{matched} LIMIT 20 OFFSET ?", [*params, (page - 1) * 20]).fetchall()
    facets = {}
    for field in ("department", "lead", "region"):
        facets[field] = connection.execute(
            f"SELECT value, count(*) FROM facet WHERE field = ? AND clause_id IN ({matched}) "
            f"GROUP BY value ORDER BY count(*) DESC", [field, *params]).fetchall()
    return {"count": total, "rows": rows, "facets": facets}
