"""Issue 15's hours and pay bypasses, tried through the API the way a company did and refused with the article
they break (art. 17 working time, art. 18 pay), in Chinese as the app asks for it; then the one legal way to
night, overtime or holiday work: an exception the company proposes and a school of the slot approves and files
before any placement on the slot starts, overtime within the Labour Law's limits even then."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from placements.models import HoursException, Slot
from placements.services.lifecycle import missing_paperwork
from tests import factories as f
from tests.placements.citing import cites
from tests.placements.helpers import as_json, client_for, compliant_slot_values

pytestmark = pytest.mark.django_db

CHINESE = "zh-hans"


def post_slot(world, language: str = "en", **overrides):
    return client_for(world.hr.user).post(
        "/api/v1/slots/",
        as_json(compliant_slot_values(world, **overrides)),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def refused(response, field: str, key: str, language: str = "en") -> list[str]:
    """The slot was refused (400, nothing saved) with an error on `field` citing `key`'s article."""
    assert response.status_code == 400, response.content
    assert not Slot.objects.exists()
    messages = response.json()["fields"].get(field)
    assert messages, response.json()["fields"]
    with translation.override(language):
        prefix = cites(key)
    assert any(m.startswith(prefix) for m in messages), messages
    return messages


# -- the bypasses of issue 15 ------------------------------------------------------------------------------------


def test_x_as_an_exception_does_not_let_twelve_hour_days_with_nights_overtime_and_holidays_through(world):
    # What the company sent: a one-letter "exception" and the old flags, on a 08:00–21:00 day (12 hours' work).
    response = post_slot(
        world,
        CHINESE,
        hours_exception_reference="x",
        night_shifts=True,
        overtime=True,
        holiday_work=True,
        work_starts=time(8, 0),
        work_ends=time(21, 0),
    )
    (message,) = refused(response, "work_ends", "working_time", CHINESE)
    assert "第十七条" in message


def test_see_attachment_does_not_let_a_24_hour_day_through(world):
    response = post_slot(
        world, CHINESE, hours_exception_reference="见附件", work_starts=time(0, 0), work_ends=time(23, 59),
        break_minutes=0, days_per_week=7, rest_days=[],
    )  # fmt: skip
    fields = response.json()["fields"]
    refused(response, "work_starts", "working_time", CHINESE)  # before 06:00 is night
    assert len(fields["work_ends"]) == 2  # after 22:00 is night, and far beyond 8 hours
    assert fields["rest_days"] and fields["days_per_week"]


def test_regular_hours_cannot_reach_into_the_night(world):
    messages = refused(post_slot(world, work_starts=time(14, 0), work_ends=time(22, 30)), "work_ends", "working_time")
    assert "22:00" in messages[0] and "06:00" in messages[0]
    refused(post_slot(world, work_starts=time(5, 30), work_ends=time(13, 0)), "work_starts", "working_time")


def test_a_day_from_six_to_two_is_regular(world):
    response = post_slot(world, work_starts=time(6, 0), work_ends=time(14, 0), break_minutes=30)
    assert response.status_code == 201, response.content
    assert Decimal(response.json()["daily_hours"]) == Decimal("7.5")


def test_more_than_forty_hours_a_week_is_refused(world):
    # 7.5 hours on six days: 45 hours.
    messages = refused(
        post_slot(world, work_ends=time(17, 30), days_per_week=6, rest_days=[7]), "days_per_week", "working_time"
    )
    assert "40" in messages[0] and "45" in messages[0]


def test_a_week_without_a_rest_day_is_refused(world):
    refused(post_slot(world, work_ends=time(14, 0), days_per_week=6, rest_days=[]), "rest_days", "working_time")


def test_more_working_and_rest_days_than_a_week_are_refused(world):
    response = post_slot(world, work_ends=time(14, 0), days_per_week=6, rest_days=[6, 7])
    assert response.status_code == 400
    assert response.json()["fields"]["rest_days"]


def test_daily_hours_sent_by_the_company_are_ignored(world):
    response = post_slot(world, daily_hours="4")
    assert response.status_code == 201, response.content
    assert Decimal(response.json()["daily_hours"]) == Decimal("8")


