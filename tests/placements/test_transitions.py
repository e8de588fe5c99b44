"""The placement's lifecycle (placements/services/lifecycle.py) under both approval orders a school can choose:
which moves each party may make from which state, what every illegal move answers (409 naming the current
state), the paperwork gate before the start (rules 2, 3, 13, 14), ending early, completing with the final grade
(rule 15), and the audit trail every move leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.errors import DomainError
from placements import services
from placements.choices import PlacementStatus
from placements.models import Assessment, Placement, PlacementEvent
from tests import factories as f
from tests.placements.clock import on, on_end, on_start
from tests.placements.helpers import actor, apply, approve, both_say_yes, client_for, confirm, make_slot, set_policy

pytestmark = pytest.mark.django_db

OPEN = {"pending", "approved", "accepted"}

# action: (service, who acts, extra arguments, {order: states the move is legal from})
MOVES = {
    "withdraw": (services.application_withdraw, "student", {}, OPEN),
    "approve": (
        services.placement_approve,
        "teacher",
        {},
        {"teacher_first": {"pending"}, "company_first": {"accepted"}},
    ),
    "reject": (services.placement_reject, "teacher", {"reason": "专业方向不符"}, OPEN),
    "confirm": (services.placement_confirm, "hr", {}, {"teacher_first": {"approved"}, "company_first": {"pending"}}),
    "decline": (services.placement_decline, "hr", {"reason": "名额已满"}, OPEN),
    "start": (services.placement_start, "teacher", {}, {"confirmed", "ready"}),
    "request_end": (services.placement_request_end, "student", {"reason": "家中有事"}, {"active"}),
    # Only after the student has asked; no placement below has asked, so no state is legal.
    "decide_end": (services.placement_decide_end, "teacher", {"approve": True}, set()),
    "complete": (services.placement_complete, "teacher", {}, {"active"}),
}


def move(world, name: str, placement: Placement, **extra) -> Placement:
    service, who, arguments, _ = MOVES[name]
    user = world.user(who)
    return service(actor=actor(user), placement=placement, **{**arguments, **extra})


def legal_states(name: str, order: str) -> set[str]:
    legal = MOVES[name][3]
    return legal[order] if isinstance(legal, dict) else legal


@pytest.fixture(params=["teacher_first", "company_first"])
def order(request, world):
    set_policy(world.school, approval_order=request.param)
    return request.param


def at(world, status: str, **fields) -> Placement:
    """The world's student's placement in `status`, on a slot of its own."""
    return f.PlacementFactory(student=world.student, slot=make_slot(world), status=status, **fields)


def events(placement) -> list[tuple]:
    return [
        (e.action, e.actor.username if e.actor else None, e.from_status, e.to_status, e.reason)
        for e in PlacementEvent.objects.filter(placement=placement).select_related("actor")
    ]


# -- the two approval orders -----------------------------------------------------------------------------------


def test_in_a_teacher_first_school_the_teacher_approves_then_the_company_confirms(world, slot):
    set_policy(world.school, approval_order="teacher_first")
    placement = apply(world.student, slot)
    assert approve(world, placement).status == "approved"
    assert confirm(world, placement).status == "confirmed"
    placement.refresh_from_db()
    assert placement.status == "confirmed"
    assert (placement.teacher_decided_by, placement.company_decided_by) == (world.teacher.user, world.hr.user)
    assert [e[0] for e in events(placement)] == ["applied", "approved", "confirmed"]


def test_in_a_company_first_school_the_company_accepts_then_the_teacher_approves(world, slot):
    set_policy(world.school, approval_order="company_first")
    placement = apply(world.student, slot)
    assert confirm(world, placement).status == "accepted"
    assert approve(world, placement).status == "confirmed"
    placement.refresh_from_db()
    assert placement.status == "confirmed"
    assert (placement.teacher_decided_by, placement.company_decided_by) == (world.teacher.user, world.hr.user)
    assert [e[0] for e in events(placement)] == ["applied", "accepted", "approved"]


@pytest.mark.parametrize("name, ends_in", [("withdraw", "withdrawn"), ("reject", "rejected"), ("decline", "declined")])
def test_an_open_application_can_be_withdrawn_rejected_or_declined_at_every_step(world, order, name, ends_in):
    steps = ["pending", "approved"] if order == "teacher_first" else ["pending", "accepted"]
    for status in steps:
        placement = at(world, status)
        assert move(world, name, placement).status == ends_in
        placement.refresh_from_db()
        assert placement.status == ends_in


@pytest.mark.parametrize("name", list(MOVES))
def test_every_illegal_move_is_refused_naming_the_current_state(world, order, name):
    illegal = [s for s in PlacementStatus.values if s not in legal_states(name, order)]
    assert illegal
    for status in illegal:
        placement = at(world, status)
        with pytest.raises(DomainError) as refused:
            move(world, name, placement)
        assert refused.value.code == "illegal_transition", status
        assert refused.value.extra["current_status"] == status
        placement.refresh_from_db()
        assert placement.status == status, f"{name} changed a {status} placement"
        assert not PlacementEvent.objects.filter(placement=placement).exists()


def test_an_illegal_move_through_the_api_is_a_409_naming_the_current_state(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    response = client_for(world.teacher.user).post(f"/api/v1/placements/{placement.pk}/approve/", {})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert body["current_status"] == "approved"
    assert "Approved by the teacher" in body["detail"]


# -- reasons ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, who, status",
    [("reject", "teacher", "pending"), ("decline", "hr", "pending"), ("request-end", "student", "active")],
)
@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_saying_no_needs_a_reason(world, slot, action, who, status, reason):
    placement = f.PlacementFactory(student=world.student, slot=slot, status=status)
    response = client_for(world.user(who)).post(f"/api/v1/placements/{placement.pk}/{action}/", {"reason": reason})
    assert response.status_code == 400
    assert "reason" in response.json()["fields"]
    placement.refresh_from_db()
    assert (placement.status, placement.end_requested_at) == (status, None)


def test_the_reason_for_a_rejection_is_shown_to_the_student(world, slot):
    placement = apply(world.student, slot)
    client_for(world.teacher.user).post(f"/api/v1/placements/{placement.pk}/reject/", {"reason": "请先补考电工证"})
    (body,) = client_for(world.student.user).get("/api/v1/placements/").json()["results"]
    assert body["status"] == "rejected"
    assert body["decision_reason"] == "请先补考电工证"


# -- who may decide --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other_teacher", "other_admin"])
def test_a_teacher_of_another_school_cannot_approve(world, slot, outsider):
    placement = apply(world.student, slot)
    user = getattr(world, outsider).user
    assert client_for(user).post(f"/api/v1/placements/{placement.pk}/approve/", {}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.placement_approve(actor=actor(user), placement=placement)
    assert Placement.objects.get(pk=placement.pk).status == "pending"


def test_hr_of_another_company_cannot_confirm(world, slot):
    placement = approve(world, apply(world.student, slot))
    user = world.other_hr.user
    assert client_for(user).post(f"/api/v1/placements/{placement.pk}/confirm/", {}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.placement_confirm(actor=actor(user), placement=placement)
    assert Placement.objects.get(pk=placement.pk).status == "approved"


def test_the_mentor_cannot_confirm(world, slot):
    placement = approve(world, apply(world.student, slot))
    response = client_for(world.mentor.user).post(f"/api/v1/placements/{placement.pk}/confirm/", {})
    assert response.status_code == 403
    assert Placement.objects.get(pk=placement.pk).status == "approved"


@pytest.mark.parametrize("who", ["student", "hr"])
def test_neither_the_student_nor_the_company_can_approve_for_the_school(world, slot, who):
    placement = apply(world.student, slot)
    response = client_for(world.user(who)).post(f"/api/v1/placements/{placement.pk}/approve/", {})
    assert response.status_code == 403
    assert Placement.objects.get(pk=placement.pk).status == "pending"


def test_the_school_admin_may_approve_like_the_advisor(world, slot):
    placement = apply(world.student, slot)
    response = client_for(world.admin.user).post(f"/api/v1/placements/{placement.pk}/approve/", {})
    assert response.status_code == 200
    assert response.json()["status"] == "approved"


# -- one placement a term --------------------------------------------------------------------------------------


def test_confirming_one_placement_withdraws_the_students_other_choices_that_term(world, order):
    chosen, second, third = (make_slot(world, title=t) for t in ("甲", "乙", "丙"))
    next_term = make_slot(
        world,
        title="秋季",
        start_date=chosen.end_date + timedelta(days=1),
        end_date=chosen.end_date + timedelta(days=180),
        application_deadline=chosen.end_date,
    )
    placements = {s.title: apply(world.student, s) for s in (chosen, second, third, next_term)}
    both_say_yes(world, placements["甲"])
    statuses = dict(Placement.objects.filter(student=world.student).values_list("slot__title", "status"))
    assert statuses == {"甲": "confirmed", "乙": "withdrawn", "丙": "withdrawn", "秋季": "pending"}
    withdrawal = PlacementEvent.objects.get(placement=placements["乙"], action="withdrawn")
    assert withdrawal.reason == "Placed at another slot."


# -- the paperwork gate ----------------------------------------------------------------------------------------


def missing_at_start(world, placement) -> set[str]:
    status = placement.status
    with pytest.raises(DomainError) as refused:
        move(world, "start", placement)
    assert refused.value.code == "paperwork_missing"
    assert refused.value.extra["current_status"] == placement.status
    placement.refresh_from_db()
    assert placement.status == status
    return {m["code"] for m in refused.value.extra["missing"]}


def test_a_post_internship_starts_only_with_agreement_consent_and_insurance(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    assert missing_at_start(world, placement) == {"tripartite", "consent", "insurance"}
    f.PlacementDocumentFactory(placement=placement, kind="tripartite")
    assert missing_at_start(world, placement) == {"consent", "insurance"}
    f.PlacementDocumentFactory(placement=placement, kind="consent")
    assert missing_at_start(world, placement) == {"insurance"}
    f.PlacementDocumentFactory(placement=placement, kind="insurance")
    with on_start(placement):
        started = move(world, "start", placement)
    assert started.status == "active"
    assert started.started_at is not None


def test_the_api_lists_what_is_missing_before_the_start(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    f.PlacementDocumentFactory(placement=placement, kind="consent")
    response = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "paperwork_missing"
    assert {m["code"] for m in body["missing"]} == {"tripartite", "insurance"}
    # Each item says what it rests on: the regulation's article (or its name), never a private row number.
    assert all(m["basis"]["citation"] and m["basis"]["clause"] for m in body["missing"])
    assert not any("rule" in m["label"] for m in body["missing"])
    (row,) = client_for(world.student.user).get("/api/v1/placements/").json()["results"]
    assert row["missing"] == body["missing"]


@pytest.mark.parametrize(
    "covers_from_shift, covers_to_shift",
    [(1, 0), (0, -1), (-400, -200)],
    ids=["starts-a-day-late", "ends-a-day-early", "an-old-policy"],
)
def test_insurance_that_does_not_cover_the_placements_dates_does_not_count(
    world, slot, covers_from_shift, covers_to_shift
):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    f.PlacementDocumentFactory(placement=placement, kind="tripartite")
    f.PlacementDocumentFactory(placement=placement, kind="consent")
    f.PlacementDocumentFactory(
        placement=placement,
        kind="insurance",
        covers_from=slot.start_date + timedelta(days=covers_from_shift),
        covers_to=slot.end_date + timedelta(days=covers_to_shift),
    )
    assert missing_at_start(world, placement) == {"insurance"}


@pytest.mark.parametrize(
    "inspected_days_before_start", [None, 366], ids=["never-inspected", "inspected-366-days-before"]
)
def test_a_base_without_a_current_inspection_cannot_host_a_post_internship_under_rule_14(
    world, slot, inspected_days_before_start
):
    world.base.inspections.all().delete()
    if inspected_days_before_start is not None:
        f.SiteInspectionFactory(
            base=world.base, inspected_on=slot.start_date - timedelta(days=inspected_days_before_start)
        )
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    assert missing_at_start(world, placement) == {"inspection"}


def test_an_inspection_exactly_as_old_as_allowed_is_current(world, slot, settings):
    world.base.inspections.all().delete()
    f.SiteInspectionFactory(base=world.base, inspected_on=slot.start_date - timedelta(days=400))
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "INSPECTION_VALID_DAYS": 400}
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    with on_start(placement):
        assert move(world, "start", placement).status == "active"


def test_an_observation_internship_needs_only_insurance(world):
    world.base.inspections.all().delete()
    slot = make_slot(world, kind="observation", end_date=make_slot(world).start_date + timedelta(days=20))
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    assert missing_at_start(world, placement) == {"insurance"}
    f.PlacementDocumentFactory(placement=placement, kind="insurance")
    with on_start(placement):
        assert move(world, "start", placement).status == "active"


def test_the_company_hr_may_start_a_placement_but_not_the_mentor_or_the_student(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="ready")
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    for user in (world.mentor.user, world.student.user):
        assert client_for(user).post(f"/api/v1/placements/{placement.pk}/start/").status_code == 403
    with on_start(placement):
        response = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert response.status_code == 200
    assert response.json()["status"] == "active"


# -- the placement's dates -------------------------------------------------------------------------------------


def papers_in(world, slot) -> Placement:
    """A confirmed placement with every paper in, its insurance covering exactly the slot's dates."""
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    placement.refresh_from_db()
    return placement


