"""Officials' vocabulary: every name of a department, region or industry finds the others.

工信部 finds 工业和信息化部 and the reverse; 发改委 finds 国家发展和改革委员会;
宜宾 finds 宜宾市. Built from the gazetteer (names and aliases) once per
process and rebuilt when the gazetteer changes.
"""

from __future__ import annotations

import threading

from django.db.models.signals import post_delete, post_save

from clauses.models import (Department, DepartmentAlias, Industry, IndustryAlias, Region,
                            RegionAlias)

_lock = threading.Lock()
_forms: dict[str, set[str]] | None = None
_canonical: dict[str, dict[str, set[str]]] | None = None


def _entity_forms():
    groups = []
    canonical: dict[str, dict[str, set[str]]] = {"department": {}, "region": {}, "industry": {}}
    for kind, model, alias_model, owner in (
            ("department", Department, DepartmentAlias, "department"),
            ("region", Region, RegionAlias, "region"),
            ("industry", Industry, IndustryAlias, "industry")):
        names = dict(model.objects.values_list("pk", "name"))
        forms: dict[int, set[str]] = {pk: {name} for pk, name in names.items()}
        for owner_id, alias in alias_model.objects.values_list(f"{owner}_id", "name"):
            forms.setdefault(owner_id, set()).add(alias)
        for pk, entity_forms in forms.items():
            groups.append(entity_forms)
            for form in entity_forms:
                canonical[kind].setdefault(form, set()).add(names[pk])
    return groups, canonical


def _load() -> None:
    global _forms, _canonical
    groups, canonical = _entity_forms()
    forms: dict[str, set[str]] = {}
    for group in groups:
        for form in group:
            forms.setdefault(form, set()).update(group)
    _forms, _canonical = forms, canonical


def synonyms(word: str) -> list[str]:
    """Other names of whatever ``word`` names, longest first; [] for an ordinary word."""
    with _lock:
        if _forms is None:
            _load()
        others = _forms.get(word, set()) - {word}
    return sorted(others, key=lambda form: (-len(form), form))


def canonical_names(kind: str, name: str) -> list[str]:
    """The canonical name(s) a typed department/region/industry name stands for."""
    with _lock:
        if _canonical is None:
            _load()
        return sorted(_canonical[kind].get(name, set()))


def reset(**_kwargs) -> None:
    global _forms, _canonical
    with _lock:
        _forms = _canonical = None


def connect_signals() -> None:
    for model in (Department, DepartmentAlias, Region, RegionAlias, Industry, IndustryAlias):
        post_save.connect(reset, sender=model, dispatch_uid=f"synonyms-{model.__name__}-save")
        post_delete.connect(reset, sender=model, dispatch_uid=f"synonyms-{model.__name__}-delete")
