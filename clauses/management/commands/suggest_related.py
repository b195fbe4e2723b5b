"""``manage.py suggest_related`` — make every machine suggestion of related clauses again.

Ingesting and uploading suggest for the documents they store. When that
step did not run — the database was busy, the command was killed after
storing, an upload's suggestions failed — the documents stay marked
(``Document.related_pending``): ``--pending`` compares only those (the next
``ingest`` does too). Without it, every document is compared
(``clauses.services.related.suggest_related``; editors' decisions are kept):
about six minutes of CPU at 100,000 clauses, spread over ``--jobs`` processes.
"""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError

from clauses.services.related import pending_documents, suggest_for_documents, suggest_related


class Command(BaseCommand):
    help = "Recompute every related-clause suggestion (editors' confirmed and rejected pairs are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="Processes comparing documents (default: the CPU count).")
        parser.add_argument("--pending", action="store_true",
                            help="Only the documents whose suggestions did not follow their last store.")

    def handle(self, *args, jobs, pending, verbosity, **options):
        if jobs < 1:
            raise CommandError("--jobs must be at least 1")
        started = time.perf_counter()
        if pending:
            documents = pending_documents()
            written = suggest_for_documents(documents, jobs=jobs)
            what = f"{len(documents):,} document(s) pending: {written:,} related-clause suggestions"
        else:
            what = f"{suggest_related(jobs=jobs):,} related-clause suggestions"
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"{what} in {time.perf_counter() - started:.1f} s"))
