"""Suggest related clauses across documents by text similarity, through the search index.

The score of two clauses is the cosine of their TF-IDF vectors
(``clause_vectors``: jieba's words as the index cuts them, weighted by the
index's document frequencies). Only numbered clauses (parts, items,
sub-items) are compared, and only pairs scoring at least ``THRESHOLD`` are
suggested. Each clause keeps its best ``PER_CLAUSE`` suggestions, at most
``PER_DOCUMENT`` of any one other document (``best``): a clause page lists
ten, not the thousands a large collection of similar clauses would give.

Not every pair is compared: a clause's candidates are the ``CANDIDATES``
clauses of other documents that the index finds for its ``QUERY_WORDS`` most
distinctive words (``search.engine.similar``), and the exact score is
computed for those. Both directions: a clause of the documents compared gets
its best among its candidates, and every clause so found gets its best of
the compared document, merged with its stored suggestions and bounded again
(the ones that fall out are deleted) — so a document added later appears
among the suggestions of the earlier ones. Recall is the candidates': a pair
sharing only common words may be found from one side only. An earlier
clause's candidates are not searched again when a document is added, and a
suggestion deleted because its target changed is not replaced by the
earlier clause's next best until ``suggest_related`` recomputes everything.

What the caller must guarantee: the clauses of the other documents are in
the index (the ingest applies the index outbox after each commit,
``search.signals``). A document's own clauses need not be for its own
suggestions, but a document not yet indexed is missed by those of documents
compared later. Without an index (or with an empty one) nothing is suggested
or replaced, and a warning says why. A bulk ingest should call
``suggest_for_documents`` once with all the documents it stored (each clause
is cut once per call), not once per document.

Bulk runs use the machine's cores (``jobs``, by default ``os.cpu_count()``):
the documents are compared ``DOCUMENTS_PER_BATCH`` at a time, and a batch of
``FORKED_DOCUMENTS`` or more is cut, searched and scored by forked worker
processes (``forked``), each taking ten documents at a time and bounding what
it found; their results are merged here in order and bounded again (best of
best is best), so any number of workers writes the same rows. Workers read
nothing: the texts are read from the database and the postings from the
index here, before they fork. Fewer documents (an upload, one document) are
compared in this process, as forking would cost more than it saves.

Editors' decisions stay: a confirmed or rejected pair is never rewritten and
takes no place among a clause's best; only the machine's suggestions
touching the compared documents' clauses (current or retired), and those an
earlier clause's new targets push out, are replaced.

Costs at 100,000 synthetic clauses (40 a document, each resembling hundreds
of others): cutting is about 0.5 ms a clause and each candidate search about
1 ms; a 50-clause document cuts its ~1,500 candidates (in this process). A
full run spends about a third of its CPU in the parent, serially (reading
texts and postings, building vectors, merging, writing). See docs/scaling.md.
"""

from __future__ import annotations

import logging
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction
from django.db.models import Q
from haystack import connections

from clauses.models import Clause, Document, RelatedClause
from search.engine.backend import IndexMissing
from search.models import PendingIndexUpdate
from search.engine.similar import SimilarReader

from .clause_vectors import IDS_PER_STATEMENT, ClauseVectors
from .forked import forked_map, split

log = logging.getLogger(__name__)

PER_CLAUSE = 10  # machine suggestions of one clause, the best by score
PER_DOCUMENT = 3  # … of which at most this many in any one other document
THRESHOLD = 0.2
CANDIDATES = 30  # clauses of other documents compared exactly with each clause
DOCUMENTS_PER_BATCH = 500  # documents whose clauses are cut, searched and scored together
FORKED_DOCUMENTS = 20  # a batch of fewer documents is compared in this process: forking would cost more
_DOCUMENTS_PER_TASK = 10  # a worker's share of a batch at a time

Pair = tuple[int, int]


@dataclass
class Found:
    """What comparing found: each source clause's best targets (bounded), and every clause's document."""

    targets: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    document_of: dict[int, int] = field(default_factory=dict)

    def pairs(self) -> dict[Pair, float]:
        return {(source, target): score for source, found in self.targets.items() for target, score in found.items()}

    def bound(self, sources: Iterable[int]) -> None:
        for source in sources:
            self.targets[source] = best(self.targets[source], self.document_of)


