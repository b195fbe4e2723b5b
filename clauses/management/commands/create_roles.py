"""``manage.py create_roles`` — the ``editor`` group and what it may do.

Editors change tags, confirm or reject related-clause suggestions, manage
aliases and upload documents — new ones, and new versions of stored ones,
each previewed clause by clause before they confirm it (a version's old
wording stays in its clauses' versions, its permalinks and editors' tags
stay). They see documents and gazetteer entries but cannot delete
documents, edit a document's text or metadata in place, or merge entries
(admins — superusers — can).
Idempotent: running it again resets the group to exactly these permissions.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

EDITOR_GROUP = "editor"
EDITOR_PERMISSIONS = [
    # Read everything in the knowledge base.
    *[f"view_{model}" for model in ("document", "documentrelation", "clause", "clausedepartment", "clauseregion",
                                    "clauseindustry", "relatedclause", "department", "region", "industry",
                                    "departmentalias", "regionalias", "industryalias")],
    # Upload documents in the admin: a preview first, stored only when the editor confirms.
    "upload_document",
    # The clause page (its tags; the text is read-only for everyone).
    "change_clause",
    *[f"{action}_{model}" for action in ("add", "change", "delete")
      for model in ("clausedepartment", "clauseregion", "clauseindustry")],
    "change_relatedclause",
    # Aliases, edited on the gazetteer entries' pages.
    "change_department", "change_region", "change_industry",
    *[f"{action}_{model}" for action in ("add", "change", "delete")
      for model in ("departmentalias", "regionalias", "industryalias")],
]


def ensure_editor_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    permissions = list(Permission.objects.filter(content_type__app_label="clauses", codename__in=EDITOR_PERMISSIONS))
    missing = set(EDITOR_PERMISSIONS) - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"permissions not found (migrate first?): {', '.join(sorted(missing))}")
    group.permissions.set(permissions)
    return group


class Command(BaseCommand):
    help = "Create (or reset) the editor group. Admins are Django superusers (createsuperuser)."

    def handle(self, *args, verbosity, **options):
        group = ensure_editor_group()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Group '{group.name}' has {group.permissions.count()} permissions. "
                f"Add editors with: manage.py shell -c \"...user.groups.add(Group.objects.get(name='editor'))\" "
                f"or in /admin/auth/user/."))
