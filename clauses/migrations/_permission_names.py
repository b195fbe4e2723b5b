"""Permission names follow the models' Chinese names in databases made before them.

Django names a model's permissions once, when it first creates them
("Can view clause"), and never renames them: a database migrated before the
models had Chinese verbose names would keep "Can view clause" in the groups'
and users' permission lists. This renames them as Django names them in a new
database ("Can view 条款"), from the models as this migration sees them.
(The migration loader skips modules whose name starts with an underscore.)
"""

from __future__ import annotations

_ACTIONS = ("add", "change", "delete", "view")  # Django's default permissions


def rename_permissions(app_label: str):
    """A RunPython function: ``app_label``'s permissions named in Chinese, as its models' options say."""

    def rename(apps, schema_editor):
        try:
            Permission = apps.get_model("auth", "Permission")
        except LookupError:
            return
        for model in apps.get_app_config(app_label).get_models():
            opts = model._meta
            # As django.contrib.auth.management.create_permissions names them.
            names = {f"{action}_{opts.model_name}": f"Can {action} {opts.verbose_name_raw}" for action in _ACTIONS}
            names.update(dict(opts.permissions))
            for codename, name in names.items():
                Permission.objects.filter(content_type__app_label=app_label, content_type__model=opts.model_name,
                                          codename=codename).update(name=name)

    return rename