def test_a_wage_of_zero_with_a_stipend_of_zero_is_refused(world):
    response = post_slot(world, CHINESE, post_wage=Decimal("0"), stipend=Decimal("0"))
    refused(response, "post_wage", "pay", CHINESE)
    refused(response, "stipend", "pay", CHINESE)
    assert "第十八条" in response.json()["fields"]["stipend"][0]


def test_a_stipend_of_70_percent_of_the_probation_wage_is_refused(world):
    response = post_slot(world, post_wage=Decimal("6000"), probation_wage=Decimal("5000"), stipend=Decimal("3500"))
    (message,) = refused(response, "stipend", "pay")
    assert "probation" in message and "4,000.00" in message


def test_a_stipend_of_80_percent_of_the_probation_wage_is_allowed(world):
    response = post_slot(world, post_wage=Decimal("6000"), probation_wage=Decimal("5000"), stipend=Decimal("4000"))
    assert response.status_code == 201, response.content


def test_without_a_probation_wage_the_companys_lowest_grade_sets_the_floor(world):
    world.company.lowest_wage_grade = Decimal("4000")
    world.company.save()
    (message,) = refused(post_slot(world, post_wage=Decimal("6000"), stipend=Decimal("3199")), "stipend", "pay")
    assert "lowest wage grade" in message and "3,200.00" in message
    assert post_slot(world, post_wage=Decimal("6000"), stipend=Decimal("3200")).status_code == 201


def test_a_post_wage_below_the_minimum_wage_is_refused(world, settings):
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "MIN_MONTHLY_WAGE": "2210"}
    (message,) = refused(post_slot(world, post_wage=Decimal("2209"), stipend=Decimal("2000")), "post_wage", "pay")
    assert "2,210.00" in message
    assert post_slot(world, post_wage=Decimal("2210"), stipend=Decimal("1768")).status_code == 201


def test_a_probation_wage_of_zero_is_not_a_wage(world):
    refused(post_slot(world, probation_wage=Decimal("0")), "probation_wage", "pay")


def test_without_a_minimum_wage_setting_every_slot_says_it_must_be_set(world, settings):
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "MIN_MONTHLY_WAGE": None}
    (message,) = refused(post_slot(world), "post_wage", "pay")
    assert "not set" in message


def test_insurance_premiums_charged_to_the_student_are_refused(world):
    refused(post_slot(world, insurance_paid_by="student"), "insurance_paid_by", "pay")
    assert post_slot(world, insurance_paid_by="school").status_code == 201


# -- the legal way: an exception approved and filed by the school --------------------------------------------


@pytest.fixture
def slot(world):
    world.base.institutions.add(world.school)  # the base works with the student's school
    return f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)


def propose(world, slot, **body):
    data = {"slot": slot.pk, "kind": "overtime", "reason": "整车下线旺季，需短期加班。", **body}
    return client_for(world.hr.user).post("/api/v1/hours-exceptions/", data, format="json")


@pytest.mark.parametrize(
    ("per_day", "per_month", "field"),
    [("3.5", "20", "overtime_hours_per_day"), ("3", "36.5", "overtime_hours_per_month")],
)
def test_overtime_beyond_the_labour_laws_limits_cannot_even_be_proposed(world, slot, per_day, per_month, field):
    response = propose(world, slot, overtime_hours_per_day=per_day, overtime_hours_per_month=per_month)
    assert response.status_code == 400, response.content
    assert response.json()["fields"][field][0].startswith(cites("working_time"))
    assert not HoursException.objects.exists()


