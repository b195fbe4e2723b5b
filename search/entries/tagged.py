"""A region's or an industry's clauses: a search filtered by it, newest documents first.

The index already rolls tags up (a clause tagged 宜宾市 is found under 四川省,
one tagged 锂电池 under its sector), so the page is the search's filter and
agrees with its facets by construction. What the page adds is why a clause
is there when it is not tagged with the entry itself: "via 宜宾市".
"""

from __future__ import annotations

from dataclasses import dataclass

from clauses.gazetteer import snapshot
from clauses.models import Industry, Region

from .. import limits
from ..selectors import Hit, SearchOutcome, SearchRequest, search
from .filters import PageFilters
from .lookup import link_departments


@dataclass
class TaggedHit:
    hit: Hit
    via: list[str]  # the clause's own tags through which it is found under the entry; [] if tagged with it


def tagged_clauses(kind: str, entry, filters: PageFilters, page: int) -> tuple[SearchOutcome, list[TaggedHit]]:
    """The clauses the entry's facet value finds, with the page's filters; raises ``PageOutOfRange``."""
    request = SearchRequest(filters=[(kind, entry.name), *filters.typed], sort="date", page=page,
                            page_size=limits.ENTRY_PAGE_SIZE)
    outcome = search(request)
    link_departments(outcome.hits)
    gazetteer = snapshot.current()
    if kind == "region":
        tags, model, rolled_up = (lambda hit: hit.regions), Region, gazetteer.region_names
    else:
        tags, model, rolled_up = (lambda hit: hit.industries), Industry, gazetteer.industry_names
    return outcome, [TaggedHit(hit, [] if entry.name in tags(hit)
                               else _through(model, rolled_up, tags(hit), entry.name)) for hit in outcome.hits]


def _through(model, rolled_up, tagged: list[str], name: str) -> list[str]:
    """Those of the clause's ``tagged`` entries whose roll-up (``rolled_up(pk)``: names) reaches ``name``."""
    ids = dict(model.objects.filter(name__in=tagged).values_list("name", "pk"))
    return [entry for entry in tagged if entry in ids and name in rolled_up(ids[entry])]
