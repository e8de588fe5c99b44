"""Validators for identifiers people type: Chinese mobile numbers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CN_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_cn_mobile(value: str) -> str:
    """Strip spaces, dashes and a +86 / 0086 prefix, leaving the 11 digits."""
    digits = re.sub(r"[\s\-()]", "", value or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits


def validate_cn_mobile(value: str) -> None:
    if not CN_MOBILE_RE.match(value or ""):
        raise ValidationError(
            _("Enter a valid Chinese mobile number: 11 digits starting with 13–19."), code="invalid_phone"
        )
