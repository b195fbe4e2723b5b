"""Browser tests: Playwright driving Debian's Chromium against a live test server.

The browser is the system one (``/usr/bin/chromium``, installed by
``.ci/run``); Playwright never downloads its own. Set ``POLICYKB_CHROMIUM``
to use another binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from haystack import connections

# Playwright's sync API keeps an event loop on the test thread; the ORM calls
# the tests make there are ordinary blocking calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("POLICYKB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where a test puts screenshots for a person to look at: ``$POLICYKB_SCREENSHOT_DIR``, else its temp dir."""
    directory = Path(os.environ.get("POLICYKB_SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="session")
def browser_index_dir(tmp_path_factory):
    """One index path for the whole session: the live server thread keeps its backend."""
    index_dir = tmp_path_factory.mktemp("browser-index")
    options = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(index_dir / "current")}
    with override_settings(HAYSTACK_CONNECTIONS={"default": options}):
        connections.reload("default")
        yield index_dir
    connections.reload("default")


@pytest.fixture
def seeded_site(browser_index_dir, transactional_db, live_server, gazetteer_tables, seeded_template):
    """The five seeds ingested and indexed, served by a live server.

    A transactional test empties every table afterwards, gazetteer included,
    so each one puts the gazetteer back if it is gone, then the ingested seeds
    (committed), and builds the index of the live server from them.
    """
    with transaction.atomic():
        if not gazetteer_tables.present():
            gazetteer_tables.restore()
        seeded_template.indexed.restore()
    call_command("search_index", "--rebuild", verbosity=0)
    return live_server
