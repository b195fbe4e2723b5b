"""The weights search ranks with, read from one setting (``SEARCH_RANKING``).

Relevance is Whoosh's BM25F; these weights say what else counts, so the
next engineer can see every ranking choice in one place:

- ``lead`` / ``co``: a department typed in the query (发改委) also matches
  the clauses it is responsible for (``snapshot.departments_named``), as a
  match of the field ``lead_exact`` (the clauses it leads) and of
  ``responsible`` (every role but a mere mention). Each match adds this
  score as it is (``Ordering.constant_scored``), far above what the words of
  a query score (BM25 gives a word at most its idf × 2.2, about 30 in a
  million clauses): the clauses the department leads come first, then those
  it takes part in, then those that only print its name — by relevance
  within each.
- ``context``: the weight of a match in the clause's document's title or
  文号 (the index field ``context``) against one in the clause's own text
  (1): a clause that says the word comes before one of a document whose
  title says it.
- ``kinds``: each document kind's factor on a clause's score (policy and
  implementing text 1, interpretations and news less), applied by the
  engine to every search (``ordering``).

Results of equal score — and of equal date in a date sort — go by the
document's date (newest first), then the document, then the reading
position: the same in every build of the index.
"""

from __future__ import annotations

from django.conf import settings

from .engine.ordering import Ordering

_DEFAULTS = {"lead": 1000.0, "co": 1000.0, "context": 1.0, "kinds": {}}
RESPONSIBILITY_FIELDS = {"lead": "lead_exact", "co": "responsible"}
TIE_BREAK = (("issued", True), ("document_key", False), ("position", False))


def _setting(name: str):
    return getattr(settings, "SEARCH_RANKING", {}).get(name, _DEFAULTS[name])


def responsibility_weights() -> dict[str, float]:
    """``{"lead": …, "co": …}``: the scores a department's lead and responsible clauses gain (``RESPONSIBILITY_FIELDS``)."""
    return {"lead": float(_setting("lead")), "co": float(_setting("co"))}


def ordering() -> Ordering:
    """The engine's ``Ordering``: the title weighted, responsibility in tiers, document kinds weighted,
    ties broken by date, document, position."""
    return Ordering(also_searched={"context": float(_setting("context"))},
                    constant_scored=frozenset(RESPONSIBILITY_FIELDS.values()),
                    weight_field="kind_exact", weights={kind: float(factor) for kind, factor in _setting("kinds").items()},
                    tie_break=TIE_BREAK)
