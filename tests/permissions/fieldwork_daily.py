"""fieldwork, a placement's days: the school's settings, bases' locations, check-in, field work, leave and
attendance (issue 17).

A placement's records are the student's, their school's staff's and the host company's staff's; the mentor (or the
company's HR for them) and the teacher decide leave in the school's order (the scene's school keeps the default:
the mentor first), the mentor confirms field work; only the student checks in, declares and asks. A base's
location is read by the staff of the schools it works with and its company, and set by those schools' admins."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.actor import actor_for
from fieldwork.models import CheckIn
from fieldwork.services.field_work import field_work_declare
from fieldwork.services.geofences import geofence_set
from fieldwork.services.leave import leave_request
from tests.permissions.scene import Record
from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, OMIT, row
from tests.placements.helpers import image_bytes


def build_fieldwork_scene(s) -> dict[str, Record]:
    """The scene's base gets a location; its placement a check-in, declared field work and a leave request with
    a scan (both waiting for the mentor)."""
    w = s.world
    student = actor_for(w.student.user)
    geofence_set(actor=actor_for(w.admin.user), base=w.base, latitude=30.5, longitude=114.16, radius_m=300)
    day = s.slot.start_date + timedelta(days=7)
    s.checkin = CheckIn.objects.create(
        placement=s.placement, day=s.slot.start_date, outcome="inside", distance_m=100, accuracy_band="le20"
    )
    s.field_work = field_work_declare(actor=student, day=day, place="客户现场", reason="随导师交付车辆。")
    s.leave = leave_request(
        actor=student, kind="sick", start_date=day, end_date=day, reason="发烧。",
        upload=SimpleUploadedFile("note.jpg", image_bytes("JPEG"), content_type="image/jpeg"),
    )  # fmt: skip
    return {
        "fieldwork-policies": Record(w.school.pk, field="institution"),
        "base-geofences": Record(w.base.pk),
        "check-ins": Record(s.checkin.pk),
        "field-work": Record(s.field_work.pk),
        "leave-requests": Record(s.leave.pk),
    }


PLACEMENT_LIST = row(EMPTY, student=ALLOW, staff=ALLOW, company=ALLOW)
PLACEMENT_RECORD = row(HIDE, student=ALLOW, staff=ALLOW, company=ALLOW)
MENTOR_DECIDES = row(HIDE, student=DENY, staff=DENY, company=ALLOW)


def position(scene) -> dict:
    return {"latitude": 30.5, "longitude": 114.16, "accuracy": 10}


TABLE = {
    # Students read their school's settings (the check-in page needs them); staff their school's; admins change.
    "GET /api/v1/fieldwork-policies/": row(EMPTY, students=ALLOW, staff=ALLOW, other_staff=OMIT),
    "GET /api/v1/fieldwork-policies/{id}/": row(HIDE, students=ALLOW, staff=ALLOW),
    "PATCH /api/v1/fieldwork-policies/{id}/": row(
        HIDE, students=DENY, teacher=DENY, admin=ALLOW, body=lambda s: {"missing_days_alert": 4}
    ),
    "GET /api/v1/base-geofences/": row(EMPTY, staff=ALLOW, company=ALLOW, other_staff=OMIT, other_hr=OMIT),
    "GET /api/v1/base-geofences/{id}/": row(HIDE, staff=ALLOW, company=ALLOW),
    "PATCH /api/v1/base-geofences/{id}/": row(
        HIDE,
        staff=DENY,
        admin=ALLOW,
        company=DENY,
        body=lambda s: {"latitude": "30.51", "longitude": "114.17", "radius_m": 400},
    ),
    "GET /api/v1/check-ins/": PLACEMENT_LIST,
    # Only students check in; the classmate, with no placement under way, is let in and told so (400).
    "POST /api/v1/check-ins/": row(DENY, students=ALLOW, body=position),
    "GET /api/v1/check-ins/today/": row(DENY, students=ALLOW),
    "GET /api/v1/field-work/": PLACEMENT_LIST,
    "POST /api/v1/field-work/": row(
        DENY,
        students=ALLOW,
        body=lambda s: {"day": str(s.slot.start_date + timedelta(days=8)), "place": "4S店", "reason": "外出检测。"},
    ),
    "GET /api/v1/field-work/{id}/": PLACEMENT_RECORD,
    "POST /api/v1/field-work/{id}/confirm/": MENTOR_DECIDES,
    "POST /api/v1/field-work/{id}/decline/": row(
        HIDE, student=DENY, staff=DENY, company=ALLOW, body=lambda s: {"reason": "当天没有外出任务。"}
    ),
    "GET /api/v1/leave-requests/": PLACEMENT_LIST,
    "POST /api/v1/leave-requests/": row(
        DENY,
        students=ALLOW,
        body=lambda s: {
            "kind": "personal",
            "start_date": str(s.slot.start_date),
            "end_date": str(s.slot.start_date),
            "reason": "家中有事。",
        },
    ),
    "GET /api/v1/leave-requests/{id}/": PLACEMENT_RECORD,
    "GET /api/v1/leave-requests/{id}/attachment/": PLACEMENT_RECORD,
    # The scene's school decides leave mentor first: the teacher's turn comes after.
    "POST /api/v1/leave-requests/{id}/approve/": MENTOR_DECIDES,
    "POST /api/v1/leave-requests/{id}/refuse/": row(
        HIDE, student=DENY, staff=DENY, company=ALLOW, body=lambda s: {"reason": "那天有验收。"}
    ),
    "POST /api/v1/leave-requests/{id}/cancel/": row(HIDE, student=ALLOW, staff=DENY, company=DENY),
    # Everyone signed in reads attendance, each only their own scope's rows (tests/fieldwork/test_attendance.py).
    "GET /api/v1/attendance/": row(ALLOW),
}
