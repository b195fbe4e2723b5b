"""The admin site, its index grouped the way editors think rather than by Django app.

Django lists models by app, alphabetically: clauses, documents, gazetteers and
suggestions all under 条款库, users under 认证和授权. Editors look for the texts,
the gazetteers (名录), what links texts, and the people. ``GROUPS`` says which
models go where, in which order; a registered model no group names keeps its
app's own section, so nothing registered is ever hidden. An app's own page
(/admin/clauses/) stays Django's.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# (section key for the page's CSS, heading, models as "app_label.ModelName" in the order shown)
GROUPS = (
    ("texts", "条款与文件", ("clauses.Clause", "clauses.Document")),
    ("gazetteers", "名录", ("clauses.Department", "clauses.Region", "clauses.Industry")),
    ("relations", "关系与建议", ("clauses.RelatedClause", "clauses.DocumentRelation")),
    ("users", "用户", ("auth.User", "auth.Group")),
)


class PolicyKBAdminSite(admin.AdminSite):
    # The site's own name, as its public pages give it (templates/base.html), not "Django 管理".
    site_header = "产业转移政策条款库 · 管理"
    site_title = "PolicyKB 管理"

    def autocomplete_view(self, request):
        # Labels that tell namesakes apart (市财政局（宜宾市）); imported here, once the models are ready.
        from clauses.admin.autocomplete import AutocompleteResults

        return AutocompleteResults.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        if app_label is not None:
            return super().get_app_list(request, app_label)
        apps = super().get_app_list(request)
        by_name = {_name(model): model for app in apps for model in app["models"]}
        grouped, placed = [], set()
        for key, heading, names in GROUPS:
            # Only what this user may see: Django left out the models they have no permission for.
            models = [by_name[name] for name in names if name in by_name]
            if not models:
                continue
            placed.update(names)
            grouped.append({"name": heading, "app_label": key, "has_module_perms": True, "models": models,
                            # The section's heading links to its first list (it has no app page of its own).
                            "app_url": models[0]["admin_url"] or ""})
        for app in apps:
            rest = [model for model in app["models"] if _name(model) not in placed]
            if rest:
                grouped.append({**app, "models": rest})
        return grouped


def _name(model: dict) -> str:
    """A model of Django's app list as ``GROUPS`` names it: "app_label.ModelName"."""
    return f"{model['model']._meta.app_label}.{model['object_name']}"


class PolicyKBAdminConfig(AdminConfig):
    """Replaces ``django.contrib.admin`` in INSTALLED_APPS, so ``admin.site`` is ``PolicyKBAdminSite``."""

    default_site = "policykb.admin_site.PolicyKBAdminSite"