def test_a_placement_with_all_its_papers_does_not_start_before_its_slots_start_date(world, slot):
    placement = papers_in(world, slot)
    for day in (timezone.localdate(), slot.start_date - timedelta(days=1)):
        with on(day), pytest.raises(DomainError) as refused:
            move(world, "start", placement)
        assert refused.value.code == "before_start_date"
        assert refused.value.extra["start_date"] == slot.start_date.isoformat()
    placement.refresh_from_db()
    assert (placement.status, placement.started_at) == ("confirmed", None)
    with on_start(placement):
        assert move(world, "start", placement).status == "active"


def test_the_api_does_not_offer_a_start_before_the_start_date_and_refuses_one_with_a_409(world, slot):
    placement = papers_in(world, slot)
    url = f"/api/v1/placements/{placement.pk}/"
    assert "start" not in client_for(world.teacher.user).get(url).json()["actions"]
    response = client_for(world.teacher.user).post(f"{url}start/")
    assert response.status_code == 409
    assert response.json()["code"] == "before_start_date"
    assert Placement.objects.get(pk=placement.pk).started_at is None
    with on_start(placement):
        assert "start" in client_for(world.teacher.user).get(url).json()["actions"]


def test_a_placement_whose_dates_are_over_cannot_start(world, slot):
    placement = papers_in(world, slot)
    with on(slot.end_date + timedelta(days=1)), pytest.raises(DomainError) as refused:
        move(world, "start", placement)
    assert refused.value.code == "after_end_date"


