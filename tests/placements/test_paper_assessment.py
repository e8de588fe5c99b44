"""The company's assessment on paper (issue 15): a self-arranged placement at a company with nobody on the platform
cannot be assessed by the company here, so the placement's teacher (or a school admin) records the form the company
signed, with its scan; the placement then completes as any other. The bypasses are tried: a school cannot record a
paper assessment for a company that has staff on the platform (nor for a placement whose mentor is on it), a
student cannot at all, another teacher of the school cannot, and a second company assessment is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import DomainError
from placements import services
from placements.models import Assessment, Placement, PlacementDocument
from tests import factories as f
from tests.placements.clock import on_end
from tests.placements.helpers import actor, client_for, image_bytes, make_slot, named

pytestmark = pytest.mark.django_db


@pytest.fixture
def off_platform(world):
    """The student's self-arranged placement, running: its company (vetted) has nobody on the platform, its mentor
    is named by name and phone only, its teacher is the student's advisor (the world's teacher)."""
    company = f.CompanyFactory(name="武汉某汽车维修服务有限公司", headcount=200)
    today = timezone.localdate()
    slot = make_slot(
        world,
        company=company,
        mentor=None,
        capacity=1,
        start_date=today - timedelta(days=60),
        end_date=today + timedelta(days=122),
        application_deadline=today - timedelta(days=70),
    )
    return f.PlacementFactory(
        student=world.student,
        slot=slot,
        status="active",
        mentor=None,
        external_mentor_name="赵师傅",
        external_mentor_phone="13907150002",
        started_at=timezone.now() - timedelta(days=30),
    )


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("企业评价表.png", image_bytes(), content_type="image/png")


def url(placement) -> str:
    return f"/api/v1/placements/{placement.pk}/paper-assessment/"


def form(**overrides) -> dict:
    return {
        "grade": "good",
        "comments": "工作认真，按时完成维修辅助任务。",
        "signed_by": "赵师傅",
        "signed_on": timezone.localdate().isoformat(),
        "file": named(image_bytes("JPEG"), "企业评价表.jpg"),
        **overrides,
    }


def post(user, placement, **overrides):
    return client_for(user).post(url(placement), form(**overrides), format="multipart")


def test_the_teacher_records_the_paper_form_and_the_placement_completes(world, off_platform):
    listed = client_for(world.teacher.user).get(f"/api/v1/placements/{off_platform.pk}/").json()
    assert "record_paper_assessment" in listed["actions"]
    response = post(world.teacher.user, off_platform)
    assert response.status_code == 201, response.content
    company = next(a for a in response.json()["assessments"] if a["role"] == "company")
    assert company["recorded_from_paper"] is True
    assert (company["grade"], company["paper_signed_by"]) == ("good", "赵师傅")
    assert company["assessor_name"] == world.teacher.user.display_name
    assert company["paper_scan_url"].endswith("/file/")
    assert "record_paper_assessment" not in response.json()["actions"]
    stored = Assessment.objects.get(placement=off_platform, role="company")
    assert stored.assessor == world.teacher.user and stored.paper_scan.kind == "assessment"
    assert stored.paper_scan.content_type == "image/jpeg" and stored.paper_scan.uploaded_by == world.teacher.user
    assert off_platform.events.filter(action="assessed", data__paper=True).exists()
    # The scan is read as any paper of the placement.
    scan = client_for(world.teacher.user).get(company["paper_scan_url"])
    assert scan.status_code == 200
    # The internship archive (PDF) says so too.
    archive = client_for(world.teacher.user).get(f"/api/v1/placements/{off_platform.pk}/internship-archive/")
    assert archive.status_code == 200
    # The normal completion follows: the teacher's own grade, the end date, the journals (waived here).
    services.assessment_submit(actor=actor(world.teacher.user), placement=off_platform, role="teacher", grade="good")
    Placement.objects.filter(pk=off_platform.pk).update(
        journals_waived_at=timezone.now(), journals_waived_reason="企业不在平台，周记线下提交"
    )
    off_platform.refresh_from_db()
    with on_end(off_platform):
        done = services.placement_complete(actor=actor(world.teacher.user), placement=off_platform)
    assert done.status == "completed"


def test_a_school_admin_may_record_it_too(world, off_platform):
    assert post(world.admin.user, off_platform).status_code == 201


def test_a_school_cannot_record_a_paper_assessment_for_a_company_on_the_platform(world, off_platform):
    # The company has HR on the platform: it assesses itself, through assess/.
    f.CompanyMemberFactory(company=off_platform.slot.company, user__username="selfhr")
    response = post(world.teacher.user, off_platform)
    assert (response.status_code, response.json()["code"]) == (409, "company_on_platform")
    detail = client_for(world.teacher.user).get(f"/api/v1/placements/{off_platform.pk}/").json()
    assert "record_paper_assessment" not in detail["actions"]
    assert not Assessment.objects.exists() and not PlacementDocument.objects.exists()


def test_nor_for_a_placement_whose_mentor_is_on_the_platform(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="active")
    assert placement.mentor == world.mentor
    response = post(world.teacher.user, placement)
    assert (response.status_code, response.json()["code"]) == (409, "company_on_platform")
    with pytest.raises(DomainError):
        services.paper_assessment_record(
            actor=actor(world.admin.user),
            placement=placement,
            grade="good",
            signed_on=timezone.localdate(),
            upload=scan(),
            signed_by="x",
        )
    assert not Assessment.objects.exists() and not PlacementDocument.objects.exists()


def test_a_company_whose_staff_all_left_is_off_the_platform(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="active", external_mentor_name="赵师傅")
    world.company.members.update(archived_at=timezone.now())
    assert post(world.teacher.user, placement).status_code == 201


@pytest.mark.parametrize("who", ["student", "mentor", "hr", "other_teacher"])
def test_nobody_else_records_it(world, off_platform, who):
    # other_teacher: a teacher of the student's school, not the placement's
    user = f.TeacherFactory(institution=world.school).user if who == "other_teacher" else getattr(world, who).user
    response = post(user, off_platform)
    assert response.status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        services.paper_assessment_record(
            actor=actor(user),
            placement=off_platform,
            grade="good",
            signed_on=timezone.localdate(),
            upload=scan(),
        )
    assert not Assessment.objects.exists() and not PlacementDocument.objects.exists()


def test_the_scan_and_the_form_are_required_and_checked(world, off_platform):
    response = client_for(world.teacher.user).post(
        url(off_platform), {"grade": "good", "signed_on": timezone.localdate().isoformat()}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.json()["fields"]
    fake = post(world.teacher.user, off_platform, file=named(b"not an image at all", "scan.pdf"))
    assert fake.status_code == 400 and "file" in fake.json()["fields"]
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    later = post(world.teacher.user, off_platform, signed_on=future)
    assert later.status_code == 400 and "signed_on" in later.json()["fields"]
    band = post(world.teacher.user, off_platform, grade="A+")
    assert band.status_code == 400 and "grade" in band.json()["fields"]
    with pytest.raises(ValidationError) as refused:
        services.paper_assessment_record(
            actor=actor(world.teacher.user),
            placement=off_platform,
            grade="A+",
            signed_on=None,
            upload=scan(),
        )
    assert {"grade", "signed_on"} <= set(refused.value.message_dict)
    assert not Assessment.objects.exists() and not PlacementDocument.objects.exists()


def test_the_signer_defaults_to_the_named_mentor_and_the_company_assesses_once(world, off_platform):
    assert post(world.teacher.user, off_platform, signed_by="").status_code == 201
    assert Assessment.objects.get().paper_signed_by == "赵师傅"
    again = post(world.admin.user, off_platform)
    assert again.status_code == 400 and "role" in again.json()["fields"]
    assert PlacementDocument.objects.count() == 1


def test_the_paper_kind_is_not_uploaded_on_its_own(world, off_platform):
    response = client_for(world.teacher.user).post(
        f"/api/v1/placements/{off_platform.pk}/documents/",
        {"kind": "assessment", "file": named(image_bytes(), "a.png")},
        format="multipart",
    )
    assert response.status_code == 400 and "kind" in response.json()["fields"]


def test_only_while_running_or_ended_early(world, off_platform):
    Placement.objects.filter(pk=off_platform.pk).update(status="ready")
    off_platform.refresh_from_db()
    response = post(world.teacher.user, off_platform)
    assert (response.status_code, response.json()["code"]) == (409, "illegal_transition")
