"""Self-arranged placements (自行选择实习单位, issue 15): a student proposes a company that may not be on the
platform yet, with the guardian who consents; the school's admin vets the company and approves; the placement then
meets every gate of the start as any other. The bypasses are tried: a proposal nobody approved has nothing to
start, the student cannot approve it, terms the slot rules refuse are refused in the proposal too, and an approved
one still cannot start without its papers, consent, training, filing and inspection."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from companies.credit_code import make_demo_credit_code
from companies.models import Company
from core import sms
from placements.models import Placement, SelfArrangedProposal
from schools.models import Student
from tests import factories as f
from tests.companies.factories import SiteInspectionFactory
from tests.placements.clock import on
from tests.placements.helpers import client_for, new_student

pytestmark = pytest.mark.django_db

URL = "/api/v1/self-arranged/"


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    cache.clear()
    yield
    sms.outbox.clear()


def proposal_body(**overrides) -> dict:
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    return {
        "reason": "家长希望在家附近实习。",
        "company_name": "武汉某新能源汽车服务有限公司",
        "credit_code": make_demo_credit_code(777001),
        "company_address": "武汉市江夏区文化大道 88 号",
        "district": "jiangxia",
        "company_headcount": 200,
        "post_title": "新能源汽车维修实习生",
        "post_description": "在维修车间协助技师进行电池检测。",
        "job_cluster": "aftersales",
        "post_headcount": 40,
        "work_hazard": "ordinary",
        "start_date": start.isoformat(),
        "end_date": f.slot_end(start).isoformat(),
        "work_starts": "09:00",
        "work_ends": "18:00",
        "break_minutes": 60,
        "days_per_week": 5,
        "rest_days": [6, 7],
        "post_wage": "5000.00",
        "stipend": "4000.00",
        "mentor_name": "赵师傅",
        "mentor_phone": "13907150002",
        "guardian_name": "李建国",
        "guardian_relation": "father",
        "guardian_phone": "13807150001",
        **overrides,
    }


def propose(world, **overrides):
    return client_for(world.student.user).post(URL, proposal_body(**overrides), format="json")


def approve(user, proposal_id: int):
    return client_for(user).post(
        f"{URL}{proposal_id}/approve/", {"reason": "家长书面同意，企业资质核实。"}, format="json"
    )


def test_a_student_proposes_a_company_not_on_the_platform_and_the_school_approves(
    world, django_capture_on_commit_callbacks
):
    proposed = propose(world)
    assert proposed.status_code == 201, proposed.content
    body = proposed.json()
    assert (body["status"], body["placement"], body["can_withdraw"]) == ("pending", None, True)
    assert not Company.objects.filter(credit_code=body["credit_code"]).exists()  # nothing made before approval

    # The teacher reads it; only the admin decides.
    assert client_for(world.teacher.user).get(f"{URL}{body['id']}/").json()["can_decide"] is False
    assert client_for(world.admin.user).get(f"{URL}{body['id']}/").json()["can_decide"] is True
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve(world.admin.user, body["id"])
    assert approved.status_code == 200, approved.content
    approved = approved.json()
    assert approved["status"] == "approved" and approved["decided_by_name"] == world.admin.user.display_name

    company = Company.objects.get(pk=approved["company"])
    assert (company.vetting_status, company.vetted_by) == ("approved", world.admin.user)  # vetted by the school
    placement = Placement.objects.get(pk=approved["placement"])
    assert placement.status == "confirmed" and placement.student == world.student
    assert placement.slot.status == "closed" and placement.slot.capacity == 1  # nobody else applies to it
    assert placement.external_mentor_name == "赵师傅" and placement.teacher == world.student.advisor
    # The guardian the student named is texted the consent link at once.
    assert [m.to for m in sms.outbox] == ["13807150001"]
    assert placement.events.filter(action="self_arranged_approved").exists()


def test_an_unapproved_proposal_has_nothing_to_start(world):
    body = propose(world).json()
    assert SelfArrangedProposal.objects.get(pk=body["id"]).placement is None
    assert not Placement.objects.filter(student=world.student).exists()
    # The student cannot approve their own proposal, nor can a teacher or another school's admin.
    assert approve(world.student.user, body["id"]).status_code == 403
    assert approve(world.teacher.user, body["id"]).status_code == 403
    assert approve(world.other_admin.user, body["id"]).status_code == 404
    rejected = client_for(world.admin.user).post(f"{URL}{body['id']}/reject/", {"reason": "企业资质存疑。"})
    assert rejected.json()["status"] == "rejected"
    assert approve(world.admin.user, body["id"]).status_code == 409
    assert not Placement.objects.filter(student=world.student).exists()


def test_an_approved_placement_meets_every_gate_of_the_start(world):
    placement = Placement.objects.get(pk=approve(world.admin.user, propose(world).json()["id"]).json()["placement"])
    with on(placement.slot.start_date):
        refused = client_for(world.admin.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert refused.status_code == 409
    codes = {m["code"] for m in refused.json()["missing"]}
    assert {"safety_training", "tripartite", "consent", "filing", "inspection", "insurance"} <= codes
    assert "mentor" not in codes  # the mentor the school approved by name and phone
    # With every paper on file it starts, on its start date and not before: the same gates as any placement.
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    f.SafetyTrainingFactory(placement=placement)
    f.FilingFactory(institution=world.school).placements.add(placement)
    SiteInspectionFactory(base=placement.slot.base, institution=world.school)
    with on(placement.slot.start_date - timedelta(days=1)):
        early = client_for(world.admin.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert (early.status_code, early.json()["code"]) == (409, "before_start_date")
    with on(placement.slot.start_date):
        started = client_for(world.admin.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "active"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"work_starts": "07:00", "work_ends": "21:00"}, "work_ends"),  # 13 hours a day
        ({"post_wage": "0", "stipend": "0"}, "post_wage"),  # a zero wage is not a wage
        ({"stipend": "1000.00"}, "stipend"),  # below 80% of the post's wage
        ({"work_hazard": "height"}, "work_hazard"),  # high-risk work
        ({"credit_code": "91420100ABCDEFGHIJ"}, "credit_code"),
        ({"guardian_phone": "12345"}, "guardian_phone"),
    ],
)
def test_terms_the_slot_rules_refuse_are_refused_in_the_proposal(world, overrides, field):
    refused = propose(world, **overrides)
    assert refused.status_code == 400, refused.content
    fields = refused.json()["fields"]
    assert any(name.startswith(field.split("_")[0]) for name in fields), fields
    assert not SelfArrangedProposal.objects.exists()


def test_a_company_already_on_the_platform_is_reused_and_a_suspended_one_is_refused(world):
    approved = approve(world.admin.user, propose(world, credit_code=world.company.credit_code).json()["id"]).json()
    assert approved["company"] == world.company.pk
    other = new_student(world)
    suspended = f.CompanyFactory(vetting_status="suspended")
    proposal = client_for(other.user).post(URL, proposal_body(credit_code=suspended.credit_code), format="json")
    assert proposal.status_code == 201, proposal.content
    assert approve(world.admin.user, proposal.json()["id"]).json()["code"] == "company_suspended"


def test_students_see_their_own_proposals_and_staff_their_schools(world):
    body = propose(world).json()
    assert client_for(world.classmate.user).get(f"{URL}{body['id']}/").status_code == 404
    assert client_for(world.other_teacher.user).get(URL).json()["count"] == 0
    assert client_for(world.hr.user).get(URL).json()["count"] == 0
    assert client_for(world.teacher.user).get(URL).json()["count"] == 1
    assert client_for(world.hr.user).post(URL, proposal_body(), format="json").status_code == 403
    withdrawn = client_for(world.student.user).post(f"{URL}{body['id']}/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"


def test_a_form_that_leaves_the_work_classification_out_proposes_ordinary_work(world):
    body = proposal_body()
    del body["work_hazard"]
    created = client_for(world.student.user).post(URL, body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["work_hazard"] == "ordinary"


def test_the_schools_approval_never_lifts_the_students_own_eligibility(world):
    from datetime import date

    proposed = propose(world)
    assert proposed.status_code == 201, proposed.content
    # Under 16 on the first day (art. 16(2)): the admin's approval is refused and nothing is made.
    start = date.fromisoformat(proposed.json()["start_date"])
    Student.objects.filter(pk=world.student.pk).update(birth_date=start.replace(year=start.year - 15))
    refused = approve(world.admin.user, proposed.json()["id"])
    assert refused.status_code == 400, refused.content
    assert "student" in refused.json()["fields"]
    assert not Placement.objects.filter(student=world.student).exists()
    assert not Company.objects.filter(credit_code=proposed.json()["credit_code"]).exists()


def test_an_archived_student_proposes_nothing(world):
    Student.objects.filter(pk=world.student.pk).update(archived_at=timezone.now())
    refused = propose(world)
    assert refused.status_code == 409 and refused.json()["code"] == "archived"
