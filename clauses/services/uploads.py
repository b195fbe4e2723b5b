"""The admin's upload, write side: stage previewed files, store a confirmed batch in one transaction, cancel.

An upload is two requests — a preview, then the editor's confirmation — that
gunicorn may give to two worker processes, so the files wait in the database
(``StagedUpload``) between them. Confirming trusts nothing the browser sends
but the batch's id: each file is parsed again from its staged bytes and
stored, all of the batch or none of it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from clauses.models import StagedUpload
from clauses.parsing.lexicon import Lexicon
from clauses.parsing.limits import Limits
from clauses.parsing.types import ParsedDocument

from .ingest import IngestReport, Source, parse_source, reporting_failure, store_parsed
from .related import suggest_for_documents
from .upload_preview import version_preview

logger = logging.getLogger(__name__)

# A batch nobody confirmed or cancelled is deleted by the next upload after this long.
STALE_AFTER = timedelta(days=1)


class UploadFailed(Exception):
    """One file of a confirmed batch could not be stored; nothing of the batch was. The message names it."""


@dataclass(frozen=True)
class StoredUpload:
    """What confirming did with one file: the ingest's report and the clause counts of a new version."""

    source: Source
    report: IngestReport
    counts: dict[str, int]  # kept / changed / new / retired; all new for a new document


def staged_sources(batch: uuid.UUID, user) -> list[Source]:
    """The files of ``batch`` staged by ``user``, in upload order; [] if there is no such batch of theirs."""
    return [Source(name=row.name, raw=bytes(row.content), sidecar=row.sidecar)
            for row in StagedUpload.objects.filter(batch=batch, uploaded_by=user)]


@transaction.atomic
def stage(sources: list[Source], *, user) -> uuid.UUID:
    """Keep ``sources`` (already previewed) as one batch of ``user``'s; older forgotten batches are deleted."""
    StagedUpload.objects.filter(created_at__lt=timezone.now() - STALE_AFTER).delete()
    batch = uuid.uuid4()
    StagedUpload.objects.bulk_create(StagedUpload(batch=batch, uploaded_by=user, name=source.name[:255],
                                                  content=source.raw, sidecar=source.sidecar)
                                     for source in sources)
    return batch


def cancel(batch: uuid.UUID, *, user) -> int:
    """Forget ``user``'s batch; returns how many files it held."""
    deleted, _ = StagedUpload.objects.filter(batch=batch, uploaded_by=user).delete()
    return deleted


def confirm(batch: uuid.UUID, *, user, lexicon: Lexicon, limits: Limits,
            on_stored: Callable[[StoredUpload], None] = lambda item: None) -> list[StoredUpload]:
    """Store every file of ``user``'s batch in one transaction and delete the batch.

    A new version replaces the stored document it was previewed against
    (``replace=True``: the editor has seen the change). If any file fails,
    ``UploadFailed`` says which and why and nothing is stored. The files are
    parsed before the transaction begins: on SQLite a transaction holds the
    database's write lock from its start, and parsing twenty PDFs would make
    every other writer wait. ``on_stored`` is called in the transaction for
    each file stored (the admin's history entry). The index follows when the
    transaction commits (``search.signals``).
    """
    parsed_files = []
    for source in staged_sources(batch, user):
        report = IngestReport(source=source.name)
        with reporting_failure(report, source.name):
            parsed_files.append((source, parse_source(source, lexicon=lexicon, limits=limits), report))
        if report.error:  # (its status says "failed" until it is stored)
            raise UploadFailed(report.named_error)
    _refuse_one_document_twice([(source, parsed) for source, parsed, _ in parsed_files])
    stored = []
    with transaction.atomic():
        # Locked, so a second confirmation of the same batch (a double click) finds it gone.
        if not list(StagedUpload.objects.select_for_update().filter(batch=batch, uploaded_by=user)
                    .values_list("pk", flat=True)):
            raise UploadFailed("这一批文件已经确认或取消。")
        for source, parsed, report in parsed_files:
            with reporting_failure(report, source.name):
                version = version_preview(parsed, source, lexicon=lexicon)
                counts = version.counts if version else {"new": len(parsed.clauses)}
                store_parsed(parsed, source, lexicon=lexicon, replace=True, report=report, uploaded_by=user)
            if not report.ok:
                raise UploadFailed(report.named_error)
            item = StoredUpload(source=source, report=report, counts=counts)
            on_stored(item)
            stored.append(item)
        StagedUpload.objects.filter(batch=batch, uploaded_by=user).delete()
    return stored


def _refuse_one_document_twice(files: list[tuple[Source, ParsedDocument]]) -> None:
    """Two files of one batch that are one document (same slug or 文号): the second would replace the first
    unseen, since each was previewed against the database alone."""
    seen: dict[str, str] = {}
    for source, parsed in files:
        for identity in filter(None, (f"slug {parsed.metadata.slug}", parsed.metadata.doc_number
                                      and f"文号 {parsed.metadata.doc_number}")):
            if identity in seen:
                raise UploadFailed(f"{source.name} 与 {seen[identity]} 是同一文件（{identity}）：请只上传其中一个。")
            seen[identity] = source.name


def refresh_related_suggestions(document_ids: list[int]) -> bool:
    """After a confirmed upload has committed: update related-clause suggestions; False if that failed.

    Outside the upload's transaction, so a failure here never undoes the
    upload; the documents stay ``related_pending``, and ``manage.py suggest_related --pending``
    (or the next ``manage.py ingest``) makes them.
    """
    try:
        # In process: a serving worker does not fork (the upload's few documents do not need it).
        suggest_for_documents(document_ids, jobs=1)
    except Exception:  # noqa: BLE001 — the documents are stored; suggestions can wait for the next change
        logger.exception("related-clause suggestions not updated after an upload of documents %s", document_ids)
        return False
    return True
