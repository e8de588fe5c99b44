"""Whom the regulation covers (COMPLIANCE.md, "Scope"): 《职业学校学生实习管理规定》 binds 中职, 高职专科 and 高职本科
schools (art. 2), and its under-16 ban is on post internships only (art. 16(2)). A student of an ordinary
undergraduate university (普通本科) is held to the same checks as their school's own policy: cited as platform
policy, never as the regulation, and each relaxable by that school (and by no school under the regulation)."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps as global_apps
from django.core.exceptions import ValidationError

from placements import services
from placements.models import Placement
from placements.rules import ineligibility
from placements.selectors import policy_for, slots_eligible_for, students_eligible_for
from placements.services.policies import policy_update
from schools.models import Institution
from tests import factories as f
from tests.calendar import SchoolYear
from tests.placements.citing import cites
from tests.placements.helpers import actor, client_for, make_slot

pytestmark = pytest.mark.django_db

PLATFORM_POLICY = "Platform policy (the school's placement policy): "


@pytest.fixture(autouse=True)
def year(school_year) -> SchoolYear:
    """Ages and years of study are about particular days: the clock stands on 1 December (tests/calendar.py)."""
    return school_year


def fifteen_on(day: date) -> date:
    """The birthday of someone who turns 16 the day after `day`."""
    return day.replace(year=day.year - 16) + timedelta(days=1)


def eligibility(user, slot) -> dict:
    response = client_for(user).get(f"/api/v1/slots/{slot.pk}/eligibility/")
    assert response.status_code == 200, response.content
    return response.json()


def apply_via_api(user, slot):
    return client_for(user).post("/api/v1/placements/", {"slot": slot.pk}, format="json")


@pytest.fixture
def university(world, year):
    """An ordinary undergraduate university (outside the regulation) with a first-year student of the world's
    major category, whose slot it is."""
    school = f.InstitutionFactory(name="武汉商学院", kind="ordinary_undergraduate")
    major = f.MajorFactory(institution=school, code="080208", category=world.major.category)
    cohort = f.CohortFactory(major=major, entry_year=year.year)
    student = f.StudentFactory(institution=school, cohort=cohort, entry_year=year.year, user=f.UserFactory())
    admin = f.TeacherFactory(institution=school, role="admin")
    return type("University", (), {"school": school, "major": major, "student": student, "admin": admin})


# -- art. 16(2): under 16, post internships only ------------------------------------------------------------------


def test_a_15_year_old_may_apply_for_an_observation_visit(world, year):
    world.student.birth_date = fifteen_on(year.spring)
    world.student.save()
    slot = make_slot(world, kind="observation", start_date=year.spring)
    assert eligibility(world.student.user, slot) == {"eligible": True, "reasons": []}
    assert slot in slots_eligible_for(world.student, slot.__class__.objects.filter(pk=slot.pk))
    assert world.student in students_eligible_for(slot)
    assert apply_via_api(world.student.user, slot).status_code == 201


def test_a_15_year_old_is_refused_a_post_internship_citing_article_16(world, year):
    world.student.birth_date = fifteen_on(year.spring)
    world.student.save()
    slot = make_slot(world, kind="post", start_date=year.spring)
    response = apply_via_api(world.student.user, slot)
    assert response.status_code == 400, response.content
    (reason,) = response.json()["fields"]["slot"]
    assert reason.startswith(cites("age"))
    assert reason.startswith("Art. 16 of the Regulation")
    assert not Placement.objects.exists()
    assert not slots_eligible_for(world.student, slot.__class__.objects.filter(pk=slot.pk)).exists()
    assert world.student not in students_eligible_for(slot)


# -- the kind of a school decides whether the regulation binds it --------------------------------------------------


def test_vocational_schools_are_under_the_regulation_and_an_ordinary_university_is_not():
    kinds = {
        "secondary_vocational": True,
        "higher_vocational": True,
        "vocational_undergraduate": True,
        "ordinary_undergraduate": False,
    }
    for kind, regulated in kinds.items():
        assert Institution(name=kind, kind=kind).under_regulation is regulated


def test_the_old_undergraduate_kind_becomes_ordinary_undergraduate():
    migration = importlib.import_module("schools.migrations.0004_institution_kind_regulation_scope")
    old = f.InstitutionFactory(name="江汉大学")
    Institution.objects.filter(pk=old.pk).update(kind="undergraduate")
    migration.mapper(migration.FORWARD)(global_apps, None)
    old.refresh_from_db()
    assert (old.kind, old.under_regulation) == ("ordinary_undergraduate", False)


def test_a_school_cannot_change_its_own_kind_through_the_api(world):
    response = client_for(world.admin.user).patch(
        f"/api/v1/institutions/{world.school.pk}/", {"kind": "ordinary_undergraduate"}, format="json"
    )
    assert response.status_code == 200, response.content
    world.school.refresh_from_db()
    assert world.school.kind == "higher_vocational"
    assert response.json()["under_regulation"] is True


# -- outside the regulation: the school's own policy, cited as such -------------------------------------------------


def test_a_first_year_at_an_ordinary_university_is_refused_citing_platform_policy_not_the_article(
    world, university, year
):
    slot = make_slot(world, kind="post", majors=[university.major], start_date=year.spring)
    response = apply_via_api(university.student.user, slot)
    assert response.status_code == 400, response.content
    (reason,) = response.json()["fields"]["slot"]
    assert reason == PLATFORM_POLICY + "no post internship in the first year of study."
    assert "Art." not in reason and "Regulation" not in reason


def test_the_regulation_table_says_which_applies_for_the_users_school(world, university):
    rows = {r["key"]: r for r in client_for(university.student.user).get("/api/v1/regulation/").json()}
    assert rows["first_year"]["source"] == "platform_policy"
    assert rows["first_year"]["article"] is None
    assert rows["first_year"]["citation"] == PLATFORM_POLICY.removesuffix(": ")
    # a slot's own checks are the company's duties towards every school, so still the regulation's
    assert (rows["pay"]["source"], rows["pay"]["article"]) == ("regulation", 18)

    ours = {r["key"]: r for r in client_for(world.student.user).get("/api/v1/regulation/").json()}
    assert (ours["first_year"]["source"], ours["first_year"]["article"]) == ("regulation", 16)
    asked = client_for(None).get("/api/v1/regulation/", {"institution": university.school.pk}).json()
    assert {r["key"]: r["source"] for r in asked}["age"] == "platform_policy"


def test_the_paperwork_an_ordinary_universitys_placement_lacks_cites_platform_policy(world, university):
    slot = make_slot(world, majors=[university.major])
    placement = f.PlacementFactory(student=university.student, slot=slot, status="confirmed")
    missing = services.missing_paperwork(placement)
    tripartite = next(m for m in missing if m["code"] == "tripartite")
    assert (tripartite["basis"]["source"], tripartite["basis"]["article"]) == ("platform_policy", None)
    ours = f.PlacementFactory(student=world.student, slot=make_slot(world), status="confirmed")
    assert {m["basis"]["source"] for m in services.missing_paperwork(ours)} == {"regulation"}


# -- relaxing a check ---------------------------------------------------------------------------------------------


def test_a_vocational_school_cannot_relax_a_check(world):
    policy = policy_for(world.school.pk)
    with pytest.raises(ValidationError) as refused:
        policy_update(actor=actor(world.admin.user), policy=policy, relax_first_year=True)
    assert "relax_first_year" in refused.value.message_dict
    response = client_for(world.admin.user).patch(
        f"/api/v1/school-policies/{policy.pk}/", {"relax_age": True}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "under the internship regulation" in response.json()["fields"]["relax_age"][0]
    policy.refresh_from_db()
    assert (policy.relax_age, policy.relax_first_year) == (False, False)


def test_an_ordinary_university_relaxes_the_first_year_rule_and_its_first_year_student_may_apply(
    world, university, year
):
    slot = make_slot(world, kind="post", majors=[university.major], start_date=year.spring)
    assert eligibility(university.student.user, slot)["eligible"] is False
    response = client_for(university.admin.user).patch(
        f"/api/v1/school-policies/{policy_for(university.school.pk).pk}/", {"relax_first_year": True}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["under_regulation"] is False
    assert eligibility(university.student.user, slot) == {"eligible": True, "reasons": []}
    assert slots_eligible_for(university.student, slot.__class__.objects.filter(pk=slot.pk)).exists()
    assert university.student in students_eligible_for(slot)
    assert apply_via_api(university.student.user, slot).status_code == 201
    # the world's vocational first-year is still refused on the same slot's terms
    world.student.entry_year = year.year
    world.student.save()
    assert ineligibility(world.student, make_slot(world, kind="post", start_date=year.spring))


def test_a_relaxed_check_counts_no_more_once_the_school_is_classed_under_the_regulation(world, university, year):
    policy_update(actor=actor(university.admin.user), policy=policy_for(university.school.pk), relax_first_year=True)
    Institution.objects.filter(pk=university.school.pk).update(kind="vocational_undergraduate")
    student = university.student.__class__.objects.get(pk=university.student.pk)
    slot = make_slot(world, kind="post", majors=[university.major], start_date=year.spring)
    (reason,) = ineligibility(student, slot)
    assert reason.startswith(cites("first_year"))
    assert student not in students_eligible_for(slot)