def test_on_its_start_date_a_placement_still_needs_insurance_from_that_day_to_its_end(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    for kind in ("tripartite", "consent"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    f.PlacementDocumentFactory(
        placement=placement, kind="insurance", covers_from=slot.start_date, covers_to=slot.end_date - timedelta(days=1)
    )
    with on_start(placement), pytest.raises(DomainError) as refused:
        move(world, "start", placement)
    assert refused.value.code == "paperwork_missing"
    assert [m["code"] for m in refused.value.extra["missing"]] == ["insurance"]


def test_an_assessed_placement_is_not_completed_before_its_end_date(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="active")
    assess(placement, "teacher", "good")
    assess(placement, "company", "good")
    for day in (slot.start_date, slot.end_date - timedelta(days=1)):
        with on(day), pytest.raises(DomainError) as refused:
            move(world, "complete", placement)
        assert refused.value.code == "before_end_date"
    response = client_for(world.teacher.user).post(f"/api/v1/placements/{placement.pk}/complete/")
    assert (response.status_code, response.json()["code"]) == (409, "before_end_date")
    placement.refresh_from_db()
    assert (placement.status, placement.final_grade, placement.ended_at) == ("active", "", None)
    journals_waived(placement)
    with on_end(placement):
        assert move(world, "complete", placement).status == "completed"


def test_a_placement_that_must_stop_sooner_ends_early_on_request_not_by_completing(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="active")
    with on(slot.start_date + timedelta(days=10)):
        move(world, "request_end", placement, reason="身体原因需休养")
        ended = move(world, "decide_end", placement, approve=True, reason="情况属实")
    assert ended.status == "ended_early"


# -- ending early ----------------------------------------------------------------------------------------------


@pytest.fixture
def active(world, slot) -> Placement:
    return f.PlacementFactory(student=world.student, slot=slot, status="active")


def test_the_student_asks_to_end_early_and_the_teacher_agrees(world, active):
    student, teacher = client_for(world.student.user), client_for(world.teacher.user)
    asked = student.post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "身体原因需休养"})
    assert asked.status_code == 200
    assert asked.json()["status"] == "active"
    assert asked.json()["end_request_reason"] == "身体原因需休养"
    assert asked.json()["end_requested_at"]
    decided = teacher.post(f"/api/v1/placements/{active.pk}/decide-end/", {"approve": True})
    assert decided.status_code == 200
    assert decided.json()["status"] == "ended_early"
    assert decided.json()["ended_at"]


