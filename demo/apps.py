from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo world's loader (`manage.py seed_demo`): the one app that may import every other, so none of
    them has to import an app above its own to be seeded. It has no models."""

    name = "demo"
    verbose_name = _("Demo world")
