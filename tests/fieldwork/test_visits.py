"""Teacher visits and the school's coverage: per running placement, visits this term against the policy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.actor import actor_for
from core.calendar import term_of
from fieldwork.models import FieldworkPolicy, Visit
from fieldwork.visits import visit_coverage, visit_record, visits_due_count
from tests import factories as f
from tests.access import client_for
from tests.media import media_root  # noqa: F401 (autouse: uploads land in a temporary folder)


@pytest.fixture
def placed(world):
    world.base.institutions.add(world.school)
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    world.placement = f.PlacementFactory(student=world.student, slot=slot, status="active")
    world.other = f.PlacementFactory(student=world.classmate, slot=f.SlotFactory(majors=[world.major]), status="active")
    return world


def record(world, who="teacher", **kw):
    data = dict(visited_on=timezone.localdate(), mode="on_site", findings="工位整洁，学生状态良好。") | kw
    return visit_record(actor=actor_for(world.user(who)), **data)


def test_a_visit_to_a_placement_counts_for_it_alone(placed):
    record(placed, placement=placed.placement)
    rows = {r.placement.pk: r for r in visit_coverage(actor_for(placed.admin.user))}
    assert rows[placed.placement.pk].visits == 1 and rows[placed.placement.pk].missing == 0
    assert rows[placed.other.pk].visits == 0 and rows[placed.other.pk].missing == 1


def test_missing_ones_come_first_and_the_policy_sets_the_number(placed):
    FieldworkPolicy.objects.create(institution=placed.school, visits_per_term=2)
    record(placed, placement=placed.placement)
    rows = visit_coverage(actor_for(placed.admin.user))
    assert [(r.placement.pk, r.visits, r.missing) for r in rows] == [
        (placed.other.pk, 0, 2),
        (placed.placement.pk, 1, 1),
    ]


def test_a_visit_to_a_base_counts_for_the_schools_placements_there(placed):
    record(placed, base=placed.base, mode="online")
    rows = {r.placement.pk: r for r in visit_coverage(actor_for(placed.admin.user))}
    assert rows[placed.placement.pk].visits == 1 and rows[placed.other.pk].visits == 0


def test_a_visit_of_a_past_term_does_not_count(placed):
    before = term_of(timezone.localdate()).start - timedelta(days=1)
    record(placed, placement=placed.placement, visited_on=before)
    rows = {r.placement.pk: r for r in visit_coverage(actor_for(placed.admin.user))}
    assert rows[placed.placement.pk].visits == 0


def test_a_teacher_sees_coverage_of_the_placements_they_supervise(placed):
    placed.other.teacher = f.TeacherFactory(institution=placed.school)
    placed.other.save()
    assert [r.placement.pk for r in visit_coverage(actor_for(placed.teacher.user))] == [placed.placement.pk]
    assert visits_due_count(actor_for(placed.teacher.user)) == 1
    record(placed, placement=placed.placement)
    assert visits_due_count(actor_for(placed.teacher.user)) == 0


def test_a_visit_cannot_be_in_the_future_or_to_another_schools_placement(placed):
    with pytest.raises(ValidationError) as error:
        record(placed, placement=placed.placement, visited_on=timezone.localdate() + timedelta(days=1))
    assert "visited_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        record(placed, who="other_teacher", placement=placed.placement)
    with pytest.raises(ValidationError):
        record(placed, who="other_teacher", base=placed.base)
    with pytest.raises(PermissionDenied):
        record(placed, who="hr", placement=placed.placement)
    assert not Visit.objects.exists()


def test_coverage_and_visits_through_the_api(placed):
    teacher = client_for(placed.teacher.user)
    response = teacher.post(
        "/api/v1/visits/",
        {"placement": placed.placement.pk, "visited_on": timezone.localdate().isoformat(), "mode": "on_site",
         "findings": "现场查看了工位与安全防护。"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    rows = teacher.get("/api/v1/visit-coverage/", {"mine": "true"}).json()
    assert [(r["placement"], r["visits"], r["missing"]) for r in rows] == [
        (placed.other.pk, 0, 1),
        (placed.placement.pk, 1, 0),
    ]
    assert client_for(placed.hr.user).get("/api/v1/visit-coverage/").status_code == 403
    assert client_for(placed.hr.user).get(f"/api/v1/visits/{response.json()['id']}/").status_code == 404
