from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from placements import signals  # noqa: F401 (connects the receivers)
