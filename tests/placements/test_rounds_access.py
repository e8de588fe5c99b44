"""The permission matrix of every match-round endpoint, checked the same way (tests/access.py): anonymous 401, the
parties allowed, 403 for those who may see the round but not do this to it, 404 for those who must not even learn
that it exists. Who sees a round: its school's staff (drafts too), the students of its classes and the staff of
its slots' companies (not drafts); never the city analyst (a result names students). Only school staff run it;
only its students rank slots; only the HR of a slot's company orders that slot's applicants; results are told to
each party as far as it concerns them, and to students only once published."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests import factories as f
from tests.access import CREATED, FORBIDDEN, NOT_FOUND, assert_access, listed_ids, status_for
from tests.placements.helpers import client_for, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(round_scene):
    """Everyone by name, the scene's partner HR and a schoolmate of another class included."""
    world = round_scene.world
    schoolmate = f.StudentFactory(institution=world.school, user=f.UserFactory(username="schoolmate"))
    assert schoolmate.cohort_id != world.cohort.pk
    named = {n: u for n, u in zip(PERSONAS, world.users(*PERSONAS), strict=True)}
    named["partner_hr"] = round_scene.partner_hr.user
    named["schoolmate"] = schoolmate.user
    return SimpleNamespace(**named)


PERSONAS = ["student", "classmate", "other_student", "teacher", "admin", "other_teacher", "other_admin", "hr",
            "mentor", "other_hr", "analyst", "outsider"]  # fmt: skip
# Who must not learn that the scene's round exists.
STRANGERS = ["other_student", "schoolmate", "other_teacher", "other_admin", "other_hr", "analyst", "outsider"]
# Who sees an open round but does not run it.
ONLOOKERS = ["student", "classmate", "hr", "mentor", "partner_hr"]


def in_two_weeks() -> str:
    return (timezone.now() + timedelta(days=14)).isoformat()


def who(people, *names) -> list:
    return [getattr(people, n) for n in names]


