"""``manage.py backup DEST`` — a consistent copy of the database, taken while the site runs.

SQLite: SQLite's online backup API, DEST is a database file. PostgreSQL:
``pg_dump --format=custom``. The search index is not backed up: ``manage.py
restore`` rebuilds it from the database (see clauses/services/backup.py).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clauses.services.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database to DEST (the search index is rebuilt on restore)."

    def add_arguments(self, parser):
        parser.add_argument("destination", metavar="DEST", help="The backup file to write.")
        parser.add_argument("--force", action="store_true", help="Replace DEST if it already exists.")

    def handle(self, *args, destination, force, verbosity, **options):
        path = Path(destination)
        try:
            backup(path, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup not written: {error}") from error
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Database backed up to {path} ({path.stat().st_size:,} bytes)."))
