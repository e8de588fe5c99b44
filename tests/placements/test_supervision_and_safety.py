"""A teacher and a company mentor for every placement, and safety training before it starts (issue 15, rules still
missing): each bypass is tried through the API as the party would, and refused with the basis cited."""

from __future__ import annotations

import pytest

from placements.rules import BASES
from tests import factories as f
from tests.placements.clock import on
from tests.placements.helpers import client_for, make_slot

pytestmark = pytest.mark.django_db


def supervision() -> str:
    """The citation of the supervision rule in the active language (English: see conftest.english)."""
    return str(BASES["supervision"].citation)


def url(placement, action: str = "") -> str:
    return f"/api/v1/placements/{placement.pk}/{action}"


def training(**overrides) -> dict:
    return {
        "delivered_by": "企业安全主管",
        "delivered_on": f.today().isoformat(),
        "hours": "8",
        "content": "岗位安全操作规程、高压电防护、消防与应急疏散。",
        "passed": True,
        **overrides,
    }


def all_papers(placement) -> None:
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)


# -- the mentor and the teacher --------------------------------------------------------------------------------


def test_an_application_takes_the_slots_mentor_and_the_students_advisor(world, slot, eligible_student):
    response = client_for(world.student.user).post("/api/v1/placements/", {"slot": slot.pk})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["mentor"], body["teacher"]) == (world.mentor.pk, world.teacher.pk)
    assert body["mentor_name"] and body["teacher_name"]


def test_the_company_cannot_confirm_a_placement_without_a_mentor(world):
    slot = make_slot(world, mentor=None)
    placement = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    assert placement.mentor is None
    hr = client_for(world.hr.user)
    assert "confirm" not in hr.get(url(placement)).json()["actions"]  # the app offers no confirmation yet

    refused = hr.post(url(placement, "confirm/"), {})
    assert refused.status_code == 409
    assert refused.json()["code"] == "mentor_missing"
    assert refused.json()["detail"].startswith(f"{supervision()}: ")
    placement.refresh_from_db()
    assert placement.status == "approved"

    named = hr.post(url(placement, "mentor/"), {"mentor": world.mentor.pk})
    assert named.status_code == 200, named.json()
    assert named.json()["mentor"] == world.mentor.pk
    assert hr.post(url(placement, "confirm/"), {}).json()["status"] == "confirmed"


def test_the_refusal_cites_the_regulation_in_chinese(world):
    placement = f.PlacementFactory(student=world.student, slot=make_slot(world, mentor=None), status="approved")
    refused = client_for(world.hr.user, language="zh-hans").post(url(placement, "confirm/"), {})
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("《职业学校学生实习管理规定》")


def test_a_company_first_school_cannot_accept_without_a_mentor_either(world):
    from tests.placements.helpers import set_policy

    set_policy(world.school, approval_order="company_first")
    placement = f.PlacementFactory(student=world.student, slot=make_slot(world, mentor=None), status="pending")
    refused = client_for(world.hr.user).post(url(placement, "confirm/"), {})
    assert (refused.status_code, refused.json()["code"]) == (409, "mentor_missing")


def test_the_mentor_is_a_current_member_of_the_placements_company(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    hr = client_for(world.hr.user)
    other = hr.post(url(placement, "mentor/"), {"mentor": world.other_hr.pk})
    assert other.status_code == 400
    assert "mentor" in other.json()["fields"]
    for user in (world.mentor.user, world.student.user, world.teacher.user):
        assert client_for(user).post(url(placement, "mentor/"), {"mentor": world.mentor.pk}).status_code == 403
    assert (
        client_for(world.other_hr.user).post(url(placement, "mentor/"), {"mentor": world.mentor.pk}).status_code == 404
    )


def test_a_placement_does_not_start_without_its_school_teacher(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed", teacher=None)
    all_papers(placement)
    with on(slot.start_date):
        refused = client_for(world.hr.user).post(url(placement, "start/"))
    assert refused.status_code == 409
    assert refused.json()["code"] == "paperwork_missing"
    (missing,) = refused.json()["missing"]
    assert (missing["code"], missing["basis"]["key"]) == ("teacher", "supervision")

    assert client_for(world.hr.user).post(url(placement, "teacher/"), {"teacher": world.teacher.pk}).status_code == 403
    other_school = client_for(world.admin.user).post(url(placement, "teacher/"), {"teacher": world.other_teacher.pk})
    assert other_school.status_code == 400
    named = client_for(world.admin.user).post(url(placement, "teacher/"), {"teacher": world.teacher.pk})
    assert named.status_code == 200
    assert named.json()["status"] == "ready"
    with on(slot.start_date):
        assert client_for(world.hr.user).post(url(placement, "start/")).json()["status"] == "active"


# -- safety training -------------------------------------------------------------------------------------------


def test_a_placement_does_not_start_until_the_student_passed_the_safety_training(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed", trained=False)
    all_papers(placement)
    teacher = client_for(world.teacher.user)
    with on(slot.start_date):  # sign in on the day
        refused = client_for(world.hr.user).post(url(placement, "start/"))
    assert (refused.status_code, refused.json()["code"]) == (409, "paperwork_missing")
    (missing,) = refused.json()["missing"]
    assert missing["code"] == "safety_training"
    assert missing["basis"]["key"] == "safety_training" and missing["basis"]["citation"]

    # A failed check is kept, and the start still waits.
    failed = teacher.post(url(placement, "safety-training/"), training(passed=False, check_note="考核未通过"))
    assert failed.status_code == 201, failed.json()
    assert failed.json()["status"] == "confirmed"
    assert [m["code"] for m in failed.json()["missing"]] == ["safety_training"]

    # The company's mentor gives the training again; the student passes it.
    passed = client_for(world.mentor.user).post(url(placement, "safety-training/"), training())
    assert passed.status_code == 201
    assert passed.json()["status"] == "ready"
    assert [t["passed"] for t in passed.json()["safety_trainings"]] == [True, False]
    with on(slot.start_date):
        assert client_for(world.hr.user).post(url(placement, "start/")).json()["status"] == "active"


def test_the_student_reads_the_training_but_cannot_record_it(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    student = client_for(world.student.user)
    assert len(student.get(url(placement)).json()["safety_trainings"]) == 1
    assert student.post(url(placement, "safety-training/"), training()).status_code == 403
    assert client_for(world.other_hr.user).post(url(placement, "safety-training/"), training()).status_code == 404


def test_training_is_recorded_only_once_it_has_taken_place_and_with_what_it_covered(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed", trained=False)
    teacher = client_for(world.teacher.user)
    tomorrow = teacher.post(url(placement, "safety-training/"), training(delivered_on=f.days_from_today(1).isoformat()))
    assert tomorrow.status_code == 400
    assert "delivered_on" in tomorrow.json()["fields"]
    blank = teacher.post(url(placement, "safety-training/"), training(content="  ", delivered_by=" "))
    assert blank.status_code == 400
    placement.refresh_from_db()
    assert placement.safety_trainings.count() == 0
