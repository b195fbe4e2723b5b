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
    tags = (lambda hit: hit.regions) if kind == "region" else (lambda hit: hit.industries)
    through = _region_through if kind == "region" else _industry_through
    return outcome, [TaggedHit(hit, [] if entry.name in tags(hit) else through(tags(hit), entry.name))
                     for hit in outcome.hits]


def _region_through(tagged: list[str], name: str) -> list[str]:
    gazetteer = snapshot.current()
    ids = dict(Region.objects.filter(name__in=tagged).values_list("name", "pk"))
    return [region for region in tagged if region in ids and name in gazetteer.region_names(ids[region])]


def _industry_through(tagged: list[str], name: str) -> list[str]:
    gazetteer = snapshot.current()
    ids = dict(Industry.objects.filter(name__in=tagged).values_list("name", "pk"))
    return [industry for industry in tagged if industry in ids and name in gazetteer.industry_names(ids[industry])]
