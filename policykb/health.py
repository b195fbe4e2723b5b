"""``/healthz``: may a load balancer send this process requests?

Cheap enough to ask every few seconds: one query and opening the search
index's table of contents. No sign-in, never cached. 200 with
``{"status": "ok"}``, or 503 naming what failed.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from whoosh import index as whoosh_index

from policykb.http import json_response
from search.backend import OPEN_ATTEMPTS, OPEN_RETRY_DELAY

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _search_index() -> None:
    live = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    # Opening would create an empty index where none is; a missing one is a failure.
    if not whoosh_index.exists_in(live):
        raise RuntimeError("no search index (run manage.py search_index)")
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        try:
            whoosh_index.open_dir(live).close()
            return
        except FileNotFoundError:
            # A commit replaced the table of contents between listing and reading it
            # (search/backend.py setup() retries the same race): not a failing index.
            if attempt == OPEN_ATTEMPTS:
                raise
            time.sleep(OPEN_RETRY_DELAY)


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
