"""Search tests run against a real Whoosh index of the ingested seeds.

``seeded_index`` gives a test class one copy of it, for tests that only read;
``indexed_seeds`` (tests/conftest.py) gives a test its own, for tests that write.
Both come from the seeds ingested and indexed once per run (``seeded_template``).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from haystack import connections


@pytest.fixture(scope="class")
def seeded_index(seeded_template, django_db_blocker, tmp_path_factory):
    index_dir = seeded_template.copy_index(tmp_path_factory.mktemp("seeded-index"))
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(index_dir / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        with django_db_blocker.unblock(), transaction.atomic():
            seeded_template.indexed.restore()
            yield index_dir
            transaction.set_rollback(True)
    connections.reload("default")
