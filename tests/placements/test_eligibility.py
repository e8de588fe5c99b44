"""Who may apply to which slot (COMPLIANCE.md rules 4, 5 and 12), the "eligible for me" filter, and the
student's ranked choices for a term: how many, in which order, once per slot, before the deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import DomainError
from placements import services
from placements.models import Placement
from placements.rules import ineligibility
from tests import factories as f
from tests.calendar import SchoolYear
from tests.placements.citing import cites
from tests.placements.helpers import actor, apply, client_for, make_slot, set_policy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def year(school_year) -> SchoolYear:
    """Ages and years of study are about particular days: the clock stands on 1 December (tests/calendar.py)."""
    return school_year


def born(years_before: date, *, days: int = 0) -> date:
    """The birthday of someone who turns 16 (or `years` old) on `years_before`, shifted by `days`."""
    return years_before.replace(year=years_before.year - 16) + timedelta(days=days)


def eligibility(user, slot) -> dict:
    response = client_for(user).get(f"/api/v1/slots/{slot.pk}/eligibility/")
    assert response.status_code == 200, response.content
    return response.json()


def apply_via_api(user, slot, **extra):
    return client_for(user).post("/api/v1/placements/", {"slot": slot.pk, **extra}, format="json")


def assert_refused_citing(response, rule: str) -> None:
    assert response.status_code == 400, response.content
    reasons = response.json()["fields"]["slot"]
    assert any(r.startswith(rule) for r in reasons), reasons
    assert not Placement.objects.exists()


def ranks(student) -> dict[str, int]:
    """{slot title: rank} of the student's open choices."""
    return dict(
        Placement.objects.filter(student=student, status__in=["pending", "approved", "accepted"]).values_list(
            "slot__title", "rank"
        )
    )


# -- rule 4: age -----------------------------------------------------------------------------------------------


def test_a_student_under_16_on_the_start_date_may_not_apply_under_rule_4(world, year):
    slot = make_slot(world, start_date=year.spring)
    world.student.birth_date = born(year.spring, days=1)  # 16 the day after the start
    world.student.save()
    verdict = eligibility(world.student.user, slot)
    assert verdict["eligible"] is False
    (reason,) = verdict["reasons"]
    assert reason.startswith(cites("age"))
    assert "15" in reason
    assert_refused_citing(apply_via_api(world.student.user, slot), cites("age"))


def test_a_student_who_turns_16_on_the_start_date_may_apply(world, year):
    slot = make_slot(world, start_date=year.spring)
    world.student.birth_date = born(year.spring)
    world.student.save()
    assert eligibility(world.student.user, slot) == {"eligible": True, "reasons": []}
    assert apply_via_api(world.student.user, slot).status_code == 201


def test_the_minimum_age_is_a_setting(world, settings, year):
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "MIN_AGE": 18}
    slot = make_slot(world, start_date=year.spring)
    world.student.birth_date = born(year.spring, days=1).replace(year=year.spring.year - 18)  # 18 the day after
    world.student.save()
    assert eligibility(world.student.user, slot)["reasons"][0].startswith(cites("age") + "students under 18")


# -- rule 5: first year ----------------------------------------------------------------------------------------


@pytest.fixture
def first_year(world, year):
    """The world's student, entered this September: in their first year until next 31 August."""
    world.student.entry_year = year.year
    world.student.save()
    return world.student


def test_a_first_year_student_may_not_apply_for_a_post_internship_under_rule_5(world, first_year, year):
    slot = make_slot(world, kind="post", start_date=year.spring)
    verdict = eligibility(first_year.user, slot)
    assert verdict["eligible"] is False
    assert verdict["reasons"][0].startswith(cites("first_year"))
    assert_refused_citing(apply_via_api(first_year.user, slot), cites("first_year"))


def test_a_first_year_student_may_apply_for_an_observation_internship(world, first_year, year):
    slot = make_slot(world, kind="observation", start_date=year.spring, end_date=year.spring + timedelta(days=30))
    assert eligibility(first_year.user, slot)["eligible"] is True
    assert apply_via_api(first_year.user, slot).status_code == 201


def test_a_post_internship_starting_in_the_second_year_is_open_to_last_years_entrants(world, first_year, year):
    slot = make_slot(
        world,
        start_date=year.autumn,
        end_date=year.autumn_end,
        application_deadline=year.autumn - timedelta(days=17),
    )
    assert eligibility(first_year.user, slot)["eligible"] is True
    assert apply_via_api(first_year.user, slot).status_code == 201


# -- rule 12: major --------------------------------------------------------------------------------------------


def test_a_slot_for_another_major_in_the_same_category_is_open_to_the_student(world):
    sibling = f.MajorFactory(institution=world.school, code="460704", name="智能网联汽车技术", category="46")
    slot = make_slot(world, majors=[sibling])
    assert eligibility(world.student.user, slot)["eligible"] is True
    assert apply_via_api(world.student.user, slot).status_code == 201


