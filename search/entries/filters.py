"""The filters of an entry's page (document, year, region, industry), read as search reads them.

A value is resolved by its facet (``facet_table``): an alias, a traditional
form or a 文号-less slug finds what the search's filter would. A value that
names nothing is a problem for the page to show (400), never an empty list
that looks like an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..facet_filters import clause_filter
from ..limits import MAX_FILTERS
from ..selectors import canonical_filter

PAGE_FILTERS = ("document", "year", "region", "industry")
_MAX_VALUE_LENGTH = 100


@dataclass
class PageFilters:
    typed: list[tuple[str, str]] = field(default_factory=list)  # as given: for links and the form
    resolved: list[tuple[str, list[str]]] = field(default_factory=list)  # canonical values
    problem: str = ""

    def clause_q(self, path: str = "clause__"):
        """The filters in the database (``facet_filters``), on rows ``path`` leads from to their clause."""
        return clause_filter(self.resolved, path)

    @property
    def values(self) -> dict[str, str]:
        """Each filter's value as typed (the form shows them)."""
        return dict(self.typed)


def read_filters(params, names: tuple[str, ...] = PAGE_FILTERS, *, room: int = MAX_FILTERS) -> PageFilters:
    """The page's filters from the request's parameters, at most ``room`` of them; the first value that names
    nothing is the problem."""
    filters = PageFilters()
    for name in names:
        for value in params.getlist(name):
            value = value.strip()
            if not value:
                continue
            if len(filters.typed) >= room:
                filters.problem = filters.problem or f"筛选条件过多，最多 {room} 个。"
                continue
            if len(value) > _MAX_VALUE_LENGTH:
                filters.problem = filters.problem or f"筛选值过长（最多 {_MAX_VALUE_LENGTH} 字）。"
                continue
            values, refusal = canonical_filter(name, value)
            if refusal:
                filters.problem = filters.problem or f"{refusal}。"
                continue
            filters.typed.append((name, value))
            filters.resolved.append((name, values))
    return filters
