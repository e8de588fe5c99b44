from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    """Recruitment fairs as an app of their own inside careers (label `fairs`): their models and migrations move
    on their own, while the résumés, jobs and interviews stay careers'."""

    name = "careers.fairs"
    label = "fairs"
    verbose_name = _("Recruitment fairs")
    default_auto_field = "django.db.models.BigAutoField"