def best(targets: dict[int, float], document_of: dict[int, int]) -> dict[int, float]:
    """The ``PER_CLAUSE`` best of one clause's targets, at most ``PER_DOCUMENT`` of any one document.

    By score, then the older clause (lower pk) on a tie. Keeping the best of
    a part, then of that and the rest, keeps the best of the whole: so the
    bound can be applied batch by batch, and a clause's stored suggestions
    merged with new ones.
    """
    kept: dict[int, float] = {}
    per_document: Counter = Counter()
    for target, score in sorted(targets.items(), key=lambda item: (-item[1], item[0])):
        document = document_of[target]
        if per_document[document] < PER_DOCUMENT:
            per_document[document] += 1
            kept[target] = score
            if len(kept) == PER_CLAUSE:
                break
    return kept


def suggest_for_documents(document_ids: Iterable[int], *, jobs: int | None = None) -> int:
    """Replace the machine's suggestions touching these documents' clauses; returns how many were written.

    Comparing reads and computes outside any transaction; only replacing the
    suggestions is one. On SQLite a transaction takes the database's write
    lock when it begins (IMMEDIATE), and comparing every pair once took 13
    minutes at 6,000 clauses: every editor's save waited for it, then
    answered 503. Editors' decisions are read again inside the transaction,
    so a pair confirmed or rejected meanwhile is kept as decided.
    """
    document_ids = sorted(set(document_ids))
    if not document_ids:
        return 0
    texts = _texts_of(document_ids)
    found = _compare(document_ids, jobs=jobs or os.cpu_count() or 1)
    if found is None:
        return 0
    return _replace(found, touched=_clauses_of(document_ids), texts=texts)


def suggest_related(*, jobs: int | None = None) -> int:
    """Recompute every machine suggestion (every document compared as ``suggest_for_documents`` compares)."""
    document_ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    texts = _texts_of(document_ids)
    found = _compare(document_ids, jobs=jobs or os.cpu_count() or 1)
    if found is None:
        return 0
    return _replace(found, touched=None, texts=texts)


def pending_documents() -> list[int]:
    """The documents stored or changed since their suggestions were last made (``Document.related_pending``)."""
    return list(Document.objects.filter(related_pending=True).order_by("pk").values_list("pk", flat=True))


def _texts_of(document_ids: list[int]) -> dict[int, str]:
    """Which text of each document is compared: its fingerprint, read before comparing."""
    texts: dict[int, str] = {}
    for start in range(0, len(document_ids), IDS_PER_STATEMENT):
        texts.update(Document.objects.filter(pk__in=document_ids[start:start + IDS_PER_STATEMENT])
                     .values_list("pk", "ingest_fingerprint"))
    return texts


# Documents whose compared text is checked in one statement: two parameters each.
_SETTLED_PER_STATEMENT = 200


def _settle_pending(texts: dict[int, str]) -> None:
    """Clear ``related_pending`` of the compared documents whose suggestions are now made for good.

    Not of one stored again since it was read (its fingerprint is not the
    one compared; checked in the UPDATE itself, so a store committing
    meanwhile on PostgreSQL is not missed), nor of one with clauses still
    queued for the index (``search.outbox``): the documents compared could
    not find those clauses, so their suggestions are made again once the
    index has them, by the next ingest or ``suggest_related --pending``.
    """
    unindexed = set()
    ids = sorted(texts)
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        unindexed.update(Clause.objects.filter(document_id__in=ids[start:start + IDS_PER_STATEMENT],
                                               pk__in=PendingIndexUpdate.objects.values("clause_id"))
                         .values_list("document_id", flat=True).distinct())
    settled = [pk for pk in ids if pk not in unindexed]
    for start in range(0, len(settled), _SETTLED_PER_STATEMENT):
        same_text = Q()
        for pk in settled[start:start + _SETTLED_PER_STATEMENT]:
            same_text |= Q(pk=pk, ingest_fingerprint=texts[pk])
        Document.objects.filter(same_text, related_pending=True).update(related_pending=False)


def _clauses_of(document_ids: list[int]) -> list[int]:
    pks: list[int] = []
    for start in range(0, len(document_ids), IDS_PER_STATEMENT):
        chunk = document_ids[start:start + IDS_PER_STATEMENT]
        pks += Clause.objects.filter(document_id__in=chunk).values_list("pk", flat=True)
    return pks


def _decided() -> set[Pair]:
    # Editors decide a few pairs by hand: all of them are read.
    return set(RelatedClause.objects.exclude(status=RelatedClause.Status.SUGGESTED)
               .values_list("source_id", "target_id"))


def _open_reader() -> SimilarReader | None:
    try:
        return connections["default"].get_backend().similar_reader(
            fieldname="text", group_field="document_key", id_field="django_id")
    except IndexMissing as error:
        log.warning("related-clause suggestions not computed: %s", error)
        return None


