from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlumniConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alumni"
    verbose_name = _("Graduates and Stay-in-Wuhan")
