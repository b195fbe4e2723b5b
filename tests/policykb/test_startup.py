"""Production without a secret key: one clear line on stderr and a failing exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .processes import python, run

GUNICORN = str(Path(python()[0]).with_name("gunicorn"))


@pytest.mark.parametrize("command", [
    python("manage.py", "check"),
    python("-c", "import policykb.wsgi"),
    [GUNICORN, "policykb.wsgi", "--config", "python:policykb.serving", "--bind", "127.0.0.1:0"],
], ids=["manage.py", "wsgi", "gunicorn"])
def test_production_without_a_secret_key_refuses_in_one_line(command, tmp_path):
    result = run(command, data_dir=tmp_path, POLICYKB_ENV="production")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists()  # nothing was made up in its place


def test_a_laptop_needs_no_secret_key(tmp_path):
    result = run(python("manage.py", "check"), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
