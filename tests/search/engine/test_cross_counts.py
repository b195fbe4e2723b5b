"""Pairs of two facets' values counted from the cached facet tables, against Counters and the database."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from haystack import connections

from clauses.models import Clause, ClauseDepartment
from search.engine import matching
from search.engine.facets import _FieldTable, _pair_counts

from .edits import edit_one_clause_and_delete_another


def _table(values: list[str], per_document: list[list[int]]) -> _FieldTable:
    starts = np.cumsum([0] + [len(ids) for ids in per_document]).astype(np.int32)
    value_ids = np.array([value for ids in per_document for value in ids], dtype=np.int32)
    return _FieldTable(values, starts, value_ids, np.bincount(value_ids, minlength=len(values)))


def test_pairs_are_those_of_each_documents_values():
    """Documents with no, one or many values on either side; any selection (oracle: a Counter of products)."""
    rng = random.Random(14)
    rows, columns = [f"r{n}" for n in range(9)], [f"c{n}" for n in range(5)]
    row_values = [rng.sample(range(len(rows)), rng.choice([0, 1, 1, 2, 4])) for _ in range(80)]
    column_values = [rng.sample(range(len(columns)), rng.choice([0, 1, 1, 3])) for _ in range(80)]
    row_table, column_table = _table(rows, row_values), _table(columns, column_values)
    for size in (0, 1, 7, 40, 80):
        chosen = sorted(rng.sample(range(80), size))
        expected = Counter((rows[r], columns[c]) for d in chosen for r in row_values[d] for c in column_values[d])
        row_ids, column_ids, counts = _pair_counts(row_table, column_table, np.array(chosen, dtype=np.int64))
        found = {(rows[r], columns[c]): n for r, c, n in zip(row_ids.tolist(), column_ids.tolist(), counts.tolist())}
        assert found == dict(expected), size


def test_a_field_without_values_pairs_with_nothing():
    rows = _table(["r"], [[0], [0]])
    empty = _FieldTable([], np.zeros(3, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
    for first, second in ((rows, empty), (empty, rows)):
        assert all(part.size == 0 for part in _pair_counts(first, second, np.array([0, 1])))


def _led_per_document(role: str) -> Counter:
    """(department, document slug) → current clauses in which the department has ``role``, from the database."""
    links = ClauseDepartment.objects.active().filter(role=role, clause__retired_at__isnull=True)
    return Counter(links.values_list("department__name", "clause__document__slug"))


def _browse(backend, row_field: str, column_field: str):
    return backend.cross_counts("*", [], row_field, column_field)


@pytest.mark.usefixtures("seeds_and_corpus_index", "db")
class TestOnTheSeedsAndCorpus:
    @pytest.mark.parametrize("role", ["lead", "co"])
    def test_every_clause_counted_per_department_and_document(self, role):
        backend = connections["default"].get_backend()
        count, cells = _browse(backend, f"{role}_exact", "document_exact")
        assert count == Clause.objects.current().count()
        expected = _led_per_document(role)
        assert len(expected) > 5  # the comparison is not trivial
        assert cells == dict(expected)

    def test_narrowings_restrict_as_a_search_does(self):
        backend = connections["default"].get_backend()
        count, cells = backend.cross_counts("*", ['(kind_exact:"implementing")'], "lead_exact", "document_exact")
        links = ClauseDepartment.objects.active().filter(role="lead", clause__retired_at__isnull=True,
                                                         clause__document__kind="implementing")
        assert cells == dict(Counter(links.values_list("department__name", "clause__document__slug")))
        assert count == Clause.objects.current().filter(document__kind="implementing").count()

    def test_whooshs_matching_gives_the_same_counts(self, monkeypatch):
        """A query the array matcher leaves to Whoosh is counted the same."""
        backend = connections["default"].get_backend()
        fast = _browse(backend, "lead_exact", "document_exact")

        def unsupported(*args, **kwargs):
            raise matching.Unsupported("as if")

        monkeypatch.setattr(matching, "rank", unsupported)
        assert _browse(backend, "lead_exact", "document_exact") == fast

    def test_nothing_matched_counts_nothing(self):
        backend = connections["default"].get_backend()
        assert backend.cross_counts("*", ['(year_exact:"1900")'], "lead_exact", "document_exact") == (0, {})


@pytest.mark.usefixtures("indexed_seeds")
def test_segments_with_deleted_and_updated_clauses(django_capture_on_commit_callbacks):
    backend = connections["default"].get_backend()
    _browse(backend, "lead_exact", "document_exact")  # the first segment's tables cached before its deletions
    edit_one_clause_and_delete_another(django_capture_on_commit_callbacks)
    count, cells = _browse(backend, "department_exact", "document_exact")
    assert count == Clause.objects.current().count()
    links = ClauseDepartment.objects.active().filter(clause__retired_at__isnull=True)
    assert cells == dict(Counter(links.values_list("department__name", "clause__document__slug")))
