"""GET /api/v1/me/todo/: what the signed-in user has to do, each count the total of the list it leads to, and
only within their own school or company (issue 14: the navigation's badges)."""

from __future__ import annotations

import pytest

from companies.models import CompanyChangeRequest
from placements.choices import ApprovalOrder
from placements.models import BreachReport, HoursException, SchoolPolicy
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/todo/"


def todo(user) -> dict[str, dict]:
    response = client_for(user).get(URL)
    assert response.status_code == 200, response.content
    return {item["key"]: item for item in response.json()["items"]}


def list_total(user, url: str, query: dict) -> int:
    response = client_for(user).get(url, query)
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_anonymous_is_refused():
    assert client_for(None).get(URL).status_code == 401


def test_school_admin_counts_placements_awaiting_the_school_of_their_school_only(world):
    slot = f.SlotFactory(company=world.company, base=world.base)
    f.PlacementFactory(student=world.student, slot=slot, status="pending")
    f.PlacementFactory(student=world.classmate, slot=slot, status="approved")  # the company's turn
    f.PlacementFactory(student=world.other_student, slot=slot, status="pending")  # another school's
    item = todo(world.admin.user)["placements_to_approve"]
    assert item["count"] == 1
    assert item["route"] == {"name": "placements", "params": {}, "query": {"view": "admin", "awaiting": "school"}}
    assert item["count"] == list_total(world.admin.user, "/api/v1/placements/", item["route"]["query"])
    assert todo(world.other_admin.user)["placements_to_approve"]["count"] == 1


def test_the_approval_order_decides_whose_turn_it_is(world):
    SchoolPolicy.objects.update_or_create(
        institution=world.school, defaults={"approval_order": ApprovalOrder.COMPANY_FIRST}
    )
    slot = f.SlotFactory(company=world.company, base=world.base)
    f.PlacementFactory(student=world.student, slot=slot, status="pending")  # the company accepts first
    f.PlacementFactory(student=world.classmate, slot=slot, status="accepted")  # then the school approves
    assert todo(world.admin.user)["placements_to_approve"]["count"] == 1
    hr = todo(world.hr.user)["applications_to_decide"]
    assert hr["count"] == 1
    assert hr["count"] == list_total(world.hr.user, "/api/v1/placements/", hr["route"]["query"])


def test_hr_counts_applications_on_their_own_companys_slots_only(world):
    ours = f.SlotFactory(company=world.company, base=world.base)
    theirs = f.SlotFactory(company=world.other_company, base=world.other_base)
    f.PlacementFactory(student=world.student, slot=ours, status="approved")
    f.PlacementFactory(student=world.classmate, slot=theirs, status="approved")
    assert todo(world.hr.user)["applications_to_decide"]["count"] == 1
    assert todo(world.other_hr.user)["applications_to_decide"]["count"] == 1
    # a mentor decides nothing
    assert "applications_to_decide" not in todo(world.mentor.user)


def test_teacher_counts_their_advisees_and_their_schools_certificates_and_breaches(world):
    slot = f.SlotFactory(company=world.company, base=world.base)
    f.PlacementFactory(student=world.student, slot=slot, status="pending")
    f.PlacementFactory(student=world.other_student, slot=slot, status="pending")
    program = f.CertificateProgramFactory(institution=world.school)
    f.StudentCertificateFactory(student=world.student, program=program, status="pending")
    f.StudentCertificateFactory(student=world.other_student, program=program, status="pending")
    BreachReport.objects.create(student=world.student, institution=world.school, kind="overtime", description="加班")
    BreachReport.objects.create(
        student=world.other_student, institution=world.other_school, kind="overtime", description="加班"
    )
    items = todo(world.teacher.user)
    assert items["placements_to_approve"]["route"]["query"] == {
        "view": "teacher",
        "awaiting": "school",
        "mine": "true",
    }
    assert items["placements_to_approve"]["count"] == 1
    assert items["certificates_to_verify"]["count"] == 1
    assert items["certificates_to_verify"]["count"] == list_total(
        world.teacher.user, "/api/v1/student-certificates/", {"status": "pending"}
    )
    assert items["breaches_open"]["count"] == 1
    assert "companies_to_vet" not in items  # school admins vet
    assert todo(world.other_teacher.user)["certificates_to_verify"]["count"] == 1


def test_school_admin_counts_companies_to_vet_and_change_requests(world):
    world.base.institutions.add(world.school)
    CompanyChangeRequest.objects.create(company=world.company, requested_by=world.hr.user, name="东风新名")
    items = todo(world.admin.user)
    assert items["companies_to_vet"]["count"] == list_total(
        world.admin.user, "/api/v1/companies/", {"vetting_status": "pending"}
    )
    assert items["companies_to_vet"]["count"] >= 1
    assert items["change_requests_to_decide"]["count"] == 1
    # another school's admin does not decide for a company linked to ours
    assert todo(world.other_admin.user)["change_requests_to_decide"]["count"] == 0


def test_student_is_invited_to_an_open_round_until_placed_for_its_term(world):
    slot = f.SlotFactory(company=world.company, base=world.base)
    round = f.MatchRoundFactory(institution=world.school, slots=[slot], cohorts=[world.cohort])
    f.MatchRoundFactory(institution=world.other_school, slots=[slot])  # not for our class
    item = todo(world.student.user)["rounds_to_rank"]
    assert item["count"] == 1
    assert item["route"] == {"name": "round", "params": {"id": str(round.pk)}, "query": {}}
    f.PlacementFactory(student=world.student, slot=f.SlotFactory(term=slot.term), status="confirmed")
    assert todo(world.student.user)["rounds_to_rank"]["count"] == 0


def test_a_user_without_a_role_has_nothing_to_do(world):
    assert client_for(world.outsider).get(URL).json() == {"items": [], "total": 0}


def test_school_staff_count_the_working_time_exceptions_they_decide_and_admins_the_slots_they_review(world):
    world.base.institutions.add(world.school)
    slot = f.SlotFactory(company=world.company, base=world.base)
    HoursException.objects.create(slot=slot, kind="night", reason="夜间设备巡检。", status="proposed")
    HoursException.objects.create(slot=slot, kind="holiday", reason="节日保供。", status="filed")
    held = f.SlotFactory(company=world.company, base=world.base, status="review")
    held.review_schools.add(world.school)

    admin, teacher = todo(world.admin.user), todo(world.teacher.user)
    assert admin["hours_exceptions_to_decide"]["count"] == teacher["hours_exceptions_to_decide"]["count"] == 1
    assert admin["hours_exceptions_to_decide"]["route"]["name"] == "hours-exceptions"
    assert admin["slots_to_review"]["count"] == 1
    assert list_total(world.admin.user, "/api/v1/slots/", {"status": "review"}) == 1
    assert "slots_to_review" not in teacher  # an admin decides the review
    # another school neither decides nor reviews for our base
    other = todo(world.other_admin.user)
    assert other["hours_exceptions_to_decide"]["count"] == 0
    assert other["slots_to_review"]["count"] == 0
