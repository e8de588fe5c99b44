"""Leave decided in the school's order (each of the three), refusals with a reason, cancelling while it waits;
field work confirmed by the mentor; notices to the next decider and the student."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.actor import actor_for
from core.errors import DomainError
from fieldwork.models import FieldworkPolicy, LeaveRequest
from fieldwork.services.field_work import field_work_decide, field_work_declare
from fieldwork.services.leave import leave_approve, leave_cancel, leave_refuse, leave_request
from notices.models import Notice
from tests.access import client_for
from tests.dates import today


def ask(fw, days=2, start=None) -> LeaveRequest:
    start = start or today() + timedelta(days=3)
    return leave_request(
        actor=actor_for(fw.w.student.user), kind="sick", start_date=start, end_date=start + timedelta(days=days - 1),
        reason="发烧，医生建议休息。",
    )  # fmt: skip


def noticed(user, kind) -> int:
    return Notice.objects.filter(recipient=user, kind=kind).count()


@pytest.mark.parametrize(
    ("order", "steps"),
    [
        ("mentor_first", ["mentor", "teacher"]),
        ("teacher_first", ["teacher", "mentor"]),
        ("teacher_only", ["teacher"]),
    ],
)
def test_leave_is_decided_in_the_schools_order(fw, order, steps):
    FieldworkPolicy.objects.create(institution=fw.w.school, leave_order=order)
    people = {"mentor": fw.w.mentor.user, "teacher": fw.w.teacher.user}
    leave = ask(fw)
    assert noticed(people[steps[0]], "leave_requested") == 1
    for i, who in enumerate(steps):
        assert leave.status == f"pending_{who}"
        other = "teacher" if who == "mentor" else "mentor"
        with pytest.raises(PermissionDenied):
            leave_approve(actor=actor_for(people[other]), leave=leave)
        leave = leave_approve(actor=actor_for(people[who]), leave=leave)
        if i + 1 < len(steps):
            assert noticed(people[steps[i + 1]], "leave_requested") == 1
    assert leave.status == "approved"
    assert noticed(fw.w.student.user, "leave_decided") == len(steps)


def test_a_refusal_needs_a_reason_and_ends_the_request(fw):
    leave = ask(fw)
    with pytest.raises(ValidationError):
        leave_refuse(actor=actor_for(fw.w.mentor.user), leave=leave, reason=" ")
    leave = leave_refuse(actor=actor_for(fw.w.mentor.user), leave=leave, reason="那两天有验收，请调整。")
    assert (leave.status, leave.decision_reason) == ("refused", "那两天有验收，请调整。")
    with pytest.raises(DomainError):
        leave_approve(actor=actor_for(fw.w.teacher.user), leave=leave)


def test_the_companys_hr_may_decide_for_the_mentor_but_another_company_may_not(fw):
    leave = leave_approve(actor=actor_for(fw.w.hr.user), leave=ask(fw))
    assert leave.status == "pending_teacher"
    with pytest.raises(PermissionDenied):
        leave_approve(actor=actor_for(fw.w.other_teacher.user), leave=leave)


def test_the_student_cancels_while_it_waits_and_not_after(fw):
    leave = leave_cancel(actor=actor_for(fw.w.student.user), leave=ask(fw))
    assert leave.status == "cancelled"
    with pytest.raises(DomainError):
        leave_cancel(actor=actor_for(fw.w.student.user), leave=leave)


def test_overlapping_leave_and_backwards_dates_are_refused(fw):
    ask(fw)
    with pytest.raises(ValidationError) as overlap:
        ask(fw, start=today() + timedelta(days=4))
    assert "start_date" in overlap.value.message_dict
    with pytest.raises(ValidationError) as backwards:
        leave_request(actor=actor_for(fw.w.student.user), kind="personal", start_date=today() + timedelta(days=9),
                      end_date=today() + timedelta(days=8), reason="家中有事。")  # fmt: skip
    assert "end_date" in backwards.value.message_dict


def test_leave_with_a_scan_over_the_api_is_served_to_its_parties_only(fw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.placements.helpers import image_bytes

    start = today() + timedelta(days=5)
    answer = client_for(fw.w.student.user).post(
        "/api/v1/leave-requests/",
        {"kind": "sick", "start_date": start.isoformat(), "end_date": start.isoformat(), "reason": "看病。",
         "attachment": SimpleUploadedFile("note.jpg", image_bytes("JPEG"), content_type="image/jpeg")},
        format="multipart",
    )  # fmt: skip
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["has_attachment"], body["status"], body["available_actions"]) == (True, "pending_mentor", ["cancel"])
    url = f"/api/v1/leave-requests/{body['id']}/attachment/"
    assert client_for(fw.w.teacher.user).get(url).status_code == 200
    assert client_for(fw.w.other_teacher.user).get(url).status_code == 404
    mine = client_for(fw.w.mentor.user).get("/api/v1/leave-requests/", {"to_decide": "true"}).json()
    assert [r["id"] for r in mine["results"]] == [body["id"]]
    assert mine["results"][0]["available_actions"] == ["approve", "refuse"]


def test_a_leave_attachment_that_is_not_a_scan_is_refused_under_its_own_field(fw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fieldwork.models import LeaveRequest

    start = today() + timedelta(days=5)
    answer = client_for(fw.w.student.user).post(
        "/api/v1/leave-requests/",
        {"kind": "sick", "start_date": start.isoformat(), "end_date": start.isoformat(), "reason": "看病。",
         "attachment": SimpleUploadedFile("note.jpg", b"not an image", content_type="image/jpeg")},
        format="multipart",
    )  # fmt: skip
    assert answer.status_code == 400 and "attachment" in answer.json()["fields"], answer.json()
    assert not LeaveRequest.objects.exists()


def test_field_work_is_confirmed_by_the_mentor_only(fw):
    work = field_work_declare(actor=actor_for(fw.w.student.user), day=today(), place="武汉东风本田售后中心",
                              reason="随导师外出做电池检测。")  # fmt: skip
    assert noticed(fw.w.mentor.user, "field_work_declared") == 1
    with pytest.raises(PermissionDenied):
        field_work_decide(actor=actor_for(fw.w.teacher.user), work=work, confirm=True)
    work = field_work_decide(actor=actor_for(fw.w.mentor.user), work=work, confirm=True)
    assert work.status == "confirmed"
    assert noticed(fw.w.student.user, "field_work_decided") == 1
    with pytest.raises(ValidationError):
        field_work_declare(actor=actor_for(fw.w.student.user), day=today(), place="别处", reason="再报一次。")


def test_another_mentor_of_the_company_reads_no_one_elses_leave_or_check_ins(fw):
    from tests import factories as f

    ask(fw)
    colleague = f.CompanyMemberFactory(company=fw.w.company, role="mentor").user
    for path in ("/api/v1/leave-requests/", "/api/v1/check-ins/", "/api/v1/field-work/"):
        assert client_for(colleague).get(path).json()["count"] == 0, path
    assert client_for(fw.w.mentor.user).get("/api/v1/leave-requests/").json()["count"] == 1
    assert client_for(fw.w.hr.user).get("/api/v1/leave-requests/").json()["count"] == 1
