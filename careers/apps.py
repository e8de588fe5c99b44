from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """From internship to a job: résumés, graduate jobs, recruitment fairs, interviews, offers, policy information."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"
    verbose_name = _("Careers")
