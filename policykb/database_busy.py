"""A database held by another writer answers 503 "try again", not 500.

SQLite lets one process write at a time; a long ingest can hold the lock
past the busy timeout (settings: 20 s), and the request that waited then
fails with ``OperationalError: database is locked``. That is a temporary
state, not a bug: the visitor gets a short Chinese page (JSON under
``/api/`` and for ``?format=json``) and a ``Retry-After`` header.
"""

from __future__ import annotations

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import render

from policykb.http import json_response, wants_json

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
MESSAGE = "数据库正忙（正在写入文件），请稍后再试。"


def is_lock_error(error: Exception) -> bool:
    """SQLite's "database is locked" / "database table is locked", PostgreSQL's lock timeouts."""
    return isinstance(error, OperationalError) and "lock" in str(error).lower()


class DatabaseBusyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_error(exception):
            return None
        logger.warning("database busy answering %s: %s", request.path, exception)
        if wants_json(request):
            response = json_response({"error": MESSAGE, "retry_after": RETRY_AFTER_SECONDS}, status=503)
        else:
            try:
                response = render(request, "503.html", {"message": MESSAGE}, status=503)
            except OperationalError:  # the page's own reads (the signed-in user) may meet the lock too
                response = HttpResponse(f"<!doctype html><title>请稍后再试</title><p>{MESSAGE}</p>", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
