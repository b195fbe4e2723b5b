"""``manage.py ingest PATH…`` — parse policy documents and store their clauses.

PATH is a file or a directory (searched for *.txt, *.html, *.htm, *.md; a
``NAME.meta.json`` beside a file is its sidecar). Each document is stored in
its own transaction and reported on one block of lines. The exit status is
non-zero if any document failed; the others are stored all the same.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from clauses.gazetteer.lexicon import lexicon_from_database
from clauses.parsing.sources import DOCUMENT_SUFFIXES
from clauses.services.ingest import IngestReport, ingest_document
from clauses.services.related import suggest_for_documents

SKIPPED_NAMES = {"readme.md", "readme.txt"}


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


class Command(BaseCommand):
    help = "Ingest policy documents (files or directories) into clauses with their tags."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH",
                            help="A document file or a directory of them.")
        parser.add_argument("--replace", action="store_true",
                            help="Let a file replace a stored document that has the same 文号 "
                                 "(or slug) but different text.")

    def handle(self, *args, paths, replace, verbosity, **options):
        files = document_files(paths)
        if not files:
            raise CommandError("no documents found in " + ", ".join(paths))
        lexicon = lexicon_from_database()
        if not lexicon.terms:
            self.stderr.write(self.style.WARNING(
                "The gazetteer is empty: run `manage.py load_gazetteers` first, or no tags will be found."))
        reports = []
        for path in files:
            report = ingest_document(source=path, lexicon=lexicon, replace=replace)
            reports.append(report)
            self._print(report, verbosity)
        failures = sum(not report.ok for report in reports)
        suggested = self._suggest_related(reports, verbosity)
        summary = f"{len(files) - failures} of {len(files)} document(s) ingested"
        stored = [report for report in reports if report.ok]
        if verbosity and stored:
            self.stdout.write("In total: " + _resolved_share(sum(report.department_mentions_resolved for report in stored),
                                                          sum(report.department_mentions for report in stored))
                              + "; " + _places_share(sum(report.place_mentions_tagged for report in stored),
                                                     sum(report.place_mentions for report in stored)))
        if failures:
            raise CommandError(f"{summary}; {failures} failed (see above)")
        if not suggested:
            raise CommandError(f"{summary}; related-clause suggestions not updated (see above)")
        if verbosity:
            self.stdout.write(self.style.SUCCESS(summary))

    def _suggest_related(self, reports: list[IngestReport], verbosity: int) -> bool:
        """Suggest related clauses for the documents created or updated; False if the database was busy.

        After each document's commit its clauses were indexed (``search.signals``): the suggestions
        are found through the index, and without one none are made (a warning in the log says so).
        """
        changed = [report.document_id for report in reports if report.status in ("created", "updated")]
        if not changed:
            return True
        try:
            suggested = suggest_for_documents(changed)
        except OperationalError as error:
            # The documents are stored; their suggestions are made when they next change.
            self.stderr.write(self.style.ERROR(f"✗ related-clause suggestions not updated: the database is "
                                               f"busy ({error}); they are made when these documents next change."))
            return False
        if verbosity:
            self.stdout.write(f"Related-clause suggestions: {suggested}")
        return True

    def _print(self, report: IngestReport, verbosity: int) -> None:
        if not report.ok:
            # Most errors name the file already; a sidecar's names the sidecar.
            named = report.error if report.error.startswith(f"{report.source}: ") else \
                f"{report.source}: {report.error}"
            self.stderr.write(self.style.ERROR(f"✗ {named}"))
            return
        if verbosity == 0:
            return
        self.stdout.write(f"{report.source} → {report.slug} [{report.status}] {report.title}")
        unknown = f" ({len(report.unknown_departments)} unknown)" if report.unknown_departments else ""
        self.stdout.write(f"  clauses {report.clauses}, departments {report.departments}{unknown}, "
                          f"regions {report.regions}, industries {report.industries}; "
                          + _resolved_share(report.department_mentions_resolved, report.department_mentions)
                          + "; " + _places_share(report.place_mentions_tagged, report.place_mentions))
        if report.unknown_departments and verbosity >= 1:
            self.stdout.write("  unknown departments: " + "、".join(report.unknown_departments))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))


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
