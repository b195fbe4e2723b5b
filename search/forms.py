"""Validating search parameters from a query string, for every search view."""

from __future__ import annotations

from dataclasses import dataclass

from .query import FACETS
from .selectors import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORTS, SearchRequest


@dataclass
class BadParameter(Exception):
    message: str


_LARGEST = 100_000


def _integer(params, name: str, default: int) -> int:
    raw = params.get(name, "")[:20]
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"{name} 必须是正整数，收到的是 “{raw[:20]}”。") from None
    if value < 1:
        raise BadParameter(f"{name} 必须是正整数，收到的是 {value}。")
    if value > _LARGEST:
        raise BadParameter(f"{name} 太大（最大 {_LARGEST}）。")
    return value


def search_request(params) -> SearchRequest:
    """A ``SearchRequest`` from GET parameters; raises ``BadParameter`` with a message."""
    sort = params.get("sort", "") or "relevance"
    if sort not in SORTS:
        raise BadParameter(f"sort 只能是 {', '.join(SORTS)}。")
    filters = [(name, value) for name in FACETS for value in params.getlist(name) if value.strip()]
    return SearchRequest(
        q=params.get("q", ""),
        filters=filters,
        sort=sort,
        page=_integer(params, "page", 1),
        page_size=min(_integer(params, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE),
    )
