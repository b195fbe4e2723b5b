"""The rows a block of code added to the database, kept so a test can have them again in milliseconds.

Ingesting the five seeds stores ~116 clauses with their versions, tag links and
history rows, one save at a time: about a second and a half. Dozens of tests
start from that state. ``rows_added_since`` records what was added, once
per run; ``restore`` writes the same rows back with a few bulk inserts, inside
whatever transaction the test has open (so the test's rollback removes them as
it removed an ingest's).

The rows are read through each model's fields and written back as the ORM would
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
    """Every row of every table, per model and primary key, as Python values."""
    contents = {}
    for model in _tables():
        names = [field.attname for field in model._meta.concrete_fields]
        key = names.index(model._meta.pk.attname)
        contents[model] = {row[key]: row for row in model._base_manager.order_by("pk").values_list(*names)}
    return contents


@dataclass(frozen=True)
class AddedRows:
    """Rows per model, in primary-key order, that were not in the database before."""

    rows: dict

    def present(self) -> bool:
        """Whether the database has these rows' tables filled (a transactional test's flush empties them)."""
        return all(model._base_manager.exists() for model in self.rows)

    def restore(self) -> None:
        """Insert the rows again (foreign keys are checked at commit, so the order of tables is free)."""
        with connection.cursor() as cursor:
            for model, rows in self.rows.items():
                fields = model._meta.concrete_fields
                columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
                    [[field.get_db_prep_save(value, connection) for field, value in zip(fields, row)]
                     for row in rows])
            # PostgreSQL's sequences do not see explicit keys: move them past the restored rows.
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                cursor.execute(statement)


def rows_added_since(before: dict) -> AddedRows:
    """The rows now in the database that ``before`` (a ``database_contents()``) did not have.

    Refuses if a row of ``before`` changed or went: restoring added rows could not bring that back.
    """
    added = {}
    for model, rows in database_contents().items():
        earlier = before.get(model, {})
        changed = [pk for pk, row in earlier.items() if rows.get(pk) != row]
        if changed:
            raise AssertionError(f"{model._meta.label} rows {changed[:5]} changed or went: "
                                 "a snapshot of added rows cannot bring that back")
        new = [row for pk, row in rows.items() if pk not in earlier]
        if new:
            added[model] = new
    return AddedRows(added)
