"""The index outbox: which clauses the index still has to be told about."""

from django.db import models


class PendingIndexUpdate(models.Model):
    """One change to one clause that the index may not have yet: a row of the index outbox.

    Written in the same database transaction as the change (``search.signals``),
    so a committed change always has its row; deleted only once the index has
    it (``search.indexing``). A clause changed by several transactions has a
    row from each; the index is written once for all of them.
    """

    clause_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    # The index generation this row was written to while a rebuild was running
    # (the rebuild's new generation may not have it): see search/outbox.py.
    applied_to = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        permissions = [("rebuild_index", "Can rebuild the search index")]

    def __str__(self) -> str:
        return f"clause {self.clause_id}"
