"""The whole collection at a glance: each entry's clauses as the search counts them (its facets, rolled up).

The home page and the entry lists count from the index, so the number beside
四川省 is the number its page lists.
"""

from __future__ import annotations

from ..selectors import SearchRequest, search
from .lookup import DEPARTMENTS, INDUSTRIES, REGIONS


def collection_facets(*names: str) -> dict[str, dict[str, int]]:
    """The whole collection's counts of these facets, as the search page shows them."""
    outcome = search(SearchRequest(page_size=1))
    return {name: dict(outcome.facets.get(name, [])) for name in names}


def top_entries(limit: int = 12) -> dict[str, list[dict]]:
    """The departments leading most clauses, and the regions and industries with most clauses: name, slug, count."""
    facets = collection_facets("lead", "region", "industry")
    top = {}
    for key, facet, kind in (("leads", "lead", DEPARTMENTS), ("regions", "region", REGIONS),
                             ("industries", "industry", INDUSTRIES)):
        counts = sorted(facets[facet].items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
        slugs = dict(kind.model.objects.filter(name__in=[name for name, _ in counts]).values_list("name", "slug"))
        top[key] = [{"name": name, "slug": slugs.get(name, ""), "count": count} for name, count in counts]
    return top
