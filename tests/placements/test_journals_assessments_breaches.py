"""During and after a placement: the student's journals and the school's cadence (rule 16), the teacher's
comments, the two assessments (rule 15), breach reports to the school, and the school's spreadsheet export."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from placements import services
from placements.models import Assessment, BreachReport, Journal
from tests import access
from tests import factories as f
from tests.placements.helpers import actor, client_for, make_slot, set_policy

pytestmark = pytest.mark.django_db

JOURNAL = {"title": "第一周：高压安全", "body": "学习了高压安全规范，参与了电池包拆装。"}


@pytest.fixture
def running(world):
    """The student's placement, started 30 days ago, on a six-month slot that began 60 days ago."""
    today = timezone.localdate()
    slot = make_slot(
        world,
        start_date=today - timedelta(days=60),
        end_date=today + timedelta(days=122),
        application_deadline=today - timedelta(days=70),
    )
    return f.PlacementFactory(
        student=world.student, slot=slot, status="active", started_at=timezone.now() - timedelta(days=30)
    )


def write(user, placement, **data):
    return client_for(user).post(f"/api/v1/placements/{placement.pk}/journals/", {**JOURNAL, **data}, format="json")


def journal_for(placement, period: int = 1) -> Journal:
    return Journal.objects.create(placement=placement, period=period, title=f"第{period}周", body=JOURNAL["body"])


# -- journals --------------------------------------------------------------------------------------------------


def test_the_student_writes_journals_numbered_in_order_while_the_placement_runs(world, running):
    first, second = write(world.student.user, running), write(world.student.user, running)
    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["period"], second.json()["period"]) == (1, 2)
    assert Journal.objects.filter(placement=running).count() == 2


@pytest.mark.parametrize("status", ["confirmed", "ready", "completed", "ended_early"])
def test_journals_are_written_only_while_the_placement_is_active(world, slot, status):
    placement = f.PlacementFactory(student=world.student, slot=slot, status=status)
    response = write(world.student.user, placement)
    assert response.status_code == 409
    assert response.json()["current_status"] == status
    assert not Journal.objects.exists()


@pytest.mark.parametrize("who, expected", [("teacher", 403), ("hr", 403), ("mentor", 403), ("classmate", 404)])
def test_only_the_student_writes_their_journal(world, running, who, expected):
    assert write(getattr(world, who).user, running).status_code == expected
    assert not Journal.objects.exists()


@pytest.mark.parametrize(
    "data, field", [({"title": "  "}, "title"), ({"body": "太短了"}, "body")], ids=["blank-title", "short-body"]
)
def test_a_journal_needs_a_title_and_ten_characters(world, running, data, field):
    response = write(world.student.user, running, **data)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Journal.objects.exists()


def test_journals_fall_due_at_the_schools_cadence_from_the_start(world, running):
    summary = services.journal_summary(running)
    assert (summary.cadence_days, summary.required) == (7, 12)
    assert (summary.due, summary.submitted, summary.overdue) == (4, 0, 4)
    journal_for(running)
    summary = services.journal_summary(running)
    assert (summary.due, summary.submitted, summary.overdue) == (4, 1, 3)


def test_the_school_sets_the_cadence(world, running):
    set_policy(world.school, journal_cadence_days=10)
    summary = services.journal_summary(running)
    assert (summary.cadence_days, summary.due, summary.overdue) == (10, 3, 3)


def test_more_journals_than_due_leave_nothing_overdue(world, running):
    for period in range(1, 6):
        journal_for(running, period)
    summary = services.journal_summary(running)
    assert (summary.due, summary.submitted, summary.overdue) == (4, 5, 0)


def test_no_journal_is_due_before_the_placement_starts(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="ready")
    summary = services.journal_summary(placement)
    assert (summary.due, summary.overdue) == (0, 0)


def test_a_shorter_placement_needs_proportionally_fewer_journals_and_no_more_fall_due(world):
    today = timezone.localdate()
    slot = make_slot(
        world, start_date=today - timedelta(days=100), end_date=today - timedelta(days=9),
        application_deadline=today - timedelta(days=110),
    )  # fmt: skip
    placement = f.PlacementFactory(
        student=world.student, slot=slot, status="completed", started_at=timezone.now() - timedelta(days=100)
    )
    summary = services.journal_summary(placement)
    assert summary.required == 6  # three months of a school that wants 12 in six
    assert summary.due == 6


def test_the_teacher_comments_and_the_student_reads_it(world, running):
    journal = journal_for(running)
    response = client_for(world.teacher.user).post(
        f"/api/v1/journals/{journal.pk}/comment/", {"comment": "安全意识很好，下周记录一下故障诊断。"}
    )
    assert response.status_code == 200
    seen = client_for(world.student.user).get(f"/api/v1/journals/{journal.pk}/").json()
    assert seen["teacher_comment"] == "安全意识很好，下周记录一下故障诊断。"
    assert seen["commented_by_name"] == world.teacher.user.display_name
    assert seen["commented_at"]


