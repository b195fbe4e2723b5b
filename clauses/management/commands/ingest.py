"""``manage.py ingest PATH…`` — parse policy documents and store their clauses.

PATH is a file or a directory (searched for the suffixes parsing reads,
``clauses.parsing.sources.DOCUMENT_SUFFIXES``: .txt, .html, .htm, .md, .docx,
.pdf; a ``NAME.meta.json`` beside a file is its sidecar). Documents are parsed in
``--jobs`` worker processes and stored here, in file order, each in its own
transaction (``clauses.services.bulk_ingest``). A file stored before and
unchanged since is skipped without being parsed, so an interrupted run
(Ctrl-C stops after the document being stored) resumes by running it again.

Progress goes to stderr every few seconds; a summary table by status, the
time of each stage and the failures to stdout at the end; each document's
counts at ``-v 2``. The exit status is non-zero if any document failed (the
others are stored all the same), the run was interrupted, or the search
index could not be written at the end (what was stored stays stored, and
queued for the index: ``manage.py search_index --flush`` writes it).

Related-clause suggestions are made at the end for the documents stored,
and for any stored earlier whose suggestions never followed
(``Document.related_pending``: a run killed after storing, an upload's
suggestions that failed), so a rerun that skips them still makes them.
"""

from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.services.bulk_ingest import INDEX_EVERY, STATUSES, IngestRun, ingest_files
from clauses.services.ingest import IngestReport
from clauses.parsing.sources import DOCUMENT_SUFFIXES
from clauses.services.related import pending_documents, suggest_for_documents

SKIPPED_NAMES = {"readme.md", "readme.txt"}
PROGRESS_EVERY = 5.0  # seconds between two progress lines


def document_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(candidate for candidate in path.rglob("*")
                            if candidate.is_file() and candidate.suffix.lower() in DOCUMENT_SUFFIXES
                            and candidate.name.lower() not in SKIPPED_NAMES)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or directory")
    return files


def suggest_for(document_ids: list[int], jobs: int | None = None) -> int:
    """Update the related-clause suggestions for the documents a run created or updated; returns how many."""
    return suggest_for_documents(document_ids, jobs=jobs)


