"""The index outbox: a row per changed clause, written with the change, deleted once the index has it.

Why it cannot lose a change:

- A row is inserted in the same database transaction as the change it
  describes (``search.signals``): if the change commits, so does its row; a
  process killed after the commit leaves the row for the next writer
  (another save, ``manage.py search_index --flush``, ``make run``).
- ``search.indexing`` reads rows, then writes their clauses to the index
  (reading the clauses under the index's write lock, so it writes what the
  database holds now), then settles exactly the rows it read, by row id: a
  row another transaction added meanwhile for the same clause stays.
- A full rebuild reads the database over minutes into a new generation that
  replaces the live one. A row written to the old generation during that
  time must survive for the new one. So a row is deleted only if no rebuild
  is running (the rebuild lock, ``search.rebuilds``, is taken before the
  build reads anything, and checked after the index write); otherwise it is
  marked ``applied_to`` the generation it was written to. A row counts as
  pending while it is not applied to the live generation: after the swap the
  rebuild's catch-up applies every such row to the new generation; if the
  rebuild dies after its swap, the next writer does. A writer deletes only
  the rows it read: a row another writer marked for a running rebuild is
  that rebuild's to apply. Rows marked for a rebuild that died before its
  swap wait, harmlessly (they are not pending), until the next rebuild's
  catch-up applies them.

Several processes may apply the outbox at once: each deletes only rows whose
change it wrote after their commit, so the worst case is a clause written twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from .models import PendingIndexUpdate

_CHUNK = 500  # ids per statement: SQLite limits the parameters of one


def _chunks(values: list[int]):
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def enqueue(clause_ids: Iterable[int]) -> None:
    """Add a row for each clause, in the caller's transaction."""
    PendingIndexUpdate.objects.bulk_create([PendingIndexUpdate(clause_id=pk) for pk in clause_ids],
                                           batch_size=_CHUNK)


def pending(live_generation: str) -> dict[int, int]:
    """Every row the live generation may not have: {row id: clause id}."""
    rows = PendingIndexUpdate.objects.all()
    if live_generation:
        rows = rows.filter(~Q(applied_to=live_generation))
    return dict(rows.values_list("pk", "clause_id"))


def settle(row_ids: list[int], written_to: str, *, may_delete: bool) -> None:
    """The rows' clauses are in generation ``written_to``: delete the rows, or mark them.

    ``may_delete`` is true only if no rebuild is running (or the caller is the
    rebuild, writing to the generation it has just swapped in). Only these
    rows: deleting others by their mark could take a row that a writer marked
    for a rebuild which started after this caller looked.
    """
    if may_delete:
        for chunk in _chunks(row_ids):
            PendingIndexUpdate.objects.filter(pk__in=chunk).delete()
        return
    for chunk in _chunks(row_ids):
        PendingIndexUpdate.objects.filter(pk__in=chunk).update(applied_to=written_to, error="")


def note_error(row_ids: list[int], error: Exception) -> None:
    """Say on the rows why the index was not written (they stay pending)."""
    for chunk in _chunks(row_ids):
        PendingIndexUpdate.objects.filter(pk__in=chunk).update(error=str(error)[:300])