ENDPOINTS = [
    ("get", ""),
    ("post", ""),
    ("get", "{id}/"),
    ("patch", "{id}/"),
    ("post", "{id}/open/"),
    ("post", "{id}/close/"),
    ("post", "{id}/run/"),
    ("post", "{id}/publish/"),
    ("get", "{id}/verify/"),
    ("get", "{id}/slots/"),
    ("get", "{id}/preferences/"),
    ("put", "{id}/preferences/"),
    ("get", "{id}/priorities/"),
    ("put", "{id}/priorities/"),
    ("get", "{id}/result/"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_anonymous_visitors_are_asked_to_sign_in_at_every_round_endpoint(round_scene, method, path):
    url = "/api/v1/match-rounds/" + path.format(id=round_scene.round.pk)
    assert status_for(None, method, url, {}) == 401


# -- seeing rounds ---------------------------------------------------------------------------------------------


def test_each_person_lists_only_the_rounds_they_may_see(round_scene, people):
    world = round_scene.world
    ours = round_scene.round
    draft = f.MatchRoundFactory(institution=world.school, status="draft", slots=[round_scene.a], cohorts=[world.cohort])
    another_class = f.CohortFactory(major=world.major, name="新能源汽车技术2024级2班")
    other_class = f.MatchRoundFactory(institution=world.school, slots=[round_scene.a], cohorts=[another_class])
    foreign_slot = make_slot(
        world, company=world.other_company, base=world.other_base, majors=[world.other_student.cohort.major]
    )
    elsewhere = f.MatchRoundFactory(
        institution=world.other_school, slots=[foreign_slot], cohorts=[world.other_student.cohort]
    )
    school = {ours.pk, draft.pk, other_class.pk}
    expected = {
        "student": {ours.pk},
        "classmate": {ours.pk},
        "schoolmate": set(),
        "other_student": {elsewhere.pk},
        "teacher": school,
        "admin": school,
        "other_teacher": {elsewhere.pk},
        "other_admin": {elsewhere.pk},
        "hr": {ours.pk, other_class.pk},
        "mentor": {ours.pk, other_class.pk},
        "partner_hr": {ours.pk},
        "other_hr": {elsewhere.pk},
        "analyst": set(),
        "outsider": set(),
    }
    for name, ids in expected.items():
        assert listed_ids(getattr(people, name), "/api/v1/match-rounds/") == ids, name


def test_an_open_round_is_seen_by_its_students_its_companies_and_its_school(round_scene, people):
    url = round_scene.url
    parties = who(people, "student", "classmate", "teacher", "admin", "hr", "mentor", "partner_hr")
    assert_access(url, allowed=parties, denied=who(people, *STRANGERS), denied_status=NOT_FOUND)
    assert_access(url + "slots/", allowed=parties, denied=who(people, *STRANGERS), denied_status=NOT_FOUND)


def test_a_draft_round_is_seen_only_by_its_school_staff(round_scene, people):
    round_scene.round.status = "draft"
    round_scene.round.save()
    assert_access(
        round_scene.url,
        allowed=who(people, "teacher", "admin"),
        denied=who(people, "student", "classmate", "hr", "mentor", "partner_hr", *STRANGERS),
        denied_status=NOT_FOUND,
    )


# -- running rounds --------------------------------------------------------------------------------------------


def test_only_school_staff_create_rounds(round_scene, people):
    world = round_scene.world
    data = {
        "institution": world.school.pk,
        "name": "2027春季第二轮",
        "mechanism": "serial_dictatorship",
        "slots": [round_scene.a.pk],
        "cohorts": [world.cohort.pk],
        "preference_deadline": in_two_weeks(),
        "max_choices": 5,
    }
    assert_access(
        "/api/v1/match-rounds/",
        method="post",
        data=data,
        allowed=who(people, "teacher", "admin"),
        denied=who(people, "student", "hr", "mentor", "partner_hr", "analyst", "outsider"),
        denied_status=FORBIDDEN,
        allowed_status=CREATED,
    )


def test_staff_of_another_school_cannot_create_a_round_for_this_one(round_scene, people):
    response = client_for(people.other_teacher).post(
        "/api/v1/match-rounds/",
        {"institution": round_scene.world.school.pk, "name": "越权", "slots": [round_scene.a.pk],
         "cohorts": [round_scene.world.cohort.pk], "preference_deadline": in_two_weeks()},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["institution"]


def test_only_school_staff_edit_a_round(round_scene, people):
    url = round_scene.url
    assert_access(url, method="patch", data={"name": "改名"}, allowed=who(people, "teacher", "admin"), denied=[])
    assert_access(url, method="patch", data={"name": "改名"}, allowed=[], denied=who(people, *ONLOOKERS),
                  denied_status=FORBIDDEN)  # fmt: skip
    assert_access(url, method="patch", data={"name": "改名"}, allowed=[], denied=who(people, *STRANGERS),
                  denied_status=NOT_FOUND)  # fmt: skip


def _prepare(round_scene, action: str) -> None:
    """Put the round where `action` is the next step."""
    round = round_scene.round
    if action == "open":
        round.status = "draft"
        round.save()
    elif action in ("run", "publish"):
        round_scene.everyone_wants_a_then_b_then_c()
        if action == "publish":
            round_scene.close()
            round_scene.run()


@pytest.mark.parametrize("staff", ["teacher", "admin"])
@pytest.mark.parametrize("action", ["open", "close", "run", "publish"])
def test_only_school_staff_open_close_run_and_publish_a_round(round_scene, people, action, staff):
    _prepare(round_scene, action)
    url = f"{round_scene.url}{action}/"
    # While a round is a draft its students and companies do not see it at all.
    onlookers = [] if action == "open" else ONLOOKERS
    hidden = STRANGERS + (["student", "classmate", "hr", "mentor", "partner_hr"] if action == "open" else [])
    assert_access(url, method="post", allowed=[], denied=who(people, *onlookers), denied_status=FORBIDDEN)
    assert_access(url, method="post", allowed=[], denied=who(people, *hidden), denied_status=NOT_FOUND)
    assert_access(url, method="post", allowed=[getattr(people, staff)], denied=[])
    expected = {"open": "open", "close": "closed", "run": "open", "publish": "published"}[action]
    assert round_scene.refresh().status == expected


def test_only_school_staff_verify_a_round(round_scene, people):
    round_scene.everyone_wants_a_then_b_then_c()
    round_scene.run()
    url = round_scene.url + "verify/"
    assert_access(url, allowed=who(people, "teacher", "admin"), denied=[])
    assert client_for(people.teacher).get(url).json()["same_result"] is True
    assert_access(url, allowed=[], denied=who(people, "student", "classmate", "hr", "mentor", "partner_hr"),
                  denied_status=FORBIDDEN)  # fmt: skip
    assert_access(url, allowed=[], denied=who(people, *STRANGERS), denied_status=NOT_FOUND)


# -- ranking -----------------------------------------------------------------------------------------------------


def test_only_students_of_the_rounds_classes_rank_slots(round_scene, people):
    url = round_scene.url + "preferences/"
    data = {"slots": [round_scene.a.pk, round_scene.p.pk]}
    for method in ("get", "put"):
        assert_access(url, method=method, data=data if method == "put" else None,
                      allowed=who(people, "student", "classmate"), denied=[])  # fmt: skip
        assert_access(url, method=method, data=data if method == "put" else None, allowed=[],
                      denied=who(people, "teacher", "admin", "hr", "mentor", "partner_hr"),
                      denied_status=FORBIDDEN)  # fmt: skip
        assert_access(url, method=method, data=data if method == "put" else None, allowed=[],
                      denied=who(people, *STRANGERS), denied_status=NOT_FOUND)  # fmt: skip
    # Each student's list is their own.
    assert client_for(people.student).get(url).json() == {"slots": [round_scene.a.pk, round_scene.p.pk]}
    client_for(people.classmate).put(url, {"slots": [round_scene.b.pk]}, format="json")
    assert client_for(people.student).get(url).json() == {"slots": [round_scene.a.pk, round_scene.p.pk]}


def test_only_hr_of_the_slots_company_reads_its_order_of_applicants(round_scene, people):
    round_scene.everyone_wants_a_then_b_then_c()
    url = f"{round_scene.url}priorities/?slot={round_scene.a.pk}"
    assert_access(url, allowed=[people.hr], denied=[])
    # Who sees the round is refused the company's order (403, as for PUT); who does not, does not find it.
    assert_access(url, allowed=[], denied_status=FORBIDDEN,
                  denied=who(people, "partner_hr", "student", "classmate", "teacher", "admin"))  # fmt: skip
    assert_access(url, allowed=[], denied_status=NOT_FOUND, denied=who(people, "analyst", *STRANGERS))
    # The partner's HR reads the order of its own slot.
    assert_access(f"{round_scene.url}priorities/?slot={round_scene.p.pk}", allowed=[people.partner_hr], denied=[])


def test_a_mentor_does_not_read_the_companys_order_of_applicants(round_scene, people):
    round_scene.everyone_wants_a_then_b_then_c()
    response = client_for(people.mentor).get(f"{round_scene.url}priorities/", {"slot": round_scene.a.pk})
    assert response.status_code == 403


def test_only_hr_of_the_slots_company_orders_its_applicants(round_scene, people):
    round_scene.everyone_wants_a_then_b_then_c()
    url = round_scene.url + "priorities/"
    data = {"slot": round_scene.a.pk, "students": [round_scene.students[2].pk]}
    assert_access(url, method="put", data=data, allowed=[people.hr], denied=[])
    assert_access(url, method="put", data=data, allowed=[], denied_status=FORBIDDEN,
                  denied=who(people, "partner_hr", "mentor", "student", "classmate", "teacher", "admin"))  # fmt: skip
    assert_access(url, method="put", data=data, allowed=[], denied=who(people, *STRANGERS), denied_status=NOT_FOUND)


# -- results -----------------------------------------------------------------------------------------------------


def test_students_learn_nothing_of_a_dry_run_before_it_is_published(round_scene, people):
    round_scene.everyone_wants_a_then_b_then_c()
    url = round_scene.url + "result/"
    assert client_for(people.student).get(url).json() == {"ran": False}
    round_scene.run()
    assert_access(url, allowed=who(people, "student", "classmate"), denied=[])
    assert client_for(people.student).get(url).json() == {"ran": True, "published": False}
    assert client_for(people.teacher).get(url).json()["published"] is False
    assert len(client_for(people.teacher).get(url).json()["students"]) == 4
    assert_access(url, allowed=[], denied=who(people, *STRANGERS), denied_status=NOT_FOUND)


def test_a_student_reads_only_their_own_result_once_published(round_scene, people):
    round_scene.everyone_wants_a_then_b_then_c()
    round_scene.close()
    round_scene.run()
    round_scene.publish()
    result = client_for(people.teacher).get(round_scene.url + "result/").json()
    placed = {row["id"]: row["slot"] for row in result["students"]}
    for student in round_scene.students:
        mine = client_for(student.user).get(round_scene.url + "result/").json()
        assert set(mine) == {"ran", "published", "took_part", "slot", "slot_title", "choice", "above"}
        assert mine["slot"] == placed[student.pk]
        # What they read about the slots above theirs is their own explanation, about those slots only.
        above = [{k: v for k, v in row.items() if k != "slot_title"} for row in mine["above"]]
        assert above == result["explanations"][str(student.pk)]["above"]
        for row in mine["above"]:
            assert set(row) == {
                "slot",
                "slot_title",
                "choice",
                "reason",
                "capacity",
                "rank",
                "cutoff",
                "turn",
                "turn_cutoff",
            }
    assert_access(round_scene.url + "result/", allowed=[], denied=who(people, *STRANGERS), denied_status=NOT_FOUND)


def test_a_student_of_the_class_who_ranked_nothing_is_told_they_took_no_part(round_scene, people):
    for student in round_scene.students[1:]:
        round_scene.rank(student, round_scene.a)
    round_scene.close()
    round_scene.run()
    round_scene.publish()
    mine = client_for(people.student).get(round_scene.url + "result/").json()
    assert mine == {"ran": True, "published": True, "took_part": False}


def test_a_company_reads_only_who_was_admitted_to_its_own_slots(round_scene, people):
    scene = round_scene
    scene.rank(scene.students[0], scene.p, scene.a)
    scene.rank(scene.students[1], scene.a)
    scene.rank(scene.students[2], scene.b, scene.p)
    scene.close()
    scene.run()
    scene.publish()
    url = scene.url + "result/"
    partner = client_for(people.partner_hr).get(url).json()
    assert [row["id"] for row in partner["slots"]] == [scene.p.pk]
    assert {s["id"] for s in partner["slots"][0]["admitted"]} == {scene.students[0].pk}
    ours = client_for(people.hr).get(url).json()
    assert {row["id"] for row in ours["slots"]} == {scene.a.pk, scene.b.pk, scene.c.pk}
    admitted = {s["id"] for row in ours["slots"] for s in row["admitted"]}
    assert admitted == {scene.students[1].pk, scene.students[2].pk}
    assert "explanations" not in ours and "unmatched" not in ours
    assert_access(url, allowed=who(people, "hr", "mentor", "partner_hr"), denied=[])
    assert_access(url, allowed=[], denied=who(people, *STRANGERS), denied_status=NOT_FOUND)