class Command(BaseCommand):
    help = "Ingest policy documents (files or directories) into clauses with their tags."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH",
                            help="A document file or a directory of them.")
        parser.add_argument("--replace", action="store_true",
                            help="Let a file replace a stored document that has the same 文号 "
                                 "(or slug) but different text.")
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="Processes that parse documents while this one stores them "
                                 "(default: the number of CPUs; 1 parses here, in turn).")
        parser.add_argument("--index-every", type=int, default=INDEX_EVERY,
                            help=f"Documents stored between two writes of the search index (default "
                                 f"{INDEX_EVERY}; 1 writes it after each). Everything stored is indexed "
                                 "before the command ends.")
        parser.add_argument("--progress", type=float, default=PROGRESS_EVERY,
                            help=f"Seconds between two progress lines on stderr (default {PROGRESS_EVERY:g}; "
                                 "0 prints one after each document).")

    def handle(self, *args, paths, replace, jobs, index_every, progress, verbosity, **options):
        files = document_files(paths)
        if not files:
            raise CommandError("no documents found in " + ", ".join(paths))
        if jobs < 1 or index_every < 1:
            raise CommandError("--jobs and --index-every must be at least 1")
        lexicon = lexicon_from_database()
        if not lexicon.terms:
            self.stderr.write(self.style.WARNING(
                "The gazetteer is empty: run `manage.py load_gazetteers` first, or no tags will be found."))
        run = IngestRun(total=len(files), jobs=min(jobs, len(files)))
        last_progress = [time.perf_counter()]

        def on_report(run: IngestRun, report: IngestReport) -> None:
            self._print(report, verbosity)
            now = time.perf_counter()
            if verbosity and (now - last_progress[0] >= progress or len(run.reports) == run.total):
                last_progress[0] = now
                self.stderr.write(_progress(run))

        with _stopping_on_interrupt(run):
            ingest_files(files, lexicon=lexicon, replace=replace, jobs=run.jobs, index_every=index_every,
                         detailed=verbosity >= 2, on_report=on_report, run=run)
        if run.index_error:
            self.stderr.write(self.style.ERROR(
                f"✗ search index not written: {run.index_error}. The clauses stored stay queued for it, not "
                "searchable yet; `manage.py search_index --flush` writes them, then `manage.py suggest_related "
                "--pending` makes their related-clause suggestions."))
        suggesting = time.perf_counter()
        suggested = self._suggest_related(run, verbosity)
        suggesting = time.perf_counter() - suggesting
        reports = run.reports
        failures = sum(not report.ok for report in reports)
        summary = f"{len(reports) - failures} of {len(files)} document(s) ingested"
        if verbosity:
            self._print_summary(run, suggesting, verbosity)
        if run.interrupted:
            raise CommandError(f"{summary}; interrupted. Run the same command again to go on: the "
                               f"{len(reports) - failures} stored are skipped as unchanged.", returncode=130)
        problems = [f"{failures} failed (see above)"] if failures else []
        if run.index_error:
            problems.append("the search index not written (see above)")
        if not suggested:
            problems.append("related-clause suggestions not updated (see above)")
        if problems:
            raise CommandError(f"{summary}; " + "; ".join(problems))
        if verbosity:
            self.stdout.write(self.style.SUCCESS(summary))

    def _suggest_related(self, run: IngestRun, verbosity: int) -> bool:
        """Update the related-clause suggestions of the documents this run stored, and of any stored before
        whose suggestions never followed (a run killed, an upload's that failed); False if the database was busy."""
        documents = sorted(set(run.changed) | set(pending_documents()))
        if not documents:
            return True
        try:
            suggested = suggest_for(documents, jobs=run.jobs)
        except OperationalError as error:
            # The documents stay pending (Document.related_pending): the next ingest makes their suggestions.
            self.stderr.write(self.style.ERROR(
                f"✗ related-clause suggestions not updated: the database is busy ({error}); run "
                "`manage.py suggest_related --pending` (or the next ingest) when it is not."))
            return False
        if verbosity:
            self.stdout.write(f"Related-clause suggestions: {suggested}")
        return True

    def _print_summary(self, run: IngestRun, suggesting: float, verbosity: int) -> None:
        """The table by status, the time of each stage, the failures, and the share of tags resolved."""
        self.stdout.write(f"{'':<10} {'documents':>9} {'clauses':>9}")
        for status in STATUSES:
            documents, clauses = run.count(status)
            self.stdout.write(f"{status:<10} {documents:>9} {clauses:>9}")
        times = run.times
        parsing = f"parsing {times.parsing:.1f} s" + (
            f" in {run.jobs} processes (storing waited {times.waiting:.1f} s for them)" if run.jobs > 1 else "")
        indexing = f"indexing {times.indexing:.1f} s" + (
            f" (and {times.indexing_beside:.1f} s in a process beside storing)" if times.indexing_beside else "")
        self.stdout.write(f"Time {run.elapsed + suggesting:.1f} s: reading and skipping {times.reading:.1f} s, "
                          f"{parsing}, storing {times.storing:.1f} s, {indexing}, "
                          f"suggesting related clauses {suggesting:.1f} s")
        failed = [report for report in run.reports if not report.ok]
        if failed:
            self.stdout.write("Failed:")
            for report in failed:
                self.stdout.write(f"  {report.named_error}")
        # Skipped documents are counted in full only at -v 2.
        counted = [report for report in run.reports
                   if report.status in ("created", "updated") or (report.ok and verbosity >= 2)]
        if counted:
            self.stdout.write(f"In total ({len(counted)} document(s)): "
                              + _resolved_share(sum(report.department_mentions_resolved for report in counted),
                                                sum(report.department_mentions for report in counted))
                              + "; " + _places_share(sum(report.place_mentions_tagged for report in counted),
                                                     sum(report.place_mentions for report in counted)))

    def _print(self, report: IngestReport, verbosity: int) -> None:
        if not report.ok:
            self.stderr.write(self.style.ERROR(f"✗ {report.named_error}"))
            return
        if verbosity < 2:
            return
        self.stdout.write(f"{report.source} → {report.slug} [{report.status}] {report.title}")
        unknown = f" ({len(report.unknown_departments)} unknown)" if report.unknown_departments else ""
        self.stdout.write(f"  clauses {report.clauses}, departments {report.departments}{unknown}, "
                          f"regions {report.regions}, industries {report.industries}; "
                          + _resolved_share(report.department_mentions_resolved, report.department_mentions)
                          + "; " + _places_share(report.place_mentions_tagged, report.place_mentions))
        if report.unknown_departments:
            self.stdout.write("  unknown departments: " + "、".join(report.unknown_departments))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))


@contextmanager
def _stopping_on_interrupt(run: IngestRun):
    """The first Ctrl-C ends the run after the document being stored; a second one at once
    (that document's transaction is rolled back)."""
    def first(signum, frame):
        run.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    try:
        previous = signal.signal(signal.SIGINT, first)
    except ValueError:  # not the main thread: Ctrl-C raises KeyboardInterrupt, which ends the run as well
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress(run: IngestRun) -> str:
    """documents done / total, clauses/s, and the time left at the rate so far."""
    done, elapsed = len(run.reports), run.elapsed
    rate = run.clauses / elapsed if elapsed else 0.0
    left = (run.total - done) * elapsed / done if done else 0.0
    return (f"{done}/{run.total} documents ({done / run.total:.0%}), {run.clauses} clauses, "
            f"{rate:.0f} clauses/s, {_duration(left)} left")


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"




def _resolved_share(resolved: int, mentions: int) -> str:
    """How many department mentions name a real body — one the gazetteer knows, or one recognised by its
    pattern (湖北省商务厅, 南昌海关): the measure of a new format's coverage."""
    if not mentions:
        return "no department mentions"
    return f"department mentions resolved {resolved} of {mentions} ({resolved / mentions:.0%})"


def _places_share(tagged: int, printed: int) -> str:
    """How many divisions printed by their full names the clauses are tagged with."""
    if not printed:
        return "no places printed in full"
    return f"places printed in full tagged {tagged} of {printed} ({tagged / printed:.0%})"
