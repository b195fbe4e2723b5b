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
