"""Incidents: who reports, who is told, the response clock, anonymity, who sees what, the city's counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.actor import actor_for
from core.errors import DomainError
from fieldwork.incidents import incident_close, incident_report, incident_respond, incident_share, is_overdue
from fieldwork.models import FieldworkPolicy, Incident
from notices.models import Notice
from tests import factories as f
from tests.access import client_for
from tests.media import media_root  # noqa: F401 (autouse: uploads land in a temporary folder)
from tests.placements.helpers import image_bytes, named


@pytest.fixture
def placed(world):
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    world.placement = f.PlacementFactory(student=world.student, slot=slot, status="active")
    return world


def report(world, who="student", **kw):
    data = dict(
        placement=world.placement, kind="injury", severity="serious",
        description="搬运电池包时扭伤了手腕。", occurred_at=timezone.now() - timedelta(hours=2),
    ) | kw  # fmt: skip
    return incident_report(actor=actor_for(world.user(who)), **data)


def test_students_report_tells_the_school_admin_and_the_teacher_at_once(placed):
    incident = report(placed)
    told = set(Notice.objects.filter(kind="incident_reported").values_list("recipient_id", flat=True))
    assert told == {placed.admin.user_id, placed.teacher.user_id}
    assert incident.reporter == placed.student.user and incident.reporter_side == "student"
    assert incident.company == placed.company and incident.base == placed.base


def test_the_clock_runs_for_the_schools_response_hours(placed):
    FieldworkPolicy.objects.create(institution=placed.school, incident_response_hours=6)
    incident = report(placed)
    assert incident.response_due_at - incident.reported_at == pytest.approx(
        timedelta(hours=6), abs=timedelta(seconds=5)
    )
    assert not is_overdue(incident)
    assert is_overdue(incident, now=incident.response_due_at + timedelta(minutes=1))


def test_first_answer_by_the_school_stops_the_clock_and_tells_the_reporter(placed):
    incident = report(placed)
    incident_respond(actor=actor_for(placed.teacher.user), incident=incident, body="已联系企业安排就医。")
    incident.refresh_from_db()
    assert incident.status == "responded" and incident.first_response_at is not None
    assert not is_overdue(incident, now=incident.response_due_at + timedelta(days=1))
    assert Notice.objects.filter(kind="incident_answered", recipient=placed.student.user).exists()


def test_students_own_message_does_not_stop_the_clock(placed):
    incident = report(placed)
    incident_respond(actor=actor_for(placed.student.user), incident=incident, body="补充：已经去医院了。")
    incident.refresh_from_db()
    assert incident.status == "open" and incident.first_response_at is None


def test_overdue_list_shows_only_open_reports_past_their_time(placed):
    late = report(placed)
    Incident.objects.filter(pk=late.pk).update(response_due_at=timezone.now() - timedelta(hours=1))
    report(placed, kind="hazard")
    rows = client_for(placed.admin.user).get("/api/v1/incidents/", {"overdue": "true"}).json()["results"]
    assert [r["id"] for r in rows] == [late.pk] and rows[0]["overdue"] is True


def test_the_company_answers_and_the_school_closes(placed):
    incident = report(placed, kind="hazard")
    incident_respond(actor=actor_for(placed.hr.user), incident=incident, body="已加装防护栏。")
    closed = incident_close(actor=actor_for(placed.admin.user), incident=incident)
    assert closed.status == "closed"
    with pytest.raises(DomainError):
        incident_respond(actor=actor_for(placed.hr.user), incident=closed, body="再补充。")


def test_an_unanswered_incident_cannot_be_closed(placed):
    with pytest.raises(DomainError):
        incident_close(actor=actor_for(placed.admin.user), incident=report(placed))


def test_anonymous_report_stores_no_reporter_and_no_placement(placed):
    incident = report(placed, anonymous=True, kind="harassment")
    row = Incident.objects.filter(pk=incident.pk).values().get()
    assert row["reporter_id"] is None and row["placement_id"] is None
    assert row["institution_id"] == placed.school.pk and row["company_id"] == placed.company.pk
    # only the admins are told (the teacher would narrow it down to their own few students)
    told = set(Notice.objects.filter(kind="incident_reported").values_list("recipient_id", flat=True))
    assert told == {placed.admin.user_id}


def test_anonymous_report_never_names_the_student_to_the_school(placed):
    incident = report(placed, anonymous=True)
    response = client_for(placed.admin.user).get(f"/api/v1/incidents/{incident.pk}/")
    data = response.json()
    assert data["reporter_name"] is None and data["student_name"] is None and data["placement"] is None
    assert placed.student.full_name not in response.content.decode()
    assert client_for(placed.hr.user).get(f"/api/v1/incidents/{incident.pk}/").status_code == 404
    assert client_for(placed.teacher.user).get(f"/api/v1/incidents/{incident.pk}/").status_code == 404


def test_an_anonymous_reporter_follows_the_answers_by_a_code_shown_once(placed):
    student = client_for(placed.student.user)
    created = student.post(
        "/api/v1/incidents/",
        {"placement": placed.placement.pk, "kind": "harassment", "severity": "serious", "anonymous": True,
         "description": "带班师傅多次言语骚扰。", "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat()},
    )  # fmt: skip
    assert created.status_code == 201, created.content
    code = created.json()["follow_up_code"]
    assert code and len(code) >= 16
    row = Incident.objects.get(pk=created.json()["id"])
    assert code not in str(Incident.objects.filter(pk=row.pk).values().get())  # only its digest is kept
    # the school answers; the holder of the code reads it (and nothing names anyone), and answers back
    incident_respond(actor=actor_for(placed.admin.user), incident=row, body="学校已联系企业核实，请放心。")
    read = student.post("/api/v1/incidents/follow-up/", {"code": code})
    assert read.status_code == 200, read.content
    assert read.json()["status"] == "responded"
    assert [m["body"] for m in read.json()["messages"]] == ["学校已联系企业核实，请放心。"]
    assert placed.admin.user.full_name not in read.content.decode()
    reply = student.post("/api/v1/incidents/follow-up/reply/", {"code": code, "body": "谢谢，已无再发生。"})
    assert reply.status_code == 200, reply.content
    message = row.messages.last()
    assert message.author_id is None and message.side == "student"
    assert Notice.objects.filter(kind="incident_follow_up", recipient=placed.admin.user).exists()
    # a wrong code is a plain 400; other roles cannot ask at all; a non-anonymous report has no code
    wrong = student.post("/api/v1/incidents/follow-up/", {"code": code[:-1] + ("A" if code[-1] != "A" else "B")})
    assert wrong.status_code == 400 and "code" in wrong.json()["fields"]
    assert client_for(placed.admin.user).post("/api/v1/incidents/follow-up/", {"code": code}).status_code == 403
    assert report(placed).follow_up_code is None
    # once closed, the thread takes no more
    incident_close(actor=actor_for(placed.admin.user), incident=row)
    closed = student.post("/api/v1/incidents/follow-up/reply/", {"code": code, "body": "补充"})
    assert closed.status_code == 409 and closed.json()["code"] == "incident_closed"


def test_only_a_student_reports_anonymously(placed):
    with pytest.raises(ValidationError) as error:
        report(placed, who="teacher", anonymous=True)
    assert "anonymous" in error.value.message_dict


def test_harassment_is_hidden_from_the_company_until_the_school_shares_it(placed):
    incident = report(placed, kind="harassment")
    hr = client_for(placed.hr.user)
    assert hr.get(f"/api/v1/incidents/{incident.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        incident_share(actor=actor_for(placed.teacher.user), incident=incident, shared=True)
    incident_share(actor=actor_for(placed.admin.user), incident=incident, shared=True)
    assert hr.get(f"/api/v1/incidents/{incident.pk}/").status_code == 200


def test_company_and_other_schools_see_what_they_should(placed):
    incident = report(placed, kind="hazard")
    assert client_for(placed.mentor.user).get(f"/api/v1/incidents/{incident.pk}/").status_code == 200
    for name in ("other_admin", "other_hr", "classmate", "analyst"):
        assert client_for(placed.user(name)).get(f"/api/v1/incidents/{incident.pk}/").status_code == 404, name


def test_someone_outside_the_placement_cannot_report_it(placed):
    with pytest.raises(ValidationError):
        report(placed, who="other_hr")
    response = client_for(placed.other_admin.user).post(
        "/api/v1/incidents/",
        {"placement": placed.placement.pk, "kind": "injury", "severity": "minor", "description": "x" * 20,
         "occurred_at": timezone.now().isoformat()},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400 and "placement" in response.json()["fields"]
    assert not Incident.objects.exists()


def test_report_with_a_photo_through_the_api_strips_its_metadata(placed):
    response = client_for(placed.student.user).post(
        "/api/v1/incidents/",
        {"placement": placed.placement.pk, "kind": "hazard", "severity": "minor",
         "description": "地面有油污，容易滑倒。", "occurred_at": timezone.now().isoformat(),
         "photos": [named(image_bytes("JPEG", exif=b"Exif\x00\x00"), "a.jpg")]},
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    (photo,) = response.json()["photos"]
    served = client_for(placed.teacher.user).get(photo["url"])
    assert served.status_code == 200 and b"Exif" not in b"".join(served.streaming_content)
    assert client_for(placed.other_admin.user).get(photo["url"]).status_code == 404


def test_bad_input_is_a_400_with_field_errors_and_nothing_written(placed):
    response = client_for(placed.student.user).post(
        "/api/v1/incidents/",
        {"placement": placed.placement.pk, "kind": "injury", "severity": "serious", "description": "短",
         "occurred_at": (timezone.now() + timedelta(days=2)).isoformat()},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert {"description", "occurred_at"} <= set(response.json()["fields"])
    assert not Incident.objects.exists()


def test_analyst_sees_serious_counts_by_company_and_nothing_personal(placed):
    report(placed, severity="serious")
    report(placed, severity="critical", anonymous=True)
    report(placed, severity="minor")
    response = client_for(placed.analyst).get("/api/v1/incident-counts/")
    assert response.status_code == 200
    assert response.json() == [
        {"company": placed.company.pk, "company_name": placed.company.name, "serious": 1, "critical": 1,
         "unanswered": 2}
    ]  # fmt: skip
    assert client_for(placed.admin.user).get("/api/v1/incident-counts/").status_code == 403


def test_the_teachers_todo_counts_open_incidents_and_placements_short_of_visits(placed):
    report(placed)
    items = {i["key"]: i for i in client_for(placed.teacher.user).get("/api/v1/me/todo/").json()["items"]}
    assert items["incidents_to_answer"]["count"] == 1
    assert items["incidents_to_answer"]["route"]["name"] == "incidents"
    assert items["visits_due"]["count"] == 1


def test_the_companys_todo_counts_what_it_may_see_and_has_not_answered(placed):
    def count(user) -> int:
        items = {i["key"]: i for i in client_for(user).get("/api/v1/me/todo/").json()["items"]}
        return items["incidents_to_answer"]["count"]

    injury = report(placed)
    report(placed, kind="harassment")  # not shared with the company: not theirs to count
    assert count(placed.hr.user) == 1
    assert count(placed.mentor.user) == 1  # the intern's mentor
    incident_respond(actor=actor_for(placed.hr.user), incident=injury, body="已送医，安全员在现场。")
    assert count(placed.hr.user) == 0
