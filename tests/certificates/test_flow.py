"""Certificates end to end: upload with a phone photo, verification, sessions with seats, requirements on slots."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from certificates.models import AssessmentSession, CertificateProgram, StudentCertificate
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


def phone_photo_with_gps() -> io.BytesIO:
    image = Image.new("RGB", (64, 48), "navy")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the photo must come out upright
    gps = {1: "N", 2: (30.0, 35.0, 0.0), 3: "E", 4: (114.0, 17.0, 0.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "IMG_0001.jpg"
    return buffer


@pytest.fixture
def program(world):
    program = CertificateProgram.objects.create(
        name="智能新能源汽车", organisation="北京中车行高新技术有限公司", levels=["junior", "intermediate", "senior"]
    )
    program.majors.add(world.major)
    return program


def test_a_student_uploads_a_phone_photo_and_the_teacher_verifies_it(world, program, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    student = client_for(world.student.user)
    response = student.post(
        "/api/v1/student-certificates/",
        {"program": program.pk, "level": "junior", "number": "NEV-2026-0001", "issue_date": "2026-07-01",
         "file": phone_photo_with_gps()},
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    certificate = StudentCertificate.objects.get(pk=body["id"])
    with Image.open(certificate.scan.path) as stored:
        assert stored.size == (48, 64)  # turned upright by its EXIF orientation
        assert not stored.getexif()  # no EXIF left, no GPS
    assert student.get(body["thumbnail_url"]).status_code == 200

    # Another school's teacher cannot see it; the student's teacher verifies it.
    assert (
        client_for(world.other_teacher.user).post(f"/api/v1/student-certificates/{certificate.pk}/verify/").status_code
        == 404
    )
    assert (
        client_for(world.teacher.user).post(f"/api/v1/student-certificates/{certificate.pk}/verify/").json()["status"]
        == "verified"
    )
    assert (
        client_for(world.teacher.user).post(f"/api/v1/student-certificates/{certificate.pk}/verify/").status_code == 409
    )
    # A company the student never applied to cannot read the scan.
    assert client_for(world.hr.user).get(f"/api/v1/student-certificates/{certificate.pk}/scan/").status_code == 404


def test_a_renamed_text_file_is_refused_and_nothing_is_stored(world, program, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = io.BytesIO(b"just text, not a scan")
    fake.name = "certificate.jpg"
    response = client_for(world.student.user).post(
        "/api/v1/student-certificates/",
        {"program": program.pk, "level": "junior", "number": "X1", "issue_date": "2026-07-01", "file": fake},
        format="multipart",
    )
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    assert not StudentCertificate.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_seats_are_never_exceeded_and_a_pass_creates_a_verified_certificate(world, program):
    base = f.OnCampusBaseFactory(host_institution=world.school)
    staff = client_for(world.teacher.user)
    session = staff.post(
        "/api/v1/assessment-sessions/",
        {
            "program": program.pk,
            "level": "junior",
            "base": base.pk,
            "date": f.days_from_today(18).isoformat(),
            "seats": 1,
        },
        format="json",
    ).json()
    assert (
        client_for(world.student.user).post(f"/api/v1/assessment-sessions/{session['id']}/register/").status_code == 200
    )
    full = client_for(world.classmate.user).post(f"/api/v1/assessment-sessions/{session['id']}/register/")
    assert full.status_code == 409 and full.json()["code"] == "session_full"
    registration = staff.get(f"/api/v1/assessment-sessions/{session['id']}/registrations/").json()[0]
    response = staff.post(
        f"/api/v1/assessment-sessions/{session['id']}/results/",
        {"results": [{"registration": registration["id"], "result": "pass", "score": "88", "number": "NEV-J-1"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    certificate = StudentCertificate.objects.get(student=world.student)
    assert certificate.status == "verified" and certificate.source == "session"
    assert AssessmentSession.objects.get(pk=session["id"]).status == "results"


def test_a_slot_requiring_a_certificate_admits_only_verified_holders(world, program):
    world.company.headcount = 1000
    world.company.save()
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major],
                         required_certificates=[{"program": program.pk, "min_level": "intermediate"}])  # fmt: skip
    student = client_for(world.student.user)
    refused = student.post("/api/v1/placements/", {"slot": slot.pk})
    assert refused.status_code == 400
    assert "智能新能源汽车" in " ".join(refused.json()["fields"]["slot"])
    assert student.get("/api/v1/slots/", {"eligible": "true"}).json()["count"] == 0
    pending = StudentCertificate.objects.create(student=world.student, program=program, level="senior", number="S-1",
                                                issue_date=date(2026, 6, 1))  # fmt: skip
    assert student.post("/api/v1/placements/", {"slot": slot.pk}).status_code == 400  # unverified does not count
    pending.status = "verified"
    pending.save()
    assert student.get("/api/v1/slots/", {"eligible": "true"}).json()["count"] == 1
    assert student.post("/api/v1/placements/", {"slot": slot.pk}).status_code == 201
