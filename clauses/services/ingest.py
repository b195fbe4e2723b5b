"""``ingest_document``: one source file into documents, clauses and tags.

Parsing is pure (``clauses.parsing``); this module is the write side. One
transaction per document: a file that fails leaves the database as it was.

- An unchanged file (same bytes, sidecar, parser and gazetteer) changes nothing.
- A changed file keeps every clause whose key (its numbering) is unchanged;
  a clause whose text changed gains a new version; a clause the text no longer
  has is retired, not deleted, so its permalink, versions and editors' tags stay.
- Tags follow ``services.tags``: editors' links and rejections are kept.
- A file whose 文号 (or slug) is already held by another file with different
  text is refused unless ``replace=True``.
- A file larger than the settings' limits (``INGEST_MAX_*``) is refused; its
  size is checked before it is read.
- Whatever goes wrong with one file — bad input, a busy database, a bug — is
  reported for that file; the caller goes on with the next.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, router, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from clauses.gazetteer.printed_places import printed_places
from clauses.models import (TAG_KINDS, Clause, ClauseDepartment, ClauseIndustry, ClauseKeyHistory, ClauseRegion,
                            ClauseTranslation, ClauseVersion, Department, Document,
                            DocumentIssuer, Industry, Region, SourceFile, TagLink)
from clauses.parsing.lexicon import Lexicon
from clauses.parsing.limits import LimitExceeded, Limits, check_size
from clauses.parsing.pipeline import PARSER_VERSION, parse_document
from clauses.parsing.sidecar import read_sidecar
from clauses.parsing.types import BodyPattern, DepartmentMention, ParsedClause, ParsedDocument, ParseError, Role

from .relations import sync_relations
from .tags import DesiredLink, NewLinks, sync_extracted_links

logger = logging.getLogger(__name__)

# The environment variable behind each limit, named in the refusal so the
# operator knows what to raise (see policykb/settings.py).
_LIMIT_SETTINGS = {"max_bytes": "POLICYKB_MAX_DOCUMENT_MB", "max_clauses": "POLICYKB_MAX_CLAUSES",
                   "max_clause_chars": "POLICYKB_MAX_CLAUSE_CHARS", "max_pages": "POLICYKB_MAX_PAGES"}


def ingest_limits() -> Limits:
    """The bounds of one document: sizes from settings, lengths from the columns that store them."""
    def length(model, name: str) -> int:
        return model._meta.get_field(name).max_length

    lengths = {name: length(Document, name)
               for name in ("slug", "title", "doc_number", "source_url", "source_name", "language")}
    lengths["jurisdiction"] = length(Region, "name")
    lengths["issuers"] = length(Department, "name")
    return Limits(max_bytes=settings.INGEST_MAX_DOCUMENT_MB * 2**20, max_clauses=settings.INGEST_MAX_CLAUSES,
                  max_clause_chars=settings.INGEST_MAX_CLAUSE_CHARS, max_pages=settings.INGEST_MAX_PAGES,
                  field_lengths=lengths)


class IngestRefused(Exception):
    """The file is a document, but storing it would overwrite another one."""


@dataclass
class IngestReport:
    source: str
    status: str = "failed"  # created | updated | unchanged | failed
    slug: str = ""
    title: str = ""
    document_id: int | None = None  # the stored document's (when created, updated or unchanged)
    clauses: int = 0
    departments: int = 0
    unknown_departments: list[str] = field(default_factory=list)
    # Department mentions (a clause's links) and how many of them are resolved to a real body: one the
    # gazetteer knows, or one recognised by its pattern (湖北省商务厅, 南昌海关; parsing/types.BodyPattern).
    department_mentions: int = 0
    department_mentions_resolved: int = 0
    # Divisions printed by their full names in a clause (``printed_places``) and how many of them
    # the clause is tagged with.
    place_mentions: int = 0
    place_mentions_tagged: int = 0
    regions: int = 0
    industries: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def named_error(self) -> str:
        """The error, naming the file (most messages name it already; a sidecar's names the sidecar)."""
        return self.error if self.error.startswith(f"{self.source}: ") else f"{self.source}: {self.error}"


@dataclass(frozen=True)
class Source:
    """One file to ingest, as received: its name, its bytes and its sidecar's fields (or None).

    A file on disk (``read_source``) and a file uploaded in the admin are the
    same thing from here on; the bytes are what is kept as the document's 原文.
    """

    name: str
    raw: bytes
    sidecar: dict | None = None

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def read_source(path: Path, limits: Limits) -> Source:
    """The file at ``path`` and its sidecar; the size is checked before the file is read."""
    check_size(path.stat().st_size, limits, name=path.name)
    return Source(name=path.name, raw=path.read_bytes(), sidecar=read_sidecar(path))


def parse_source(source: Source, *, lexicon: Lexicon, limits: Limits) -> ParsedDocument:
    """The parse of ``source``: pure (no database), so it may run in another process."""
    check_size(len(source.raw), limits, name=source.name)
    return parse_document(source.raw, name=source.name, lexicon=lexicon, sidecar=source.sidecar, limits=limits)


def fingerprint_of(source: Source, lexicon: Lexicon) -> str:
    """What ingesting ``source`` is made of; equal to the stored ``Document.ingest_fingerprint``, it changes nothing."""
    digest = hashlib.sha256(source.raw)
    digest.update(json.dumps(source.sidecar, sort_keys=True, ensure_ascii=False, default=str).encode())
    digest.update(f"parser:{PARSER_VERSION};gazetteer:{lexicon.fingerprint}".encode())
    return digest.hexdigest()


def ingest_document(*, source: Path, lexicon: Lexicon, replace: bool = False,
                    limits: Limits | None = None) -> IngestReport:
    """Parse and store the file at ``source``. Never raises for bad input: the report says what failed."""
    limits = limits or ingest_limits()
    report = IngestReport(source=source.name)
    with reporting_failure(report, source.name):  # a file that cannot be read, or a bad sidecar
        return ingest_source(read_source(source, limits), lexicon=lexicon, replace=replace, limits=limits)
    return report


def ingest_source(source: Source, *, lexicon: Lexicon, replace: bool = False, limits: Limits | None = None,
                  uploaded_by=None) -> IngestReport:
    """Parse and store ``source`` (bytes already read). Never raises for bad input: the report says what failed."""
    limits = limits or ingest_limits()
    report = IngestReport(source=source.name)
    with reporting_failure(report, source.name):
        store_parsed(parse_source(source, lexicon=lexicon, limits=limits), source, lexicon=lexicon,
                     replace=replace, report=report, uploaded_by=uploaded_by)
    return report


def store_parsed(parsed: ParsedDocument, source: Source, *, lexicon: Lexicon, replace: bool = False,
                 report: IngestReport | None = None, uploaded_by=None) -> IngestReport:
    """Store one parsed document in one transaction (with the relations it forms); returns the report.

    Raises what the database or ``IngestRefused`` raise: callers wrap it in
    ``reporting_failure`` (or their own transaction, as the admin's upload does).
    """
    report = report or IngestReport(source=source.name)
    with transaction.atomic():
        _store(parsed, report=report, source=source, fingerprint=fingerprint_of(source, lexicon), replace=replace,
               uploaded_by=uploaded_by)
        if report.status != "unchanged":
            sync_relations(changed=Document.objects.get(pk=report.document_id))
    return report


@contextmanager
def reporting_failure(report: IngestReport, name: str):
    """Turn whatever goes wrong with one file into its report's error; the caller goes on with the next."""
    try:
        yield
    except LimitExceeded as error:
        report.status, report.error = "failed", f"{error} Nothing was stored (limit: {_LIMIT_SETTINGS[error.limit]})."
    except (ParseError, IngestRefused) as error:
        report.status, report.error = "failed", str(error)
    except OSError as error:
        report.status, report.error = "failed", f"{name}: cannot read ({error.strerror})"
    except OperationalError as error:
        # SQLite's write lock held past the busy timeout by another writer (a long ingest).
        report.status = "failed"
        report.error = (f"{name}: the database is busy or unavailable ({error}); nothing was stored. "
                        "Run the ingest again when the other writer has finished.")
    except Exception as error:  # noqa: BLE001 — one file's failure must not stop the others
        logger.debug("ingest of %s failed", name, exc_info=True)
        report.status = "failed"
        report.error = (f"{name}: unexpected error ({type(error).__name__}: {str(error)[:200]}); "
                        "nothing was stored. "
                        "Please report it with the file.")


def find_existing(parsed: ParsedDocument, *, source_file: str, sha256: str, replace: bool,
                  lock: bool = True) -> Document | None:
    """The stored document ``parsed`` is a version of: the one with its slug, else one with its 文号.

    Refuses (``IngestRefused``) one that came from another file with other text
    unless ``replace``. The admin's upload preview asks the same question
    without locking (``lock=False``, outside any transaction).
    """
    metadata = parsed.metadata
    documents = Document.objects.select_for_update() if lock else Document.objects.all()
    by_slug = documents.filter(slug=metadata.slug).first()
    same_number = None
    if metadata.doc_number:
        same_number = documents.filter(doc_number=metadata.doc_number).exclude(slug=metadata.slug).first()
    for other in (by_slug, same_number):
        if other is None or other.source_file == source_file or other.source_sha256 == sha256 or replace:
            continue
        identity = f"文号 {other.doc_number}" if other.doc_number else f"slug {other.slug}"
        raise IngestRefused(
            f"{source_file}: {identity} is already held by document {other.slug} "
            f"(from {other.source_file}) with different text; nothing was changed. "
            f"Pass --replace to replace that document with this file.")
    # Replacing keeps the stored slug, so the old permalinks keep working.
    return by_slug or same_number


def _store(parsed: ParsedDocument, *, report: IngestReport, source: Source, fingerprint: str, replace: bool,
           uploaded_by) -> None:
    metadata = parsed.metadata
    source_file, sha256 = source.name, source.sha256
    document = find_existing(parsed, source_file=source_file, sha256=sha256, replace=replace)
    report.slug, report.title = (document.slug if document else metadata.slug), metadata.title
    report.warnings = list(parsed.warnings)
    if document is not None and document.ingest_fingerprint == fingerprint:
        report.status, report.document_id = "unchanged", document.pk
        # A document stored before originals were kept gains its file now.
        _keep_original(document, source, uploaded_by=uploaded_by)
        report_counts(report, document)
        return

    regions = _regions_named({metadata.jurisdiction, *(mention.name for clause in parsed.clauses
                                                      for mention in clause.regions)})
    jurisdiction = regions.get(metadata.jurisdiction)
    fields = {
        "title": metadata.title, "doc_number": metadata.doc_number, "issued_on": metadata.issued_on,
        "level": metadata.level, "kind": metadata.kind or Document.Kind.POLICY,
        "language": metadata.language, "jurisdiction": jurisdiction, "source_file": source_file,
        "source_sha256": sha256, "source_url": metadata.source_url, "source_name": metadata.source_name,
        "ingest_fingerprint": fingerprint, "extra": metadata.extra, "warnings": parsed.warnings,
        "references": [{"relation": ref.relation, "doc_number": ref.doc_number, "title": ref.title,
                        "clause": ref.clause_key} for ref in parsed.references],
    }
    if document is None:
        document = Document.objects.create(slug=metadata.slug, **fields)
        report.status = "created"
    else:
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        report.status = "updated"
    report.document_id = document.pk

    departments = _DepartmentResolver(jurisdiction, names={*metadata.issuers, *(
        mention.name for clause in parsed.clauses for mention in clause.departments)})
    DocumentIssuer.objects.filter(document=document).delete()
    for order, name in enumerate(metadata.issuers):
        issuer = departments.get(DepartmentMention(name, metadata.jurisdiction or None, Role.ISSUING, name,
                                                   name not in metadata.unknown_issuers))
        DocumentIssuer.objects.get_or_create(document=document, department=issuer, defaults={"order": order})

    report.document_id = document.pk
    _keep_original(document, source, uploaded_by=uploaded_by)
    new = report.status == "created"
    clauses = _store_clauses(document, parsed.clauses, sha256, new=new)
    industries = {industry.name: industry.pk for industry in Industry.objects.all()}
    new_links = NewLinks()
    stored = {} if new else _stored_links(document)
    for parsed_clause in parsed.clauses:
        clause = clauses[parsed_clause.key]
        _store_tags(clause, parsed_clause, departments, regions, industries, new_links, stored)
    new_links.create()
    report_counts(report, document)


def _regions_named(names: set[str]) -> dict[str, Region]:
    """The regions of ``names``, by name: only those a document mentions (a national gazetteer has thousands)."""
    names.discard("")
    return {region.name: region for region in Region.objects.filter(name__in=names)}


def _keep_original(document: Document, source: Source, *, uploaded_by) -> None:
    """Keep ``source``'s bytes as the document's original file (原文), once per distinct file."""
    sha256 = source.sha256
    if SourceFile.objects.filter(document=document, sha256=sha256).exists():
        return
    SourceFile.objects.create(document=document, sha256=sha256, name=source.name[:255], size=len(source.raw),
                              media_type=SourceFile.media_type_of(source.name), content=source.raw,
                              uploaded_by=uploaded_by)


def report_counts(report: IngestReport, document: Document) -> None:
    """Fill the report's counts (clauses, tags, resolved mentions, tagged places) from the stored document."""
    clauses = Clause.objects.current().filter(document=document)
    report.clauses = clauses.count()
    report.departments = (ClauseDepartment.objects.active().filter(clause__in=clauses)
                          .values("department").distinct().count())
    report.regions = ClauseRegion.objects.active().filter(clause__in=clauses).values("region").distinct().count()
    report.industries = (ClauseIndustry.objects.active().filter(clause__in=clauses)
                         .values("industry").distinct().count())
    links = ClauseDepartment.objects.active().filter(clause__in=clauses)
    # Resolved: a body the gazetteer lists, or one ingestion recognised by its pattern (kind set, not UNVERIFIED).
    unresolved = links.filter(department__in_gazetteer=False, department__kind=Department.Kind.UNVERIFIED)
    report.unknown_departments = sorted(set(unresolved.values_list("department__name", flat=True)))
    report.department_mentions = links.count()
    report.department_mentions_resolved = report.department_mentions - unresolved.count()
    tagged: dict[int, set[str]] = {}
    for clause_id, name in ClauseRegion.objects.active().filter(clause__in=clauses).values_list(
            "clause_id", "region__name"):
        tagged.setdefault(clause_id, set()).add(name)
    report.place_mentions = report.place_mentions_tagged = 0
    # A place printed inside a department's name (国家税务总局广东省税务局) is none of the clause's places,
    # wherever the clause prints that name: a link keeps the span of one printing only.
    department_names: dict[int, set[str]] = {}
    for clause_id, printed_name in links.exclude(matched_text="").values_list("clause_id", "matched_text"):
        department_names.setdefault(clause_id, set()).add(printed_name)
    for clause in clauses.only("id", "heading", "text"):
        full = clause.full_text
        outside = [(match.start(), match.end()) for name in department_names.get(clause.pk, ())
                   for match in re.finditer(re.escape(name), full)]
        printed = printed_places(full, outside=outside)
        report.place_mentions += len(printed)
        report.place_mentions_tagged += len(printed & tagged.get(clause.pk, set()))


class _DepartmentResolver:
    """Department rows for mentions; unknown names become unverified rows."""

    def __init__(self, jurisdiction: Region | None, *, names: set[str]) -> None:
        self.jurisdiction = jurisdiction
        self.cache: dict[tuple[str, str | None], Department] = {}
        self.regions: dict[str, Region | None] = {}
        # The stored bodies of the names the document mentions, read at once rather than name by name.
        self.stored: dict[str, list[Department]] = defaultdict(list)
        for department in (Department.objects.filter(name__in=names).select_related("jurisdiction")
                           .order_by("name", "pk")):
            self.stored[department.name].append(department)

    def _region(self, name: str) -> Region | None:
        if name not in self.regions:
            self.regions[name] = Region.objects.filter(name=name).first()
        return self.regions[name]

    def _stored(self, name: str, jurisdiction: str | None) -> Department | None:
        """The stored body of that name in that jurisdiction, else any of that name."""
        candidates = self.stored.get(name, [])
        in_place = (department for department in candidates
                    if (department.jurisdiction.name if department.jurisdiction else None) == jurisdiction)
        return next(in_place, None) or next(iter(candidates), None)

    def get(self, mention: DepartmentMention) -> Department:
        key = (mention.name, mention.jurisdiction if mention.resolved else None)
        if key in self.cache:
            return self.cache[key]
        department = None
        if mention.known:
            department = self._stored(mention.name, mention.jurisdiction)
        if department is None:
            # A body named for a place other than the document's (省X in a city's document) belongs there,
            # once that place is a region; until then, to the document's.
            own = (self._region(mention.jurisdiction)
                   if mention.jurisdiction and mention.jurisdiction != getattr(self.jurisdiction, "name", None)
                   else None)
            place = own or self.jurisdiction
            department = next((stored for stored in self.stored.get(mention.name, [])
                               if stored.jurisdiction_id == getattr(place, "pk", None)), None)
            if department is None:
                department, _ = Department.objects.get_or_create(
                    name=mention.name, jurisdiction=place,
                    defaults={"kind": Department.Kind.UNVERIFIED, "in_gazetteer": False})
            if mention.pattern and department.kind == Department.Kind.UNVERIFIED:
                # A real body, recognised by its pattern: no editor needs to check it, though the
                # gazetteer does not list it (in_gazetteer stays False, so the lexicon never learns it).
                department.kind, department.level = _kind(mention), _level(place)
                department.save(update_fields=["kind", "level"])
            if department not in self.stored[department.name]:
                self.stored[department.name].append(department)
        self.cache[key] = department
        return department


# What kind of body each pattern recognises.
_PATTERN_KINDS = {BodyPattern.LOCAL: Department.Kind.MINISTRY, BodyPattern.VERTICAL: Department.Kind.BRANCH,
                  BodyPattern.TIER: Department.Kind.COLLECTIVE}
_DEPARTMENT_LEVELS = {Region.Kind.NATION: Department.Level.NATIONAL, Region.Kind.PROVINCE: Department.Level.PROVINCIAL,
           Region.Kind.PREFECTURE: Department.Level.MUNICIPAL, Region.Kind.COUNTY: Department.Level.COUNTY}


def _level(place: Region | None) -> str:
    """The level of a body of ``place``: a province's is provincial, a prefecture's municipal, a county's county."""
    return _DEPARTMENT_LEVELS.get(place.kind, "") if place is not None else ""


# A government and its general office are no functional department (部门) but the government itself.
_GOVERNMENT = re.compile(r"(人民政府|人民政府办公厅|人民政府办公室)$")


def _kind(mention: DepartmentMention) -> str:
    """The kind of a body recognised by its pattern: 湖北省人民政府 is a government, 湖北省商务厅 a department."""
    if mention.pattern == BodyPattern.LOCAL and _GOVERNMENT.search(mention.name):
        return Department.Kind.PARTY_STATE
    return _PATTERN_KINDS[mention.pattern]


def match_rows(rows: list[Clause], parsed_clauses: list[ParsedClause]) -> dict[str, Clause]:
    """Which stored row each parsed clause is, so identity survives edits and renumbering.

    In order: the same wording anywhere in the document (a renumbered clause);
    the same key (a clause edited in place); the same heading (renumbered and
    edited). What matches nothing is new; rows nobody matched are retired.
    The admin's upload preview shows a new version through this same matching.
    """
    free = list(rows)
    matched: dict[str, Clause] = {}
    rules = (
        lambda row, parsed: (row.kind, row.heading, row.text) == (parsed.kind, parsed.heading, parsed.text),
        lambda row, parsed: row.key == parsed.key,
        lambda row, parsed: row.kind == parsed.kind and bool(row.heading) and row.heading == parsed.heading,
    )
    for rule in rules:
        for parsed in parsed_clauses:
            if parsed.key in matched:
                continue
            row = next((row for row in free if rule(row, parsed)), None)
            if row is not None:
                matched[parsed.key] = row
                free.remove(row)
    return matched


def _follow_renumbering(document: Document, parsed_clauses: list[ParsedClause]) -> None:
    """Give every matched row its new key; remember old keys so their links answer 301."""
    rows = list(Clause.objects.filter(document=document))
    matched = match_rows(rows, parsed_clauses)
    moving = [(row, key) for key, row in matched.items() if row.key != key]
    taken = set(matched)
    # Rows left behind whose key a clause now uses step aside; they are retired later.
    displaced = [row for row in rows if row not in matched.values() and row.key in taken]
    # Two steps, so keys may swap places without breaking uniqueness.
    for row in [row for row, _ in moving] + displaced:
        Clause.objects.filter(pk=row.pk).update(key=f"~{row.pk}")
    for row, key in moving:
        ClauseKeyHistory.objects.update_or_create(document=document, key=row.key, defaults={"clause": row})
        Clause.objects.filter(pk=row.pk).update(key=key)
    for row in displaced:
        # Still a valid permalink path; the old key keeps pointing here in history.
        ClauseKeyHistory.objects.update_or_create(document=document, key=row.key, defaults={"clause": row})
        Clause.objects.filter(pk=row.pk).update(key=f"{row.key}-r{row.pk}")


def _store_clauses(document: Document, parsed_clauses: list[ParsedClause], sha256: str, *,
                   new: bool) -> dict[str, Clause]:
    """Store the document's clauses, their versions and translations; return them by key.

    A ``new`` document has no stored rows: nothing to renumber, match, read or
    retire, and its clauses are created together (``_create_clauses``). Otherwise
    the stored clauses, versions and translations are read once for the whole
    document, not once per clause.
    """
    if not new:
        _follow_renumbering(document, parsed_clauses)
    existing = {} if new else {clause.key: clause for clause in Clause.objects.filter(document=document)}
    kept: dict[str, Clause] = {}
    created: list[Clause] = []
    for order, parsed in enumerate(parsed_clauses):
        values = {"order": order, "label": parsed.label, "number": parsed.number,
                  "heading": parsed.heading[:200], "text": parsed.text, "kind": parsed.kind,
                  "retired_at": None}
        clause = existing.pop(parsed.key, None)
        if clause is None:
            clause = Clause(document=document, key=parsed.key, **values)
            created.append(clause)
        else:
            changed = [name for name, value in values.items() if getattr(clause, name) != value]
            for name in changed:
                setattr(clause, name, values[name])
            if changed:
                clause.save(update_fields=[*changed, "updated_at"])
        kept[parsed.key] = clause
    _create_clauses(created, parsed_clauses, kept)
    _store_versions(document, list(kept.values()), sha256, new=new)
    _store_translations(document, kept, parsed_clauses, new=new)
    fresh = set(map(id, created))
    for parsed in parsed_clauses:
        clause = kept[parsed.key]
        parent_id = kept[parsed.parent_key].pk if parsed.parent_key in kept else None
        if clause.parent_id != parent_id and id(clause) not in fresh:
            clause.parent_id = parent_id
            clause.save(update_fields=["parent", "updated_at"])
    now = timezone.now()
    for clause in existing.values():
        if clause.retired_at is None:
            clause.retired_at = now
            clause.save(update_fields=["retired_at", "updated_at"])
    return kept


def _create_clauses(created: list[Clause], parsed_clauses: list[ParsedClause], kept: dict[str, Clause]) -> None:
    """INSERT ``created`` together, with their parents; the index hears of each as from ``save()``.

    A parent's id is known only once it is inserted, so parents are set by one
    UPDATE after the INSERT. ``post_save`` is sent for each clause afterwards,
    as ``Clause.objects.create`` would have sent it: the search outbox
    (``search.signals``) must get a row for every clause, tagged or not.
    """
    if not created:
        return
    Clause.objects.bulk_create(created, batch_size=500)
    fresh = set(map(id, created))
    with_parent = []
    for parsed in parsed_clauses:
        clause = kept[parsed.key]
        if id(clause) in fresh and parsed.parent_key in kept:
            clause.parent_id = kept[parsed.parent_key].pk
            with_parent.append(clause)
    if with_parent:
        Clause.objects.bulk_update(with_parent, ["parent"], batch_size=500)
    using = router.db_for_write(Clause)
    for clause in created:
        post_save.send(sender=Clause, instance=clause, created=True, update_fields=None, raw=False, using=using)


def _store_versions(document: Document, clauses: list[Clause], sha256: str, *, new: bool) -> None:
    """A new version for each clause whose wording (or number) differs from its latest one; created together.

    A new version when the wording changes, or the clause moved to a new
    number: pinned links must know which clause had which number when.
    """
    latest: dict[int, ClauseVersion] = {}
    if not new:
        for version in ClauseVersion.objects.filter(clause__document=document).order_by("clause_id", "-number"):
            latest.setdefault(version.clause_id, version)
    versions = []
    for clause in clauses:
        last = latest.get(clause.pk)
        if last is None or (last.key, last.label, last.heading, last.text) != (
                clause.key, clause.label, clause.heading, clause.text):
            versions.append(ClauseVersion(clause=clause, number=(last.number + 1) if last else 1,
                                          key=clause.key, label=clause.label, heading=clause.heading,
                                          text=clause.text, source_sha256=sha256))
    ClauseVersion.objects.bulk_create(versions, batch_size=500)


def _store_translations(document: Document, clauses: dict[str, Clause], parsed_clauses: list[ParsedClause], *,
                        new: bool) -> None:
    """Make each clause's stored translations the parsed ones (read once for the document, saved one by one)."""
    stored: dict[int, dict[str, ClauseTranslation]] = defaultdict(dict)
    if not new:
        for translation in ClauseTranslation.objects.filter(clause__document=document):
            stored[translation.clause_id][translation.language] = translation
    for parsed in parsed_clauses:
        clause = clauses[parsed.key]
        own = stored.pop(clause.pk, {})
        for language, text in parsed.translations.items():
            translation = own.pop(language, None)
            if translation is None:
                ClauseTranslation.objects.create(clause=clause, language=language, text=text)
            elif translation.text != text:
                translation.text = text
                translation.save(update_fields=["text"])
        for translation in own.values():
            translation.delete()


def _stored_links(document: Document) -> dict[type[TagLink], dict[int, dict[int, TagLink]]]:
    """The document's stored tag links, one query per kind: {link model: {clause id: {target id: link}}}."""
    stored: dict[type[TagLink], dict[int, dict[int, TagLink]]] = {}
    for kind in TAG_KINDS:
        by_clause: dict[int, dict[int, TagLink]] = defaultdict(dict)
        for link in kind.link.objects.filter(clause__document=document):
            by_clause[link.clause_id][getattr(link, f"{kind.key}_id")] = link
        stored[kind.link] = by_clause
    return stored


def _store_tags(clause: Clause, parsed: ParsedClause, departments: _DepartmentResolver,
                regions: dict[str, Region], industries: dict[str, int], new_links: NewLinks,
                stored: dict[type[TagLink], dict[int, dict[int, TagLink]]]) -> None:
    """Sync the clause's extracted links; ``stored`` holds the document's links (empty for a new document)."""
    def span_fields(span):
        return {"matched_text": span.text, "span_start": span.start, "span_end": span.end} if span else {}

    def existing(model):
        return stored.get(model, {}).get(clause.pk, {})

    wanted_departments = {}
    for mention in parsed.departments:
        department = departments.get(mention)
        wanted_departments.setdefault(department.pk, DesiredLink(
            department.pk, role=mention.role, **(span_fields(mention.span) or {"matched_text": mention.raw})))
    sync_extracted_links(ClauseDepartment, "department", clause, list(wanted_departments.values()), new_links,
                         existing=existing(ClauseDepartment))
    sync_extracted_links(ClauseRegion, "region", clause, [
        DesiredLink(regions[mention.name].pk, **span_fields(mention.span))
        for mention in parsed.regions if mention.name in regions], new_links, existing=existing(ClauseRegion))
    sync_extracted_links(ClauseIndustry, "industry", clause, [
        DesiredLink(industries[mention.name], **span_fields(mention.span))
        for mention in parsed.industries if mention.name in industries], new_links,
        existing=existing(ClauseIndustry))
