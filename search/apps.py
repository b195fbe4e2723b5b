from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rollup, synonyms

        rollup.connect_signals()
        synonyms.connect_signals()