def test_a_slot_for_another_major_category_is_refused_under_rule_12(world):
    software = f.MajorFactory(institution=world.school, code="510203", name="软件技术", category="51")
    slot = make_slot(world, majors=[software])
    assert eligibility(world.student.user, slot)["reasons"][0].startswith(cites("major"))
    assert_refused_citing(apply_via_api(world.student.user, slot), cites("major"))


def test_a_student_without_a_class_is_refused_under_rule_12(world):
    slot = make_slot(world)
    world.student.cohort = None
    world.student.save()
    assert eligibility(world.student.user, slot)["reasons"][0].startswith(cites("major"))
    assert_refused_citing(apply_via_api(world.student.user, slot), cites("major"))


def test_the_eligibility_check_lists_every_reason_at_once(world, year):
    software = f.MajorFactory(institution=world.school, code="510203", name="软件技术", category="51")
    slot = make_slot(world, majors=[software], start_date=year.spring)
    world.student.entry_year = year.year
    world.student.birth_date = born(year.spring.replace(month=6))
    world.student.save()
    verdict = eligibility(world.student.user, slot)
    assert verdict["eligible"] is False
    keys = ["age", "first_year", "major"]
    assert len(verdict["reasons"]) == len(keys), verdict["reasons"]
    assert all(r.startswith(cites(k)) for r, k in zip(verdict["reasons"], keys, strict=True)), verdict["reasons"]


def test_the_eligibility_check_tells_staff_that_only_students_apply(world):
    slot = make_slot(world)
    verdict = eligibility(world.teacher.user, slot)
    assert verdict["eligible"] is False
    assert verdict["reasons"]


def test_the_eligible_filter_lists_exactly_the_slots_the_student_may_apply_to(world, year):
    """A first-year student who turns 16 on 1 June, facing a mix of slots (the default one starts in March)."""
    student = world.student
    student.entry_year, student.birth_date = year.year, born(year.spring.replace(month=6))
    student.save()
    software = f.MajorFactory(institution=world.school, code="510203", name="软件技术", category="51")
    sibling = f.MajorFactory(institution=world.school, code="460704", name="智能网联汽车技术", category="46")
    july = year.spring.replace(month=7)
    summer = {"start_date": july, "end_date": july.replace(day=31), "application_deadline": july.replace(month=6)}
    autumn = {
        "start_date": year.autumn,
        "end_date": year.autumn_end,
        "application_deadline": year.autumn - timedelta(days=17),
    }
    march = {"start_date": year.spring, "end_date": year.spring.replace(day=31)}
    slots = {
        "post, too young and first year": make_slot(world, kind="post", start_date=year.spring),
        # art. 16(2) bars only post internships under 16: an observation visit at 15 is allowed
        "observation at 15": make_slot(world, kind="observation", **march),
        "observation in summer": make_slot(world, kind="observation", **summer),
        "post in the second year": make_slot(world, kind="post", **autumn),
        "post in another category": make_slot(world, kind="post", majors=[software], **autumn),
        "observation for a sibling major": make_slot(world, kind="observation", majors=[sibling], **summer),
        "observation for two majors": make_slot(world, kind="observation", majors=[software, world.major], **summer),
    }
    draft = make_slot(world, kind="observation", status="draft", **summer)
    client = client_for(student.user)

    listed = {row["id"] for row in client.get("/api/v1/slots/", {"page_size": 100}).json()["results"]}
    assert listed == {s.pk for s in slots.values()}  # the draft is not even listed
    filtered = {
        row["id"] for row in client.get("/api/v1/slots/", {"eligible": "true", "page_size": 100}).json()["results"]
    }

    assert {name for name, s in slots.items() if s.pk in filtered} == {
        "observation at 15",
        "observation in summer",
        "post in the second year",
        "observation for a sibling major",
        "observation for two majors",
    }
    assert draft.pk not in filtered
    for name, slot in slots.items():
        verdict = eligibility(student.user, slot)["eligible"]
        assert verdict is (slot.pk in filtered) is (not ineligibility(student, slot)), name
        try:
            apply(student, slot)
            applied = True
        except ValidationError:
            applied = False
        assert applied is (slot.pk in filtered), name


def test_staff_see_the_same_slots_with_or_without_the_eligible_filter(world):
    make_slot(world)
    client = client_for(world.teacher.user)
    everything = client.get("/api/v1/slots/").json()["count"]
    assert everything == 1
    assert client.get("/api/v1/slots/", {"eligible": "true"}).json()["count"] == everything


# -- choices and ranks -----------------------------------------------------------------------------------------


def test_a_student_holds_at_most_eight_choices_a_term(world):
    slots = [make_slot(world, title=f"岗位{i}") for i in range(9)]
    for slot in slots[:8]:
        assert apply_via_api(world.student.user, slot).status_code == 201
    refused = apply_via_api(world.student.user, slots[8])
    assert refused.status_code == 400
    assert "at most 8" in refused.json()["fields"]["slot"][0]
    assert Placement.objects.filter(student=world.student).count() == 8


