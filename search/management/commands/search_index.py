"""``manage.py search_index`` — build, check and repair the clause search index.

    search_index            build the index if it is missing or stale (idempotent)
    search_index --rebuild  build a fresh index beside the live one, then swap
    search_index --flush    apply index writes queued while the index was locked

A rebuild never takes search down: it writes a new generation directory and
switches the ``current`` link when it is complete, then re-applies what
changed in the database while it was building.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search import build
from search.backend import BuildIncomplete


class Command(BaseCommand):
    help = "Build (if stale), rebuild, or flush queued writes of the clause search index."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="Build a new index beside the live one and swap it in, even if up to date.")
        parser.add_argument("--flush", action="store_true",
                            help="Only apply index writes that were queued while the index was locked.")

    def handle(self, *args, rebuild, flush, verbosity, **options):
        if flush:
            applied = build.flush()
            self.stdout.write(f"Applied {applied} queued index write(s).")
            return
        if not rebuild and build.is_current():
            if verbosity:
                self.stdout.write("Search index is up to date.")
            return
        try:
            report = build.rebuild(progress=self.stdout.write if verbosity > 1 else None)
        except BuildIncomplete as error:
            raise CommandError(f"Index build failed, {error}. The live index is unchanged.") from error
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Search index built: {report.clauses} clauses in {report.seconds:.1f} s "
                f"({report.clauses / max(report.seconds, 1e-9):.0f} clauses/s); "
                f"{report.caught_up} changed during the build re-applied."))
