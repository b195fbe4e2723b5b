"""One document added as an editor adds it: uploaded in the admin, previewed and confirmed, over HTTP.

``make bench-ingest`` times adding a document to a large collection this
way because it is what an editor waits for: the confirm request parses,
stores and indexes the document and updates its related-clause suggestions,
in a serving worker that is already warm (jieba, the lexicon and the index
loaded by earlier requests). ``manage.py ingest`` of one file pays for
starting a process too.

The server is gunicorn as ``make run`` starts it, with one worker, so that
the warm-up upload and the timed ones reach the same process. The client is
the standard library's: ``make bench-ingest`` needs no dev requirements.
"""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.process import ROOT

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_BATCH = re.compile(r"/upload/([0-9a-f-]{36})/$")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # each step's own response is timed; the client follows what it needs


class AdminClient:
    """A signed-in editor's browser, reduced to the requests an upload makes."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _NoRedirect())

    def request(self, path: str, data: bytes | None = None, content_type: str | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request; redirects are not followed."""
        headers = {"Referer": self.base + path}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers),
                                  timeout=600) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as response:  # 3xx and errors alike
            return response.code, response.read().decode(errors="replace"), response.headers.get("Location", "")

    def csrf(self, path: str) -> str:
        status, body, _ = self.request(path)
        found = _CSRF.search(body)
        if status != 200 or not found:
            raise RuntimeError(f"no form at {path} (HTTP {status})")
        return found.group(1)

    def sign_in(self, username: str, password: str) -> None:
        token = self.csrf("/admin/login/")
        fields = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username,
                                         "password": password, "next": "/admin/"}).encode()
        status, _, location = self.request("/admin/login/", fields, "application/x-www-form-urlencoded")
        if status != 302 or "/login/" in location:
            raise RuntimeError(f"could not sign in as {username} (HTTP {status})")

    def upload(self, path: Path) -> dict:
        """Upload, preview and confirm ``path``; the seconds of each step."""
        token = self.csrf("/admin/clauses/document/upload/")
        body, content_type = _multipart({"csrfmiddlewaretoken": token}, "files", path)
        seconds = {}
        started = time.perf_counter()
        status, page, location = self.request("/admin/clauses/document/upload/", body, content_type)
        seconds["upload"] = time.perf_counter() - started
        batch = _BATCH.search(urllib.parse.urlparse(location).path) if status == 302 else None
        if batch is None:
            raise RuntimeError(f"{path.name} was not staged (HTTP {status}): {page[-1500:]}")
        preview = f"/admin/clauses/document/upload/{batch.group(1)}/"
        started = time.perf_counter()
        token = self.csrf(preview)
        seconds["preview"] = time.perf_counter() - started
        fields = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
        started = time.perf_counter()
        status, page, location = self.request(preview + "confirm/", fields, "application/x-www-form-urlencoded")
        seconds["confirm"] = time.perf_counter() - started
        if status != 302 or "/upload/" in location:
            raise RuntimeError(f"{path.name} was not stored (HTTP {status}, to {location})")
        return {name: round(value, 3) for name, value in seconds.items()}


def _multipart(fields: dict[str, str], file_field: str, path: Path) -> tuple[bytes, str]:
    boundary = f"----policykb-bench-{secrets.token_hex(8)}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    filename = urllib.parse.quote(path.name)
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                 f"filename*=UTF-8''{filename}; filename=\"{filename}\"\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + path.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(env: dict):
    """gunicorn as ``make run`` starts it, with one worker, on a free port; yields its base URL."""
    port = _free_port()
    # The server's log goes to a file: a pipe nobody reads while it serves would fill and stop it.
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "policykb.wsgi", "--config", "python:policykb.serving",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "600"],
        cwd=ROOT, env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"gunicorn did not start:\n{log.read()[-3000:]}") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
