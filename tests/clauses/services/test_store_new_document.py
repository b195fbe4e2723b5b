"""A new document's clauses, versions and links are written together, not read and written clause by clause."""

from __future__ import annotations

from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.models import Clause, ClauseVersion
from clauses.services.ingest import ingest_limits, parse_source, read_source

from .conftest import SEEDS


def test_a_new_document_is_stored_whole_with_its_tree_versions_and_signals(ingest, tmp_path):
    source = tmp_path / "sichuan.txt"
    source.write_bytes((SEEDS / "003_c33a4fec7e4ac2f2.txt").read_bytes())
    parsed = parse_source(read_source(source, ingest_limits()), lexicon=lexicon_from_database(),
                          limits=ingest_limits())
    saved: list[tuple[int, bool]] = []

    def listen(sender, instance, created, **kwargs):
        saved.append((instance.pk, created))

    post_save.connect(listen, sender=Clause)
    try:
        with CaptureQueriesContext(connection) as queries:
            assert ingest(source).status == "created"
    finally:
        post_save.disconnect(listen, sender=Clause)

    clauses = {clause.key: clause for clause in Clause.objects.all()}
    assert list(clauses) == [clause.key for clause in parsed.clauses]
    for clause in parsed.clauses:
        parent = clauses[clause.parent_key].pk if clause.parent_key else None
        assert clauses[clause.key].parent_id == parent, clause.key
    # Each clause signalled once as created, so the index outbox hears of it (tagged or not).
    assert sorted(pk for pk, created in saved if created) == sorted(clause.pk for clause in clauses.values())
    assert sorted(ClauseVersion.objects.values_list("clause_id", "number")) == sorted(
        (clause.pk, 1) for clause in clauses.values())
    # Nothing stored to read clause by clause: versions, translations and tag links are read (by the
    # report's counts and the relations) a few times for the whole document, not once per clause.
    assert len(clauses) > 20
    statements = [query["sql"] for query in queries.captured_queries]
    for table in ("clauses_clauseversion", "clauses_clausetranslation", "clauses_clausedepartment",
                  "clauses_clauseregion", "clauses_clauseindustry"):
        reads = [sql for sql in statements if sql.startswith("SELECT") and f'FROM "{table}"' in sql]
        assert len(reads) < 10, (table, len(reads))
    assert len([sql for sql in statements if sql.startswith('INSERT INTO "clauses_clauseversion"')]) == 1
