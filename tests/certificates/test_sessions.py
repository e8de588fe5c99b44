"""Assessment sessions: a school's students take its seats, never more than there are, even when they all
click at once; staff enter results all-or-nothing, a pass creating the verified certificate, and every
registered student hears that the results are in."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from accounts.actor import actor_for
from certificates import services
from certificates.models import AssessmentSession, Registration, StudentCertificate
from notices.models import Notice
from tests import factories as f
from tests.certificates.helpers import SESSIONS
from tests.concurrency import all_at_once
from tests.placements.helpers import client_for, new_student

THREADS = 30
SEATS = 5


def register(user, session):
    return client_for(user).post(f"{SESSIONS}{session.pk}/register/")


# -- the seat limit under load ---------------------------------------------------------------------------------


def register_all_at_once(session, students) -> Counter:
    """Every student presses "register" at the same moment; returns how often each answer (status, code) came
    back."""

    def press(student):
        client = APIClient()
        client.force_authenticate(student.user)
        response = client.post(f"{SESSIONS}{session.pk}/register/")
        return (response.status_code, response.json().get("code"))

    return all_at_once(press, students)


@pytest.mark.django_db(transaction=True)
def test_thirty_students_registering_at_once_fill_a_five_seat_session_exactly(world):
    session = f.AssessmentSessionFactory(base=world.campus_base, seats=SEATS)
    students = [new_student(world) for _ in range(THREADS)]

    outcomes = register_all_at_once(session, students)

    assert outcomes == {(200, None): SEATS, (409, "session_full"): THREADS - SEATS}
    assert Registration.objects.filter(session=session).count() == SEATS
    assert client_for(world.teacher.user).get(f"{SESSIONS}{session.pk}/").json()["registered"] == SEATS


# -- registering -----------------------------------------------------------------------------------------------


@pytest.fixture
def session(world, program):
    return f.AssessmentSessionFactory(program=program, base=world.campus_base, seats=10, date=date(2026, 6, 20))


@pytest.mark.django_db
def test_a_full_session_answers_409_session_full_with_its_seats(world, session):
    session.seats = 1
    session.save()
    assert register(world.student.user, session).status_code == 200
    full = register(world.classmate.user, session)
    assert full.status_code == 409
    assert (full.json()["code"], full.json()["seats"]) == ("session_full", 1)
    assert "1" in full.json()["detail"]


@pytest.mark.django_db
def test_registering_twice_is_refused_with_400(world, session):
    assert register(world.student.user, session).status_code == 200
    again = register(world.student.user, session)
    assert again.status_code == 400
    assert "session" in again.json()["fields"]
    assert session.registrations.count() == 1


@pytest.mark.django_db
def test_a_student_cannot_register_for_another_schools_session(world, program):
    theirs = f.AssessmentSessionFactory(
        program=program, base=f.OnCampusBaseFactory(host_institution=world.other_school)
    )
    # Through the API the session does not even exist for them ...
    assert register(world.student.user, theirs).status_code == 404
    # ... and the service refuses it outright should it be reached another way.
    with pytest.raises(PermissionDenied):
        services.session_register(actor=actor_for(world.student.user), session=theirs)
    assert not theirs.registrations.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["closed", "results"])
def test_a_session_no_longer_open_refuses_registration_with_409(status, world, session):
    session.status = status
    session.save()
    response = register(world.student.user, session)
    assert response.status_code == 409
    assert response.json()["current_status"] == status
    assert not session.registrations.exists()


# -- results ---------------------------------------------------------------------------------------------------


@pytest.fixture
def sitting(world, session):
    """The student, the classmate and a third student of the class are registered."""
    third = new_student(world)
    regs = [f.RegistrationFactory(session=session, student=s) for s in (world.student, world.classmate, third)]
    return regs


def results(world, session, rows):
    return client_for(world.teacher.user).post(f"{SESSIONS}{session.pk}/results/", {"results": rows}, format="json")


def nothing_was_written(session, registrations) -> None:
    for reg in registrations:
        reg.refresh_from_db()
        assert (reg.result, reg.score) == ("pending", None)
    assert not StudentCertificate.objects.exists()
    session.refresh_from_db()
    assert session.status == "open"
    assert not Notice.objects.filter(kind="assessment_results").exists()


@pytest.mark.django_db
def test_a_pass_creates_a_verified_certificate_from_the_session(world, session, sitting):
    student, classmate, third = sitting
    response = results(world, session, [
        {"registration": student.pk, "result": "pass", "score": "88.5", "number": " NEV-J-0001 "},
        {"registration": classmate.pk, "result": "fail", "score": "41"},
        {"registration": third.pk, "result": "absent"},
    ])  # fmt: skip
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "results"
    certificate = StudentCertificate.objects.get()
    assert certificate.student == world.student
    assert (certificate.program, certificate.level) == (session.program, session.level)
    assert certificate.number == "NEV-J-0001"
    assert certificate.issue_date == session.date  # no issue date given: the session's date
    assert certificate.score == Decimal("88.5")
    assert (certificate.status, certificate.source) == ("verified", "session")
    assert certificate.verified_by == world.teacher.user
    assert certificate.verified_at is not None
    assert dict(session.registrations.values_list("student", "result")) == {
        world.student.pk: "pass", world.classmate.pk: "fail", third.student_id: "absent"
    }  # fmt: skip
    # The student sees it among their certificates, already verified.
    [mine] = client_for(world.student.user).get("/api/v1/student-certificates/").json()["results"]
    assert (mine["status"], mine["source"], mine["number"]) == ("verified", "session", "NEV-J-0001")


@pytest.mark.django_db
def test_a_pass_may_carry_its_own_issue_date(world, session, sitting):
    rows = [{"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-1", "issue_date": "2026-07-15"}]
    assert results(world, session, rows).status_code == 200
    assert StudentCertificate.objects.get().issue_date == date(2026, 7, 15)


@pytest.mark.django_db
def test_a_pass_without_a_number_is_refused_on_that_row_and_nothing_is_written(world, session, sitting):
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "fail"},
        {"registration": sitting[1].pk, "result": "pass", "number": "NEV-J-1"},
        {"registration": sitting[2].pk, "result": "pass", "number": "  "},
    ])  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["results.2.number"]
    nothing_was_written(session, sitting)


@pytest.mark.django_db
def test_a_number_already_recorded_in_the_programme_is_refused_and_nothing_is_written(world, session, sitting):
    f.StudentCertificateFactory(student=f.StudentFactory(institution=world.other_school), program=session.program,
                                number="NEV-J-1")  # fmt: skip
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-2"},
        {"registration": sitting[1].pk, "result": "pass", "number": "NEV-J-1"},
    ])  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["results.1.number"]
    assert StudentCertificate.objects.count() == 1
    for reg in sitting:
        reg.refresh_from_db()
        assert reg.result == "pending"


@pytest.mark.django_db
def test_the_same_number_twice_in_one_entry_is_refused_and_nothing_is_written(world, session, sitting):
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-1"},
        {"registration": sitting[1].pk, "result": "pass", "number": "NEV-J-1"},
    ])  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["results.1.number"]
    nothing_was_written(session, sitting)


@pytest.mark.django_db
def test_a_registration_of_another_session_is_refused_and_nothing_is_written(world, session, sitting):
    elsewhere = f.RegistrationFactory(session=f.AssessmentSessionFactory(base=world.campus_base), student=world.student)
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-1"},
        {"registration": elsewhere.pk, "result": "fail"},
    ])  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["results.1.registration"]
    nothing_was_written(session, sitting)


@pytest.mark.django_db
def test_an_unknown_result_is_refused_and_nothing_is_written(world, session, sitting):
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-1"},
        {"registration": sitting[1].pk, "result": "excellent"},
    ])  # fmt: skip
    assert response.status_code == 400
    assert "results.1.result" in response.json()["fields"]
    nothing_was_written(session, sitting)


@pytest.mark.django_db
def test_a_registration_listed_twice_is_refused_and_nothing_is_written(world, session, sitting):
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-1"},
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-2"},
    ])  # fmt: skip
    assert response.status_code == 400
    assert "results.1.registration" in response.json()["fields"]
    nothing_was_written(session, sitting)


@pytest.mark.django_db
def test_the_results_reach_every_registered_student_and_nobody_else(world, session, sitting):
    outsider_student = new_student(world)
    response = results(world, session, [
        {"registration": sitting[0].pk, "result": "pass", "number": "NEV-J-1"},
        {"registration": sitting[1].pk, "result": "fail"},
    ])  # fmt: skip
    assert response.status_code == 200, response.json()
    told = Notice.objects.filter(kind="assessment_results")
    registered_users = {reg.student.user_id for reg in sitting}
    assert set(told.values_list("recipient", flat=True)) == registered_users  # the third too, still pending
    assert told.count() == 3
    assert not Notice.objects.filter(recipient=outsider_student.user).exists()
    notice = told.get(recipient=world.student.user)
    assert notice.params == {"program": session.program.name, "date": "2026-06-20"}
    assert notice.link == "/certificates"
    # The student reads it in the notice list.
    listed = client_for(world.student.user).get("/api/v1/notices/").json()
    assert any(n["kind"] == "assessment_results" for n in listed["results"])


@pytest.mark.django_db
def test_a_registered_student_without_an_account_is_simply_not_notified(world, session, sitting):
    no_account = f.RegistrationFactory(session=session, student=new_student(world, user=None))
    rows = [{"registration": no_account.pk, "result": "pass", "number": "NEV-J-1"}]
    assert results(world, session, rows).status_code == 200
    assert Notice.objects.filter(kind="assessment_results").count() == len(sitting)
    assert AssessmentSession.objects.get(pk=session.pk).status == "results"
