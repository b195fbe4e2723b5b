"""Posting Django admin change forms as a browser would: helpers for tests."""

from __future__ import annotations


def _value(value):
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def change_form_data(response) -> dict:
    """The POST data the admin change page in ``response`` would send, untouched."""
    context = response.context
    data = {}
    form = context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None:
            data[name] = _value(value)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = _value(management.initial.get(name, management[name].value()))
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
        for form in formset.initial_forms:
            for name in form.fields:
                value = form.initial.get(name)
                if value is None and name == "id":
                    value = form.instance.pk
                if name == form._meta.model._meta.get_field("clause").name:
                    value = form.instance.clause_id
                if value is not None:
                    data[f"{form.prefix}-{name}"] = _value(value)
    return data


def add_inline_row(data: dict, prefix: str, clause_id: int, **fields) -> None:
    """Fill the next empty row of inline ``prefix``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-{index}-clause"] = str(clause_id)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = _value(value)
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def delete_inline_row(data: dict, prefix: str, link_id: int) -> None:
    """Tick DELETE on the inline row holding ``link_id``."""
    for key, value in list(data.items()):
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(link_id):
            data[key[: -len("id")] + "DELETE"] = "on"
            return
    raise AssertionError(f"no row {link_id} in {prefix}")
