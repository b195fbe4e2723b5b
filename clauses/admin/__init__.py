"""The editors' admin, one module per concern (Django imports this package)."""

from . import clauses, documents, gazetteer, related  # noqa: F401  (registers the admin classes)
