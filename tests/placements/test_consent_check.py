"""A paper consent counts only once the student's school checked it (issue 15, the loophole): a student who
uploads any picture as "consent", even after the guardian refused online, still cannot start; the school's
check opens the gate, its return (with a reason the student reads) closes it again. Who may check or return,
and which papers need it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notices.models import Notice
from placements.models import GuardianConsent, PlacementDocument
from placements.services import documents as papers
from placements.services.consent import consent_status
from placements.services.filing import export_rows
from tests import factories as f
from tests.access import client_for as client_in
from tests.placements.clock import on
from tests.placements.helpers import actor, client_for, document_fields, named

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(world, slot):
    """Confirmed, every paper but the consent on file."""
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    for kind in ("tripartite", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    return placement


def refused_online(world, placement) -> None:
    now = timezone.now()
    GuardianConsent.objects.create(
        placement=placement,
        guardian_name="李建国",
        relation="father",
        phone="13807150001",
        status="refused",
        token_hash="t" * 64,
        code_hash="c" * 64,
        expires_at=now + timedelta(days=7),
        sent_by=world.teacher.user,
        sent_at=now,
        decided_at=now,
        note="不同意。",
    )


def upload_consent(user, placement):
    data = {"kind": "consent", "file": named(f.MINIMAL_PDF, "scan.pdf"), **document_fields("consent")}
    response = client_for(user).post(f"/api/v1/placements/{placement.pk}/documents/", data, format="multipart")
    assert response.status_code == 201, response.json()
    return response.json()


def missing(user, placement) -> list[str]:
    return [m["code"] for m in client_for(user).get(f"/api/v1/placements/{placement.pk}/").json()["missing"]]


def consent_of(placement) -> PlacementDocument:
    return PlacementDocument.objects.filter(placement=placement, kind="consent").latest("uploaded_at")


def check(user, document):
    return client_for(user).post(f"/api/v1/placement-documents/{document.pk}/check/")


def give_back(user, document, reason="看不清签名，请重新拍照上传。"):
    return client_for(user).post(
        f"/api/v1/placement-documents/{document.pk}/return/", {"reason": reason}, format="json"
    )


def test_a_students_paper_after_an_online_refusal_does_not_start_until_the_school_checks_it(world, placement):
    refused_online(world, placement)
    body = upload_consent(world.student.user, placement)
    paper = next(d for d in body["documents"] if d["kind"] == "consent")
    assert (paper["check_state"], paper["needs_check"], paper["checked_at"]) == ("waiting", True, None)
    assert body["status"] == "confirmed"
    assert [m["code"] for m in body["missing"]] == ["consent_check"]
    placement.refresh_from_db()
    assert consent_status(placement)["paper"] is False and consent_status(placement)["paper_waiting"] is True
    # the school is asked to check it (the placement's teacher, the student's advisor), once
    assert set(Notice.objects.filter(kind="document_to_check").values_list("recipient_id", flat=True)) == {
        world.teacher.user.pk
    }
    assert not Notice.objects.filter(kind="document_uploaded", recipient=world.teacher.user).exists()
    with on(placement.slot.start_date):
        refused = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert refused.status_code == 409
    assert [m["code"] for m in refused.json()["missing"]] == ["consent_check"]

    checked = check(world.teacher.user, consent_of(placement))
    assert checked.status_code == 200, checked.json()
    assert checked.json()["check_state"] == "checked" and checked.json()["needs_check"] is False
    assert checked.json()["checked_by_name"] == world.teacher.user.display_name
    placement.refresh_from_db()
    assert placement.status == "ready"
    assert Notice.objects.filter(kind="document_checked", recipient=world.student.user).exists()
    with on(placement.slot.start_date):
        started = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert started.json()["status"] == "active"


def test_a_returned_paper_counts_for_nothing_and_the_student_is_told_why(world, placement):
    upload_consent(world.student.user, placement)
    document = consent_of(placement)
    returned = give_back(world.admin.user, document)
    assert returned.status_code == 200, returned.json()
    assert returned.json()["check_state"] == "returned"
    assert returned.json()["return_reason"] == "看不清签名，请重新拍照上传。"
    assert missing(world.teacher.user, placement) == ["consent"]
    notice = Notice.objects.get(kind="document_returned", recipient=world.student.user)
    assert notice.params["reason"] == "看不清签名，请重新拍照上传。"
    assert check(world.teacher.user, document).json()["code"] == "document_returned"
    assert give_back(world.teacher.user, document).json()["code"] == "document_returned"
    # the student hands in another; it waits for the check again
    upload_consent(world.student.user, placement)
    assert missing(world.teacher.user, placement) == ["consent_check"]
    assert check(world.teacher.user, consent_of(placement)).status_code == 200
    assert missing(world.teacher.user, placement) == []


def test_a_return_needs_a_reason_in_the_readers_language(world, placement):
    upload_consent(world.student.user, placement)
    document = consent_of(placement)
    for body in ({}, {"reason": "   "}, {"reason": "x" * 501}):
        response = client_in(world.teacher.user).post(
            f"/api/v1/placement-documents/{document.pk}/return/", body, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["reason"]
    message = response.json()["fields"]["reason"][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message  # in Chinese, the default language
    document.refresh_from_db()
    assert document.returned_at is None


def test_a_paper_the_school_uploads_is_checked_at_once(world, placement):
    body = upload_consent(world.teacher.user, placement)
    paper = next(d for d in body["documents"] if d["kind"] == "consent")
    assert paper["check_state"] == "checked"
    assert paper["checked_by_name"] == world.teacher.user.display_name
    assert body["status"] == "ready"
    assert not Notice.objects.filter(kind="document_to_check").exists()


def test_only_the_students_school_checks_and_only_the_consent(world, placement):
    upload_consent(world.student.user, placement)
    document = consent_of(placement)
    for user in (world.student.user, world.hr.user, world.mentor.user):
        assert check(user, document).status_code == 403
        assert give_back(user, document, reason="").status_code == 403  # who, before what they sent
    for user in (world.other_admin.user, world.other_teacher.user, world.classmate.user, world.other_hr.user):
        assert check(user, document).status_code == 404
        assert give_back(user, document).status_code == 404
    document.refresh_from_db()
    assert (document.checked_at, document.returned_at) == (None, None)
    agreement = PlacementDocument.objects.get(placement=placement, kind="tripartite")
    assert check(world.teacher.user, agreement).json()["code"] == "check_not_needed"
    assert check(world.admin.user, document).status_code == 200  # any staff of the school, not only the advisor
    assert check(world.teacher.user, document).json()["code"] == "document_checked"


def test_a_checked_paper_can_be_returned_before_the_start_but_not_after(world, placement):
    upload_consent(world.student.user, placement)
    document = consent_of(placement)
    papers.document_check(actor=actor(world.teacher.user), document=document)
    placement.refresh_from_db()
    assert placement.status == "ready"
    papers.document_return(actor=actor(world.teacher.user), document=document, reason="签字不是监护人本人。")
    placement.refresh_from_db()
    assert placement.status == "confirmed"
    upload_consent(world.student.user, placement)
    second = consent_of(placement)
    papers.document_check(actor=actor(world.teacher.user), document=second)
    with on(placement.slot.start_date):
        assert client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/").status_code == 200
    assert give_back(world.teacher.user, second).json()["code"] == "document_checked"


def test_the_filing_export_tells_a_paper_waiting_for_the_check(world, placement):
    upload_consent(world.student.user, placement)
    placement.refresh_from_db()
    assert export_rows([placement])[0]["consent"] == "paper, awaiting the school's check"
    papers.document_check(actor=actor(world.teacher.user), document=consent_of(placement))
    placement.refresh_from_db()
    assert export_rows([placement])[0]["consent"] == "paper"
