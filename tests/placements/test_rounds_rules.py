"""The rules of a match round as the people in it meet them: what a round may be made of, the order of its
steps (draft → open ⇄ closed → published, a dry run while open or closed), what a student may rank and when,
what a company may order, and what publishing does: nothing unless the school reviewed exactly these inputs,
and then, in one transaction, one pending application per matched student, the audit trail and the notices.

Messages are read in English (helpers.client_for), so a test can see the rule a refusal cites."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notices.models import Notice
from placements import notify
from placements.models import MatchRound, Placement, PlacementEvent, RoundPreference, RoundPriority
from placements.services import slot_cancel
from tests import factories as f
from tests.placements.citing import cites
from tests.placements.helpers import actor, client_for, last_term_dates, make_slot, new_student, next_term_dates

pytestmark = pytest.mark.django_db

PUBLISH_NOTICES = ("matched", "round_unmatched", "round_published")


def messages(response, field: str) -> str:
    return " ".join(response.json()["fields"][field])


def preferences(scene, student, *slots):
    return client_for(student.user).put(
        scene.url + "preferences/", {"slots": [getattr(s, "pk", s) for s in slots]}, format="json"
    )


def listed(scene, student) -> list[int]:
    return client_for(student.user).get(scene.url + "preferences/").json()["slots"]


def set_status(scene, status: str) -> None:
    MatchRound.objects.filter(pk=scene.round.pk).update(status=status)


# -- creating a round --------------------------------------------------------------------------------------------


def create(world, **fields):
    data = {
        "institution": world.school.pk,
        "name": "2027春季岗位实习匹配",
        "mechanism": "deferred_acceptance",
        "slots": [],
        "cohorts": [world.cohort.pk],
        "preference_deadline": (timezone.now() + timedelta(days=7)).isoformat(),
        "max_choices": 3,
    }
    data.update({k: [x.pk for x in v] if isinstance(v, list) else v for k, v in fields.items()})
    return client_for(world.teacher.user).post("/api/v1/match-rounds/", data, format="json")


def test_a_new_round_is_a_draft_with_its_own_lottery_seed(round_scene):
    world = round_scene.world
    response = create(world, slots=[round_scene.a, round_scene.p])
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert isinstance(body["seed"], int)
    assert sorted(body["slots"]) == sorted([round_scene.a.pk, round_scene.p.pk])


def test_a_round_needs_slots(world):
    response = create(world, slots=[])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["slots"]
    assert not MatchRound.objects.exists()


def test_a_round_needs_classes(round_scene):
    response = create(round_scene.world, slots=[round_scene.a], cohorts=[])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["cohorts"]


def test_a_closed_slot_cannot_be_in_a_round(round_scene):
    closed = make_slot(round_scene.world, title="已关闭岗位", status="closed")
    response = create(round_scene.world, slots=[round_scene.a, closed])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["slots"]
    assert "已关闭岗位" in messages(response, "slots")
    assert "装调岗位A" not in messages(response, "slots")


def test_a_slot_of_a_company_not_yet_approved_cannot_be_in_a_round(round_scene):
    world = round_scene.world
    unvetted = make_slot(world, company=world.pending_company, base=world.pending_base, title="待审核企业岗位")
    response = create(world, slots=[round_scene.a, unvetted])
    assert response.status_code == 400
    assert "待审核企业岗位" in messages(response, "slots")


def test_all_slots_of_a_round_are_in_one_term(round_scene):
    autumn = make_slot(round_scene.world, **next_term_dates())
    assert autumn.term != round_scene.a.term
    response = create(round_scene.world, slots=[round_scene.a, autumn])
    assert response.status_code == 400
    assert "one term" in messages(response, "slots")


def test_only_classes_of_the_school_take_part(round_scene):
    world = round_scene.world
    response = create(world, slots=[round_scene.a], cohorts=[world.cohort, world.other_student.cohort])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["cohorts"]


def test_editing_a_round_checks_its_slots_again(round_scene):
    closed = make_slot(round_scene.world, title="已关闭岗位", status="closed")
    response = client_for(round_scene.world.teacher.user).patch(
        round_scene.url, {"slots": [round_scene.a.pk, closed.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "已关闭岗位" in messages(response, "slots")
    assert set(round_scene.round.slots.all()) == {round_scene.a, round_scene.b, round_scene.c, round_scene.p}


def test_a_slot_taken_out_of_the_round_leaves_the_students_lists(round_scene):
    student = round_scene.world.student
    assert preferences(round_scene, student, round_scene.a, round_scene.b, round_scene.c).status_code == 200
    response = client_for(round_scene.world.teacher.user).patch(
        round_scene.url, {"slots": [round_scene.a.pk, round_scene.c.pk, round_scene.p.pk]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert listed(round_scene, student) == [round_scene.a.pk, round_scene.c.pk]


# -- the steps of a round ----------------------------------------------------------------------------------------

ILLEGAL = [
    ("draft", "close"),
    ("draft", "run"),
    ("draft", "publish"),
    ("open", "open"),
    ("open", "publish"),
    ("closed", "close"),
    ("published", "open"),
    ("published", "close"),
    ("published", "run"),
    ("published", "publish"),
]


@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_a_step_out_of_order_is_refused_with_the_current_status(round_scene, status, action):
    set_status(round_scene, status)
    response = client_for(round_scene.world.teacher.user).post(f"{round_scene.url}{action}/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert body["current_status"] == status
    assert round_scene.refresh().status == status


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        ("draft", "open", "open"),
        ("open", "close", "closed"),
        ("closed", "open", "open"),  # reopened, e.g. to give students more time
        ("open", "run", "open"),  # a dry run changes no status
        ("closed", "run", "closed"),
    ],
)
def test_the_steps_of_a_round_in_order(round_scene, status, action, after):
    set_status(round_scene, status)
    response = client_for(round_scene.world.teacher.user).post(f"{round_scene.url}{action}/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == after


def test_opening_a_round_tells_its_students_until_when_they_may_rank(round_scene):
    set_status(round_scene, "draft")
    confirmed = new_student(round_scene.world)
    f.PlacementFactory(student=confirmed, slot=make_slot(round_scene.world, title="轮外岗位"), status="confirmed")
    client_for(round_scene.world.teacher.user).post(round_scene.url + "open/")
    told = set(Notice.objects.filter(kind="round_opened").values_list("recipient_id", flat=True))
    assert told == {s.user_id for s in round_scene.students}


def test_publishing_a_round_that_never_ran_is_refused(round_scene):
    round_scene.everyone_wants_a_then_b_then_c()
    round_scene.close()
    response = client_for(round_scene.world.teacher.user).post(round_scene.url + "publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "not_run"
    assert round_scene.refresh().status == "closed"
    assert not Placement.objects.exists()


# -- ranking slots -----------------------------------------------------------------------------------------------


def test_a_student_ranks_slots_most_wanted_first(round_scene):
    scene = round_scene
    response = preferences(scene, scene.world.student, scene.c, scene.p, scene.a)
    assert response.status_code == 200
    assert response.json() == {"slots": [scene.c.pk, scene.p.pk, scene.a.pk]}
    assert listed(scene, scene.world.student) == [scene.c.pk, scene.p.pk, scene.a.pk]


def test_a_new_list_replaces_the_old_one(round_scene):
    scene = round_scene
    preferences(scene, scene.world.student, scene.a, scene.b, scene.c)
    assert preferences(scene, scene.world.student, scene.p).status_code == 200
    assert listed(scene, scene.world.student) == [scene.p.pk]
    assert preferences(scene, scene.world.student).status_code == 200
    assert listed(scene, scene.world.student) == []
    assert not RoundPreference.objects.filter(student=scene.world.student).exists()


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("twice", "twice"),
        ("too_many", "At most 3 choices"),
        ("not_in_round", "not in this round"),
        ("other_category", None),  # cites rule 12, in the language active when the test runs (below)
    ],
)
def test_a_list_that_breaks_a_rule_is_refused_and_the_old_one_kept(round_scene, case, says):
    scene = round_scene
    world = scene.world
    preferences(scene, world.student, scene.a)
    if case == "twice":
        slots = [scene.b, scene.c, scene.b]
    elif case == "too_many":
        slots = [scene.a, scene.b, scene.c, scene.p]
    elif case == "not_in_round":
        slots = [scene.b, make_slot(world, title="轮外岗位")]
    else:
        other_major = f.MajorFactory(institution=world.school, category="53", name="电子商务")
        foreign = make_slot(world, majors=[other_major], title="电商运营岗位")
        scene.round.slots.add(foreign)
        slots = [scene.b, foreign]
    response = preferences(scene, world.student, *slots)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["slots"]
    assert (says or cites("major")) in messages(response, "slots")
    assert listed(scene, world.student) == [scene.a.pk]


def test_a_first_year_student_cannot_rank_a_post_internship(round_scene):
    freshman = new_student(round_scene.world, entry_year=f.entry_year(1))
    response = preferences(round_scene, freshman, round_scene.a)
    assert response.status_code == 400
    assert cites("first_year") in messages(response, "slots")
    assert "装调岗位A" in messages(response, "slots")


def test_no_ranking_after_the_deadline(round_scene):
    MatchRound.objects.filter(pk=round_scene.round.pk).update(preference_deadline=timezone.now() - timedelta(minutes=1))
    response = preferences(round_scene, round_scene.world.student, round_scene.a)
    assert response.status_code == 409
    assert response.json()["code"] == "deadline_passed"
    assert not RoundPreference.objects.exists()


def test_no_ranking_while_the_round_is_a_draft_or_closed(round_scene):
    student = round_scene.world.student
    set_status(round_scene, "draft")
    assert preferences(round_scene, student, round_scene.a).status_code == 404  # students do not see drafts
    set_status(round_scene, "closed")
    response = preferences(round_scene, student, round_scene.a)
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"
    assert response.json()["current_status"] == "closed"
    assert not RoundPreference.objects.exists()


def test_a_student_already_confirmed_this_term_is_not_part_of_the_round(round_scene):
    scene = round_scene
    confirmed = scene.students[3]
    f.PlacementFactory(student=confirmed, slot=make_slot(scene.world, title="轮外岗位"), status="confirmed")
    assert preferences(scene, confirmed, scene.a).status_code == 403
    for student in scene.students[:3]:
        scene.rank(student, scene.a)
    summary = client_for(scene.world.teacher.user).post(scene.url + "run/").json()["summary"]
    assert summary["students"] == 3
    assert confirmed.pk not in scene.refresh().inputs["students"]


def test_a_student_confirmed_in_another_term_still_takes_part(round_scene):
    scene = round_scene
    last_term = make_slot(scene.world, title="上学期岗位", **last_term_dates())
    f.PlacementFactory(student=scene.students[3], slot=last_term, status="completed")
    assert preferences(scene, scene.students[3], scene.a).status_code == 200


# -- companies ordering their applicants -------------------------------------------------------------------------


def priorities(scene, hr, slot, *students):
    return client_for(hr.user).put(
        scene.url + "priorities/", {"slot": slot.pk, "students": [s.pk for s in students]}, format="json"
    )


def test_a_company_orders_only_students_who_ranked_its_slot(round_scene):
    scene = round_scene
    scene.rank(scene.students[0], scene.a)
    scene.rank(scene.students[1], scene.b)
    response = priorities(scene, scene.world.hr, scene.a, scene.students[1], scene.students[0])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["students"]
    assert not RoundPriority.objects.exists()


def test_a_company_names_each_applicant_once(round_scene):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    response = priorities(scene, scene.world.hr, scene.a, scene.students[2], scene.students[2])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["students"]


def test_a_company_orders_only_slots_of_the_round(round_scene):
    outside = make_slot(round_scene.world, title="轮外岗位")
    response = priorities(round_scene, round_scene.world.hr, outside)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["slot"]


def test_a_company_order_puts_its_choices_first_and_an_empty_one_hands_back_to_the_score(round_scene):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    favourite = scene.students[3]
    response = priorities(scene, scene.world.hr, scene.a, favourite)
    assert response.status_code == 200
    body = response.json()
    assert body["company_ranked"] is True
    assert body["students"][0]["id"] == favourite.pk
    assert {s["id"] for s in body["students"]} == {s.pk for s in scene.students}
    body = priorities(scene, scene.world.hr, scene.a).json()
    assert body["company_ranked"] is False
    assert not RoundPriority.objects.exists()


# -- publishing --------------------------------------------------------------------------------------------------


def _prefer_differently(scene):
    scene.rank(scene.students[0], scene.c, scene.b, scene.a)


def _company_orders(scene):
    scene.order(scene.a, scene.students[3])


def _capacity_grows(scene):
    scene.b.capacity = 2
    scene.b.save()


def _confirmed_elsewhere(scene):
    outside = make_slot(scene.world, title="轮外岗位")
    f.PlacementFactory(student=scene.students[0], slot=outside, status="confirmed")


def _place_taken_outside_the_round(scene):
    f.PlacementFactory(student=new_student(scene.world), slot=scene.c, status="confirmed")


@pytest.mark.parametrize(
    "change",
    [_prefer_differently, _company_orders, _capacity_grows, _confirmed_elsewhere, _place_taken_outside_the_round],
)
def test_publishing_refuses_when_anything_changed_since_the_reviewed_run(round_scene, change):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    scene.run()  # reviewed while still open
    change(scene)
    scene.close()
    teacher = client_for(scene.world.teacher.user)
    response = teacher.post(scene.url + "publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "inputs_changed"
    round = scene.refresh()
    assert round.status == "closed" and round.published_at is None
    assert not Placement.objects.filter(slot__in=[scene.a, scene.b, scene.p]).exists()
    assert not PlacementEvent.objects.filter(action="matched").exists()
    assert not Notice.objects.filter(kind__in=PUBLISH_NOTICES).exists()
    # Run again, review, publish.
    assert teacher.post(scene.url + "run/").status_code == 200
    assert teacher.post(scene.url + "publish/").json()["status"] == "published"


def test_publishing_turns_the_result_into_one_pending_application_per_matched_student(round_scene):
    scene = round_scene
    world = scene.world
    scene.everyone_wants_a_then_b_then_c()
    scene.close()
    scene.run()
    admin = client_for(world.admin.user)  # not the students' advisor, so the advisor hears of it too
    response = admin.post(scene.url + "publish/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"

    result = admin.get(scene.url + "result/").json()
    assert result["published"] is True
    matched = {row["id"]: row["slot"] for row in result["students"] if row["slot"] is not None}
    (unmatched,) = [row["id"] for row in result["unmatched"]]
    assert len(matched) == 3 and unmatched not in matched

    placements = list(Placement.objects.all())
    assert sorted((p.student_id, p.slot_id) for p in placements) == sorted(matched.items())
    assert {p.status for p in placements} == {"pending"}
    assert {p.term for p in placements} == {scene.a.term}
    assert not Placement.objects.filter(student_id=unmatched).exists()
    events = PlacementEvent.objects.filter(action="matched")
    assert sorted(e.placement.student_id for e in events) == sorted(matched)
    assert {(e.actor_id, e.to_status, e.data["round"]) for e in events} == {(world.admin.user_id, "pending",
                                                                            scene.round.pk)}  # fmt: skip

    users = {s.pk: s.user_id for s in scene.students}
    told = Notice.objects.filter(kind="matched")
    assert sorted(told.exclude(recipient=world.teacher.user).values_list("recipient_id", flat=True)) == sorted(
        users[s] for s in matched
    )
    summary = Notice.objects.get(kind="round_advisees_matched", recipient=world.teacher.user)
    assert summary.params["matched"] == 3  # the advisor hears once, with the count
    assert list(Notice.objects.filter(kind="round_unmatched").values_list("recipient_id", flat=True)) == [
        users[unmatched]
    ]
    assert set(Notice.objects.filter(kind="round_published").values_list("recipient_id", flat=True)) == {
        world.hr.user_id,
        scene.partner_hr.user_id,
    }
    round = scene.refresh()
    assert round.published_by == world.admin.user and round.published_at is not None


def test_a_student_who_had_applied_to_their_matched_slot_keeps_that_one_application(round_scene):
    scene = round_scene
    student = scene.world.student
    earlier = f.PlacementFactory(student=student, slot=scene.a, status="pending")
    scene.rank(student, scene.a)
    scene.close()
    scene.run()
    scene.publish()
    assert list(Placement.objects.filter(student=student)) == [earlier]
    assert PlacementEvent.objects.filter(placement=earlier, action="matched").count() == 1


def test_a_student_whose_application_the_company_already_accepted_keeps_it_when_matched_there(round_scene):
    scene = round_scene
    student = scene.world.student
    accepted = f.PlacementFactory(student=student, slot=scene.a, status="accepted")
    scene.rank(student, scene.a)
    scene.rank(scene.students[1], scene.b)
    scene.close()
    scene.run()
    scene.publish()
    assert list(Placement.objects.filter(student=student)) == [accepted]
    assert Placement.objects.filter(student=scene.students[1], slot=scene.b, status="pending").exists()


def test_publishing_creates_no_application_on_a_slot_cancelled_after_the_run(round_scene):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    scene.close()
    scene.run()
    slot_cancel(actor=actor(scene.world.hr.user), slot=scene.a)
    client_for(scene.world.teacher.user).post(scene.url + "publish/")
    assert not Placement.objects.filter(slot=scene.a, status="pending").exists()


def test_publishing_is_all_or_nothing(round_scene, monkeypatch):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    scene.close()
    scene.run()

    def failing(items):  # the very last step
        raise RuntimeError("the notice store is down")

    monkeypatch.setattr(notify, "notices_send_many", failing)
    with pytest.raises(RuntimeError):
        scene.publish()
    round = scene.refresh()
    assert round.status == "closed" and round.published_at is None
    assert not Placement.objects.exists()
    assert not PlacementEvent.objects.exists()
    assert not Notice.objects.filter(kind__in=PUBLISH_NOTICES).exists()


def test_a_published_round_refuses_every_change(round_scene):
    scene = round_scene
    world = scene.world
    scene.everyone_wants_a_then_b_then_c()
    scene.close()
    scene.run()
    scene.publish()
    teacher = client_for(world.teacher.user)
    refusals = [
        teacher.patch(scene.url, {"name": "改名"}, format="json"),
        teacher.patch(scene.url, {"slots": [scene.a.pk]}, format="json"),
        teacher.post(scene.url + "run/"),
        teacher.post(scene.url + "open/"),
        teacher.post(scene.url + "close/"),
        teacher.post(scene.url + "publish/"),
        preferences(scene, world.student, scene.p),
        priorities(scene, world.hr, scene.a, scene.students[0]),
    ]
    assert [r.status_code for r in refusals] == [409] * len(refusals)
    assert {r.json()["code"] for r in refusals} == {"illegal_transition"}
    round = scene.refresh()
    assert round.name != "改名" and round.status == "published"
    assert Placement.objects.count() == 3
    assert teacher.get(scene.url + "verify/").json()["same_result"] is True


def test_students_left_unmatched_can_still_apply_to_the_places_that_remain(round_scene):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    scene.close()
    scene.run()
    scene.publish()
    (unmatched_id,) = scene.refresh().result["unmatched"]
    unmatched = next(s for s in scene.students if s.pk == unmatched_id)
    assert Notice.objects.filter(kind="round_unmatched", recipient=unmatched.user).exists()
    response = client_for(unmatched.user).post("/api/v1/placements/", {"slot": scene.p.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending"
    assert Placement.objects.filter(student=unmatched, slot=scene.p, status="pending").count() == 1
