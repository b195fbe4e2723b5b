"""``manage.py suggest_related`` — make every machine suggestion of related clauses again.

Ingesting and uploading suggest for the documents they store. When that
step did not run — the database was busy, the command was killed after
storing, an upload's suggestions failed — a rerun of the ingest skips the
stored documents, so this command compares every document
(``clauses.services.related.suggest_related``; editors' decisions are kept).
About six minutes of CPU at 100,000 clauses, spread over ``--jobs`` processes.
"""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError

from clauses.services.related import suggest_related


class Command(BaseCommand):
    help = "Recompute every related-clause suggestion (editors' confirmed and rejected pairs are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="Processes comparing documents (default: the CPU count).")

    def handle(self, *args, jobs, verbosity, **options):
        if jobs < 1:
            raise CommandError("--jobs must be at least 1")
        started = time.perf_counter()
        written = suggest_related(jobs=jobs)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"{written:,} related-clause suggestions in {time.perf_counter() - started:.1f} s"))
