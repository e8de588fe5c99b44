from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_cn_mobile


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships (student record, teacher record,
    company membership) and the city-analyst flag, so one person can hold several roles."""

    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    phone = models.CharField(
        _("mobile number"), max_length=11, unique=True, null=True, blank=True, validators=[validate_cn_mobile]
    )
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    is_city_analyst = models.BooleanField(
        _("city analyst"),
        default=False,
        help_text=_("Reads the Stay-in-Wuhan and talent-points reports across all schools."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username