def test_the_school_approves_and_files_an_exception_and_only_then_the_placement_may_start(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="ready")
    proposed = propose(world, slot, overtime_hours_per_day="3", overtime_hours_per_month="36")
    assert proposed.status_code == 201, proposed.content
    exception_id = proposed.json()["id"]
    assert "hours_exception" in {m["code"] for m in missing_paperwork(placement)}

    teacher = client_for(world.teacher.user)
    decided = teacher.post(
        f"/api/v1/hours-exceptions/{exception_id}/decide/", {"approve": True, "reason": "专业特殊需要。"}, format="json"
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "approved"
    assert "hours_exception" in {m["code"] for m in missing_paperwork(placement)}  # approved is not yet filed

    filed = teacher.post(
        f"/api/v1/hours-exceptions/{exception_id}/file/",
        {"filed_on": f.today().isoformat(), "authority": "武汉市教育局", "reference": "武教职成备〔2026〕3号"},
        format="json",
    )
    assert filed.status_code == 200, filed.content
    body = filed.json()
    assert (body["status"], body["filed_by_name"]) == ("filed", world.teacher.user.display_name)
    assert "hours_exception" not in {
        m["code"] for m in missing_paperwork(Slot.objects.get(pk=slot.pk).placements.get())
    }


def test_the_start_is_refused_while_an_exception_is_only_proposed(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="ready")
    assert propose(world, slot, kind="night", reason="夜班巡检。").status_code == 201
    response = client_for(world.teacher.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert response.status_code == 409, response.content
    assert "hours_exception" in {m["code"] for m in response.json()["missing"]}


def test_a_refused_exception_asks_for_nothing_at_the_start(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="ready")
    exception_id = propose(world, slot, kind="holiday", reason="节假日客流高峰。").json()["id"]
    response = client_for(world.admin.user).post(
        f"/api/v1/hours-exceptions/{exception_id}/decide/",
        {"approve": False, "reason": "不符合专业需要。"},
        format="json",
    )
    assert response.json()["status"] == "refused"
    assert "hours_exception" not in {m["code"] for m in missing_paperwork(placement)}


def test_only_an_approved_exception_can_be_filed(world, slot):
    exception_id = propose(world, slot, kind="night", reason="夜班巡检。").json()["id"]
    response = client_for(world.teacher.user).post(
        f"/api/v1/hours-exceptions/{exception_id}/file/",
        {"filed_on": f.today().isoformat(), "authority": "武汉市教育局", "reference": "x"},
        format="json",
    )
    assert response.status_code == 409, response.content


def test_a_filing_dated_in_the_future_is_refused(world, slot):
    exception = HoursException.objects.create(slot=slot, kind="night", reason="夜班巡检。", status="approved")
    response = client_for(world.teacher.user).post(
        f"/api/v1/hours-exceptions/{exception.pk}/file/",
        {"filed_on": (f.today() + timedelta(days=1)).isoformat(), "authority": "武汉市教育局", "reference": "x"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["filed_on"]


def test_an_exception_carried_over_without_overtime_hours_cannot_be_approved(world, slot):
    # What the migration makes of an old free-text exception: proposed, no hours named.
    exception = HoursException.objects.create(slot=slot, kind="overtime", reason="（旧数据迁移）x", status="proposed")
    response = client_for(world.teacher.user).post(
        f"/api/v1/hours-exceptions/{exception.pk}/decide/", {"approve": True, "reason": "同意。"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["overtime_hours_per_day"]


def test_a_filed_night_exception_does_not_make_night_hours_regular(world, slot):
    HoursException.objects.create(slot=slot, kind="night", reason="夜班巡检。", status="filed")
    response = client_for(world.hr.user).patch(f"/api/v1/slots/{slot.pk}/", {"work_ends": "23:00"}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["work_ends"][0].startswith(cites("working_time"))


def test_a_school_the_slot_does_not_work_with_cannot_see_or_decide_its_exceptions(world, slot):
    exception_id = propose(world, slot, kind="night", reason="夜班巡检。").json()["id"]
    response = client_for(world.other_teacher.user).post(
        f"/api/v1/hours-exceptions/{exception_id}/decide/", {"approve": True, "reason": "同意。"}, format="json"
    )
    assert response.status_code == 404


def test_the_company_cannot_approve_its_own_exception(world, slot):
    exception_id = propose(world, slot, kind="night", reason="夜班巡检。").json()["id"]
    response = client_for(world.hr.user).post(
        f"/api/v1/hours-exceptions/{exception_id}/decide/", {"approve": True, "reason": "同意。"}, format="json"
    )
    assert response.status_code == 403


def test_the_slot_shows_its_exceptions(world, slot):
    propose(world, slot, overtime_hours_per_day="2", overtime_hours_per_month="20")
    body = client_for(world.student.user).get(f"/api/v1/slots/{slot.pk}/").json()
    (shown,) = body["hours_exceptions"]
    assert (shown["kind"], shown["status"], Decimal(shown["overtime_hours_per_day"])) == ("overtime", "proposed", 2)
