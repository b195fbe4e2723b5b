"""The weights search ranks with, read from one setting (``SEARCH_RANKING``).

Relevance is Whoosh's BM25F; these weights say what else counts, so the
next engineer can see every ranking choice in one place:

- ``lead`` / ``co``: a department typed in the query (发改委) also matches
  the clauses it is responsible for (``snapshot.departments_named``), as a
  match of the filter field ``lead_exact`` or ``department_exact`` with this
  boost — a clause it leads ranks above one where it only takes part.
"""

from __future__ import annotations

from django.conf import settings

_DEFAULTS = {"lead": 2.0, "co": 1.0}


def weight(name: str) -> float:
    return float(getattr(settings, "SEARCH_RANKING", {}).get(name, _DEFAULTS[name]))
