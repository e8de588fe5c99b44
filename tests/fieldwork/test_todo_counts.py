"""The to-do badges: leave waiting for this mentor or teacher (in the school's order) and field work for the mentor,
counted as the lists' `to_decide` filter shows them."""

from __future__ import annotations

from datetime import timedelta

from accounts.actor import actor_for
from fieldwork.services.field_work import field_work_declare
from fieldwork.services.leave import leave_approve, leave_request
from tests.access import client_for
from tests.dates import today


def todo(user) -> dict:
    return {item["key"]: item for item in client_for(user).get("/api/v1/me/todo/").json()["items"]}


def listed(user, path) -> int:
    return client_for(user).get(path, {"to_decide": "true"}).json()["count"]


def test_leave_counts_for_the_mentor_then_the_teacher(fw):
    start = today() + timedelta(days=2)
    leave = leave_request(actor=actor_for(fw.w.student.user), kind="personal", start_date=start, end_date=start,
                          reason="办理证件。")  # fmt: skip
    assert todo(fw.w.mentor.user)["leave_to_decide"]["count"] == 1
    assert todo(fw.w.teacher.user)["leave_to_decide"]["count"] == 0
    assert listed(fw.w.mentor.user, "/api/v1/leave-requests/") == 1
    leave_approve(actor=actor_for(fw.w.mentor.user), leave=leave)
    assert todo(fw.w.mentor.user)["leave_to_decide"]["count"] == 0
    assert todo(fw.w.teacher.user)["leave_to_decide"]["count"] == 1
    assert listed(fw.w.teacher.user, "/api/v1/leave-requests/") == 1
    assert todo(fw.w.other_teacher.user)["leave_to_decide"]["count"] == 0


def test_field_work_counts_for_the_mentor(fw):
    field_work_declare(actor=actor_for(fw.w.student.user), day=today(), place="客户现场", reason="交付车辆。")
    item = todo(fw.w.mentor.user)["field_work_to_confirm"]
    assert item["count"] == 1 == listed(fw.w.mentor.user, "/api/v1/field-work/")
    assert item["route"]["name"] == "field-work"
    assert "field_work_to_confirm" not in todo(fw.w.teacher.user)
