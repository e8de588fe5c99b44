"""django-allauth adapter: phone numbers live on our user model (allauth stores none), SMS goes to the log
until an SMS gateway is configured."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model

from accounts.validators import normalize_cn_mobile

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's headless API takes phone numbers in E.164 (+8613812345678); we keep the 11 digits on the user
    and accept only Chinese mobile numbers."""

    def is_open_for_signup(self, request: Any) -> bool:
        # Open by default: a company registers itself through an account of its own. Such an account holds no
        # role until a school vets its company or someone's invitation is accepted (README, "Who can sign up").
        from django.conf import settings

        return settings.ACCOUNT_SIGNUP_OPEN

    def clean_phone(self, phone: str) -> str:
        from accounts.validators import validate_cn_mobile

        digits = normalize_cn_mobile(phone)
        validate_cn_mobile(digits)
        return "+86" + digits

    def send_verification_code_sms(self, user: Any, phone: str, code: str, **kwargs: Any) -> None:
        # No SMS gateway in this deployment: the code goes to the server log, like e-mail goes to the console.
        logger.warning("SMS to %s: verification code %s", phone, code)

    def set_phone(self, user: Any, phone: str, verified: bool) -> None:
        user.phone = normalize_cn_mobile(phone)
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: Any) -> tuple[str, bool] | None:
        if user.phone:
            return "+86" + user.phone, user.phone_verified
        return None

    def set_phone_verified(self, user: Any, phone: str) -> None:
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str) -> Any:
        return get_user_model().objects.filter(phone=normalize_cn_mobile(phone)).order_by("pk").first()
