"""A school adds a student and hands over a one-time code; the student activates their own account with it and
signs in. Wrong, expired, used and superseded codes are refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from schools.models import Student
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG_PASSWORD = "Qingshan-Lake-2026"
CODE_SHAPE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$")


def add_student(world, number: str = "2024460702099", **extra) -> dict:
    data = {
        "institution": world.school.id,
        "student_number": number,
        "full_name": "赵新生",
        "gender": "f",
        "birth_date": "2006-09-01",
        "entry_year": 2024,
        "cohort": world.cohort.id,
        "advisor": world.teacher.id,
        **extra,
    }
    response = client_for(world.admin.user).post("/api/v1/students/", data, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def wrong_code(code: str) -> str:
    """A well-formed code that is not this one."""
    return "AAAA-AAAA" if code != "AAAA-AAAA" else "BBBB-BBBB"


def activate(world, code: str, number: str = "2024460702099", **extra):
    payload = {
        "institution": world.school.id,
        "student_number": number,
        "code": code,
        "username": "zhaoxinsheng",
        "password": STRONG_PASSWORD,
        **extra,
    }
    return APIClient().post("/api/v1/activation/", payload, format="json")


def test_creating_a_student_returns_a_one_time_activation_code(world):
    body = add_student(world)
    assert CODE_SHAPE.match(body["activation_code"])
    assert body["is_activated"] is False
    detail = client_for(world.admin.user).get(f"/api/v1/students/{body['id']}/").json()
    assert "activation_code" not in detail
    listing = client_for(world.admin.user).get("/api/v1/students/", {"search": "赵新生"}).json()
    assert all("activation_code" not in row for row in listing["results"])


def test_the_activation_form_lists_the_schools_without_signing_in(world):
    response = APIClient().get("/api/v1/activation/institutions/")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()}
    assert {"武汉城市职业学院", "另一所学院"} <= names


def test_a_student_activates_their_account_and_signs_in(world):
    code = add_student(world)["activation_code"]
    response = activate(world, code, email="zhao@test.example.com", phone="+86 139-0000-1234")
    assert response.status_code == 201, response.content
    assert response.json() == {"username": "zhaoxinsheng"}

    student = Student.objects.get(institution=world.school, student_number="2024460702099")
    assert student.user.username == "zhaoxinsheng"
    assert student.user.full_name == "赵新生"
    assert student.user.phone == "13900001234"

    browser = APIClient()
    signed_in = browser.post(
        "/_allauth/browser/v1/auth/login",
        {"username": "zhaoxinsheng", "password": STRONG_PASSWORD},
        format="json",
    )
    assert signed_in.status_code == 200, signed_in.content
    me = browser.get("/api/v1/me/").json()
    assert me["roles"] == ["student"]
    assert me["student"]["student_number"] == "2024460702099"
    assert me["student"]["advisor"]["id"] == world.teacher.id


def test_the_activation_code_is_accepted_in_lower_case_and_without_its_dash(world):
    code = add_student(world)["activation_code"]
    response = activate(world, code.replace("-", "").lower())
    assert response.status_code == 201, response.content


def test_a_wrong_code_is_refused_on_the_code_field_and_counted(world):
    code = add_student(world)["activation_code"]
    wrong = wrong_code(code)
    response = activate(world, wrong)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["code"]
    student = Student.objects.get(student_number="2024460702099")
    assert student.activation_attempts == 1
    assert student.user is None
    assert not User.objects.filter(username="zhaoxinsheng").exists()


def test_a_wrong_school_or_student_number_is_refused_like_a_wrong_code(world):
    code = add_student(world)["activation_code"]
    wrong_school = APIClient().post(
        "/api/v1/activation/",
        {
            "institution": world.other_school.id,
            "student_number": "2024460702099",
            "code": code,
            "username": "zhaoxinsheng",
            "password": STRONG_PASSWORD,
        },
        format="json",
    )
    wrong_number = activate(world, code, number="2024460702098")
    assert wrong_school.status_code == wrong_number.status_code == 400
    assert wrong_school.json()["fields"] == wrong_number.json()["fields"]
    assert "code" in wrong_school.json()["fields"]


def test_after_too_many_wrong_codes_even_the_right_code_is_refused(world):
    code = add_student(world)["activation_code"]
    wrong = wrong_code(code)
    first_refusal = activate(world, wrong).json()["fields"]["code"]
    for _ in range(settings.STUDENT_ACTIVATION_MAX_ATTEMPTS - 1):
        assert activate(world, wrong).status_code == 400
    locked = activate(world, code)
    assert locked.status_code == 400
    # The student is told the record is locked (ask the school), not that the code is wrong.
    assert locked.json()["fields"]["code"] != first_refusal
    assert Student.objects.get(student_number="2024460702099").user is None
    assert not User.objects.filter(username="zhaoxinsheng").exists()


def test_a_new_code_from_the_school_unlocks_a_locked_record(world):
    body = add_student(world)
    for _ in range(settings.STUDENT_ACTIVATION_MAX_ATTEMPTS):
        activate(world, wrong_code(body["activation_code"]))
    assert activate(world, body["activation_code"]).status_code == 400
    fresh = client_for(world.admin.user).post(f"/api/v1/students/{body['id']}/activation-code/").json()
    assert activate(world, fresh["activation_code"]).status_code == 201


def test_an_expired_code_is_refused(world):
    code = add_student(world)["activation_code"]
    Student.objects.filter(student_number="2024460702099").update(
        activation_expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = activate(world, code)
    assert response.status_code == 400
    assert "code" in response.json()["fields"]
    assert not User.objects.filter(username="zhaoxinsheng").exists()


def test_a_code_cannot_activate_a_second_account(world):
    code = add_student(world)["activation_code"]
    assert activate(world, code).status_code == 201
    again = activate(world, code, username="someoneelse")
    assert again.status_code == 400
    assert "code" in again.json()["fields"]
    assert not User.objects.filter(username="someoneelse").exists()
    assert Student.objects.get(student_number="2024460702099").user.username == "zhaoxinsheng"


@pytest.mark.parametrize("weak", ["12345678", "password", "zhaoxinsheng1", "Ab1!"])
def test_a_weak_password_is_refused_and_nothing_is_created(world, weak):
    code = add_student(world)["activation_code"]
    users_before = User.objects.count()
    response = activate(world, code, password=weak)
    assert response.status_code == 400
    assert "password" in response.json()["fields"]
    assert User.objects.count() == users_before
    student = Student.objects.get(student_number="2024460702099")
    assert student.user is None
    assert student.activation_attempts == 0
    # The code was right, so it still works once the student picks a better password.
    assert activate(world, code).status_code == 201


def test_a_taken_username_is_refused_on_the_username_field(world):
    code = add_student(world)["activation_code"]
    response = activate(world, code, username="student")  # the world's student already has it
    assert response.status_code == 400
    assert "username" in response.json()["fields"]
    assert Student.objects.get(student_number="2024460702099").user is None


def test_an_invalid_phone_is_refused_on_the_phone_field(world):
    code = add_student(world)["activation_code"]
    response = activate(world, code, phone="12345678901")
    assert response.status_code == 400
    assert "phone" in response.json()["fields"]


def test_a_duplicate_student_number_in_the_same_school_is_a_student_number_error(world):
    response = client_for(world.admin.user).post(
        "/api/v1/students/",
        {
            "institution": world.school.id,
            "student_number": world.student.student_number,
            "full_name": "重号",
            "birth_date": "2006-01-01",
            "entry_year": 2024,
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["student_number"]


def test_a_duplicate_student_number_in_the_same_school_is_refused(world):
    before = Student.objects.count()
    response = client_for(world.admin.user).post(
        "/api/v1/students/",
        {
            "institution": world.school.id,
            "student_number": world.student.student_number,
            "full_name": "重号",
            "birth_date": "2006-01-01",
            "entry_year": 2024,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert Student.objects.count() == before


def test_the_same_student_number_is_allowed_in_another_school(world):
    response = client_for(world.other_admin.user).post(
        "/api/v1/students/",
        {
            "institution": world.other_school.id,
            "student_number": world.student.student_number,
            "full_name": "同号",
            "birth_date": "2006-01-01",
            "entry_year": 2024,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Student.objects.filter(student_number=world.student.student_number).count() == 2


def test_reissuing_a_code_invalidates_the_old_one(world):
    body = add_student(world)
    old = body["activation_code"]
    response = client_for(world.admin.user).post(f"/api/v1/students/{body['id']}/activation-code/")
    assert response.status_code == 200
    new = response.json()["activation_code"]
    assert CODE_SHAPE.match(new)
    assert new != old
    refused = activate(world, old)
    assert refused.status_code == 400
    assert "code" in refused.json()["fields"]
    assert activate(world, new).status_code == 201


def test_a_student_record_without_an_issued_code_cannot_be_claimed(world):
    # A record with no code issued (e.g. created in the admin site) must not be claimable with any code.
    student = f.StudentFactory(institution=world.school, student_number="2024000001")
    response = activate(world, "AAAA-AAAA", number=student.student_number)
    assert response.status_code == 400
    assert "code" in response.json()["fields"]