def test_the_teacher_finds_the_journals_still_waiting_for_a_comment(world, running):
    waiting, answered = journal_for(running, 1), journal_for(running, 2)
    client_for(world.teacher.user).post(f"/api/v1/journals/{answered.pk}/comment/", {"comment": "好"})
    teacher = client_for(world.teacher.user)
    assert [j["id"] for j in teacher.get("/api/v1/journals/", {"commented": "false"}).json()["results"]] == [waiting.pk]
    assert [j["id"] for j in teacher.get("/api/v1/journals/", {"commented": "true"}).json()["results"]] == [answered.pk]


def test_an_empty_comment_is_refused(world, running):
    journal = journal_for(running)
    response = client_for(world.teacher.user).post(f"/api/v1/journals/{journal.pk}/comment/", {"comment": "   "})
    assert response.status_code == 400
    journal.refresh_from_db()
    assert journal.teacher_comment == ""


# -- assessments -----------------------------------------------------------------------------------------------


def assess(user, placement, role: str, grade: str = "good"):
    return client_for(user).post(
        f"/api/v1/placements/{placement.pk}/assess/", {"role": role, "grade": grade, "comments": "表现稳定"}
    )


def test_the_teacher_and_the_company_each_assess_once(world, running):
    assert assess(world.teacher.user, running, "teacher", "excellent").status_code == 200
    again = assess(world.admin.user, running, "teacher", "pass")
    assert again.status_code == 400
    assert "role" in again.json()["fields"]
    assert assess(world.mentor.user, running, "company", "good").status_code == 200
    assert assess(world.hr.user, running, "company", "fail").status_code == 400
    grades = dict(Assessment.objects.filter(placement=running).values_list("role", "grade"))
    assert grades == {"teacher": "excellent", "company": "good"}


@pytest.mark.parametrize(
    "status, expected", [("active", 200), ("ended_early", 200), ("ready", 409), ("completed", 409)]
)
def test_assessments_are_given_only_during_the_placement_or_after_it_ended_early(world, slot, status, expected):
    placement = f.PlacementFactory(student=world.student, slot=slot, status=status)
    response = assess(world.teacher.user, placement, "teacher")
    assert response.status_code == expected
    assert Assessment.objects.filter(placement=placement).exists() is (expected == 200)


def test_a_grade_outside_the_four_bands_is_refused(world, running):
    response = assess(world.teacher.user, running, "teacher", "A+")
    assert response.status_code == 400
    assert "grade" in response.json()["fields"]
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(actor=actor(world.teacher.user), placement=running, role="teacher", grade="A+")
    assert "grade" in refused.value.message_dict
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who, role", [("teacher", "company"), ("mentor", "teacher"), ("student", "teacher")])
def test_no_one_assesses_in_anothers_role(world, running, who, role):
    assert assess(getattr(world, who).user, running, role).status_code == 403
    assert not Assessment.objects.exists()


# -- breach reports --------------------------------------------------------------------------------------------


def report(user, **data):
    payload = {"kind": "overtime", "description": "每天加班到晚上十点以后，周末也要上班。", **data}
    return client_for(user).post("/api/v1/breach-reports/", payload, format="json")


def test_a_student_reports_a_breach_about_their_placement_to_their_school(world, running):
    response = report(world.student.user, placement=running.pk)
    assert response.status_code == 201, response.content
    assert (response.json()["status"], response.json()["company_name"]) == ("open", world.company.name)
    stored = BreachReport.objects.get()
    assert (stored.student, stored.institution, stored.company) == (world.student, world.school, world.company)
    teacher_sees = client_for(world.teacher.user).get("/api/v1/breach-reports/").json()["results"]
    assert [r["id"] for r in teacher_sees] == [stored.pk]


def test_a_student_may_report_without_naming_a_placement(world):
    response = report(world.student.user, kind="fees", description="招聘中介要求先交800元介绍费。")
    assert response.status_code == 201
    assert BreachReport.objects.get().company is None


@pytest.mark.parametrize(
    "data, field",
    [({"description": "加班"}, "description"), ({"kind": "bribery"}, "kind")],
    ids=["too-short", "unknown-kind"],
)
def test_a_breach_report_needs_a_kind_and_a_description(world, data, field):
    response = report(world.student.user, **data)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not BreachReport.objects.exists()