def test_a_teacher_who_refuses_to_end_early_gives_a_reason_and_the_student_may_ask_again(world, active):
    student, teacher = client_for(world.student.user), client_for(world.teacher.user)
    student.post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "想换一家企业"})
    unexplained = teacher.post(f"/api/v1/placements/{active.pk}/decide-end/", {"approve": False})
    assert unexplained.status_code == 400
    assert "reason" in unexplained.json()["fields"]
    assert Placement.objects.get(pk=active.pk).end_requested_at is not None
    refused = teacher.post(f"/api/v1/placements/{active.pk}/decide-end/", {"approve": False, "reason": "先与企业沟通"})
    assert refused.status_code == 200
    assert refused.json()["status"] == "active"
    assert refused.json()["end_requested_at"] is None
    assert student.post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "沟通无果"}).status_code == 200


def test_a_second_request_to_end_while_one_is_pending_is_a_conflict(world, active):
    student = client_for(world.student.user)
    student.post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "第一次"})
    again = student.post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "第二次"})
    assert again.status_code == 409
    assert again.json()["current_status"] == "active"


def test_only_the_student_asks_and_only_the_school_decides_to_end_early(world, active):
    for user in (world.teacher.user, world.hr.user):
        response = client_for(user).post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "代为申请"})
        assert response.status_code == 403
    client_for(world.student.user).post(f"/api/v1/placements/{active.pk}/request-end/", {"reason": "身体原因"})
    decide = f"/api/v1/placements/{active.pk}/decide-end/"
    for user in (world.student.user, world.hr.user, world.mentor.user):
        assert client_for(user).post(decide, {"approve": True}).status_code == 403
    assert client_for(world.other_teacher.user).post(decide, {"approve": True}).status_code == 404
    assert Placement.objects.get(pk=active.pk).status == "active"


