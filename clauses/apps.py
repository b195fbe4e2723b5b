from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = "条款库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Gazetteer edits must reach the segmenter of this process before
        # the next text is cut; the receivers reset it.
        from .gazetteer import segmentation

        segmentation.connect_signals()
