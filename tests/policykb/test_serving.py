"""gunicorn's settings for ``make run``: each instance has its own control socket."""

from __future__ import annotations

from pathlib import Path

from .processes import python, run

GUNICORN = str(Path(python()[0]).with_name("gunicorn"))


def _control_socket(tmp_path, data_dir: Path, port: str) -> str:
    result = run([GUNICORN, "policykb.wsgi", "--config", "python:policykb.serving", "--print-config"],
                 data_dir=data_dir, PORT=port, HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    settings = dict(map(str.strip, line.split("=", 1)) for line in result.stdout.splitlines() if "=" in line)
    assert settings["control_socket_disable"] == "False"
    return settings["control_socket"]


def test_each_instance_has_its_own_control_socket_in_its_data_dir(tmp_path):
    first = _control_socket(tmp_path, tmp_path / "a", "8000")
    second = _control_socket(tmp_path, tmp_path / "b", "8000")
    same_dir_other_port = _control_socket(tmp_path, tmp_path / "a", "8001")
    assert Path(first).parent == (tmp_path / "a").resolve()
    assert len({first, second, same_dir_other_port}) == 3
    assert not first.startswith(str(tmp_path / "home"))


def test_the_largest_search_the_budget_allows_fits_in_a_request_line(tmp_path):
    """20 filter values with the longest names the gazetteers hold, and a full search box, reach Django."""
    import json
    from urllib.parse import urlencode

    from django.conf import settings as django_settings

    from search.limits import MAX_FILTERS, MAX_QUERY_LENGTH

    result = run([GUNICORN, "policykb.wsgi", "--config", "python:policykb.serving", "--print-config"],
                 data_dir=tmp_path / "data", PORT="8000", HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    printed = dict(map(str.strip, line.split("=", 1)) for line in result.stdout.splitlines() if "=" in line)
    limit = int(printed["limit_request_line"])

    names = []
    for path in sorted(Path(django_settings.GAZETTEER_DIR).glob("*.json")):
        names += [entry["name"] for entry in json.loads(path.read_text(encoding="utf-8"))]
    longest = max(names, key=lambda name: len(name.encode()))
    query = urlencode([("q", "产" * MAX_QUERY_LENGTH), *[("department", longest)] * MAX_FILTERS,
                       ("sort", "-date"), ("page", "99999"), ("page_size", "100")])
    request_line = f"GET /search/?{query} HTTP/1.1"
    assert len(request_line.encode()) <= limit
