"""Changing an assessment session follows the rules of scheduling one: it stays at an on-campus base of the
host school (moved elsewhere it would vanish from the school and nobody could edit it), at a level the
programme offers, with no fewer seats than students registered. Nothing is half-written on a refusal."""

from __future__ import annotations

import pytest

from certificates.models import AssessmentSession
from tests import factories as f
from tests.access import client_for
from tests.certificates.helpers import SESSIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    program = f.CertificateProgramFactory(levels=["junior", "intermediate"])
    return f.AssessmentSessionFactory(program=program, base=world.campus_base, level="junior", seats=10)


def patch(user, session, data):
    return client_for(user).patch(f"{SESSIONS}{session.pk}/", data, format="json")


def test_a_teacher_cannot_move_a_session_to_another_companys_base(world, session):
    response = patch(world.teacher.user, session, {"base": world.other_base.pk})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["base"]
    session.refresh_from_db()
    assert session.base_id == world.campus_base.pk
    # Still the school's: its staff still find and edit it.
    assert patch(world.teacher.user, session, {"seats": 12}).status_code == 200


def test_a_teacher_cannot_move_a_session_to_another_schools_campus_base(world, session):
    theirs = f.OnCampusBaseFactory(host_institution=world.other_school, name="别校实训中心")
    response = patch(world.admin.user, session, {"base": theirs.pk})
    assert response.status_code == 400
    assert "base" in response.json()["fields"]
    assert AssessmentSession.objects.get(pk=session.pk).base_id == world.campus_base.pk


def test_a_session_moves_to_another_on_campus_base_of_the_same_school(world, session):
    second = f.OnCampusBaseFactory(host_institution=world.school, name="奔驰实训中心")
    assert patch(world.teacher.user, session, {"base": second.pk}).status_code == 200
    assert AssessmentSession.objects.get(pk=session.pk).base_id == second.pk


def test_a_session_cannot_take_a_level_the_programme_does_not_offer(world, session):
    response = patch(world.teacher.user, session, {"level": "senior"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["level"]
    assert AssessmentSession.objects.get(pk=session.pk).level == "junior"
    assert patch(world.teacher.user, session, {"level": "intermediate"}).status_code == 200


def test_changing_the_programme_checks_the_level_against_the_new_programme(world, session):
    senior_only = f.CertificateProgramFactory(levels=["senior"])
    response = patch(world.teacher.user, session, {"program": senior_only.pk})
    assert response.status_code == 400
    assert "level" in response.json()["fields"]
    assert patch(world.teacher.user, session, {"program": senior_only.pk, "level": "senior"}).status_code == 200


def test_seats_never_drop_below_the_registered_students(world, session):
    f.RegistrationFactory(session=session, student=world.student)
    f.RegistrationFactory(session=session, student=world.classmate)
    response = patch(world.teacher.user, session, {"seats": 1})
    assert response.status_code == 400
    assert "seats" in response.json()["fields"]
    assert AssessmentSession.objects.get(pk=session.pk).seats == 10
    assert patch(world.teacher.user, session, {"seats": 2}).status_code == 200
