"""An alias saved in one process is known to a serving process on its next request, without a restart.

gunicorn serves a populated data directory as ``make run`` serves it; the
alias is saved by a separate ``manage.py`` process, as another worker or an
editor's command would save it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.data_dirs import environment, manage

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NEW_ALIAS = "戎州"  # Yibin's old name: in no seed text, so only the alias can find its clauses

SAVE_THE_ALIAS = f"""
from clauses.models import Region, RegionAlias
RegionAlias.objects.create(region=Region.objects.get(name="宜宾市"), name="{NEW_ALIAS}")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(populated_data_dir):
    """One gunicorn worker with threads, as ``make run`` starts each of its workers."""
    port = _free_port()
    process = subprocess.Popen(
        [GUNICORN, "policykb.wsgi", "--config", "python:policykb.serving", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4"],
        env={**environment(populated_data_dir), "PORT": str(port)}, cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"gunicorn ended:\n{process.stderr.read()}") from None
            if time.monotonic() > deadline:
                raise AssertionError("gunicorn did not answer within 60 s") from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)
    process.stderr.close()


def _search(base: str, **params) -> dict:
    with urllib.request.urlopen(f"{base}/api/search/?{urllib.parse.urlencode(params)}", timeout=30) as response:
        return json.loads(response.read())


def test_an_alias_saved_by_another_process_finds_clauses_on_the_next_request(server, populated_data_dir):
    yibin = _search(server, q="宜宾")["count"]
    assert yibin > 0
    assert _search(server, q=NEW_ALIAS)["count"] == 0  # the worker has read the gazetteer, without it
    assert _search(server, region=NEW_ALIAS)["count"] == 0

    manage(populated_data_dir, "shell", "-c", SAVE_THE_ALIAS)

    assert _search(server, q=NEW_ALIAS)["count"] == yibin  # 戎州 finds 宜宾市 and 宜宾
    assert _search(server, region=NEW_ALIAS)["count"] == _search(server, region="宜宾市")["count"] > 0
