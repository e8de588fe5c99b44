"""Full slots and placed students (issue 14, defects 3 and 4). A slot whose places are all confirmed says so,
leaves "eligible for me", refuses new applications (there is no waiting list), and a match round offers it only
as a choice that cannot be made, with the reason. A student who already holds a confirmed placement in a round's
term is not invited to rank, and the refusal names that reason."""

from __future__ import annotations

import pytest

from placements.models import Placement
from tests import access
from tests import factories as f
from tests.placements.helpers import client_for, make_slot, new_student

pytestmark = pytest.mark.django_db


def fill(world, slot, n: int | None = None) -> None:
    """`n` places of `slot` (all by default) taken by other students' confirmed placements."""
    for _ in range(slot.capacity if n is None else n):
        f.PlacementFactory(student=new_student(world), slot=slot, status="confirmed")


def slot_row(response, slot) -> dict:
    return next(row for row in response.json()["results"] if row["id"] == slot.pk)


@pytest.fixture
def two_slots(world, eligible_student):
    world.company.headcount = 1000
    world.company.save()
    full = make_slot(world, capacity=1, title="已招满岗位")
    half = make_slot(world, capacity=2, title="尚有名额岗位")
    fill(world, full)
    fill(world, half, 1)
    return full, half


def test_a_full_slot_says_it_is_full_in_the_list_and_the_detail(world, two_slots):
    full, half = two_slots
    client = client_for(world.student.user)
    listed = client.get("/api/v1/slots/")
    assert listed.status_code == 200
    assert (slot_row(listed, full)["places_left"], slot_row(listed, full)["is_full"]) == (0, True)
    assert (slot_row(listed, half)["places_left"], slot_row(listed, half)["is_full"]) == (1, False)
    detail = client.get(f"/api/v1/slots/{full.pk}/").json()
    assert (detail["places_left"], detail["is_full"]) == (0, True)


def test_a_full_slot_is_not_eligible_for_me(world, two_slots):
    full, half = two_slots
    ids = [row["id"] for row in client_for(world.student.user).get("/api/v1/slots/?eligible=true").json()["results"]]
    assert half.pk in ids
    assert full.pk not in ids


def test_applying_to_a_full_slot_is_refused_with_a_409_that_says_it_is_full(world, two_slots):
    full, _half = two_slots
    response = client_for(world.student.user).post("/api/v1/placements/", {"slot": full.pk}, format="json")
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "slot_full"
    assert "full" in response.json()["detail"]
    assert not Placement.objects.filter(student=world.student).exists()


def test_the_full_slot_refusal_is_in_chinese_for_a_chinese_page(world, two_slots):
    full, _half = two_slots
    client = access.client_for(world.student.user, language="zh-hans")
    response = client.post("/api/v1/placements/", {"slot": full.pk}, format="json")
    assert response.status_code == 409
    assert "已满" in response.json()["detail"]


def test_a_full_slot_tells_the_student_why_they_cannot_apply(world, two_slots):
    full, half = two_slots
    client = client_for(world.student.user)
    refused = client.get(f"/api/v1/slots/{full.pk}/eligibility/").json()
    assert refused["eligible"] is False
    assert any("full" in reason for reason in refused["reasons"])
    assert client.get(f"/api/v1/slots/{half.pk}/eligibility/").json()["eligible"] is True


def test_a_slot_with_places_left_still_takes_applications(world, two_slots):
    _full, half = two_slots
    response = client_for(world.student.user).post("/api/v1/placements/", {"slot": half.pk}, format="json")
    assert response.status_code == 201, response.json()


# -- match rounds -------------------------------------------------------------------------------------------------


def test_a_round_offers_a_full_slot_only_as_a_choice_that_cannot_be_made_and_says_why(round_scene):
    world = round_scene.world
    fill(world, round_scene.a)
    rows = {r["id"]: r for r in client_for(world.student.user).get(round_scene.url + "slots/").json()}
    assert rows[round_scene.a.pk]["capacity"] == 0
    assert rows[round_scene.a.pk]["eligible"] is False
    assert any("full" in reason for reason in rows[round_scene.a.pk]["reasons"])
    assert rows[round_scene.b.pk]["eligible"] is True


def test_ranking_a_full_slot_is_refused(round_scene):
    world = round_scene.world
    fill(world, round_scene.a)
    response = client_for(world.student.user).put(
        round_scene.url + "preferences/", {"slots": [round_scene.a.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "full" in " ".join(response.json()["fields"]["slots"])


def test_a_round_tells_a_placed_student_they_do_not_take_part_and_others_that_they_do(round_scene):
    world = round_scene.world
    f.PlacementFactory(student=world.student, slot=make_slot(world, title="轮外岗位"), status="active")
    placed = client_for(world.student.user).get("/api/v1/match-rounds/").json()["results"]
    assert [r["taking_part"] for r in placed] == [False]
    other = client_for(world.classmate.user).get("/api/v1/match-rounds/").json()["results"]
    assert [r["taking_part"] for r in other] == [True]
    staff = client_for(world.teacher.user).get(round_scene.url).json()
    assert staff["taking_part"] is None


def test_a_placed_student_opening_the_round_is_told_why_they_cannot_rank(round_scene):
    world = round_scene.world
    f.PlacementFactory(student=world.student, slot=make_slot(world, title="轮外岗位"), status="confirmed")
    response = client_for(world.student.user).get(round_scene.url + "preferences/")
    assert response.status_code == 403
    assert response.json()["detail"] == "You already have a confirmed placement this term."
    chinese = access.client_for(world.student.user, language="zh-hans").get(round_scene.url + "preferences/")
    assert "本学期已有确认的实习" in chinese.json()["detail"]


def test_opening_a_round_does_not_invite_a_student_in_an_active_placement(round_scene):
    from notices.models import Notice
    from placements.models import MatchRound

    world = round_scene.world
    MatchRound.objects.filter(pk=round_scene.round.pk).update(status="draft")
    f.PlacementFactory(student=world.student, slot=make_slot(world, title="轮外岗位"), status="active")
    client_for(world.teacher.user).post(round_scene.url + "open/")
    told = set(Notice.objects.filter(kind="round_opened").values_list("recipient_id", flat=True))
    assert world.student.user_id not in told
    assert world.classmate.user_id in told


def test_a_student_placed_for_a_term_is_offered_no_more_slots_in_it_and_told_why(world, two_slots):
    """Applying would be refused ("already placed this term"), so "eligible for me" leaves the term's slots out and
    the slot's eligibility says why: nobody is invited to what they cannot do."""
    _full, half = two_slots
    placed_at = make_slot(world, capacity=3, title="已确认的实习")
    f.PlacementFactory(student=world.student, slot=placed_at, status="confirmed")
    assert half.term == placed_at.term
    client = client_for(world.student.user)

    ids = [row["id"] for row in client.get("/api/v1/slots/?eligible=true").json()["results"]]
    assert half.pk not in ids
    said = client.get(f"/api/v1/slots/{half.pk}/eligibility/").json()
    assert said == {"eligible": False, "reasons": ["You already have a confirmed placement this term."]}
    refused = client.post("/api/v1/placements/", {"slot": half.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json()["fields"]["slot"] == ["You already have a confirmed placement this term."]
