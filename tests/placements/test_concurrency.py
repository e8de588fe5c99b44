"""The capacity guarantee: however many confirmations arrive at once, a slot never takes more students than its
capacity, and the regulation's intern-share caps (rule 8) hold at the moment of confirming.

The threaded tests run real transactions on separate connections (SQLite here, PostgreSQL in CI)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection

from companies.models import JobCluster
from core.errors import DomainError
from placements import services
from placements.choices import FILLING_STATUSES
from placements.models import Placement
from tests import factories as f
from tests.concurrency import all_at_once
from tests.placements.citing import cites
from tests.placements.helpers import actor, apply, client_for, confirm, make_slot, new_student

THREADS = 30
CAPACITY = 5
ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def job_clusters():
    """A transactional test that ran earlier flushed the clusters the migrations seeded: put back the one the
    slots use (SQLite checks that foreign key only when a real transaction commits, as here)."""
    JobCluster.objects.get_or_create(
        code="production", defaults={"name": "生产制造", "name_en": "Production and manufacturing", "order": 2}
    )


def confirm_all_at_once(world, placements: list[Placement]) -> Counter:
    """Company HR confirms every placement at the same moment; returns how often each outcome ("confirmed" or a
    DomainError code) came back."""
    hr_actor = actor(world.hr.user)

    def confirm_at_once(placement: Placement) -> str:
        try:
            services.placement_confirm(actor=hr_actor, placement=placement)
        except DomainError as error:
            return error.code
        return "confirmed"

    return all_at_once(confirm_at_once, placements)


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_confirmations_fill_a_five_place_slot_exactly(job_clusters, world):
    world.company.headcount = 1000  # the company's and the post's caps (100 and 20) stay out of the way
    world.company.save()
    slot = make_slot(world, capacity=CAPACITY, post_headcount=100)
    teacher = world.teacher.user
    placements = []
    for _ in range(THREADS):
        pending = f.PlacementFactory(student=new_student(world), slot=slot, status="pending")
        placements.append(services.placement_approve(actor=actor(teacher), placement=pending))
    assert {p.status for p in placements} == {"approved"}

    assert confirm_all_at_once(world, placements) == {"confirmed": CAPACITY, "slot_full": THREADS - CAPACITY}
    assert Placement.objects.filter(slot=slot, status__in=FILLING_STATUSES).count() == CAPACITY
    assert Placement.objects.filter(slot=slot, status="approved").count() == THREADS - CAPACITY


@pytest.mark.django_db(transaction=True)
def test_simultaneous_confirmations_on_different_slots_keep_the_companys_10_percent_share(job_clusters, world):
    """30 staff allow 3 interns; ten one-place slots each have an approved student; all are confirmed at once."""
    world.company.headcount = 30
    world.company.save()
    placements = [
        f.PlacementFactory(student=new_student(world), slot=make_slot(world, capacity=1, post_headcount=5),
                           status="approved")
        for _ in range(10)
    ]  # fmt: skip
    assert confirm_all_at_once(world, placements) == {"confirmed": 3, "intern_share_company": 7}
    assert Placement.objects.filter(slot__company=world.company, status__in=FILLING_STATUSES).count() == 3


@pytest.mark.django_db
def test_confirming_on_a_full_slot_is_a_409_that_says_the_slot_is_full(world):
    slot = make_slot(world, capacity=1)
    f.PlacementFactory(student=world.classmate, slot=slot, status="confirmed")
    waiting = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    response = client_for(world.hr.user).post(f"/api/v1/placements/{waiting.pk}/confirm/", {})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "slot_full"
    assert "full" in body["detail"]
    assert (body["capacity"], body["filled"]) == (1, 1)
    waiting.refresh_from_db()
    assert waiting.status == "approved"


@pytest.mark.django_db
def test_a_completed_placement_still_holds_its_place_on_the_slot(world):
    slot = make_slot(world, capacity=1)
    f.PlacementFactory(student=world.classmate, slot=slot, status="completed")
    waiting = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    with pytest.raises(DomainError) as refused:
        confirm(world, waiting)
    assert refused.value.code == "slot_full"


@pytest.mark.django_db
def test_withdrawn_and_declined_applications_do_not_take_a_place(world):
    slot = make_slot(world, capacity=1)
    f.PlacementFactory(student=world.classmate, slot=slot, status="withdrawn")
    f.PlacementFactory(student=new_student(world), slot=slot, status="declined")
    waiting = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    assert confirm(world, waiting).status == "confirmed"


# -- rule 8 at confirmation ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_confirming_beyond_10_percent_of_the_companys_staff_is_refused(world):
    """The company declared 30 staff (3 interns at most) after posting two slots of two places each."""
    first = make_slot(world, capacity=2, post_headcount=10)
    second = make_slot(world, capacity=2, post_headcount=10)
    world.company.headcount = 30
    world.company.save()
    f.PlacementFactory(student=new_student(world), slot=first, status="confirmed")
    f.PlacementFactory(student=new_student(world), slot=first, status="active")
    third = f.PlacementFactory(student=world.classmate, slot=second, status="approved")
    assert confirm(world, third).status == "confirmed"
    fourth = f.PlacementFactory(student=world.student, slot=second, status="approved")
    response = client_for(world.hr.user).post(f"/api/v1/placements/{fourth.pk}/confirm/", {})
    assert response.status_code == 409
    assert response.json()["code"] == "intern_share_company"
    assert cites("intern_share") in response.json()["detail"]
    assert Placement.objects.get(pk=fourth.pk).status == "approved"


@pytest.mark.django_db
def test_interns_who_have_finished_do_not_count_against_the_companys_share(world):
    first = make_slot(world, capacity=2, post_headcount=10)
    world.company.headcount = 10  # one intern at a time
    world.company.save()
    f.PlacementFactory(student=new_student(world), slot=first, status="completed")
    waiting = f.PlacementFactory(student=world.student, slot=first, status="approved")
    assert confirm(world, waiting).status == "confirmed"


@pytest.mark.django_db
def test_confirming_beyond_20_percent_of_the_post_is_refused(world, settings):
    """The post share was lowered (a provincial rule) after the slot was posted for 5 of 25."""
    slot = make_slot(world, capacity=5, post_headcount=25)
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "POST_INTERN_SHARE": 0.1}  # 2 of 25 now
    for _ in range(2):
        confirm(world, f.PlacementFactory(student=new_student(world), slot=slot, status="approved"))
    waiting = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    response = client_for(world.hr.user).post(f"/api/v1/placements/{waiting.pk}/confirm/", {})
    assert response.status_code == 409
    assert response.json()["code"] == "intern_share_post"
    assert cites("intern_share") in response.json()["detail"]
    assert Placement.objects.filter(slot=slot, status__in=FILLING_STATUSES).count() == 2


# -- locking on PostgreSQL -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_applying_locks_the_students_record_on_every_database(world, slot):
    """SQLite ignores row locks, so only PostgreSQL (CI) shows whether application_submit's lock can be taken
    at all: locking the nullable side of an outer join (the student's cohort) is refused there."""
    assert apply(world.student, slot).status == "pending"