def test_a_student_cannot_report_about_someone_elses_placement(world, slot):
    theirs = f.PlacementFactory(student=world.classmate, slot=slot, status="active")
    response = report(world.student.user, placement=theirs.pk)
    assert response.status_code == 400
    assert "placement" in response.json()["fields"]
    assert not BreachReport.objects.exists()


@pytest.fixture
def breach(world, running) -> BreachReport:
    return services.breach_report(
        actor=actor(world.student.user), kind="overtime",
        description="每天加班到晚上十点以后。", placement=running,
    )  # fmt: skip


@pytest.mark.parametrize("decision", ["upheld", "dismissed"])
def test_the_school_upholds_or_dismisses_a_report_with_an_answer_the_student_reads(world, breach, decision):
    response = client_for(world.admin.user).post(
        f"/api/v1/breach-reports/{breach.pk}/answer/", {"status": decision, "response": "已核实并约谈企业。"}
    )
    assert response.status_code == 200
    seen = client_for(world.student.user).get(f"/api/v1/breach-reports/{breach.pk}/").json()
    assert (seen["status"], seen["response"]) == (decision, "已核实并约谈企业。")
    assert seen["responded_by_name"] == world.admin.user.display_name
    assert seen["responded_at"]


@pytest.mark.parametrize(
    "data, field",
    [({"status": "upheld", "response": ""}, "response"), ({"status": "open", "response": "稍后处理"}, "status")],
    ids=["no-answer", "not-a-decision"],
)
def test_an_answer_must_decide_and_explain(world, breach, data, field):
    response = client_for(world.teacher.user).post(f"/api/v1/breach-reports/{breach.pk}/answer/", data)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    breach.refresh_from_db()
    assert breach.status == "open"


def test_answering_a_report_twice_is_a_conflict(world, breach):
    url = f"/api/v1/breach-reports/{breach.pk}/answer/"
    client_for(world.admin.user).post(url, {"status": "upheld", "response": "已约谈企业。"})
    again = client_for(world.teacher.user).post(url, {"status": "dismissed", "response": "不成立。"})
    assert again.status_code == 409
    assert again.json()["current_status"] == "upheld"
    breach.refresh_from_db()
    assert (breach.status, breach.response) == ("upheld", "已约谈企业。")


# -- the export ------------------------------------------------------------------------------------------------


def exported_rows(user, **params) -> list[tuple]:
    response = client_for(user).get("/api/v1/placements/export/", params)
    assert response.status_code == 200
    assert f'filename="placements-{timezone.localdate().isoformat()}.xlsx"' in response["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_export_has_a_header_row_and_one_row_per_placement_the_viewer_sees(world, slot):
    f.PlacementFactory(student=world.student, slot=slot, status="active")
    f.PlacementFactory(student=world.classmate, slot=slot, status="pending")
    other_slot = make_slot(world, company=world.other_company, majors=[world.other_student.cohort.major])
    f.PlacementFactory(student=world.other_student, slot=other_slot, status="pending")

    header, *rows = exported_rows(world.teacher.user)
    assert header[:2] == ("student number", "student")
    assert "final grade" in header
    assert sorted(r[0] for r in rows) == sorted([world.student.student_number, world.classmate.student_number])
    assert {r[4] for r in rows} == {world.company.name}

    header, *rows = exported_rows(world.teacher.user, status="active")
    assert [r[0] for r in rows] == [world.student.student_number]

    header, *rows = exported_rows(world.other_teacher.user)
    assert [r[0] for r in rows] == [world.other_student.student_number]


def test_an_empty_export_still_has_its_header(world):
    header, *rows = exported_rows(world.admin.user)
    assert header[0] == "student number"
    assert rows == []


def test_the_export_is_named_for_what_it_holds_in_the_pages_language_with_todays_date(world):
    response = access.client_for(world.teacher.user, language="zh-hans").get("/api/v1/placements/export/")
    today = timezone.localdate().isoformat()
    with translation.override("zh-hans"):
        title = gettext("Placement list")  # 实习名单 (once the translations are merged)
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="placements-{today}.xlsx"; ')  # the ASCII fallback
    assert disposition.endswith(f"; filename*=UTF-8''{quote(f'{title}-{today}.xlsx')}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == title
    assert next(sheet.iter_rows(values_only=True))[-1] == "演示数据"


def test_the_export_marks_placements_at_demo_slots(world, slot):
    demo_slot = make_slot(world, is_demo=True)
    f.PlacementFactory(student=world.student, slot=demo_slot, status="active")
    f.PlacementFactory(student=world.classmate, slot=slot, status="pending")
    header, *rows = exported_rows(world.teacher.user)
    assert header[-1] == "demo data"
    assert {r[0]: r[-1] for r in rows} == {world.student.student_number: "Demo", world.classmate.student_number: None}
