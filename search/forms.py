"""Validating search parameters from a query string, for every search view."""

from __future__ import annotations

from dataclasses import dataclass

from .limits import DEFAULT_PAGE_SIZE, MAX_FILTERS, MAX_PAGE_SIZE
from .query import FACETS
from .selectors import SORTS, SearchRequest


@dataclass
class BadParameter(Exception):
    message: str


_LARGEST_PAGE = 100_000


def _integer(params, name: str, default: int) -> int:
    raw = params.get(name, "")
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()):  # not int(): it reads ٣ and other scripts' digits
        raise BadParameter(f"{name} 必须是正整数，收到的是 “{raw[:20]}”。")
    value = int(raw[:20])
    if value < 1:
        raise BadParameter(f"{name} 必须是正整数，收到的是 {value}。")
    return value


def search_request(params) -> SearchRequest:
    """A ``SearchRequest`` from GET parameters; raises ``BadParameter`` with a message."""
    sort = params.get("sort", "") or "relevance"
    if sort not in SORTS:
        raise BadParameter(f"sort 只能是 {', '.join(SORTS)}。")
    # The same value twice is one filter (390 × year=2021 is year=2021).
    filters = list(dict.fromkeys((name, value) for name in FACETS for value in params.getlist(name)
                                 if value.strip()))
    if len(filters) > MAX_FILTERS:
        raise BadParameter(f"筛选条件最多 {MAX_FILTERS} 个，收到了 {len(filters)} 个。")
    page = _integer(params, "page", 1)
    if page > _LARGEST_PAGE:
        raise BadParameter(f"page 太大（最大 {_LARGEST_PAGE}）。")
    return SearchRequest(
        q=params.get("q", ""),
        filters=filters,
        sort=sort,
        page=page,
        # More than the largest page gives the largest page, as the API documents.
        page_size=min(_integer(params, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE),
    )
