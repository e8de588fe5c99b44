"""Match rounds end to end through the API: create, open, rank, company ranking, dry run, publish."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from placements.models import MatchRound, Placement
from tests import factories as f
from tests.access import client_for
from tests.placements.citing import cites

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_world(world):
    world.company.headcount = 1000
    world.company.save()
    slots = [
        f.SlotFactory(company=world.company, base=world.base, majors=[world.major], capacity=1, title=f"岗位{i}")
        for i in range(3)
    ]
    students = [world.student, world.classmate] + [
        f.StudentFactory(
            institution=world.school, cohort=world.student.cohort, advisor=world.teacher, user=f.UserFactory()
        )
        for _ in range(2)
    ]
    teacher = client_for(world.teacher.user)
    response = teacher.post(
        "/api/v1/match-rounds/",
        {
            "institution": world.school.pk,
            "name": "2027春季岗位实习匹配",
            "mechanism": "deferred_acceptance",
            "slots": [s.pk for s in slots],
            "cohorts": [world.student.cohort_id],
            "preference_deadline": (timezone.now() + timedelta(days=7)).isoformat(),
            "max_choices": 3,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    round_id = response.json()["id"]
    assert teacher.post(f"/api/v1/match-rounds/{round_id}/open/").json()["status"] == "open"
    return world, slots, students, round_id, teacher


def test_a_round_from_ranking_to_published_applications(round_world):
    world, slots, students, round_id, teacher = round_world
    # Everyone wants slot 0 most; the company ranks the last student first for it.
    for student in students:
        response = client_for(student.user).put(
            f"/api/v1/match-rounds/{round_id}/preferences/", {"slots": [s.pk for s in slots]}, format="json"
        )
        assert response.status_code == 200, response.json()
    hr = client_for(world.hr.user)
    order = hr.get(f"/api/v1/match-rounds/{round_id}/priorities/", {"slot": slots[0].pk}).json()
    assert {s["id"] for s in order["students"]} == {s.pk for s in students}
    favourite = students[-1]
    response = hr.put(
        f"/api/v1/match-rounds/{round_id}/priorities/",
        {"slot": slots[0].pk, "students": [favourite.pk]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["students"][0]["id"] == favourite.pk

    assert teacher.post(f"/api/v1/match-rounds/{round_id}/close/").json()["status"] == "closed"
    summary = teacher.post(f"/api/v1/match-rounds/{round_id}/run/").json()["summary"]
    assert summary == {"students": 4, "ranked": 4, "matched": 3, "unmatched": 1, "did_not_rank": 0,
                       "first_choice_share": 0.25}  # fmt: skip
    result = teacher.get(f"/api/v1/match-rounds/{round_id}/result/").json()
    placed = {s["id"]: s["slot"] for s in result["students"]}
    assert placed[favourite.pk] == slots[0].pk
    assert teacher.get(f"/api/v1/match-rounds/{round_id}/verify/").json()["same_result"] is True
    assert Placement.objects.count() == 0  # a dry run writes nothing

    published = teacher.post(f"/api/v1/match-rounds/{round_id}/publish/").json()
    assert published["status"] == "published"
    assert Placement.objects.filter(status="pending").count() == 3
    assert set(Placement.objects.values_list("slot_id", flat=True)) == {s.pk for s in slots}

    mine = client_for(favourite.user).get(f"/api/v1/match-rounds/{round_id}/result/").json()
    assert mine["slot"] == slots[0].pk and mine["choice"] == 1
    loser_id = result["unmatched"][0]["id"]
    loser = next(s for s in students if s.pk == loser_id)
    theirs = client_for(loser.user).get(f"/api/v1/match-rounds/{round_id}/result/").json()
    assert theirs["slot"] is None
    assert [a["reason"] for a in theirs["above"]] == ["filled_by_higher_priority"] * 3

    # Immutable once published.
    assert teacher.post(f"/api/v1/match-rounds/{round_id}/run/").status_code == 409
    assert teacher.patch(f"/api/v1/match-rounds/{round_id}/", {"name": "x"}, format="json").status_code == 409


def test_a_student_cannot_rank_a_slot_they_may_not_apply_to(round_world):
    world, slots, _students, round_id, _teacher = round_world
    other_major = f.MajorFactory(institution=world.school, category="53")
    foreign = f.SlotFactory(company=world.company, base=world.base, majors=[other_major])
    MatchRound.objects.get(pk=round_id).slots.add(foreign)
    response = client_for(world.student.user).put(
        f"/api/v1/match-rounds/{round_id}/preferences/", {"slots": [slots[0].pk, foreign.pk]}, format="json"
    )
    assert response.status_code == 400
    assert cites("major") in " ".join(response.json()["fields"]["slots"])


def test_publishing_refuses_when_inputs_changed_since_the_reviewed_run(round_world):
    world, slots, _students, round_id, teacher = round_world
    client_for(world.student.user).put(f"/api/v1/match-rounds/{round_id}/preferences/", {"slots": [slots[0].pk]},
                                       format="json")  # fmt: skip
    teacher.post(f"/api/v1/match-rounds/{round_id}/close/")
    teacher.post(f"/api/v1/match-rounds/{round_id}/run/")
    slots[0].capacity = 2
    slots[0].save()
    response = teacher.post(f"/api/v1/match-rounds/{round_id}/publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "inputs_changed"
    assert Placement.objects.count() == 0
