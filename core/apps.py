from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from core import sms  # noqa: F401  (registers its deployment check)
