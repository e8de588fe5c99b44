"""Validators for identifiers people type: Chinese mobile numbers."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
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


def phone_for_account(value: str, *, user=None) -> str:
    """A mobile number an account may take: normalised to its 11 digits, well-formed, and no other account's
    (``user``'s own number is not "another account's"). Raises ValidationError with the message for the field."""
    phone = normalize_cn_mobile(value)
    validate_cn_mobile(phone)
    # The user model through Django's registry: accounts.models imports this module for the field's validator.
    others = get_user_model().objects.filter(phone=phone)
    if user is not None and user.pk:
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise ValidationError(_("This mobile number is already used by another account."), code="phone_taken")
    return phone


def password_errors(password: str, *, candidate) -> list:
    """What is wrong with a new account's password (none given, or refused by the password validators, which
    compare it with ``candidate``'s name and address): the messages for the field, empty when it will do."""
    if not password:
        return [_("Choose a password.")]
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        return exc.messages
    return []