def _compare(document_ids: list[int], *, jobs: int) -> Found | None:
    """The documents' clauses' best targets and the clauses that have them among their best, or None without
    an index."""
    reader = _open_reader()
    if reader is None:
        return None
    with reader:
        if not reader.doc_count:
            log.warning("related-clause suggestions not computed: the search index is empty "
                        "(run manage.py search_index)")
            return None
        vectors = ClauseVectors(reader)
        found = Found(document_of=vectors.document_of)
        decided = _by_target(_decided())
        for start in range(0, len(document_ids), DOCUMENTS_PER_BATCH):
            batch = document_ids[start:start + DOCUMENTS_PER_BATCH]
            _compare_batch(batch, reader, vectors, found, decided, jobs=jobs if len(batch) >= FORKED_DOCUMENTS else 1)
        return found


def _by_target(pairs: set[Pair]) -> dict[int, set[int]]:
    sources: dict[int, set[int]] = defaultdict(set)
    for source, target in pairs:
        sources[target].add(source)
    return sources


def _compare_batch(document_ids: list[int], reader: SimilarReader, vectors: ClauseVectors, found: Found,
                   decided: dict[int, set[int]], *, jobs: int) -> None:
    """Cut, search and score the documents' clauses, in ``jobs`` forked processes (``forked``): each worker
    takes a slice of the documents and applies the bound to what it found, and the slices are merged here in
    order and bounded again — the same pairs as one process finds."""
    members: dict[int, list[int]] = defaultdict(list)
    for clause_pk, document_pk in vectors.load(Clause.objects.filter(document_id__in=document_ids), jobs=jobs):
        members[document_pk].append(clause_pk)
    documents = list(members)
    # Forked workers must not read the index's files: the postings they search are read here first.
    with reader.read_ahead({word for clauses in members.values() for clause in clauses
                            for word in vectors.query(clause)}) if jobs > 1 else nullcontext():
        docnums = [per_document for part in forked_map(
            lambda part: [_search(document_pk, members[document_pk], reader, vectors) for document_pk in part],
            split(documents, _DOCUMENTS_PER_TASK), jobs=jobs) for per_document in part]
    candidates_of = {document_pk: {clause: [int(reader.identifier(docnum)) for docnum in found_docnums]
                                   for clause, found_docnums in zip(members[document_pk], per_clause)}
                     for document_pk, per_clause in zip(documents, docnums)}
    vectors.load_missing({pk for per_clause in candidates_of.values() for pks in per_clause.values() for pk in pks},
                         jobs=jobs)
    vectors.settle()

    def score(part: list[int]) -> dict[int, dict[int, float]]:
        scored = Found(document_of=vectors.document_of)
        sources: set[int] = set()
        for document_pk in part:
            sources |= _score_document(document_pk, candidates_of[document_pk], vectors, scored, decided)
        scored.bound(sources)
        return dict(scored.targets)

    sources: set[int] = set()
    for targets in forked_map(score, split(documents, _DOCUMENTS_PER_TASK), jobs=jobs):
        for source, found_targets in targets.items():
            found.targets[source].update(found_targets)
            sources.add(source)
    found.bound(sources)


def _search(document_pk: int, clauses: list[int], reader: SimilarReader, vectors: ClauseVectors) -> list[np.ndarray]:
    """Each clause's candidates: document numbers of the reader, best first."""
    return [reader.candidates(vectors.query(clause), excluding_group=document_pk, limit=CANDIDATES)
            for clause in clauses]


def _score_document(document_pk: int, candidates_of: dict[int, list[int]], vectors: ClauseVectors, found: Found,
                    decided: dict[int, set[int]]) -> set[int]:
    """Score the document's clauses against the candidates they found: each clause's candidates, and each
    candidate's best ``PER_DOCUMENT`` of this document (decided pairs left out). Returns the sources given
    targets."""
    members = list(candidates_of)
    candidates = sorted({pk for pks in candidates_of.values() for pk in pks
                         if pk in vectors.document_of and vectors.document_of[pk] != document_pk})
    if not candidates:
        return set()
    similarity = vectors.cosines(candidates, members)  # candidates × members
    row = {pk: index for index, pk in enumerate(candidates)}
    sources = set()
    for column, clause in enumerate(members):
        for other in candidates_of[clause]:
            index = row.get(other)
            if index is not None and similarity[index, column] >= THRESHOLD and clause not in decided.get(other, ()):
                found.targets[clause][other] = round(float(similarity[index, column]), 4)
                sources.add(clause)
    for column, clause in enumerate(members):  # a decided pair takes no place among a candidate's best
        for other in decided.get(clause, ()):
            if other in row:
                similarity[row[other], column] = -1.0
    best_columns = np.argsort(-similarity, axis=1, kind="stable")[:, :PER_DOCUMENT]
    best_scores = np.take_along_axis(similarity, best_columns, axis=1)
    for index, place in zip(*np.nonzero(best_scores >= THRESHOLD)):
        found.targets[candidates[index]][members[best_columns[index, place]]] = round(
            float(best_scores[index, place]), 4)
        sources.add(candidates[index])
    return sources


