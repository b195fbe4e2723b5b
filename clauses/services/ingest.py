"""``ingest_document``: one source file into documents, clauses and tags.

Parsing is pure (``clauses.parsing``); this module is the write side. One
transaction per document: a file that fails leaves the database as it was.

- An unchanged file (same bytes, sidecar, parser and gazetteer) changes nothing.
- A changed file keeps every clause it still has, renumbered or edited; a
  clause whose text changed gains a new version; a clause the text no longer
  has is retired, not deleted, so its permalink, versions and editors' tags
  stay (``services.clause_rows``).
- Departments are resolved to rows by ``services.department_resolver``; tags
  follow ``services.tags``: editors' links and rejections are kept.
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
from django.db import OperationalError, transaction

from clauses.gazetteer.printed_places import printed_places
from clauses.models import (TAG_KINDS, Clause, ClauseDepartment, ClauseIndustry, ClauseRegion, Department, Document,
                            DocumentIssuer, Industry, Region, SourceFile, TagLink)
from clauses.parsing.lexicon import Lexicon
from clauses.parsing.limits import LimitExceeded, Limits, check_size
from clauses.parsing.pipeline import PARSER_VERSION, parse_document
from clauses.parsing.sidecar import read_sidecar
from clauses.parsing.types import DepartmentMention, ParsedClause, ParsedDocument, ParseError, Role

from .clause_rows import store_clauses
from .department_resolver import DepartmentResolver
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
        return self.error if self.error.startswith(f"{self.source}：") else f"{self.source}：{self.error}"


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
        report.status, report.error = "failed", f"{error}未保存任何内容（此上限由 {_LIMIT_SETTINGS[error.limit]} 设定）。"
    except (ParseError, IngestRefused) as error:
        report.status, report.error = "failed", str(error)
    except OSError as error:
        report.status, report.error = "failed", f"{name}：无法读取（{error.strerror}）"
    except OperationalError as error:
        # SQLite's write lock held past the busy timeout by another writer (a long ingest).
        report.status = "failed"
        report.error = (f"{name}：数据库繁忙或无法访问（{error}），未保存任何内容。"
                        "请等其他写入完成后重新收录。")
    except Exception as error:  # noqa: BLE001 — one file's failure must not stop the others
        logger.debug("ingest of %s failed", name, exc_info=True)
        report.status = "failed"
        report.error = (f"{name}：意外错误（{type(error).__name__}: {str(error)[:200]}），未保存任何内容。"
                        "请将此文件连同本提示报告给管理员。")


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
        held = (f"文号 {other.doc_number} 已由文件 {other.slug}（来自 {other.source_file}）使用" if other.doc_number
                else f"标识 {other.slug} 已由来自 {other.source_file} 的文件使用")
        raise IngestRefused(f"{source_file}：{held}，两者文本不同；未作任何更改。"
                            "如要用本文件替换该文件，请加 --replace 重新运行。")
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
        "ingest_fingerprint": fingerprint, "related_pending": True, "extra": metadata.extra,
        "warnings": parsed.warnings,
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

    departments = DepartmentResolver(jurisdiction, names={*metadata.issuers, *(
        mention.name for clause in parsed.clauses for mention in clause.departments)})
    DocumentIssuer.objects.filter(document=document).delete()
    for order, name in enumerate(metadata.issuers):
        issuer = departments.get(DepartmentMention(name, metadata.jurisdiction or None, Role.ISSUING, name,
                                                   name not in metadata.unknown_issuers))
        DocumentIssuer.objects.get_or_create(document=document, department=issuer, defaults={"order": order})

    report.document_id = document.pk
    _keep_original(document, source, uploaded_by=uploaded_by)
    new = report.status == "created"
    clauses = store_clauses(document, parsed.clauses, sha256, new=new)
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


def _stored_links(document: Document) -> dict[type[TagLink], dict[int, dict[int, TagLink]]]:
    """The document's stored tag links, one query per kind: {link model: {clause id: {target id: link}}}."""
    stored: dict[type[TagLink], dict[int, dict[int, TagLink]]] = {}
    for kind in TAG_KINDS:
        by_clause: dict[int, dict[int, TagLink]] = defaultdict(dict)
        for link in kind.link.objects.filter(clause__document=document):
            by_clause[link.clause_id][getattr(link, f"{kind.key}_id")] = link
        stored[kind.link] = by_clause
    return stored


def _store_tags(clause: Clause, parsed: ParsedClause, departments: DepartmentResolver,
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
