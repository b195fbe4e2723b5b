"""The search form: a query string's parameters, validated within the budget of ``search.limits``.

Every search view (page, JSON, CSV) binds ``SearchForm`` to ``request.GET``;
a bad parameter is answered 400 with the first error in the order the
fields are declared, so a request with several says the same thing everywhere.
"""

from __future__ import annotations

from django import forms

from .limits import DEFAULT_PAGE_SIZE, MAX_FILTERS, MAX_PAGE_SIZE
from .facet_table import FACETS
from .selectors import SORTS, SearchRequest

_LARGEST_PAGE = 100_000


class _FacetFilters(forms.Widget):
    """Reads every facet's parameters (``region=宜宾&region=泸州&year=2022``), not one named field."""

    def value_from_datadict(self, data, files, name):
        return [(facet, value) for facet in FACETS for value in data.getlist(facet)]


class FiltersField(forms.Field):
    widget = _FacetFilters

    def to_python(self, value):
        # The same value twice is one filter (390 × year=2021 is year=2021).
        return list(dict.fromkeys((name, text) for name, text in value or [] if text.strip()))

    def validate(self, value):
        if len(value) > MAX_FILTERS:
            raise forms.ValidationError(f"筛选条件最多 {MAX_FILTERS} 个，收到了 {len(value)} 个。")


class PositiveNumberField(forms.Field):
    """A positive whole number in ASCII digits; its label is the parameter's name in messages."""

    def __init__(self, *, default: int, maximum: int | None = None, **kwargs):
        super().__init__(required=False, **kwargs)
        self.default, self.maximum = default, maximum

    def to_python(self, value):
        if value in self.empty_values:
            return self.default
        if not (value.isascii() and value.isdigit()):  # not int(): it reads ٣ and other scripts' digits
            raise forms.ValidationError(f"{self.label} 必须是正整数，收到的是 “{value[:20]}”。")
        number = int(value[:20])
        if number < 1:
            raise forms.ValidationError(f"{self.label} 必须是正整数，收到的是 {number}。")
        if self.maximum is not None and number > self.maximum:
            raise forms.ValidationError(f"{self.label} 太大（最大 {self.maximum}）。")
        return number


class SearchForm(forms.Form):
    # Not CharField: the box is read as typed (query.py bounds and reads it), never stripped or refused.
    q = forms.Field(required=False)
    sort = forms.ChoiceField(choices=[(name, name) for name in SORTS], required=False,
                             error_messages={"invalid_choice": f"sort 只能是 {', '.join(SORTS)}。"})
    filters = FiltersField(required=False)
    page = PositiveNumberField(label="page", default=1, maximum=_LARGEST_PAGE)
    page_size = PositiveNumberField(label="page_size", default=DEFAULT_PAGE_SIZE)

    def error_message(self) -> str:
        """The first thing wrong with the request, in the order of the fields."""
        return next(iter(self.errors.values()))[0]

    def search_request(self) -> SearchRequest:
        """The validated request for ``search.selectors.search``."""
        data = self.cleaned_data
        return SearchRequest(
            q=data["q"] or "",
            filters=data["filters"],
            sort=data["sort"] or "relevance",
            page=data["page"],
            # More than the largest page gives the largest page, as the API documents.
            page_size=min(data["page_size"], MAX_PAGE_SIZE),
        )
