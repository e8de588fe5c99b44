from __future__ import annotations

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.core.exceptions import RateLimited
from allauth.mfa.models import Authenticator
from django.test import RequestFactory

from accounts.middleware import RateLimitedMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _mark_signed_in_with(client, user, *methods: str) -> None:
    """Record, in the client's session, how the user signed in (as allauth's flows do)."""
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    for method in methods:
        record_authentication(request, user, method)
    session.save()


def test_admin_login_page_sends_people_to_the_apps_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login?next=%2Fadmin%2F")


def test_staff_without_a_second_factor_cannot_use_the_admin_site(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    _mark_signed_in_with(client, staff, "password")
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "双因素" in response.content.decode()  # in Chinese, the default language


def test_staff_signed_in_with_totp_reach_the_admin_site(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)
    _mark_signed_in_with(client, staff, "password", "mfa")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/schools/student/").status_code == 200
    assert client.get("/admin/companies/trainingbase/").status_code == 200


def test_rate_limited_sign_in_answers_429_not_500():
    request = RequestFactory().post("/_allauth/browser/v1/auth/login")
    response = RateLimitedMiddleware(lambda r: None).process_exception(request, RateLimited())
    assert response.status_code == 429
    assert response.headers["Content-Type"] == "application/json"


def test_totp_setup_is_offered_to_every_signed_in_user(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/_allauth/browser/v1/account/authenticators/totp")
    # 404 with a fresh secret and otpauth URL means: not set up yet, here is how to set it up.
    assert response.status_code == 404
    assert response.json()["meta"]["totp_url"].startswith("otpauth://totp/")
