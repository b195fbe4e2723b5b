"""Backing up the database and restoring it into an empty data directory.

The database is the only thing to keep: the search index is derived from it
and is rebuilt after a restore, never copied. A copied index would have to be
taken at exactly the moment of the database copy (any change in between is
then missing from search, silently), its generation link and locks belong to
the machine it came from, and a rebuild of a restored database takes minutes.

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies
  a consistent snapshot page by page while the site keeps serving and
  writing; the copy is a plain database file.
- PostgreSQL: ``pg_dump --format=custom``, restored with ``pg_restore``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connections

# Tables whose rows make a database worth protecting from an overwrite.
_CONTENT_TABLES = ("clauses_document", "clauses_clause", "auth_user")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass
class RestoreReport:
    documents: int
    clauses: int
    indexed: int


def _database():
    connection = connections["default"]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of a {connection.vendor} database are not supported")
    return connection


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} was not found on PATH: install the PostgreSQL client tools "
                          "(Debian: apt-get install postgresql-client) whose version matches the server")
    return tool


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's variables for the configured database (keeps the password off the command line)."""
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def backup(destination: Path, *, force: bool = False) -> None:
    """Write a consistent copy of the database to ``destination`` (replaced only with ``force``)."""
    connection = _database()
    if destination.exists() and not force:
        raise BackupError(f"{destination} already exists (use --force to replace it)")
    if not destination.parent.is_dir():
        raise BackupError(f"{destination.parent} is not a directory")
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        if connection.vendor == "sqlite":
            source = sqlite3.connect(connection.settings_dict["NAME"])
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            result = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial)],
                                    env=_pg_environment(connection.settings_dict), capture_output=True, text=True)
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)


def has_content() -> bool:
    """Whether the configured database holds documents, clauses or accounts."""
    connection = _database()
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in _CONTENT_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 (fixed names)
                if cursor.fetchone():
                    return True
    return False


def _check_sqlite_backup(source: Path) -> None:
    try:
        backup_file = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in backup_file.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            healthy = backup_file.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            backup_file.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite database ({error})") from error
    if not healthy or "clauses_clause" not in tables:
        raise BackupError(f"{source} is not a PolicyKB backup (damaged, or without the clause tables)")


def restore(source: Path, *, force: bool = False, progress=None) -> RestoreReport:
    """Replace the (empty) database with the backup ``source``, bring its schema up to date, rebuild the index.

    Refuses a database that already has content unless ``force``.
    """
    connection = _database()
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    if connection.vendor == "sqlite":
        _check_sqlite_backup(source)
    if has_content() and not force:
        raise BackupError("the database is not empty: restore into a new data directory "
                          "(POLICYKB_DATA_DIR), or use --force to replace everything in it")
    if connection.vendor == "sqlite":
        connection.close()
        backup_file = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            backup_file.backup(target)
        finally:
            target.close()
            backup_file.close()
    else:
        # Always clean: a database with the schema but no content (``migrate`` run, nothing
        # ingested) has passed the check above, and its tables would clash with the backup's.
        result = subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--clean", "--if-exists",
                                 "--dbname", connection.settings_dict["NAME"], str(source)],
                                env=_pg_environment(connection.settings_dict), capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    call_command("migrate", interactive=False, verbosity=0)  # a backup from an older release
    return _rebuild_index(progress)


def _rebuild_index(progress) -> RestoreReport:
    """Derived data from the restored database: the gazetteer snapshot, then the index."""
    from clauses.gazetteer import snapshot
    from clauses.models import Clause, Document
    from search import build
    from search.models import PendingIndexUpdate

    snapshot.reset()  # the restored version row may have the number of different data
    PendingIndexUpdate.objects.all().delete()  # queued for an index that is not restored; the rebuild covers them
    report = build.rebuild(progress=progress)
    return RestoreReport(documents=Document.objects.count(), clauses=Clause.objects.count(), indexed=report.clauses)
