"""Facet counts from cached per-segment arrays instead of per-query categorizers.

haystack's Whoosh faceting (``groupedby``) rebuilds a doc→values table from
the postings on every query, so its cost grows with the index, not the hits.
A Whoosh segment never changes once written (deletions only hide documents,
and hidden documents never match, so the tables keep them), so its table can
be built once and kept.

For each segment and facet field the table lists every document's values in
document order (a compressed sparse row layout), with the segment's total per
value. A query's counts are then a ``bincount`` over the values of the
documents it matched — or, when it matched most of a segment (browsing,
a common word), the totals less the counts of the documents it did not
match. Either way the work is bounded by the smaller side, never by the whole
table: at 100,000 clauses, where a clause about a grouping of regions carries
each member and their provinces, a full table is 1.2 million (document,
value) pairs.

The same tables count pairs of two fields' values (``cross_counts``: the
clauses each department leads in each document, for the responsibility
matrix), so a matrix costs about what a search's facets cost.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .segment_cache import SegmentCache, leaves, read_postings

# Every facet field's table of every segment, shared by every thread of the process; every
# search needs all of them, so leave room. The connection's FACET_CACHE_MB option resizes it.
DEFAULT_CACHE_MB = 128
cache = SegmentCache(DEFAULT_CACHE_MB * 2**20)


@dataclass(frozen=True)
class _FieldTable:
    """One facet field of one segment: document d's values are ``value_ids[starts[d]:starts[d + 1]]``."""

    values: list[str]
    starts: np.ndarray  # one more than the segment's documents (deleted ones included)
    value_ids: np.ndarray  # indexes into ``values``
    totals: np.ndarray  # documents per value over the whole segment, deleted ones included

    def counts(self, documents: np.ndarray) -> np.ndarray:
        """Documents per value among ``documents`` (sorted local document numbers, no repeats)."""
        begins = self.starts[documents]
        positions = _runs(begins, self.starts[documents + 1] - begins)
        return np.bincount(self.value_ids[positions], minlength=len(self.values))


def _runs(begins: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``begins[i]``, ``begins[i] + 1``, … (``lengths[i]`` of them) for every ``i``, in order.

    Without a Python loop: each run's offset is repeated over its length and
    added to a count of all positions so far.
    """
    run_offsets = np.repeat(begins - (np.cumsum(lengths) - lengths), lengths)
    return run_offsets + np.arange(int(lengths.sum()))


def _build(reader, fieldname: str) -> _FieldTable:
    size = reader.doc_count_all()
    values, docs, value_ids = [], [], []
    if fieldname in reader.indexed_field_names():
        for term in reader.lexicon(fieldname):
            postings, _ = read_postings(reader, fieldname, term, frequencies=False)
            value_ids.append(np.full(postings.size, len(values), dtype=np.int32))
            docs.append(postings.astype(np.int32))
            values.append(term.decode("utf-8") if isinstance(term, bytes) else term)
    if not values:
        nothing = np.zeros(0, dtype=np.int32)
        return _FieldTable([], np.zeros(size + 1, dtype=np.int32), nothing, nothing)
    all_docs, all_value_ids = np.concatenate(docs), np.concatenate(value_ids)
    in_document_order = np.argsort(all_docs, kind="stable")
    starts = np.searchsorted(all_docs[in_document_order], np.arange(size + 1)).astype(np.int32)
    return _FieldTable(values, starts, all_value_ids[in_document_order],
                       np.bincount(all_value_ids, minlength=len(values)))


def _table(reader, fieldname: str) -> _FieldTable:
    return cache.get(reader, ("facet", fieldname), lambda: _build(reader, fieldname))


def facet_counts(searcher, documents: np.ndarray, fieldnames: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of each field over ``documents`` (global document numbers)."""
    totals: dict[str, dict[str, int]] = {fieldname: {} for fieldname in fieldnames}
    segments = leaves(searcher)
    matched = np.zeros(sum(leaf.doc_count_all() for leaf, _ in segments), dtype=bool)
    matched[documents] = True
    for leaf, offset in segments:
        in_segment = matched[offset:offset + leaf.doc_count_all()]
        matched_count = int(np.count_nonzero(in_segment))
        if matched_count == 0:
            continue
        # Count the smaller side. The unmatched side includes deleted documents, which the
        # segment's totals count too, so subtracting them leaves exactly the matched ones.
        complement = matched_count * 2 > in_segment.size
        counted = np.flatnonzero(~in_segment if complement else in_segment)
        for fieldname in fieldnames:
            table = _table(leaf, fieldname)
            if not table.values:
                continue
            counts = table.counts(counted)
            if complement:
                counts = table.totals - counts
            present = np.flatnonzero(counts)
            field_totals = totals[fieldname]
            for value_id, count in zip(present.tolist(), counts[present].tolist()):
                value = table.values[value_id]
                field_totals[value] = field_totals.get(value, 0) + count
    return {fieldname: sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            for fieldname, counts in totals.items()}


def cross_counts(searcher, documents: np.ndarray, row_field: str, column_field: str) -> dict[tuple[str, str], int]:
    """Documents per (row value, column value) among ``documents`` (global document numbers).

    A document with rows A, B and column X counts once for (A, X) and once for
    (B, X); one without a value in either field counts nowhere. Read from the
    same cached tables as ``facet_counts``, so the sum over a row value's
    pairs is its facet count wherever each document has one column value (a
    clause has one document).
    """
    found: dict[tuple[str, str], int] = {}
    segments = leaves(searcher)
    matched = np.zeros(sum(leaf.doc_count_all() for leaf, _ in segments), dtype=bool)
    matched[documents] = True
    for leaf, offset in segments:
        local = np.flatnonzero(matched[offset:offset + leaf.doc_count_all()])
        if local.size == 0:
            continue
        rows, columns = _table(leaf, row_field), _table(leaf, column_field)
        row_ids, column_ids, counts = _pair_counts(rows, columns, local)
        for row_id, column_id, count in zip(row_ids.tolist(), column_ids.tolist(), counts.tolist()):
            pair = (rows.values[row_id], columns.values[column_id])
            found[pair] = found.get(pair, 0) + count
    return found


def _pair_counts(rows: _FieldTable, columns: _FieldTable,
                 documents: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row value ids, column value ids, documents having both) of every pair some of ``documents`` has.

    ``documents``: local document numbers, no repeats. Each document's row
    values are repeated once per column value it has, and its column values
    laid out once per row value, so every pair is listed in one array
    operation, without a loop per document; clauses carry few departments
    and one document, so the pairs are few more than the documents.
    """
    row_begins = rows.starts[documents]
    row_lengths = rows.starts[documents + 1] - row_begins
    column_begins = columns.starts[documents]
    column_lengths = columns.starts[documents + 1] - column_begins
    # One entry per (document, row value); the document's column values, once for each such entry.
    times = np.repeat(column_lengths, row_lengths)
    pair_rows = np.repeat(rows.value_ids[_runs(row_begins, row_lengths)], times).astype(np.int64)
    pair_columns = columns.value_ids[_runs(np.repeat(column_begins, row_lengths), times)]
    width = max(len(columns.values), 1)
    codes, counts = np.unique(pair_rows * width + pair_columns, return_counts=True)
    row_ids, column_ids = np.divmod(codes, width)
    return row_ids, column_ids, counts
