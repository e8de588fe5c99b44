"""Records with a history are archived, never deleted, and audit events never disappear with what they describe.
No endpoint of students, teachers, majors, classes, bases, company members, certificate programmes or graduate
outcomes answers DELETE; an archived student leaves the school's lists, keeps placements, certificates and
reports, still signs in to read their own, and applies to nothing new."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.utils import timezone
from rest_framework.test import APIClient

from alumni.models import GraduateOutcome
from alumni.services import outcome_create
from placements.models import Placement, PlacementEvent
from schools.models import Student
from tests import factories as f
from tests.access import client_for, listed_ids
from tests.placements.helpers import make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome(world):
    return outcome_create(
        institution=world.school, student=world.student, student_number=world.student.student_number,
        full_name=world.student.full_name, graduation_year=2026, status="employed", reported_on=f.today(),
    )  # fmt: skip


def owned(world, outcome) -> list[tuple]:
    """(who would have deleted it, the URL, the record's class and id) for each kind of record."""
    program = f.CertificateProgramFactory(institution=world.school)
    return [
        (world.admin.user, f"/api/v1/students/{world.student.pk}/", Student, world.student.pk),
        (world.admin.user, f"/api/v1/teachers/{world.teacher.pk}/", type(world.teacher), world.teacher.pk),
        (world.admin.user, f"/api/v1/majors/{world.major.pk}/", type(world.major), world.major.pk),
        (world.admin.user, f"/api/v1/cohorts/{world.cohort.pk}/", type(world.cohort), world.cohort.pk),
        (world.hr.user, f"/api/v1/bases/{world.base.pk}/", type(world.base), world.base.pk),
        (world.hr.user, f"/api/v1/company-members/{world.mentor.pk}/", type(world.mentor), world.mentor.pk),
        (world.admin.user, f"/api/v1/certificate-programs/{program.pk}/", type(program), program.pk),
        (world.admin.user, f"/api/v1/outcomes/{outcome.pk}/", GraduateOutcome, outcome.pk),
    ]


def test_no_record_with_a_history_answers_delete(world, outcome):
    for user, url, model, pk in owned(world, outcome):
        response = client_for(user).delete(url)
        assert response.status_code == 405, url
        assert model.objects.filter(pk=pk).exists(), url


def test_another_schools_admin_cannot_delete_a_programme_this_school_added(world):
    program = f.CertificateProgramFactory(institution=world.school)
    assert client_for(world.other_admin.user).delete(f"/api/v1/certificate-programs/{program.pk}/").status_code == 405
    assert type(program).objects.filter(pk=program.pk).exists()


def test_an_archived_student_leaves_the_lists_but_keeps_their_history(world):
    placement = f.PlacementFactory(student=world.student, slot=make_slot(world), status="completed")
    certificate = f.StudentCertificateFactory(student=world.student)
    admin = client_for(world.admin.user)
    assert admin.post(f"/api/v1/students/{world.student.pk}/archive/").status_code == 200
    assert listed_ids(world.admin.user, "/api/v1/students/") == {world.classmate.pk}
    archived = admin.get("/api/v1/students/", {"archived": "true"}).json()["results"]
    assert [row["id"] for row in archived] == [world.student.pk]
    assert archived[0]["archived_at"]
    both = admin.get("/api/v1/students/", {"archived": "all"}).json()["results"]
    assert {row["id"] for row in both} == {world.student.pk, world.classmate.pk}
    # The history stays, for the school and for the student, who still signs in to read it.
    assert placement.pk in listed_ids(world.admin.user, "/api/v1/placements/")
    assert certificate.pk in listed_ids(world.teacher.user, "/api/v1/student-certificates/")
    assert client_for(world.student.user).get(f"/api/v1/placements/{placement.pk}/").status_code == 200
    assert client_for(world.student.user).get(f"/api/v1/students/{world.student.pk}/").status_code == 200


def test_an_archived_student_cannot_apply(world):
    Student.objects.filter(pk=world.student.pk).update(archived_at=timezone.now())
    response = client_for(world.student.user).post("/api/v1/placements/", {"slot": make_slot(world).pk})
    assert response.status_code == 409
    assert response.json()["code"] == "archived"
    assert not Placement.objects.filter(student=world.student).exists()


def test_archiving_and_restoring_need_the_schools_admin(world):
    url = f"/api/v1/students/{world.classmate.pk}/"
    assert APIClient().post(url + "archive/").status_code == 401
    assert client_for(world.teacher.user).post(url + "archive/").status_code == 403
    assert client_for(world.other_admin.user).post(url + "archive/").status_code == 404
    assert client_for(world.admin.user).post(url + "restore/").status_code == 409  # not archived
    assert client_for(world.admin.user).post(url + "archive/").status_code == 200
    assert client_for(world.teacher.user).post(url + "restore/").status_code == 403
    assert client_for(world.admin.user).post(url + "restore/").status_code == 200
    assert Student.objects.get(pk=world.classmate.pk).archived_at is None


def test_audit_events_never_disappear_with_their_placement_or_student(world):
    placement = f.PlacementFactory(student=world.student, slot=make_slot(world), status="pending")
    PlacementEvent.objects.create(placement=placement, action="applied", to_status="pending")
    with pytest.raises(ProtectedError):
        placement.delete()
    with pytest.raises(ProtectedError):
        Student.objects.get(pk=world.student.pk).delete()
    assert PlacementEvent.objects.filter(placement=placement).count() == 1


def test_the_staff_list_offers_removal_on_every_row_but_ones_own(world):
    """The app shows 移出 where `can_archive` is true: a school admin may remove a teacher, not themselves
    (archiving their own membership would lock them out); the same for a company's HR."""
    from tests.access import client_for

    teachers = client_for(world.admin.user).get("/api/v1/teachers/", {"page_size": 100}).json()["results"]
    offered = {row["id"]: row["can_archive"] for row in teachers}
    assert offered[world.admin.pk] is False
    assert offered[world.teacher.pk] is True

    colleague = f.CompanyMemberFactory(company=world.company)
    members = client_for(world.hr.user).get("/api/v1/company-members/", {"page_size": 100}).json()["results"]
    offered = {row["id"]: row["can_archive"] for row in members}
    assert offered[world.hr.pk] is False
    assert offered[colleague.pk] is True
