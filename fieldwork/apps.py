from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    """A placement's daily life: check-ins, leave, teacher visits, incidents and students' reviews."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "fieldwork"
    verbose_name = _("Daily placement life")
