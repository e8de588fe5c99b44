"""Completing a placement needs the school's journal count (SchoolPolicy, scaled to the placement's length) or a
teacher's recorded waiver with a reason; due and overdue journals count from the placement's start date. A
placement had been completed with 2 of 12 journals while its summary said "due 0, overdue 0"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import DomainError
from placements import services
from placements.models import Assessment, Journal, Placement, PlacementEvent
from tests import factories as f
from tests.placements.clock import on
from tests.placements.helpers import actor, client_for, set_policy

pytestmark = pytest.mark.django_db

REASON = "企业保密要求，周记改为线下提交并已由教师审阅"


@pytest.fixture
def assessed(world, slot) -> Placement:
    """The world's student's active placement on the six-month slot, both assessments in, no journal yet."""
    placement = f.PlacementFactory(student=world.student, slot=slot, status="active")
    for role in ("teacher", "company"):
        Assessment.objects.create(placement=placement, role=role, grade="good")
    return placement


def journals(placement, n: int) -> None:
    for i in range(n):
        Journal.objects.create(placement=placement, period=i + 1, title=f"第{i + 1}周", body="学习了电池包拆装。")


def complete(world, placement):
    user = world.teacher.user
    return services.placement_complete(actor=actor(user), placement=placement)


def test_a_placement_with_2_of_12_journals_is_not_completed(world, assessed):
    set_policy(world.school, journal_min_count=12)
    journals(assessed, 2)
    with on(assessed.slot.end_date), pytest.raises(DomainError) as refused:
        complete(world, assessed)
    assert refused.value.code == "journals_missing"
    assert (refused.value.extra["required"], refused.value.extra["submitted"]) == (12, 2)
    assessed.refresh_from_db()
    assert assessed.status == "active"


def test_the_api_offers_no_completion_short_of_the_count_and_refuses_one_with_a_409(world, assessed):
    journals(assessed, 11)
    with on(assessed.slot.end_date):
        teacher = client_for(world.teacher.user)
        url = f"/api/v1/placements/{assessed.pk}/"
        body = teacher.get(url).json()
        assert "complete" not in body["actions"]
        assert "waive_journals" in body["actions"]
        response = teacher.post(f"{url}complete/")
        assert (response.status_code, response.json()["code"]) == (409, "journals_missing")


def test_with_the_schools_count_in_the_placement_completes(world, assessed):
    journals(assessed, 12)
    with on(assessed.slot.end_date):
        assert complete(world, assessed).status == "completed"


def test_a_school_sets_its_own_count(world, assessed):
    set_policy(world.school, journal_min_count=6)
    journals(assessed, 6)
    with on(assessed.slot.end_date):
        assert complete(world, assessed).status == "completed"


def test_a_teacher_waives_the_count_with_a_reason_and_the_trail_keeps_it(world, assessed):
    journals(assessed, 2)
    teacher = client_for(world.teacher.user)
    response = teacher.post(f"/api/v1/placements/{assessed.pk}/waive-journals/", {"reason": REASON})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["journals_waived_reason"] == REASON
    assert body["journals_waived_at"]
    assert body["journal"]["waived"] is True
    assert "waive_journals" not in body["actions"]
    event = PlacementEvent.objects.get(placement=assessed, action="journals_waived")
    assert (event.actor, event.reason) == (world.teacher.user, REASON)
    with on(assessed.slot.end_date):
        assert complete(world, Placement.objects.get(pk=assessed.pk)).status == "completed"


def test_a_waiver_needs_a_reason_and_writes_nothing_without_one(world, assessed):
    for body in ({}, {"reason": "  "}):
        response = client_for(world.teacher.user).post(f"/api/v1/placements/{assessed.pk}/waive-journals/", body)
        assert response.status_code == 400, response.json()
        assert "reason" in response.json()["fields"]
    assessed.refresh_from_db()
    assert (assessed.journals_waived_at, assessed.journals_waived_reason) == (None, "")
    assert not PlacementEvent.objects.filter(placement=assessed, action="journals_waived").exists()


def test_only_the_schools_staff_waive_and_strangers_do_not_find_the_placement(world, assessed):
    url = f"/api/v1/placements/{assessed.pk}/waive-journals/"
    assert client_for(None).post(url, {"reason": REASON}).status_code == 401
    for user in (world.student.user, world.hr.user, world.mentor.user):
        assert client_for(user).post(url, {"reason": REASON}).status_code == 403, user
    for user in (world.other_teacher.user, world.outsider):
        assert client_for(user).post(url, {"reason": REASON}).status_code == 404, user
    assert client_for(world.admin.user).post(url, {"reason": REASON}).status_code == 200
    assessed.refresh_from_db()
    assert assessed.journals_waived_by == world.admin.user


def test_a_second_waiver_or_one_for_a_placement_not_running_is_a_conflict(world, assessed):
    teacher = client_for(world.teacher.user)
    url = f"/api/v1/placements/{assessed.pk}/waive-journals/"
    assert teacher.post(url, {"reason": REASON}).status_code == 200
    assert teacher.post(url, {"reason": REASON}).status_code == 409
    confirmed = f.PlacementFactory(student=world.classmate, slot=assessed.slot, status="confirmed")
    response = teacher.post(f"/api/v1/placements/{confirmed.pk}/waive-journals/", {"reason": REASON})
    assert (response.status_code, response.json()["code"]) == (409, "illegal_transition")


def test_due_journals_count_from_the_start_date(world, assessed):
    slot = assessed.slot
    journals(assessed, 1)
    with on(slot.start_date + timedelta(days=7 * 3)):
        summary = services.journal_summary(assessed)
    assert (summary.due, summary.submitted, summary.overdue) == (3, 1, 2)
    with on(slot.start_date - timedelta(days=30)):
        assert services.journal_summary(assessed).due == 0


def test_a_completed_placement_was_due_every_journal_and_shows_what_is_missing(world, assessed):
    journals(assessed, 2)
    Placement.objects.filter(pk=assessed.pk).update(status="completed")
    assessed.refresh_from_db()
    summary = services.journal_summary(assessed)
    assert (summary.required, summary.due, summary.submitted, summary.overdue) == (12, 12, 2, 10)


def test_an_early_end_counts_due_journals_up_to_the_day_it_ended(world, assessed):
    slot = assessed.slot
    with on(slot.start_date + timedelta(days=7 * 4 + 1)):
        user = world.student.user
        services.placement_request_end(actor=actor(user), placement=assessed, reason="身体原因需休养")
        teacher = world.teacher.user
        services.placement_decide_end(actor=actor(teacher), placement=assessed, approve=True)
    with on(slot.end_date):
        summary = services.journal_summary(Placement.objects.get(pk=assessed.pk))
    assert (summary.due, summary.overdue) == (4, 4)