# -- completing ------------------------------------------------------------------------------------------------


def journals_waived(placement) -> None:
    """The teacher let the placement complete short of the journal count (tests/placements/test_journal_count.py
    tries the count itself)."""
    Placement.objects.filter(pk=placement.pk).update(
        journals_waived_at=timezone.now(), journals_waived_reason="企业保密要求，周记改为线下提交"
    )
    placement.refresh_from_db()


def assess(placement, role: str, grade: str) -> None:
    Assessment.objects.create(placement=placement, role=role, grade=grade)


def test_completing_needs_both_assessments(world, active):
    with pytest.raises(DomainError) as refused:
        move(world, "complete", active)
    assert refused.value.code == "assessment_missing"
    assess(active, "teacher", "good")
    with pytest.raises(DomainError) as refused:
        move(world, "complete", active)
    assert "Company mentor" in str(refused.value.detail)
    assert "Teacher" not in str(refused.value.detail)
    assess(active, "company", "good")
    journals_waived(active)
    with on_end(active):
        done = move(world, "complete", active)
    assert (done.status, done.final_grade) == ("completed", "good")
    assert done.ended_at is not None


@pytest.mark.parametrize(
    "teacher, company, final",
    [
        ("excellent", "excellent", "excellent"),
        ("excellent", "good", "good"),
        ("excellent", "pass", "good"),
        ("good", "pass", "pass"),
        ("pass", "good", "pass"),
        ("pass", "pass", "pass"),
        ("excellent", "fail", "fail"),
        ("fail", "excellent", "fail"),
    ],
)
def test_the_final_grade_is_the_mean_rounded_down_and_any_fail_fails(world, active, teacher, company, final):
    assess(active, "teacher", teacher)
    assess(active, "company", company)
    journals_waived(active)
    with on_end(active):
        response = client_for(world.teacher.user).post(f"/api/v1/placements/{active.pk}/complete/")
    assert response.status_code == 200
    assert response.json()["final_grade"] == final


