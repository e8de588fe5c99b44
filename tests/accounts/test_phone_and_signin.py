"""Chinese mobile numbers on the profile, and signing in through allauth's headless API (by e-mail, username or
phone) as each demo role, with a browser session or an app session token."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from accounts.demo import DEMO_PASSWORD
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

User = get_user_model()

BROWSER_LOGIN = "/_allauth/browser/v1/auth/login"
APP_LOGIN = "/_allauth/app/v1/auth/login"

# (username, e-mail, phone set by seed_demo, the role /me reports)
DEMO_ROLES = [
    ("student", "student@example.com", "13800000001", "student"),
    ("teacher", "teacher@example.com", "13800000002", "teacher"),
    ("schooladmin", "schooladmin@example.com", "13800000003", "school_admin"),
    ("hr", "hr@example.com", "13800000004", "company_hr"),
    ("analyst", "analyst@example.com", "13800000005", "city_analyst"),
]


# -- /me ----------------------------------------------------------------------------------------------------


@pytest.fixture
def person(db):
    """Someone with no role; the factory's names cannot clash with the demo world's."""
    return f.UserFactory()


@pytest.fixture
def someone_else(db):
    return f.UserFactory()


def test_anonymous_cannot_read_or_change_a_profile(api):
    assert api.get("/api/v1/me/").status_code == 401
    assert api.patch("/api/v1/me/", {"full_name": "x"}, format="json").status_code == 401


def test_every_demo_role_reads_their_own_profile(demo):
    for username, *_rest in DEMO_ROLES:
        user = User.objects.get(username=username)
        body = client_for(user).get("/api/v1/me/").json()
        assert (body["id"], body["username"]) == (user.id, username)


def test_me_answers_only_get_and_patch(person):
    client = client_for(person)
    assert client.post("/api/v1/me/", {}, format="json").status_code == 405
    assert client.delete("/api/v1/me/").status_code == 405


@pytest.mark.parametrize(
    "phone",
    ["12800000000", "1380000000", "138000000001", "23800000000", "1380000000a", "+1 2025550123", "电话"],
)
def test_a_phone_that_is_not_a_chinese_mobile_number_is_refused(person, phone):
    response = client_for(person).patch("/api/v1/me/", {"phone": phone}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["phone"]
    person.refresh_from_db()
    assert person.phone is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "13912345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("0086-139-1234-5678", "13912345678"),
        ("19912345678", "19912345678"),
    ],
)
def test_a_chinese_mobile_number_is_stored_as_its_eleven_digits(person, typed, stored):
    response = client_for(person).patch("/api/v1/me/", {"phone": typed}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == stored
    person.refresh_from_db()
    assert person.phone == stored


def test_a_changed_phone_must_be_verified_again(person):
    person.phone, person.phone_verified = "13912345678", True
    person.save()
    response = client_for(person).patch("/api/v1/me/", {"phone": "13987654321"}, format="json")
    assert response.status_code == 200
    assert response.json()["phone_verified"] is False


def test_a_phone_used_by_another_account_is_refused(person, someone_else):
    someone_else.phone = "13912345678"
    someone_else.save()
    response = client_for(person).patch("/api/v1/me/", {"phone": "+8613912345678"}, format="json")
    assert response.status_code == 400
    assert "phone" in response.json()["fields"]


def test_a_user_cannot_grant_themselves_the_analyst_flag_or_rename_their_login(person):
    response = client_for(person).patch(
        "/api/v1/me/", {"is_city_analyst": True, "username": "boss", "full_name": "新名字"}, format="json"
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.is_city_analyst, person.full_name) == (False, "新名字")
    assert person.username != "boss"


# -- signing in as the demo roles ------------------------------------------------------------------------------


def sign_in(payload: dict) -> tuple[int, APIClient]:
    client = APIClient()  # a real session: CSRF is not enforced by the test client
    response = client.post(BROWSER_LOGIN, {**payload, "password": DEMO_PASSWORD}, format="json")
    return response.status_code, client


@pytest.mark.parametrize(("username", "email", "phone", "role"), DEMO_ROLES, ids=[r[3] for r in DEMO_ROLES])
def test_each_demo_role_signs_in_by_email_username_and_phone(demo, username, email, phone, role):
    for payload in ({"email": email}, {"username": username}, {"phone": "+86" + phone}):
        status, client = sign_in(payload)
        assert status == 200, payload
        me = client.get("/api/v1/me/")
        assert me.status_code == 200, payload
        assert me.json()["username"] == username
        assert me.json()["roles"] == [role], payload


def test_the_demo_student_is_linked_to_their_student_record(demo):
    _status, client = sign_in({"username": "student"})
    me = client.get("/api/v1/me/").json()
    assert me["roles"] == ["student"]
    assert me["student"]["institution"]["name"] == "武汉城市职业学院"
    assert me["student"]["advisor"]["name"] == "刘老师（演示）"


def test_a_wrong_password_is_refused(demo):
    client = APIClient()
    response = client.post(BROWSER_LOGIN, {"username": "student", "password": "Wrong-password-1"}, format="json")
    assert response.status_code == 400
    assert client.get("/api/v1/me/").status_code == 401


def test_an_unknown_phone_is_refused(demo):
    client = APIClient()
    response = client.post(BROWSER_LOGIN, {"phone": "+8613999999999", "password": DEMO_PASSWORD}, format="json")
    assert response.status_code == 400
    assert client.get("/api/v1/me/").status_code == 401


def test_signing_out_ends_the_session(demo):
    status, client = sign_in({"username": "hr"})
    assert status == 200
    assert client.get("/api/v1/me/").status_code == 200
    assert client.delete("/_allauth/browser/v1/auth/session").status_code == 401  # allauth: "now signed out"
    assert client.get("/api/v1/me/").status_code == 401


def test_an_app_client_calls_the_api_with_a_session_token(demo):
    response = APIClient().post(APP_LOGIN, {"username": "analyst", "password": DEMO_PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    token = response.json()["meta"]["session_token"]
    app = APIClient()
    me = app.get("/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert me.status_code == 200
    assert me.json()["roles"] == ["city_analyst"]
    assert app.get("/api/v1/me/", HTTP_X_SESSION_TOKEN="not-a-token").status_code == 401


def test_a_person_without_a_password_cannot_sign_in(db):
    user = f.UserFactory(username="invited")
    user.set_unusable_password()
    user.save()
    client = APIClient()
    response = client.post(BROWSER_LOGIN, {"username": "invited", "password": ""}, format="json")
    assert response.status_code == 400
    assert client.get("/api/v1/me/").status_code == 401
