"""The teacher's week: workdays checked in, on leave, in field work and missing; the alert for a run of missing
workdays goes once per run."""

from __future__ import annotations

from datetime import timedelta

from accounts.actor import actor_for
from fieldwork.attendance import iso_week_of
from fieldwork.models import FieldworkPolicy
from fieldwork.services.checkins import checkin_record
from fieldwork.services.field_work import field_work_decide, field_work_declare
from fieldwork.services.leave import leave_approve, leave_request
from notices.models import Notice
from tests.access import client_for
from tests.fieldwork.conftest import at, north_of_centre

URL = "/api/v1/attendance/"


def check_in(fw, day, metres=50):
    with at(day, 9):
        checkin_record(actor=actor_for(fw.w.student.user), latitude=north_of_centre(metres)[0],
                       longitude=north_of_centre(metres)[1], accuracy=10)  # fmt: skip


def test_a_week_counts_checked_in_leave_field_work_and_missing_days(fw):
    monday = fw.wednesday - timedelta(days=2)
    student = actor_for(fw.w.student.user)
    check_in(fw, monday)
    check_in(fw, monday + timedelta(days=1), metres=5000)  # outside still counts as present
    with at(monday, 9):
        leave = leave_request(actor=student, kind="personal", start_date=fw.wednesday, end_date=fw.wednesday,
                              reason="回校办理手续。")  # fmt: skip
        leave = leave_approve(actor=actor_for(fw.w.mentor.user), leave=leave)
        leave_approve(actor=actor_for(fw.w.teacher.user), leave=leave)
        work = field_work_declare(actor=student, day=monday + timedelta(days=3), place="客户现场", reason="交付。")
        field_work_decide(actor=actor_for(fw.w.mentor.user), work=work, confirm=True)
    # Friday missing; the weekend is rest
    answer = client_for(fw.w.teacher.user).get(URL, {"week": iso_week_of(monday)})
    assert answer.status_code == 200, answer.content
    (row,) = answer.json()["rows"]
    counts = {k: row[k] for k in ("workdays", "checked_in", "on_leave", "field_work", "missing")}
    assert counts == {"workdays": 5, "checked_in": 2, "on_leave": 1, "field_work": 1, "missing": 1}
    assert [d["state"] for d in row["days"]] == ["checked_in", "checked_in", "leave", "field_work", "missing",
                                                 "rest", "rest"]  # fmt: skip
    assert row["days"][1]["outcome"] == "outside"
    assert (answer.json()["count"], answer.json()["page"]) == (1, 1)
    assert client_for(fw.w.teacher.user).get(URL, {"week": iso_week_of(monday), "page": 2}).json()["rows"] == []


def test_other_schools_and_companies_see_no_rows(fw):
    for user in (fw.w.other_teacher.user, fw.w.other_hr.user, fw.w.classmate.user):
        assert client_for(user).get(URL).json()["rows"] == []
    assert len(client_for(fw.w.mentor.user).get(URL).json()["rows"]) == 1


def test_a_run_of_missing_days_notifies_the_teacher_once(fw):
    FieldworkPolicy.objects.create(institution=fw.w.school, missing_days_alert=3)
    monday = fw.wednesday - timedelta(days=2)
    check_in(fw, monday - timedelta(days=3))  # the Friday before: the run starts on Monday
    with at(fw.wednesday, 12):  # Monday and Tuesday missing, Wednesday not over: a run of 2
        client_for(fw.w.teacher.user).get(URL)
        assert Notice.objects.filter(kind="attendance_missing").count() == 0
    with at(fw.wednesday, 18):  # Wednesday over: 3
        client_for(fw.w.teacher.user).get(URL)
        client_for(fw.w.teacher.user).get(URL)
    with at(fw.wednesday + timedelta(days=1), 18):  # the same run, longer: no second notice
        client_for(fw.w.teacher.user).get(URL)
    notices = Notice.objects.filter(kind="attendance_missing")
    assert [(n.recipient_id, n.params["days"], n.params["since"]) for n in notices] == [
        (fw.w.teacher.user.pk, 3, monday.isoformat())
    ]


def test_no_alert_where_the_school_does_not_use_check_in(fw):
    FieldworkPolicy.objects.create(institution=fw.w.school, checkin_enabled=False, missing_days_alert=1)
    with at(fw.wednesday, 18):
        client_for(fw.w.teacher.user).get(URL)
    assert not Notice.objects.filter(kind="attendance_missing").exists()


def test_a_malformed_week_is_a_400(fw):
    assert client_for(fw.w.teacher.user).get(URL, {"week": "2026-49"}).status_code == 400
    assert client_for(fw.w.teacher.user).get(URL, {"week": "2026-W60"}).status_code == 400
