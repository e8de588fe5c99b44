"""The school's list of placement companies (issue 15; COMPLIANCE.md: the school decides and publishes which
companies its students are placed with): a company the school took off its list takes no new application from its
students, no placement of theirs starts there, and the school does not approve a self-arranged placement there.
A company the school never listed is not refused (a self-arranged placement's company usually is not listed), and
another school's decision changes nothing for ours."""

from __future__ import annotations

import pytest
from django.utils import timezone

from companies.models import ListedCompany
from core.errors import DomainError
from placements import services
from tests.placements.clock import on_start
from tests.placements.helpers import actor, client_for, make_slot
from tests.placements.test_transitions import papers_in

pytestmark = pytest.mark.django_db


def delist(school, company, reason="企业发生安全事故，经校企合作委员会决定移出名单"):
    return ListedCompany.objects.create(
        institution=school, company=company, source="decision", decided_at=timezone.now(),
        removed_at=timezone.now(), removal_reason=reason,
    )  # fmt: skip


def apply(world, slot):
    return client_for(world.student.user).post("/api/v1/placements/", {"slot": slot.pk}, format="json")


def test_a_student_cannot_apply_to_a_company_their_school_took_off_its_list(world, slot, eligible_student):
    delist(world.school, world.company)
    response = apply(world, slot)
    assert (response.status_code, response.json()["code"]) == (409, "company_delisted")
    assert "移出名单" in response.json()["detail"] and world.company.name in response.json()["detail"]
    assert not world.student.placements.exists()


def test_back_on_the_list_or_never_on_it_the_student_applies(world, slot, eligible_student):
    assert apply(world, slot).status_code == 201  # never listed: not refused
    delist(world.school, world.company)
    ListedCompany.objects.create(
        institution=world.school, company=world.company, source="decision", decided_at=timezone.now()
    )
    another = make_slot(world, mentor=world.mentor)
    assert apply(world, another).status_code == 201


def test_another_schools_decision_does_not_refuse_ours(world, slot, eligible_student):
    delist(world.other_school, world.company)
    assert apply(world, slot).status_code == 201


def test_a_placement_does_not_start_at_a_company_the_school_took_off_its_list(world, slot):
    placement = papers_in(world, slot)
    delist(world.school, world.company)
    with on_start(placement), pytest.raises(DomainError) as refused:
        services.placement_start(actor=actor(world.teacher.user), placement=placement)
    assert refused.value.code == "company_delisted"
    placement.refresh_from_db()
    assert (placement.status, placement.started_at) == ("confirmed", None)
    with on_start(placement):
        response = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert (response.status_code, response.json()["code"]) == (409, "company_delisted")


@pytest.mark.parametrize(
    ("status", "who", "verb"),
    [("pending", "teacher", "placement_approve"), ("approved", "hr", "placement_confirm")],
)
def test_an_application_made_before_the_delisting_is_not_approved_or_confirmed(world, slot, status, who, verb):
    from tests import factories as f

    placement = f.PlacementFactory(student=world.student, slot=slot, status=status)
    delist(world.school, world.company)
    with pytest.raises(DomainError) as refused:
        getattr(services, verb)(actor=actor(getattr(world, who).user), placement=placement)
    assert refused.value.code == "company_delisted"
    placement.refresh_from_db()
    assert placement.status == status


@pytest.mark.parametrize(
    ("status", "who", "action"),
    [("pending", "teacher", "approve"), ("approved", "hr", "confirm"), ("confirmed", "teacher", "start")],
)
def test_the_api_stops_offering_what_the_delisting_would_refuse(world, slot, status, who, action):
    """`actions` foresees the list (no button that answers 409), in the list and the detail, and offers the move
    again once the company is back on the list."""
    from tests import factories as f

    if status == "confirmed":
        placement = papers_in(world, slot)
    else:
        placement = f.PlacementFactory(student=world.student, slot=slot, status=status)

    def offered() -> tuple[bool, bool]:
        with on_start(placement):  # a start is offered from the slot's first day
            client = client_for(getattr(world, who).user)
            detail = client.get(f"/api/v1/placements/{placement.pk}/").json()
            assert "actions" in detail, detail
            detail = detail["actions"]
            (row,) = [r for r in client.get("/api/v1/placements/").json()["results"] if r["id"] == placement.pk]
        return action in detail, action in row["actions"]

    assert offered() == (True, True)
    delist(world.school, world.company)
    assert offered() == (False, False)
    ListedCompany.objects.create(
        institution=world.school, company=world.company, source="decision", decided_at=timezone.now()
    )
    assert offered() == (True, True)
