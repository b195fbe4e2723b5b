"""The index outbox: which clauses the index still has to be told about."""

from django.db import models


class PendingIndexUpdate(models.Model):
    """One change to one clause that the index may not have yet: a row of the index outbox.

    Written in the same database transaction as the change (``search.signals``),
    so a committed change always has its row; deleted only once the index has
    it (``search.indexing``). A clause changed by several transactions has a
    row from each; the index is written once for all of them.
    """

    clause_id = models.BigIntegerField("条款 ID", db_index=True)
    queued_at = models.DateTimeField("排队时间", auto_now_add=True)
    # The index generation this row was written to while a rebuild was running
    # (the rebuild's new generation may not have it): see search/outbox.py.
    applied_to = models.CharField("已写入的索引", max_length=100, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待更新的索引条目"
        permissions = [("rebuild_index", "可以重建检索索引")]

    def __str__(self) -> str:
        return f"条款 {self.clause_id}"