# -- the audit trail -------------------------------------------------------------------------------------------


def test_every_move_is_recorded_with_its_actor_states_and_reason(world, slot):
    set_policy(world.school, approval_order="teacher_first")
    placement = apply(world.student, slot)
    approve(world, placement, reason="成绩优秀，同意")
    confirm(world, placement)
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    f.SafetyTrainingFactory(placement=placement)
    f.FilingFactory(institution=world.school).placements.add(placement)  # 备案
    with on_start(placement):
        move(world, "start", placement)
        move(world, "request_end", placement, reason="家中有事")
        move(world, "decide_end", placement, approve=True, reason="情况属实")
    assert events(placement) == [
        ("applied", "student", "", "pending", ""),
        ("approved", "teacher", "pending", "approved", "成绩优秀，同意"),
        ("confirmed", "hr", "approved", "confirmed", ""),
        ("started", "teacher", "confirmed", "active", ""),
        ("end_requested", "student", "active", "active", "家中有事"),
        ("ended_early", "teacher", "active", "ended_early", "情况属实"),
    ]


@pytest.mark.parametrize(
    "name, who, ends_in",
    [("withdraw", "student", "withdrawn"), ("reject", "teacher", "rejected"), ("decline", "hr", "declined")],
)
def test_saying_no_is_recorded_with_its_reason(world, slot, name, who, ends_in):
    placement = apply(world.student, slot)
    move(world, name, placement, reason="理由写在这里")
    assert events(placement)[-1] == (ends_in, who, "pending", ends_in, "理由写在这里")


def test_the_reason_given_with_the_deciding_yes_is_recorded(world, slot, order):
    placement = apply(world.student, slot)
    if order == "teacher_first":
        approve(world, placement)
        confirm(world, placement, reason="欢迎加入装调班组")
        deciding = "confirmed"
    else:
        confirm(world, placement)
        approve(world, placement, reason="欢迎加入装调班组")
        deciding = "approved"
    event = PlacementEvent.objects.get(placement=placement, action=deciding)
    assert event.reason == "欢迎加入装调班组"
    if order == "company_first":
        placement.refresh_from_db()
        assert placement.decision_reason == "欢迎加入装调班组"


def test_the_answer_to_a_move_shows_the_trail_with_names(world, slot):
    placement = apply(world.student, slot)
    body = client_for(world.teacher.user).post(f"/api/v1/placements/{placement.pk}/approve/", {}).json()
    assert [(e["action"], e["actor_name"]) for e in body["events"]] == [
        ("applied", world.student.user.display_name),
        ("approved", world.teacher.user.display_name),
    ]


def test_a_refused_move_leaves_no_trace(world, slot):
    placement = apply(world.student, slot)
    with pytest.raises(ValidationError):
        move(world, "reject", placement, reason="")
    assert [e[0] for e in events(placement)] == ["applied"]
