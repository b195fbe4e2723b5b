"""The tables a block of code wrote to, as it left them, kept so a test can have them again in milliseconds.

Ingesting the five seeds stores ~116 clauses with their versions, tag links and
history rows, one save at a time: about a second and a half. Dozens of tests
start from that state. ``tables_changed_since`` records, once per run, every
table the block changed with all its rows; ``restore`` puts those tables back
as they were with a few bulk statements, inside whatever transaction the test
has open (so the test's rollback removes them as it removed an ingest's).

Rows are read through each model's fields and written back as the ORM would
write them, primary keys included: the database ends up as the block left it,
on SQLite or PostgreSQL, without any save signal firing again (the history rows
the block wrote are among the rows).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection


def _tables():
    """Every table Django manages: concrete models and the auto-created many-to-many tables."""
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy]


def database_contents() -> dict:
    """Every row of every table, per model, in primary-key order, as Python values."""
    return {model: list(model._base_manager.order_by("pk").values_list(
                *(field.attname for field in model._meta.concrete_fields)))
            for model in _tables()}


@dataclass(frozen=True)
class TablesSnapshot:
    """Some tables' rows (per model, in primary-key order) as a block of code left them."""

    rows: dict

    def present(self) -> bool:
        """Whether these tables hold rows (a transactional test's flush empties every table)."""
        return all(model._base_manager.exists() for model, rows in self.rows.items() if rows)

    def restore(self) -> None:
        """Replace these tables' rows with the snapshot's (foreign keys are checked at commit)."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model, rows in self.rows.items():
                fields = model._meta.concrete_fields
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
                cursor.executemany(
                    f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)})"
                    f" VALUES ({', '.join(['%s'] * len(fields))})",
                    [[field.get_db_prep_save(value, connection) for field, value in zip(fields, row)]
                     for row in rows])
            # PostgreSQL's sequences do not see explicit keys: move them past the restored rows.
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                cursor.execute(statement)


def tables_changed_since(before: dict) -> TablesSnapshot:
    """Every table whose rows differ from ``before`` (a ``database_contents()``), with all its rows now."""
    return TablesSnapshot({model: rows for model, rows in database_contents().items()
                           if rows != before.get(model, [])})
