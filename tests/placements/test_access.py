"""The permission matrix of every placements endpoint, checked the same way (tests/access.py): anonymous 401,
the parties allowed, 403 for those who may see a record but not do this to it, 404 for those who must not even
learn that it exists. And the privacy rules: a company sees only its own applicants, a teacher only their
school's students, a student only their own placements; journals stay between the student and the school;
breach reports go to the school, never to the company they are about; drafts stay inside their company."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from placements.models import Assessment, BreachReport, Journal
from tests import factories as f
from tests.access import CREATED, FORBIDDEN, NOT_FOUND, assert_access, listed_ids
from tests.placements.clock import on
from tests.placements.helpers import as_json, client_for, compliant_slot_values, make_slot, next_term_dates, set_policy

pytestmark = pytest.mark.django_db

# The city's analysts are strangers to every placement: they read figures (the reports), never records.
STRANGERS = ["classmate", "other_student", "other_teacher", "other_admin", "other_hr", "analyst", "outsider"]


@pytest.fixture
def scene(world):
    """The student is on a placement at the world's company with a journal and a breach report about it; the
    classmate has applied there too; a student of the other school has applied to the other company; the
    company also has a draft slot."""
    slot = make_slot(world, title="开放岗位")
    other_slot = make_slot(
        world, company=world.other_company, base=world.other_base, majors=[world.other_student.cohort.major]
    )
    mine = f.PlacementFactory(student=world.student, slot=slot, status="active")
    journal = Journal.objects.create(placement=mine, period=1, title="第一周", body="学习了高压安全规范。")
    return SimpleNamespace(
        slot=slot,
        draft=make_slot(world, title="草稿岗位", status="draft"),
        other_slot=other_slot,
        mine=mine,
        classmates=f.PlacementFactory(student=world.classmate, slot=slot, status="pending"),
        others=f.PlacementFactory(student=world.other_student, slot=other_slot, status="pending"),
        journal=journal,
        breach=BreachReport.objects.create(
            student=world.student,
            institution=world.school,
            placement=mine,
            company=world.company,
            kind="overtime",
            description="每天加班到晚上十点以后。",
        ),
        policy=set_policy(world.school),
        other_policy=set_policy(world.other_school),
    )


# -- slots -----------------------------------------------------------------------------------------------------


def test_every_signed_in_user_may_browse_open_slots(world, scene):
    everyone = world.users("student", "other_student", "teacher", "other_admin", "hr", "mentor", "other_hr",
                     "analyst", "outsider")  # fmt: skip
    assert_access("/api/v1/slots/", allowed=everyone, denied=[])
    assert_access(f"/api/v1/slots/{scene.slot.pk}/", allowed=everyone, denied=[])
    assert_access(f"/api/v1/slots/{scene.slot.pk}/eligibility/", allowed=everyone, denied=[])
    for user in everyone:
        assert {scene.slot.pk, scene.other_slot.pk} <= listed_ids(user, "/api/v1/slots/"), user.username


def test_a_draft_slot_is_seen_only_by_its_company(world, scene):
    insiders = world.users("hr", "mentor")
    others = world.users("student", "teacher", "admin", "other_hr", "other_student", "outsider")
    assert_access(f"/api/v1/slots/{scene.draft.pk}/", allowed=insiders, denied=others, denied_status=NOT_FOUND)
    assert_access(f"/api/v1/slots/{scene.draft.pk}/eligibility/", allowed=[], denied=others, denied_status=NOT_FOUND)
    for user in insiders:
        assert scene.draft.pk in listed_ids(user, "/api/v1/slots/")
    for user in others:
        assert scene.draft.pk not in listed_ids(user, "/api/v1/slots/"), user.username


def test_only_company_hr_may_post_a_slot(world):
    assert_access(
        "/api/v1/slots/",
        method="post",
        data=as_json(compliant_slot_values(world)),
        allowed=world.users("hr"),
        denied=world.users("mentor", "student", "teacher", "admin", "analyst", "outsider"),
        denied_status=FORBIDDEN,
        allowed_status=CREATED,
    )


def test_only_the_companys_hr_may_edit_its_slot(world, scene):
    assert_access(
        f"/api/v1/slots/{scene.slot.pk}/",
        method="patch",
        data={"title": "电池包装调实习（更新）"},
        allowed=world.users("hr"),
        denied=world.users("mentor", "other_hr", "student", "teacher", "admin", "outsider"),
        denied_status=FORBIDDEN,
    )


@pytest.mark.parametrize("action", ["close", "cancel"])
def test_only_the_companys_hr_may_close_or_cancel_its_open_slot(world, action):
    url = f"/api/v1/slots/{make_slot(world, status='open').pk}/{action}/"
    # an open slot is public: everyone else sees it and may not act (asked first: a closed slot is not public)
    others = world.users("mentor", "other_hr", "student", "teacher", "admin", "outsider")
    assert_access(url, method="post", allowed=[], denied=others, denied_status=FORBIDDEN)
    assert_access(url, method="post", allowed=world.users("hr"), denied=[])


def test_only_the_companys_hr_may_publish_its_draft_and_nobody_outside_the_company_finds_it(world):
    url = f"/api/v1/slots/{make_slot(world, status='draft').pk}/publish/"
    outside = world.users("other_hr", "student", "teacher", "admin", "outsider")
    assert_access(url, method="post", allowed=[], denied=outside, denied_status=NOT_FOUND)
    # last: once HR has published it, the slot is open and public
    mentor = world.users("mentor")
    assert_access(url, method="post", allowed=world.users("hr"), denied=mentor, denied_status=FORBIDDEN)


# -- placements: who sees what ---------------------------------------------------------------------------------


def test_each_party_lists_only_the_placements_it_may_see(world, scene):
    ours = {scene.mine.pk, scene.classmates.pk}
    expected = {
        "student": {scene.mine.pk},
        "classmate": {scene.classmates.pk},
        "other_student": {scene.others.pk},
        "teacher": ours,
        "admin": ours,
        "other_teacher": {scene.others.pk},
        "other_admin": {scene.others.pk},
        "hr": ours,
        "mentor": ours,
        "other_hr": {scene.others.pk},
        "outsider": set(),
        "analyst": set(),
    }
    for name, ids in expected.items():
        (user,) = world.users(name)
        assert listed_ids(user, "/api/v1/placements/") == ids, name


def test_filtering_by_another_company_reveals_none_of_its_applicants(world, scene):
    assert listed_ids(world.other_hr.user, "/api/v1/placements/", company=world.company.pk) == set()
    assert listed_ids(world.other_teacher.user, "/api/v1/placements/", student=world.student.pk) == set()


def test_a_placement_is_hidden_from_everyone_outside_it(world, scene):
    assert_access(
        f"/api/v1/placements/{scene.mine.pk}/", allowed=[], denied=world.users(*STRANGERS), denied_status=NOT_FOUND
    )


def test_a_placement_is_open_to_its_student_school_and_company(world, scene):
    parties = world.users("student", "teacher", "admin", "hr", "mentor")
    assert_access(f"/api/v1/placements/{scene.mine.pk}/", allowed=parties, denied=[])
    body = client_for(world.student.user).get(f"/api/v1/placements/{scene.mine.pk}/").json()
    assert {"events", "documents", "assessments", "journal"} <= set(body)


def test_only_students_apply(world, scene):
    autumn = make_slot(world, **next_term_dates())
    assert_access(
        "/api/v1/placements/",
        method="post",
        data={"slot": autumn.pk},
        allowed=world.users("student"),
        denied=world.users("teacher", "admin", "hr", "mentor", "analyst", "outsider"),
        denied_status=FORBIDDEN,
        allowed_status=CREATED,
    )


# -- placements: each action -----------------------------------------------------------------------------------


def prepared(world, status: str):
    """The world's student's placement, on a slot of its own, ready for the action under test."""
    placement = f.PlacementFactory(student=world.student, slot=make_slot(world), status=status.split("+")[0])
    if status == "ready":
        for kind in ("tripartite", "consent", "insurance"):
            f.PlacementDocumentFactory(placement=placement, kind=kind)
    if status == "active+end-requested":
        placement.end_requested_at, placement.end_request_reason = placement.started_at, "家中有事"
        placement.save()
    if status == "active+assessed":
        placement.journals_waived_at, placement.journals_waived_reason = placement.started_at, "线下提交周记"
        placement.save()
        Assessment.objects.create(placement=placement, role="teacher", grade="good")
        Assessment.objects.create(placement=placement, role="company", grade="good")
    return placement


@pytest.mark.parametrize(
    "action, status, data, allowed, seen_but_refused",
    [
        ("withdraw", "pending", {}, "student", ["teacher", "hr", "mentor"]),
        ("approve", "pending", {}, "teacher", ["student", "hr", "mentor"]),
        ("reject", "pending", {"reason": "不符合要求"}, "teacher", ["student", "hr", "mentor"]),
        ("confirm", "approved", {}, "hr", ["student", "teacher", "mentor"]),
        ("decline", "approved", {"reason": "名额已满"}, "hr", ["student", "teacher", "mentor"]),
        ("start", "ready", {}, "teacher", ["student", "mentor"]),
        ("request-end", "active", {"reason": "身体原因"}, "student", ["teacher", "hr", "mentor"]),
        ("decide-end", "active+end-requested", {"approve": True}, "teacher", ["student", "hr", "mentor"]),
        ("complete", "active+assessed", {}, "teacher", ["student", "hr", "mentor"]),
        ("assess", "active", {"role": "teacher", "grade": "good"}, "teacher", ["student", "hr", "mentor"]),
        ("assess", "active", {"role": "company", "grade": "good"}, "mentor", ["student", "teacher"]),
        (
            "journals",
            "active",
            {"title": "第一周", "body": "学习了电池包拆装与高压安全规范。"},
            "student",
            ["teacher", "hr", "mentor"],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_placement_action_is_open_only_to_its_party(world, action, status, data, allowed, seen_but_refused):
    placement = prepared(world, status)
    url = f"/api/v1/placements/{placement.pk}/{action}/"
    with on(placement.slot.end_date):  # the slot's last day: a start and a completion are both on time
        done = CREATED if action == "journals" else None  # a journal is created; the other actions answer 200
        assert_access(url, method="post", data=data, allowed=world.users(allowed), denied=[], allowed_status=done)
        assert_access(url, method="post", data=data, allowed=[], denied=world.users(*seen_but_refused),
                      denied_status=FORBIDDEN)  # fmt: skip
        assert_access(
            url, method="post", data=data, allowed=[], denied=world.users(*STRANGERS), denied_status=NOT_FOUND
        )


def test_school_staff_export_placements_as_a_spreadsheet(world, scene):
    assert_access(
        "/api/v1/placements/export/",
        allowed=world.users("teacher", "admin"),
        denied=world.users("student", "hr", "mentor", "analyst", "outsider"),
        denied_status=FORBIDDEN,
    )
    response = client_for(world.teacher.user).get("/api/v1/placements/export/")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    load_workbook(io.BytesIO(response.content))  # a real workbook


# -- journals --------------------------------------------------------------------------------------------------


def test_journals_are_between_the_student_their_school_and_the_placements_mentor(world, scene):
    url = f"/api/v1/journals/{scene.journal.pk}/"
    assert scene.journal.placement.mentor == world.mentor
    readers = world.users("student", "teacher", "admin", "mentor")
    others = world.users("hr", "classmate", "other_teacher", "other_hr", "analyst", "outsider")
    assert_access(url, allowed=readers, denied=others, denied_status=NOT_FOUND)
    for user in readers:
        assert listed_ids(user, "/api/v1/journals/") == {scene.journal.pk}
    for user in others:
        assert listed_ids(user, "/api/v1/journals/") == set(), user.username


def test_the_students_school_and_the_placements_mentor_comment_on_a_journal(world, scene):
    url = f"/api/v1/journals/{scene.journal.pk}/comment/"
    data = {"comment": "安全规范写得很细，继续保持。"}
    assert_access(url, method="post", data=data, allowed=world.users("teacher", "admin", "mentor"), denied=[])
    assert_access(url, method="post", data=data, allowed=[], denied=world.users("student"), denied_status=FORBIDDEN)
    assert_access(url, method="post", data=data, allowed=[], denied=world.users("hr", "other_teacher"),
                  denied_status=NOT_FOUND)  # fmt: skip


# -- breach reports --------------------------------------------------------------------------------------------


def test_only_students_file_breach_reports(world, scene):
    assert_access(
        "/api/v1/breach-reports/",
        method="post",
        data={"kind": "fees", "description": "企业要求缴纳500元押金。", "placement": scene.mine.pk},
        allowed=world.users("student"),
        denied=world.users("teacher", "admin", "hr", "outsider"),
        denied_status=FORBIDDEN,
        allowed_status=CREATED,
    )


def test_a_breach_report_goes_to_the_students_school_never_to_the_company(world, scene):
    url = f"/api/v1/breach-reports/{scene.breach.pk}/"
    readers = world.users("student", "teacher", "admin")
    others = world.users("hr", "mentor", "classmate", "other_admin", "other_hr", "analyst", "outsider")
    assert_access(url, allowed=readers, denied=others, denied_status=NOT_FOUND)
    for user in readers:
        assert listed_ids(user, "/api/v1/breach-reports/") == {scene.breach.pk}
    for user in others:
        assert listed_ids(user, "/api/v1/breach-reports/") == set(), user.username
    assert listed_ids(world.hr.user, "/api/v1/breach-reports/", company=world.company.pk) == set()


def test_only_the_students_school_answers_a_breach_report(world, scene):
    url = f"/api/v1/breach-reports/{scene.breach.pk}/answer/"
    data = {"status": "upheld", "response": "已约谈企业，要求停止加班。"}
    assert_access(url, method="post", data=data, allowed=[], denied=world.users("student"), denied_status=FORBIDDEN)
    assert_access(url, method="post", data=data, allowed=[], denied=world.users("hr", "mentor", "other_admin"),
                  denied_status=NOT_FOUND)  # fmt: skip
    assert_access(url, method="post", data=data, allowed=world.users("admin"), denied=[])


# -- school policies -------------------------------------------------------------------------------------------


def test_a_schools_placement_policy_is_read_by_its_staff(world, scene):
    url = f"/api/v1/school-policies/{scene.policy.pk}/"
    assert_access(
        url,
        allowed=world.users("teacher", "admin"),
        # The city's analyst reads figures, not a school's settings (docs/API.md: school staff read policies).
        denied=world.users("other_teacher", "other_admin", "student", "hr", "analyst", "outsider"),
        denied_status=NOT_FOUND,
    )
    assert listed_ids(world.teacher.user, "/api/v1/school-policies/") == {scene.policy.pk}
    assert listed_ids(world.other_admin.user, "/api/v1/school-policies/") == {scene.other_policy.pk}
    assert listed_ids(world.student.user, "/api/v1/school-policies/") == set()
    assert listed_ids(world.hr.user, "/api/v1/school-policies/") == set()


def test_only_the_schools_admin_changes_its_policy(world, scene):
    url = f"/api/v1/school-policies/{scene.policy.pk}/"
    data = {"max_choices": 5}
    assert_access(url, method="patch", data=data, allowed=[], denied=world.users("teacher"), denied_status=FORBIDDEN)
    assert_access(url, method="patch", data=data, allowed=[], denied=world.users("other_admin", "student", "analyst"),
                  denied_status=NOT_FOUND)  # fmt: skip
    assert_access(url, method="patch", data=data, allowed=world.users("admin"), denied=[])
    scene.policy.refresh_from_db()
    assert scene.policy.max_choices == 5
