"""Reading the tag history (django-simple-history) as editors want it: who, when, what."""

from __future__ import annotations

from clauses.models import TAG_KINDS, Clause, ClauseDepartment

_ACTIONS = {"+": "添加", "~": "修改", "-": "删除"}
_TRACKED = ("role", "status", "origin")
_VALUE_LABELS = {**dict(ClauseDepartment.Role.choices), **dict(ClauseDepartment.Status.choices),
                 **dict(ClauseDepartment.Origin.choices)}


def tag_changes(*, clause_ids: list[int] | None = None, editors_only: bool = False,
                limit: int | None = None) -> list[dict]:
    entries = []
    for kind in TAG_KINDS:
        model, field, target_model, label = kind.link, kind.key, kind.entry, kind.label
        records = model.history.select_related("history_user").order_by("-history_date")
        if clause_ids is not None:
            records = records.filter(clause_id__in=clause_ids)
        if editors_only:
            records = records.filter(history_user__isnull=False)
        if limit:
            records = records[:limit]
        records = list(records)
        names = dict(target_model.objects.filter(
            pk__in={getattr(record, f"{field}_id") for record in records}).values_list("pk", "name"))
        for record in records:
            previous = record.prev_record if record.history_type == "~" else None
            changes = []
            if previous is not None:
                for change in record.diff_against(previous).changes:
                    if change.field in _TRACKED:
                        changes.append((change.field, _VALUE_LABELS.get(change.old, change.old),
                                        _VALUE_LABELS.get(change.new, change.new)))
            entries.append({
                "when": record.history_date, "who": record.history_user, "action": _ACTIONS[record.history_type],
                "kind": label, "tag": names.get(getattr(record, f"{field}_id"), "（已合并或删除）"),
                "role": _VALUE_LABELS.get(getattr(record, "role", ""), ""),
                "status": _VALUE_LABELS.get(record.status, record.status), "clause_id": record.clause_id,
                "changes": changes,
            })
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    entries = entries[:limit] if limit else entries
    clauses = {clause.pk: clause for clause in Clause.objects.filter(
        pk__in={entry["clause_id"] for entry in entries}).select_related("document")}
    for entry in entries:
        entry["clause"] = clauses.get(entry["clause_id"])
    return entries