def _replace(found: Found, *, touched: list[int] | None, texts: dict[int, str]) -> int:
    """Replace the suggestions touching ``touched`` (every suggestion if None) by ``found``, keeping decisions;
    the compared documents (``texts``) are no longer pending.

    A clause outside ``touched`` given new targets keeps the best of its
    stored suggestions and the new ones (``best``): the others are deleted.
    """
    with transaction.atomic():
        _settle_pending(texts)
        decided = _decided()
        # A clause deleted while we compared (an admin may delete a document) takes its pairs with it.
        involved = sorted({pk for source, targets in found.targets.items() for pk in (source, *targets)})
        remaining = set()
        for start in range(0, len(involved), IDS_PER_STATEMENT):
            remaining.update(Clause.objects.filter(pk__in=involved[start:start + IDS_PER_STATEMENT])
                             .values_list("pk", flat=True))
        new = {source: {target: score for target, score in targets.items()
                        if (source, target) not in decided and target in remaining}
               for source, targets in found.targets.items() if source in remaining}
        replaced = RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED)
        if touched is None:
            replaced.delete()
        else:
            for start in range(0, len(touched), IDS_PER_STATEMENT):
                chunk = touched[start:start + IDS_PER_STATEMENT]
                replaced.filter(Q(source_id__in=chunk) | Q(target_id__in=chunk)).delete()
            _merge_with_stored(new, found.document_of, outside=sorted(new.keys() - set(touched)))
        return _insert_suggestions([(source, target, float(score)) for source, targets in sorted(new.items())
                                    for target, score in sorted(targets.items())])


_ROWS_PER_EXECUTEMANY = 10_000


def _insert_suggestions(pairs: list[tuple[int, int, float]]) -> int:
    """INSERT the machine's suggestions (source, target, score); returns how many.

    With the cursor's ``executemany``, not ``bulk_create``: building each row's
    SQL in Python cost about 50 µs a row, most of a full run's writing at a
    million rows. The table and columns come from the model. Nothing listens
    for a suggestion's save (``bulk_create`` sends no signals either); the
    columns not written (who decided, when) are NULL, as the model has them.
    """
    meta = RelatedClause._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ("source", "target", "score", "status"))
    statement = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s)"
    suggested = RelatedClause.Status.SUGGESTED.value
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), _ROWS_PER_EXECUTEMANY):
            cursor.executemany(statement, [(*pair, suggested) for pair in pairs[start:start + _ROWS_PER_EXECUTEMANY]])
    return len(pairs)


def _merge_with_stored(new: dict[int, dict[int, float]], document_of: dict[int, int], *, outside: list[int]) -> None:
    """Bound each ``outside`` clause's stored suggestions and new targets together: ``new`` keeps the new
    targets that are among the best, the stored ones that are not are deleted."""
    stored: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)  # source → target → (row, score)
    document_of = dict(document_of)
    for start in range(0, len(outside), IDS_PER_STATEMENT):
        for row, source, target, score, document in (
                RelatedClause.objects.filter(status=RelatedClause.Status.SUGGESTED,
                                             source_id__in=outside[start:start + IDS_PER_STATEMENT])
                .values_list("pk", "source_id", "target_id", "score", "target__document_id")):
            stored[source][target] = (row, score)
            document_of[target] = document
    dropped = []
    for source in outside:
        kept = best({**{target: score for target, (_, score) in stored[source].items()}, **new[source]}, document_of)
        dropped += [row for target, (row, _) in stored[source].items() if target not in kept]
        new[source] = {target: score for target, score in new[source].items() if target in kept}
    for start in range(0, len(dropped), IDS_PER_STATEMENT):
        RelatedClause.objects.filter(pk__in=dropped[start:start + IDS_PER_STATEMENT]).delete()
