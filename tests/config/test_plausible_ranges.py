"""What people type has plausible bounds: a birth date in year 1 or 9999, an entry year of 70000, 2^40 seats,
a stipend of a billion are refused with a translated 400 on the field (never stored, never a database
overflow). Year and date windows move with today (config/bounds.py), so no test date goes stale."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alumni.models import GraduateOutcome, TalentRule
from certificates.models import AssessmentSession
from companies.models import Company, TrainingBase
from config import bounds
from placements.models import Slot
from schools.imports import COLUMNS as STUDENT_COLUMNS
from schools.models import Cohort, Student
from tests import factories as f
from tests.access import client_for
from tests.placements.helpers import as_json, compliant_slot_values
from tests.sheets import xlsx_upload

pytestmark = pytest.mark.django_db

HUGE = 2**40
TODAY = timezone.localdate()
THIS_YEAR = TODAY.year


def post(user, url: str, data: dict, method: str = "post"):
    client = client_for(user)
    client.raise_request_exception = False
    return getattr(client, method)(url, data, format="json", HTTP_ACCEPT_LANGUAGE="en")


def assert_field_refused(response, field: str):
    assert response.status_code == 400, (response.status_code, response.content[:400])
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert field in body["fields"], body["fields"]
    return body["fields"][field]


# -- students and classes ----------------------------------------------------------------------------------------


def student_data(world, **extra) -> dict:
    return {
        "institution": world.school.id, "student_number": "2024460702099", "full_name": "赵新生", "gender": "f",
        "birth_date": TODAY.replace(year=THIS_YEAR - 19).isoformat(), "entry_year": THIS_YEAR - 1,
        "cohort": world.cohort.id, "advisor": world.teacher.id, **extra,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_date", "0001-01-01"),
        ("birth_date", "9999-12-31"),
        ("birth_date", TODAY.isoformat()),  # a newborn is no vocational student
        ("entry_year", 70000),
        ("entry_year", 1),
        ("entry_year", THIS_YEAR + 10),
    ],
)
def test_a_student_with_an_implausible_birth_date_or_entry_year_is_refused(world, field, value):
    before = Student.objects.count()
    response = post(world.admin.user, "/api/v1/students/", student_data(world, **{field: value}))
    messages = assert_field_refused(response, field)
    assert messages[0].startswith("Enter a")
    assert Student.objects.count() == before


def test_a_plausible_student_is_still_added(world):
    response = post(world.admin.user, "/api/v1/students/", student_data(world))
    assert response.status_code == 201, response.content


def test_the_window_is_stated_in_the_message(world):
    response = post(world.admin.user, "/api/v1/students/", student_data(world, entry_year=70000))
    low, high = bounds.ENTRY_YEAR.bounds()
    # (PostgreSQL's small-integer column adds its own "at most 32767" beside it)
    assert f"Enter a year between {low} and {high}." in assert_field_refused(response, "entry_year")


def test_a_class_with_an_entry_year_of_70000_is_refused(world):
    response = post(world.admin.user, "/api/v1/cohorts/", {"major": world.major.id, "entry_year": 70000, "name": "x"})
    assert_field_refused(response, "entry_year")
    assert not Cohort.objects.filter(name="x").exists()


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    return xlsx_upload([c.header_zh for c in STUDENT_COLUMNS], rows, "students.xlsx")


@pytest.mark.parametrize(("column", "value"), [("出生日期", "0001-01-01"), ("入学年份", 70000)])
def test_the_student_import_applies_the_same_bounds(world, column, value):
    values = {"学号": "2024999", "姓名": "钱多多", "性别": "男", "出生日期": f"{THIS_YEAR - 19}-03-01",
              "入学年份": THIS_YEAR - 1, "班级": "", "指导教师邮箱": "", column: value}  # fmt: skip
    row = [values.get(c.header_zh, "") for c in STUDENT_COLUMNS]
    client = client_for(world.admin.user)
    response = client.post(
        "/api/v1/imports/students/",
        {"file": xlsx([row]), "dry_run": "true"},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400, response.content
    errors = response.json()["row_errors"]
    field = "birth_date" if column == "出生日期" else "entry_year"
    assert any(e["field"] == field and e["message"].startswith("Enter a") for e in errors), errors


# -- companies, bases, slots -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [("capacity", HUGE), ("capacity", 0), ("post_headcount", HUGE),
                                              ("post_wage", "1000000000.00"), ("stipend", "-1.00"),
                                              ("break_minutes", 9999), ("days_per_week", 8),
                                              ("probation_wage", "1000000000.00")])  # fmt: skip
def test_a_slot_with_an_implausible_number_is_refused(world, field, value):
    values = as_json(compliant_slot_values(world))
    values[field] = value
    assert_field_refused(post(world.hr.user, "/api/v1/slots/", values), field)
    assert not Slot.objects.exists()


@pytest.mark.parametrize("field", ["start_date", "end_date", "application_deadline"])
def test_a_slot_dated_in_the_year_9999_is_refused(world, field):
    values = as_json(compliant_slot_values(world))
    values[field] = "9999-12-31"
    assert_field_refused(post(world.hr.user, "/api/v1/slots/", values), field)
    assert not Slot.objects.exists()


def test_a_company_headcount_beyond_any_real_company_is_refused(world):
    response = post(world.hr.user, f"/api/v1/companies/{world.company.pk}/", {"headcount": HUGE}, method="patch")
    assert_field_refused(response, "headcount")
    assert Company.objects.get(pk=world.company.pk).headcount != HUGE


def test_a_base_capacity_of_2_to_the_40_is_refused(world):
    response = post(world.hr.user, f"/api/v1/bases/{world.base.pk}/", {"capacity": HUGE}, method="patch")
    assert_field_refused(response, "capacity")
    assert TrainingBase.objects.get(pk=world.base.pk).capacity != HUGE


# -- certificates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [("seats", HUGE), ("seats", 0), ("date", "9999-01-01")])
def test_an_assessment_session_with_implausible_seats_or_date_is_refused(world, field, value):
    program = f.CertificateProgramFactory() if hasattr(f, "CertificateProgramFactory") else None
    if program is None:
        pytest.skip("no programme factory")
    data = {"program": program.pk, "level": "junior", "base": world.campus_base.pk,
            "date": f.days_from_today(18).isoformat(), "seats": 10, field: value}  # fmt: skip
    assert_field_refused(post(world.teacher.user, "/api/v1/assessment-sessions/", data), field)
    assert not AssessmentSession.objects.exists()


# -- Stay in Wuhan -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [70000, 1, THIS_YEAR + 20])
def test_an_outcome_with_an_implausible_graduation_year_is_refused(world, year):
    data = {"student_number": "S1", "full_name": "甲", "graduation_year": year, "status": "employed",
            "institution": world.school.pk}  # fmt: skip
    assert_field_refused(post(world.admin.user, "/api/v1/outcomes/", data), "graduation_year")
    assert not GraduateOutcome.objects.exists()


def test_a_talent_rule_worth_2_to_the_40_points_is_refused(world):
    rule = TalentRule.objects.order_by("order").first()
    if rule is None:
        pytest.skip("no talent rules seeded")
    response = post(world.analyst, f"/api/v1/talent-rules/{rule.code}/", {"points": HUGE}, method="patch")
    assert_field_refused(response, "points")


def test_windows_move_with_today():
    low, high = bounds.GRADUATION_YEAR.bounds()
    assert (low, high) == (THIS_YEAR - 50, THIS_YEAR + 6)
    birth_low, birth_high = bounds.BIRTH_DATE.bounds()
    assert birth_high <= TODAY - timedelta(days=365 * 12)
    assert birth_low >= TODAY - timedelta(days=366 * 80 + 1)
