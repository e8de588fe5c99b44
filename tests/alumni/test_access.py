"""Who may do what in Students Stay in Wuhan, endpoint by endpoint: analysts read every figure but no graduate's
record; school staff their own school (another school's record is a 404); company staff their own company's
conversion and talent points; graduates their own outcomes; only analysts change the talent-points rules;
anonymous callers get 401."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from rest_framework.test import APIClient

from alumni.imports import COLUMNS
from alumni.models import GraduateOutcome
from alumni.services import outcome_create
from tests import factories as f
from tests.access import CREATED, FORBIDDEN, NOT_FOUND, assert_access, client_for, listed_ids

pytestmark = pytest.mark.django_db


def outcome(institution, student, year=2026, **extra) -> GraduateOutcome:
    fields = {"status": "employed", "work_city": "武汉", "in_wuhan": True, "employer_name": "某公司", **extra}
    return outcome_create(
        institution=institution,
        student=student,
        student_number=student.student_number,
        full_name=student.full_name,
        graduation_year=year,
        reported_on=date(year, 8, 31),
        **fields,
    )


@pytest.fixture
def fx(world):
    """Outcomes of both schools, and one completed placement at each company that ended in a hire there."""
    w = world
    mine = outcome(w.school, w.student, employer=w.company, employer_name=w.company.name)
    classmates = outcome(w.school, w.classmate)
    pending = outcome(w.school, w.classmate, year=2025, source="self", confirmed=False)
    theirs = outcome(w.other_school, w.other_student, employer=w.other_company, employer_name=w.other_company.name)
    slot = f.SlotFactory(company=w.company, base=w.base)
    other_slot = f.SlotFactory(company=w.other_company, base=w.other_base)
    f.PlacementFactory(student=w.student, slot=slot, status="completed", final_grade="good")
    f.PlacementFactory(student=w.other_student, slot=other_slot, status="completed", final_grade="excellent")
    return SimpleNamespace(mine=mine, classmates=classmates, pending=pending, theirs=theirs)


def everyone(w) -> list:
    return [
        w.analyst,
        w.admin.user,
        w.teacher.user,
        w.other_admin.user,
        w.other_teacher.user,
        w.student.user,
        w.classmate.user,
        w.other_student.user,
        w.hr.user,
        w.mentor.user,
        w.other_hr.user,
        w.outsider,
    ]


# -- outcomes ----------------------------------------------------------------------------------------------------


def test_each_user_lists_the_outcomes_they_may_see(world, fx):
    w = world
    school = {fx.mine.pk, fx.classmates.pk, fx.pending.pk}
    expected = {
        w.analyst: set(),  # figures only: the reports below, never a graduate's record
        w.admin.user: school,
        w.teacher.user: school,
        w.other_admin.user: {fx.theirs.pk},
        w.other_teacher.user: {fx.theirs.pk},
        w.student.user: {fx.mine.pk},  # their own only, not the classmate's
        w.classmate.user: {fx.classmates.pk, fx.pending.pk},
        w.other_student.user: {fx.theirs.pk},
        w.hr.user: set(),
        w.mentor.user: set(),
        w.other_hr.user: set(),
        w.outsider: set(),
    }
    for user, ids in expected.items():
        assert listed_ids(user, "/api/v1/outcomes/") == ids, user.username
    assert APIClient().get("/api/v1/outcomes/").status_code == 401


def test_an_outcome_is_read_by_its_school_and_its_graduate_and_is_a_404_to_anyone_else(world, fx):
    w = world
    assert_access(
        f"/api/v1/outcomes/{fx.classmates.pk}/",
        allowed=[w.admin.user, w.teacher.user, w.classmate.user],
        denied=[
            w.analyst,
            w.other_admin.user,
            w.other_teacher.user,
            w.student.user,
            w.other_student.user,
            w.hr.user,
            w.mentor.user,
            w.outsider,
        ],
        denied_status=NOT_FOUND,
    )


def test_only_school_admins_may_add_outcomes(world, fx):
    w = world
    data = {
        "institution": w.school.pk,
        "student_number": "2023999",
        "full_name": "新同学",
        "graduation_year": 2026,
        "status": "unknown",
        "reported_on": "2026-08-31",
    }
    assert_access(
        "/api/v1/outcomes/",
        method="post",
        data=data,
        allowed=[],
        denied=[w.analyst, w.teacher.user, w.other_teacher.user, w.student.user, w.hr.user, w.mentor.user, w.outsider],
        denied_status=FORBIDDEN,
    )
    assert GraduateOutcome.objects.count() == 4


def test_only_the_schools_admins_may_correct_an_outcome(world, fx):
    w = world
    url = f"/api/v1/outcomes/{fx.classmates.pk}/"
    # Those who may read it but not change it are told so; the others are not told it exists.
    assert_access(
        url,
        method="patch",
        data={"industry": "汽车制造业"},
        allowed=[],
        denied=[w.teacher.user, w.classmate.user],
        denied_status=FORBIDDEN,
    )
    assert_access(
        url,
        method="patch",
        data={"industry": "汽车制造业"},
        allowed=[w.admin.user],
        denied=[w.analyst, w.other_admin.user, w.student.user, w.hr.user, w.outsider],
        denied_status=NOT_FOUND,
    )
    fx.classmates.refresh_from_db()
    assert fx.classmates.industry == "汽车制造业"


def test_only_the_schools_admins_may_confirm_a_graduates_report(world, fx):
    w = world
    url = f"/api/v1/outcomes/{fx.pending.pk}/confirm/"
    assert_access(url, method="post", allowed=[], denied=[w.teacher.user, w.classmate.user], denied_status=FORBIDDEN)
    assert_access(
        url,
        method="post",
        allowed=[],
        denied=[w.analyst, w.other_admin.user, w.student.user, w.other_student.user, w.hr.user, w.outsider],
        denied_status=NOT_FOUND,
    )
    fx.pending.refresh_from_db()
    assert fx.pending.confirmed is False
    assert client_for(w.admin.user).post(url).status_code == 200


def test_only_graduates_may_report_their_own_outcome(world, fx):
    w = world
    assert_access(
        "/api/v1/outcomes/self-report/",
        method="post",
        data={"graduation_year": 2025, "status": "further_study"},
        allowed=[w.student.user, w.other_student.user],
        denied=[w.analyst, w.admin.user, w.teacher.user, w.hr.user, w.mentor.user, w.outsider],
        denied_status=FORBIDDEN,
        allowed_status=CREATED,
    )
    reported = GraduateOutcome.objects.filter(source="self", graduation_year=2025, status="further_study")
    assert {o.student_id for o in reported} == {w.student.pk, w.other_student.pk}


# -- imports -----------------------------------------------------------------------------------------------------


def sheet() -> bytes:
    workbook = Workbook()
    workbook.active.append([c.header_zh for c in COLUMNS])
    workbook.active.append(["2023000001", "张三", 2026, "", "", "未知"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_only_school_admins_may_import_outcomes(world, fx):
    w = world

    def post(user):
        client = client_for(user)
        data = {"file": SimpleUploadedFile("outcomes.xlsx", sheet()), "dry_run": "true"}
        return client.post("/api/v1/imports/outcomes/", data, format="multipart").status_code

    assert post(None) == 401
    assert post(w.admin.user) == 200
    assert post(w.other_admin.user) == 200
    for user in (w.analyst, w.teacher.user, w.student.user, w.hr.user, w.mentor.user, w.outsider):
        assert post(user) == 403, user.username


def test_only_school_admins_may_download_the_import_template(world):
    w = world
    assert_access(
        "/api/v1/imports/outcomes/template/",
        allowed=[w.admin.user, w.other_admin.user],
        denied=[w.analyst, w.teacher.user, w.student.user, w.hr.user, w.outsider],
        denied_status=FORBIDDEN,
    )


# -- the stay report ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", ["", "?format=xlsx", "?format=csv&table=trend", "?format=csv&table=flow"])
def test_the_stay_report_is_for_analysts_and_school_staff(world, fx, params):
    w = world
    assert_access(
        f"/api/v1/stay-report/{params}",
        allowed=[w.analyst, w.admin.user, w.teacher.user, w.other_admin.user, w.other_teacher.user],
        denied=[
            w.student.user,
            w.other_student.user,
            w.hr.user,
            w.mentor.user,
            w.other_hr.user,
            w.pending_hr.user,
            w.outsider,
        ],
        denied_status=FORBIDDEN,
    )


def test_school_staff_read_the_stay_report_of_their_school_only(world, fx):
    def graduates(user) -> int:
        return client_for(user).get("/api/v1/stay-report/").json()["summary"]["graduates"]

    # Confirmed only: the pending self-report counts nowhere.
    assert graduates(world.analyst) == 3
    assert graduates(world.admin.user) == graduates(world.teacher.user) == 2
    assert graduates(world.other_admin.user) == graduates(world.other_teacher.user) == 1


# -- conversion --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", ["", "?format=xlsx", "?format=csv&table=bases"])
def test_conversion_is_for_analysts_school_staff_and_company_staff(world, fx, params):
    w = world
    assert_access(
        f"/api/v1/stay-report/conversion/{params}",
        allowed=[w.analyst, w.admin.user, w.teacher.user, w.hr.user, w.mentor.user, w.other_hr.user],
        denied=[w.student.user, w.other_student.user, w.outsider],
        denied_status=FORBIDDEN,
    )


def test_company_staff_see_only_their_own_companys_conversion(world, fx):
    w = world

    def keys(user):
        body = client_for(user).get("/api/v1/stay-report/conversion/").json()
        return {r["key"] for r in body["companies"]}, {r["key"] for r in body["bases"]}

    assert keys(w.analyst) == ({w.company.pk, w.other_company.pk}, {w.base.pk, w.other_base.pk})
    assert keys(w.hr.user) == ({w.company.pk}, {w.base.pk})
    assert keys(w.mentor.user) == ({w.company.pk}, {w.base.pk})
    assert keys(w.other_hr.user) == ({w.other_company.pk}, {w.other_base.pk})

    download = client_for(w.hr.user).get("/api/v1/stay-report/conversion/", {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows(values_only=True))[1:]
    assert [r[0] for r in rows] == [w.company.name]


# -- talent points -----------------------------------------------------------------------------------------------


def test_every_signed_in_user_reads_the_talent_points_rules(world):
    assert_access("/api/v1/talent-rules/", allowed=everyone(world), denied=[])
    assert_access("/api/v1/talent-rules/mentor/", allowed=everyone(world), denied=[])


def test_only_analysts_change_the_talent_points_rules(world):
    w = world
    others = [u for u in everyone(w) if u != w.analyst]
    assert_access(
        "/api/v1/talent-rules/mentor/",
        method="patch",
        data={"points": 4},
        allowed=[],
        denied=others,
        denied_status=FORBIDDEN,
    )
    assert client_for(w.hr.user).get("/api/v1/talent-rules/mentor/").json()["points"] == 1
    assert_access("/api/v1/talent-rules/mentor/", method="patch", data={"points": 4}, allowed=[w.analyst], denied=[])
    body = client_for(w.hr.user).get("/api/v1/talent-rules/mentor/").json()
    assert body["points"] == 4 and body["can_edit"] is False
    assert client_for(w.analyst).get("/api/v1/talent-rules/mentor/").json()["can_edit"] is True


@pytest.mark.parametrize("params", ["?year=2026", "?year=2026&format=xlsx", "?year=2026&format=csv"])
def test_students_and_outsiders_are_refused_talent_points(world, fx, params):
    w = world
    assert_access(
        f"/api/v1/talent-points/{params}",
        allowed=[],
        denied=[w.student.user, w.other_student.user, w.outsider],
        denied_status=FORBIDDEN,
    )


@pytest.mark.parametrize("params", ["?year=2026", "?year=2026&format=xlsx", "?year=2026&format=csv"])
def test_talent_points_are_for_analysts_school_staff_and_company_staff(world, fx, params):
    w = world
    assert_access(
        f"/api/v1/talent-points/{params}",
        allowed=[w.analyst, w.admin.user, w.teacher.user, w.hr.user, w.mentor.user, w.other_hr.user],
        denied=[w.student.user, w.other_student.user, w.outsider],
        denied_status=FORBIDDEN,
    )


def test_company_staff_see_only_their_own_companys_talent_points(world, fx):
    w = world

    def companies(user) -> set[int]:
        return {r["company"] for r in client_for(user).get("/api/v1/talent-points/", {"year": 2026}).json()["rows"]}

    assert companies(w.analyst) == companies(w.admin.user) == {w.company.pk, w.other_company.pk}
    assert companies(w.hr.user) == companies(w.mentor.user) == {w.company.pk}
    assert companies(w.other_hr.user) == {w.other_company.pk}

    download = client_for(w.hr.user).get("/api/v1/talent-points/", {"year": 2026, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows(values_only=True))[1:]
    assert [r[1] for r in rows] == [w.company.name]
