"""The document reader's pages: a long document is read one page at a time.

A page holds at most ``PAGE_SIZE`` clauses and breaks between top-level
units (a part with everything under it, an attachment, the preface, the
signature), so a part is not cut in two unless it alone is longer than a
page. Every real document fits one page, whose address stays ``/d/<slug>/``;
later pages are ``/d/<slug>/?page=N``. Pages are computed from the clauses'
order and parent only, so finding the page of a clause costs one small query
however long the document is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from django.urls import reverse

from clauses.models import Clause

# Clauses on one reader page: a page of this many clauses with their tags
# renders in well under a second and a few MB.
PAGE_SIZE = 200


@dataclass(frozen=True)
class ReaderPage:
    number: int
    first_order: int
    last_order: int


def split_into_pages(rows: list[tuple[int, bool]], page_size: int = PAGE_SIZE) -> list[tuple[int, int]]:
    """(first order, last order) of each page, from (order, starts a top-level unit) in reading order."""
    units: list[list[int]] = []
    for order, top_level in rows:
        if top_level or not units:
            units.append([])
        units[-1].append(order)
    pages: list[list[int]] = [[]]
    for unit in units:
        if pages[-1] and len(pages[-1]) + len(unit) > page_size:
            pages.append([])
        for order in unit:  # a unit longer than a page fills pages of its own
            if len(pages[-1]) == page_size:
                pages.append([])
            pages[-1].append(order)
    return [(page[0], page[-1]) for page in pages if page]


def document_pages(document_id: int) -> list[ReaderPage]:
    """The reader pages of a document's current clauses (at least one, perhaps empty)."""
    rows = (Clause.objects.current().filter(document_id=document_id).order_by("order")
            .values_list("order", "parent_id"))
    bounds = split_into_pages([(order, parent_id is None) for order, parent_id in rows]) or [(0, -1)]
    return [ReaderPage(number, first, last) for number, (first, last) in enumerate(bounds, start=1)]


def page_number_of(pages: list[ReaderPage], order: int) -> int:
    """The page a clause of this order is on (the last page for a clause beyond them)."""
    index = bisect.bisect_right([page.first_order for page in pages], order) - 1
    return pages[max(index, 0)].number


def reader_url(slug: str, page: int, key: str = "") -> str:
    """The reader page's address, with the clause's anchor if one is given."""
    query = f"?page={page}" if page > 1 else ""
    return f"{reverse('document', kwargs={'slug': slug})}{query}{'#' + key if key else ''}"


def requested_page(pages: list[ReaderPage], value: str | None) -> ReaderPage | None:
    """The page a ``?page=`` value names (the first without one), or None if there is no such page."""
    if value is None:
        return pages[0]
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return pages[number - 1] if 1 <= number <= len(pages) else None


def page_links(request, page: ReaderPage, pages: list[ReaderPage]) -> dict:
    """Where a JSON reader page stands, and the absolute links to its neighbours."""
    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {"page": page.number, "num_pages": len(pages), "page_size": PAGE_SIZE,
            "previous": link(page.number - 1) if page.number > 1 else None,
            "next": link(page.number + 1) if page.number < len(pages) else None}
