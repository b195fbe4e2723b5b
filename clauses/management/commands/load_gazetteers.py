"""``manage.py load_gazetteers`` — load departments, regions and industries.

Reads ``fixtures/gazetteers/*.json`` (or ``--dir``). Idempotent: adds what is
missing and keeps what editors changed, unless ``--update``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clauses.gazetteer.files import GazetteerFileError, read_gazetteer_files
from clauses.gazetteer.loader import load_gazetteers


class Command(BaseCommand):
    help = "Load the department, region and industry gazetteers into the database."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.GAZETTEER_DIR),
                            help="Directory holding departments.json, regions.json and industries.json.")
        parser.add_argument("--update", action="store_true",
                            help="Let the files overwrite fields of existing rows (editors' changes are lost).")

    def handle(self, *args, dir, update, verbosity, **options):
        try:
            report = load_gazetteers(read_gazetteer_files(Path(dir)), update=update)
        except GazetteerFileError as error:
            raise CommandError(str(error)) from None
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Gazetteers loaded: {report}"))
