"""Files uploaded in the admin and previewed, waiting for the editor to confirm or cancel."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class StagedUpload(models.Model):
    """One previewed file: nothing of it is stored as a document until its batch is confirmed.

    The preview and the confirmation are two requests, which gunicorn may
    give to two worker processes: the file waits in the database, where
    both see it, not in one process's memory or a worker's temporary
    directory. A batch is the files of one upload; confirming or cancelling
    deletes it, and batches older than a day are deleted by the next upload.
    """

    batch = models.UUIDField("批次", default=uuid.uuid4, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                    verbose_name="上传者")
    name = models.CharField("文件名", max_length=255)
    content = models.BinaryField("内容")
    # The metadata the editor gave with the upload (sidecar fields), or None.
    sidecar = models.JSONField("元数据", null=True, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "待确认的上传"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
