"""Which gazetteer entry a page address names.

An entry merged into another has no page of its own any more: its address
answers with a permanent redirect to the one it went into (``EntryRedirect``),
so links and citations made before the merge still arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from clauses.models import Department, EntryRedirect, Industry, Region


@dataclass(frozen=True)
class EntryKind:
    key: str  # department, region, industry: the tag kind and the facet that filters by it
    model: type[models.Model]
    noun: str  # what one is called on a page: 部门
    page_name: str  # the route of its page (``search.entries.urls``)
    list_name: str  # the route of the list of all of them

    def find(self, slug: str):
        """(the entry, None), (None, the slug it was merged into) or (None, None)."""
        entry = self.model.objects.filter(slug=slug).first()
        if entry is not None:
            return entry, None
        redirect = EntryRedirect.objects.filter(model=self.model._meta.model_name, slug=slug).first()
        return None, redirect.target_slug if redirect else None


DEPARTMENTS = EntryKind("department", Department, "部门", "entries:department", "entries:departments")
REGIONS = EntryKind("region", Region, "地区", "entries:region", "entries:regions")
INDUSTRIES = EntryKind("industry", Industry, "产业", "entries:industry", "entries:industries")


def link_departments(hits) -> None:
    """Give each responsible department of each search hit its page's slug (``item["slug"]``), in one query.

    Hits hold department names (the index stores names). Names are unique
    within a jurisdiction only: two places' bodies of one name (none in the
    gazetteer today; ingestion could add them) share a facet value, and a
    hit's chip links to one of them.
    """
    items = [item for hit in hits for item in hit.responsible_departments]
    slugs = dict(Department.objects.filter(name__in={item["name"] for item in items}).values_list("name", "slug"))
    for item in items:
        item["slug"] = slugs.get(item["name"], "")
