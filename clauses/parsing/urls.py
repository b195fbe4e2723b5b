"""What counts as a web address a document may link to: one definition for ingest and for pages."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL with a host, written without spaces or control characters.

    Browsers drop tabs and newlines inside a URL and strip spaces around it
    (``java\\tscript:``), so such a value is refused outright rather than judged.
    """
    if not value or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
