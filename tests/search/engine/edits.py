"""An edit that leaves the index with several segments and deleted documents, for engine tests."""

from __future__ import annotations

from haystack import connections

from clauses.models import Clause
from search.engine.segment_cache import leaves


def edit_one_clause_and_delete_another(capture_on_commit_callbacks):
    """Update one seed clause and delete another, their index writes applied; the searcher after them.

    The update deletes the clause's document in the first segment and writes it
    again in a new one; the delete only marks its document deleted.
    """
    with capture_on_commit_callbacks(execute=True):
        edited = Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i1")
        edited.text += "南充南充"
        edited.save()
        Clause.objects.get(document__slug="chuanbanfa-2022-67", key="p2.i3").delete()
    searcher = connections["default"].get_backend()._searcher()
    assert len(leaves(searcher)) >= 2 and any(leaf.has_deletions() for leaf, _ in leaves(searcher))
    return searcher
