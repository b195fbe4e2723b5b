"""Index writes that could not be made yet — kept so none is lost."""

from django.db import models


class PendingIndexUpdate(models.Model):
    """A clause whose index entry must be refreshed (or removed, if the clause is gone).

    Written when the index was locked for longer than we wait; the next
    successful index write, or ``manage.py search_index --flush``, applies it.
    """

    clause_id = models.BigIntegerField(unique=True)
    queued_at = models.DateTimeField(auto_now=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"clause {self.clause_id}"
