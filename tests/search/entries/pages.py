"""Reading every page of an entry's JSON twin, as a client would."""

from __future__ import annotations


def every_page(client, url: str, params=None) -> list[dict]:
    """The ``clauses`` of every page of ``url``, in order (``params``: a dict or a list of pairs)."""
    pairs = list(params.items()) if isinstance(params, dict) else list(params or [])
    rows, page = [], 1
    while True:
        body = client.get(url, [*pairs, ("page", page)]).json()
        rows += body["clauses"]
        if page >= body["num_pages"]:
            assert len(rows) == body["count"]
            return rows
        page += 1
