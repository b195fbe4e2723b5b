"""A full build reads clauses in bulk; what it indexes equals what a single save indexes."""

from __future__ import annotations

import pytest
from haystack import connections

from clauses.models import Clause, ClauseDepartment, Department, TagLink
from search.records import ClauseRecord, read_records


def _index():
    return connections["default"].get_unified_index().get_index(Clause)


@pytest.mark.usefixtures("indexed_seeds")
def test_bulk_records_index_exactly_as_single_saves():
    # An editor's tag and a rejected one, so link status and order are compared too.
    edited = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p5.i12")
    ClauseDepartment.objects.create(clause=edited, department=Department.objects.get(name="成都海关"),
                                    role="co", origin=TagLink.Origin.EDITOR)
    ClauseDepartment.objects.filter(clause=edited, department__name="四川省财政厅").update(
        status=TagLink.Status.REJECTED)
    backend = connections["default"].get_backend()
    index = _index()
    clauses = list(index.index_queryset().order_by("pk"))
    bulk = {record.pk: record for record in read_records([clause.pk for clause in clauses])}
    assert len(bulk) == len(clauses) == 116
    translated = 0
    for clause in clauses:
        assert bulk[clause.pk] == ClauseRecord.from_clause(clause), clause
        single = backend._fields(index.full_prepare(clause))
        assert backend._fields(index.prepare_record(bulk[clause.pk])) == single, clause
        translated += bool(bulk[clause.pk].translations)
    assert translated >= 30  # 004's items carry their Korean translation
    departments = [name for name, _ in bulk[edited.pk].departments]
    assert "成都海关" in departments and "四川省财政厅" not in departments


@pytest.mark.django_db
def test_a_clause_deleted_after_its_id_was_listed_is_skipped(indexed_seeds):
    ids = list(Clause.objects.order_by("pk").values_list("pk", flat=True)[:3])
    Clause.objects.filter(pk=ids[1]).delete()
    assert [record.pk for record in read_records(ids)] == [ids[0], ids[2]]
