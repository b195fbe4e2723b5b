"""Choosing a gazetteer entry or a document by typing its name, wherever the admin asks for one.

A national gazetteer holds tens of thousands of departments and every county
of China: no list or <select> of them all is usable, nor fast. The admin's
own autocomplete (select2 over ``AutocompleteJsonView``, the widget the tag
inlines use) answers instead, and this module gives it what editors need:

- results ranked by how well they match (the name itself, then names that
  begin with what was typed), then from the nation down (a ministry, the
  provinces' bodies, a city's, a county's), shorter names first — not
  alphabetically: typing 财政 must show 财政部 and the 财政厅 before three
  thousand 某县财政局;
- labels that tell namesakes apart: a body recorded as printed (市财政局)
  is labelled with its place, 市财政局（宜宾市）;
- ``picker``: the same select2 box outside a form, for the list filters.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from clauses.models import Clause, Department, Region


def choice_label(entry) -> str:
    """What an editor picks ``entry`` by: its name, with its place when the name does not say it."""
    if isinstance(entry, Department) and entry.jurisdiction_id:
        place = entry.jurisdiction
        if place.kind != Region.Kind.NATION and place.name not in entry.name:
            return f"{entry.name}（{place.name}）"
    return str(entry)


def ranked_by_match(queryset, term: str, *, field: str = "name", other_names: Q | None = None,
                    tiers: tuple[str, list] | None = None):
    """``queryset`` (already narrowed to ``term``) best match first: the name itself, or another name
    of the entry (``other_names``: a short name, an alias, that is exactly ``term``); then names that
    begin with it; then the rest. Within each, by ``tiers`` — (field, values in the order wanted),
    e.g. national bodies before provincial ones before a county's — then shorter names first."""
    term = term.strip()
    if not term:
        return queryset
    exact = Q(**{field: term}) | (other_names or Q(pk__in=[]))
    closeness = Case(When(exact, then=Value(0)), When(**{f"{field}__startswith": term}, then=Value(1)),
                     default=Value(2), output_field=IntegerField())
    tier = Value(0)
    if tiers:
        tier_field, values = tiers
        tier = Case(*(When(**{tier_field: value}, then=Value(rank)) for rank, value in enumerate(values)),
                    default=Value(len(values)), output_field=IntegerField())
    return queryset.annotate(match_closeness=closeness, match_tier=tier, name_length=Length(field)).order_by(
        "match_closeness", "match_tier", "name_length", field)


class AutocompleteResults(AutocompleteJsonView):
    """The admin's autocomplete answers, labelled by ``choice_label``."""

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": choice_label(obj)}


# Submits a picker's form when an entry is chosen or cleared (static: the CSP allows no inline script).
_SUBMIT_ON_CHOICE = forms.Media(js=("admin/js/jquery.init.js", "clauses/autocomplete_filter.js"),
                                css={"screen": ("clauses/autocomplete_filter.css",)})


class PickerMedia:
    """A ModelAdmin mixin: its list pages have pickers (select2, Django's autocomplete, the submit script)."""

    @property
    def media(self):
        # Any foreign key gives the same files: the widget's media depends only on the language.
        widget = AutocompleteSelect(Clause._meta.get_field("document"), self.admin_site)
        return super().media + widget.media + _SUBMIT_ON_CHOICE


def picker(field, admin_site, *, name: str, chosen=None, placeholder: str = ""):
    """A select2 box named ``name`` that looks up what ``field`` (a foreign key or many-to-many) points
    to through the admin's autocomplete, with ``chosen`` (an entry, or None) selected."""
    widget = AutocompleteSelect(field, admin_site)
    attrs = widget.build_attrs(widget.attrs, {"name": name, "id": f"id_picker_{name}", "data-width": "100%"})
    # Django leaves the placeholder empty so that its clear button works; a filter says what to type.
    attrs["data-placeholder"] = placeholder
    option = (format_html('<option value="{}" selected>{}</option>', chosen.pk, choice_label(chosen))
              if chosen is not None else mark_safe('<option value=""></option>'))
    return format_html("<select{}>{}</select>", flatatt(attrs), option)