def test_withdrawing_a_choice_frees_a_place_for_another(world):
    set_policy(world.school, max_choices=2)
    first, second, third = (make_slot(world, title=t) for t in ("甲", "乙", "丙"))
    apply(world.student, first)
    apply(world.student, second)
    assert apply_via_api(world.student.user, third).status_code == 400
    withdrawn = Placement.objects.get(slot=first)
    assert client_for(world.student.user).post(f"/api/v1/placements/{withdrawn.pk}/withdraw/", {}).status_code == 200
    assert apply_via_api(world.student.user, third).status_code == 201


def test_the_schools_policy_sets_the_number_of_choices(world):
    set_policy(world.school, max_choices=3)
    slots = [make_slot(world, title=f"岗位{i}") for i in range(4)]
    for slot in slots[:3]:
        apply(world.student, slot)
    refused = apply_via_api(world.student.user, slots[3])
    assert refused.status_code == 400
    assert "at most 3" in refused.json()["fields"]["slot"][0]


def test_choices_in_another_term_do_not_count_against_the_limit(world, year):
    set_policy(world.school, max_choices=1)
    spring = make_slot(world, title="春季", start_date=year.spring)
    autumn = make_slot(
        world,
        title="秋季",
        start_date=year.autumn,
        end_date=year.autumn_end,
        application_deadline=year.autumn - timedelta(days=31),
    )
    apply(world.student, spring)
    assert apply_via_api(world.student.user, autumn).status_code == 201


def test_applying_with_rank_1_moves_the_other_choices_down(world):
    a, b, c, d = (make_slot(world, title=t) for t in "ABCD")
    for slot in (a, b, c):
        apply(world.student, slot)
    assert ranks(world.student) == {"A": 1, "B": 2, "C": 3}
    response = apply_via_api(world.student.user, d, rank=1)
    assert response.status_code == 201
    assert response.json()["rank"] == 1
    assert ranks(world.student) == {"D": 1, "A": 2, "B": 3, "C": 4}


def test_applying_in_the_middle_moves_only_the_later_choices_down(world):
    a, b, c = (make_slot(world, title=t) for t in "ABC")
    apply(world.student, a)
    apply(world.student, b)
    apply(world.student, c, rank=2)
    assert ranks(world.student) == {"A": 1, "C": 2, "B": 3}


def test_a_rank_beyond_the_last_choice_becomes_the_next_rank(world):
    a, b = make_slot(world, title="A"), make_slot(world, title="B")
    apply(world.student, a)
    assert apply_via_api(world.student.user, b, rank=7).json()["rank"] == 2


def test_withdrawing_a_choice_closes_the_gap_in_the_ranks(world):
    a, b, c, d = (make_slot(world, title=t) for t in "ABCD")
    for slot in (a, b, c, d):
        apply(world.student, slot)
    middle = Placement.objects.get(slot=b)
    assert client_for(world.student.user).post(f"/api/v1/placements/{middle.pk}/withdraw/", {}).status_code == 200
    assert ranks(world.student) == {"A": 1, "C": 2, "D": 3}


def test_applying_twice_to_one_slot_is_refused(world):
    slot = make_slot(world)
    assert apply_via_api(world.student.user, slot).status_code == 201
    again = apply_via_api(world.student.user, slot)
    assert again.status_code == 400
    assert "already applied" in again.json()["fields"]["slot"][0]
    assert Placement.objects.filter(student=world.student, slot=slot).count() == 1


def test_a_student_may_apply_again_to_a_slot_after_withdrawing(world):
    slot = make_slot(world)
    placement = apply(world.student, slot)
    services.application_withdraw(actor=actor(world.student.user), placement=placement)
    assert apply_via_api(world.student.user, slot).status_code == 201


def test_a_student_already_confirmed_this_term_cannot_apply_elsewhere(world):
    f.PlacementFactory(student=world.student, slot=make_slot(world, title="已录用"), status="confirmed")
    response = apply_via_api(world.student.user, make_slot(world, title="另一个"))
    assert response.status_code == 400
    assert "confirmed placement" in response.json()["fields"]["slot"][0]


def test_applying_after_the_deadline_is_refused(world):
    slot = make_slot(world, application_deadline=timezone.localdate() - timedelta(days=1))
    response = apply_via_api(world.student.user, slot)
    assert response.status_code == 409
    assert response.json()["code"] == "deadline_passed"
    assert not Placement.objects.exists()


def test_applying_on_the_deadline_day_is_allowed(world):
    slot = make_slot(world, application_deadline=timezone.localdate())
    assert apply_via_api(world.student.user, slot).status_code == 201


@pytest.mark.parametrize("status", ["closed", "draft", "cancelled"])
def test_applying_to_a_slot_that_is_not_open_is_refused(world, status):
    slot = make_slot(world, status=status)
    response = apply_via_api(world.student.user, slot)
    assert response.status_code == 400
    assert "slot" in response.json()["fields"]
    with pytest.raises(DomainError) as refused:
        apply(world.student, slot)
    assert refused.value.extra["slot_status"] == status
    assert not Placement.objects.exists()
