from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = "条款库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every gazetteer edit raises the version row that each process's
        # snapshot is checked against; every request starts a check.
        from .gazetteer import snapshot

        snapshot.connect_signals()
