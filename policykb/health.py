"""``/healthz``: may a load balancer send this process requests?

Cheap enough to ask every few seconds: one query and opening the search
index's table of contents. No sign-in, never cached. 200 with
``{"status": "ok"}``, or 503 naming what failed.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from haystack import connections

from policykb.http import json_response

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _search_index() -> None:
    connections["default"].get_backend().check_opens()


CHECKS = {"database": _database, "search_index": _search_index}
# What a caller is told; the error itself (paths, host names) goes to the log only.
FAILURES = {"database": "the database does not answer", "search_index": "the search index does not open"}


@never_cache
@require_GET
def healthz(request):
    failed = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure is an answer here, never a 500
            logger.warning("health check %s failed: %s", name, error)
            failed[name] = FAILURES[name]
    if failed:
        return json_response({"status": "failing", "failed": failed}, status=503)
    return json_response({"status": "ok"})
