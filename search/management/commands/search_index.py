"""``manage.py search_index`` — build, check and repair the clause search index.

    search_index            build the index if it is missing or stale (idempotent)
    search_index --rebuild  build a fresh index beside the live one, then swap
    search_index --flush    apply every change still queued in the index outbox

A rebuild never takes search down: it writes a new generation directory and
switches the ``current`` link when it is complete, then applies the outbox
(what changed in the database while it was building) to it. Only one rebuild
runs at a time; its progress is in ``rebuild.json`` in the index directory
(the admin shows it).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search import build
from search.build import CatchUpIncomplete
from search.engine.full_build import BuildIncomplete
from search.rebuilds import RebuildRunning


class Command(BaseCommand):
    help = "Build (if stale), rebuild, or flush queued writes of the clause search index."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="Build a new index beside the live one and swap it in, even if up to date.")
        parser.add_argument("--flush", action="store_true",
                            help="Only apply the changes queued in the index outbox (after a crash, "
                                 "or while the index was locked).")
        parser.add_argument("--started-by", default="",
                            help="Who asked for the rebuild, shown with its progress in the admin.")

    def handle(self, *args, rebuild, flush, started_by, verbosity, **options):
        if flush:
            try:
                applied = build.flush()
            except Exception as error:  # busy, disk full: the outbox keeps everything
                raise CommandError(f"The search index could not be written ({error}); "
                                   "the queued changes are kept. Try again.") from error
            if verbosity:
                self.stdout.write(f"Applied {applied} queued index write(s).")
            return
        if not rebuild and build.is_current():
            if verbosity:
                self.stdout.write("Search index is up to date.")
            return
        try:
            report = build.rebuild(progress=self.stdout.write if verbosity > 1 else None, started_by=started_by)
        except BuildIncomplete as error:
            raise CommandError(f"Index build failed, {error}. The live index is unchanged.") from error
        except RebuildRunning as error:
            raise CommandError(f"Not started: {error}.") from error
        except CatchUpIncomplete as error:
            raise CommandError(f"The new index is live, but the changes made while it was built are still "
                               f"queued ({error.__cause__}); `manage.py search_index --flush` applies them.") from error
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Search index built: {report.clauses} clauses in {report.seconds:.1f} s "
                f"({report.clauses / max(report.seconds, 1e-9):.0f} clauses/s); "
                f"{report.caught_up} changed during the build re-applied."))
