"""``manage.py restore SRC`` — restore a backup into an empty data directory, then rebuild the index.

Run it with ``POLICYKB_DATA_DIR`` (or ``DATABASE_URL``) naming the new, empty
place. A database with documents, clauses or accounts is refused unless
``--force``. The search index is derived data: it is rebuilt, not restored.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clauses.services.backup import BackupError, restore
from search.engine.full_build import BuildIncomplete
from search.rebuilds import RebuildRunning


class Command(BaseCommand):
    help = "Restore a backup made by 'manage.py backup' into an empty database, then rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SRC", help="The backup file to restore.")
        parser.add_argument("--force", action="store_true",
                            help="Replace a database that already has content (everything in it is lost).")

    def handle(self, *args, source, force, verbosity, **options):
        try:
            report = restore(Path(source), force=force, progress=self.stdout.write if verbosity > 1 else None)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing restored: {error}") from error
        except (BuildIncomplete, RebuildRunning) as error:
            raise CommandError(f"The database was restored, but the search index was not rebuilt ({error}); "
                               "run 'manage.py search_index --rebuild'.") from error
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Restored {report.documents} documents and {report.clauses} clauses; "
                f"search index rebuilt ({report.indexed} clauses)."))
