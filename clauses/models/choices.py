"""Django choices built from the enums parsing defines, so a value is defined once.

Parsing imports nothing from Django, so the roles, clause kinds, document
levels, document kinds and relation kinds are plain enums there
(``clauses.parsing.types``); the models add the labels editors and readers
see. A member without a label is an error at import.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models


def every_member(values: type[StrEnum], labels: dict[StrEnum, str], *, qualname: str) -> dict[StrEnum, str]:
    """``labels`` itself, once it is checked to give every member of ``values`` exactly one label."""
    unlabelled = [member.value for member in values if member not in labels]
    if unlabelled or len(labels) != len(values):
        raise ValueError(f"{qualname}: every member of {values.__name__} needs exactly one label "
                         f"(unlabelled: {unlabelled})")
    return labels


def labelled(values: type[StrEnum], labels: dict[StrEnum, str], *, module: str,
             qualname: str) -> type[models.TextChoices]:
    """``values``' members, in their order, as ``TextChoices`` with ``labels``.

    ``module`` and ``qualname`` say where the choices class is defined, as
    for a class statement (``__name__``, ``"Clause.Kind"``).
    """
    every_member(values, labels, qualname=qualname)
    return models.TextChoices(qualname.rsplit(".", 1)[-1],
                              [(member.name, (member.value, labels[member])) for member in values],
                              module=module, qualname=qualname)
