"""A school admin imports graduate outcomes from the school's employment report sheet: checked row by row, nothing
written unless every row is valid, and a re-import of the same year updating the graduates rather than adding
them twice."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from alumni.imports import COLUMNS
from alumni.models import GraduateOutcome
from alumni.services import outcome_create
from companies.credit_code import ALPHABET
from tests.access import client_for
from tests.sheets import xlsx_upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/outcomes/"
# 学号, 姓名, 毕业年份, 专业代码, 班级, 毕业去向, 单位名称, 统一社会信用代码, 工作城市, 所在区, 功能区, 行业,
# 965产业集群, 专业对口, 月薪区间, 填报日期
HEADERS = [c.header_zh for c in COLUMNS]


def xlsx(rows: list[list], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    return xlsx_upload(headers, rows, "outcomes.xlsx")


def row(number: str, status: str = "未知", **overrides) -> list:
    values = {
        "学号": number,
        "姓名": f"毕业生{number[-3:]}",
        "毕业年份": 2026,
        "专业代码": "",
        "班级": "",
        "毕业去向": status,
        "单位名称": "",
        "统一社会信用代码": "",
        "工作城市": "",
        "所在区": "",
        "功能区": "",
        "行业": "",
        "965产业集群": "",
        "专业对口": "",
        "月薪区间": "",
        "填报日期": "2026-08-31",
        **overrides,
    }
    return [values[h] for h in HEADERS]


def good_rows(world) -> list[list]:
    """Five graduates of 2026, the first of them the world's student (matched by student number)."""
    return [
        row(
            world.student.student_number,
            "就业",
            姓名=world.student.full_name,
            专业代码="460702",
            班级=world.cohort.name,
            单位名称="东风汽车集团有限公司",
            统一社会信用代码=world.company.credit_code,
            工作城市="武汉",
            所在区="蔡甸区",
            功能区="武汉经开区",
            行业="汽车制造业",
            **{"965产业集群": "汽车及零部件"},
            专业对口="是",
            月薪区间="5000-6999",
        ),
        row("2023000002", "升学"),
        row("2023000003", "未知"),
        row(
            "2023000004",
            "自主创业",
            工作城市="武汉",
            所在区="江夏",
            行业="汽车销售与维修",
            专业对口="否",
            月薪区间="3000-4999",
        ),
        row(
            "2023000005",
            "签约就业",
            单位名称="比亚迪汽车工业有限公司",
            工作城市="深圳",
            所在区="",
            月薪区间="10000以上",
        ),
    ]


def upload(world, file, dry_run: bool):
    client = client_for(world.admin.user)
    return client.post(URL, {"file": file, "dry_run": "true" if dry_run else "false"}, format="multipart")


def snapshot() -> list[tuple]:
    return list(
        GraduateOutcome.objects.order_by("student_number").values_list(
            "student_number", "graduation_year", "status", "work_city", "in_wuhan", "district", "employer_id"
        )
    )


# -- a valid file ------------------------------------------------------------------------------------------------


def test_a_dry_run_of_a_valid_file_counts_the_rows_and_writes_nothing(world):
    response = upload(world, xlsx(good_rows(world)), dry_run=True)
    assert response.status_code == 200, response.content
    assert response.json() == {"ok": True, "dry_run": True, "rows": 5, "created": 5, "updated": 0}
    assert not GraduateOutcome.objects.exists()


def test_the_real_run_creates_every_graduate_confirmed_by_the_school(world):
    response = upload(world, xlsx(good_rows(world)), dry_run=False)
    assert response.status_code == 200, response.content
    assert response.json() == {"ok": True, "dry_run": False, "rows": 5, "created": 5, "updated": 0}
    outcomes = {o.student_number: o for o in GraduateOutcome.objects.all()}
    assert len(outcomes) == 5
    assert all(o.institution == world.school and o.graduation_year == 2026 for o in outcomes.values())
    assert all(o.confirmed and o.source == "import" and o.confirmed_by == world.admin.user for o in outcomes.values())
    assert {n: o.status for n, o in outcomes.items()} == {
        world.student.student_number: "employed",
        "2023000002": "further_study",
        "2023000003": "unknown",
        "2023000004": "self_employed",
        "2023000005": "employed",
    }


def test_an_imported_row_is_read_into_the_outcome_as_the_school_wrote_it(world):
    upload(world, xlsx(good_rows(world)), dry_run=False)
    first = GraduateOutcome.objects.get(student_number=world.student.student_number)
    assert first.student == world.student  # linked by student number
    assert (first.major, first.cohort) == (world.major, world.cohort)
    assert first.employer == world.company  # matched by credit code
    assert first.employer_name == "东风汽车集团有限公司"
    assert (first.work_city, first.in_wuhan, first.district, first.zone) == ("武汉", True, "caidian", "wedz")
    assert (first.industry, first.cluster_965, first.fits_major) == ("汽车制造业", "汽车及零部件", True)
    assert (first.salary_band, first.reported_on) == ("5000", date(2026, 8, 31))

    starter = GraduateOutcome.objects.get(student_number="2023000004")
    assert (starter.in_wuhan, starter.district, starter.fits_major, starter.salary_band) == (
        True,
        "jiangxia",
        False,
        "3000",
    )
    away = GraduateOutcome.objects.get(student_number="2023000005")
    assert (away.in_wuhan, away.district, away.employer, away.salary_band) == (False, "", None, "10000")
    unknown = GraduateOutcome.objects.get(student_number="2023000003")
    assert (unknown.student, unknown.employer, unknown.fits_major) == (None, None, None)


def test_english_headers_are_read_too(world):
    headers = [c.header_en for c in COLUMNS]
    response = upload(world, xlsx(good_rows(world), headers=headers), dry_run=False)
    assert response.status_code == 200, response.content
    assert GraduateOutcome.objects.count() == 5


def test_the_imported_outcomes_show_in_the_report_at_once(world):
    upload(world, xlsx(good_rows(world)), dry_run=False)
    summary = client_for(world.admin.user).get("/api/v1/stay-report/").json()["summary"]
    # 5 graduates, 4 known; working: the world's student, 2023000004 and 2023000005; two of them in Wuhan.
    assert {k: summary[k] for k in ("graduates", "known", "working", "stayed")} == {
        "graduates": 5,
        "known": 4,
        "working": 3,
        "stayed": 2,
    }


def test_the_template_has_the_columns_the_import_reads(world):
    response = client_for(world.admin.user).get(URL + "template/")
    assert response.status_code == 200
    header = next(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [str(h).rstrip("*") for h in header] == HEADERS
    assert [str(h).endswith("*") for h in header] == [c.required for c in COLUMNS]


# -- re-importing ------------------------------------------------------------------------------------------------


def test_a_reimport_of_the_same_year_updates_the_graduates_instead_of_adding_them_again(world):
    assert upload(world, xlsx(good_rows(world)), dry_run=False).status_code == 200
    ids = set(GraduateOutcome.objects.values_list("id", flat=True))
    rows = good_rows(world)
    rows[2] = row(
        "2023000003",
        "就业",
        单位名称="另一家企业",
        统一社会信用代码=world.other_company.credit_code,
        工作城市="武汉市",
        所在区="汉南区",
    )
    rows[4] = row("2023000005", "待就业")

    dry = upload(world, xlsx(rows), dry_run=True)
    assert dry.json() == {"ok": True, "dry_run": True, "rows": 5, "created": 0, "updated": 5}
    assert GraduateOutcome.objects.get(student_number="2023000003").status == "unknown"

    response = upload(world, xlsx(rows), dry_run=False)
    assert response.json() == {"ok": True, "dry_run": False, "rows": 5, "created": 0, "updated": 5}
    assert GraduateOutcome.objects.count() == 5
    assert set(GraduateOutcome.objects.values_list("id", flat=True)) == ids
    changed = GraduateOutcome.objects.get(student_number="2023000003")
    assert (changed.status, changed.employer, changed.in_wuhan, changed.district) == (
        "employed",
        world.other_company,
        True,
        "hannan",
    )
    gone_home = GraduateOutcome.objects.get(student_number="2023000005")
    assert (gone_home.status, gone_home.employer_name, gone_home.work_city, gone_home.in_wuhan) == (
        "seeking",
        "",
        "",
        False,
    )


def test_the_same_student_number_in_another_year_is_another_record(world):
    upload(world, xlsx(good_rows(world)), dry_run=False)
    response = upload(
        world, xlsx([row("2023000002", "就业", 毕业年份=2025, 单位名称="某公司", 工作城市="武汉")]), dry_run=False
    )
    assert response.json()["created"] == 1
    assert GraduateOutcome.objects.filter(student_number="2023000002").count() == 2


def test_a_reimport_confirms_what_a_graduate_reported_themselves(world):
    outcome_create(
        institution=world.school,
        student=world.student,
        student_number=world.student.student_number,
        full_name=world.student.full_name,
        graduation_year=2026,
        status="seeking",
        source="self",
        reported_on=date(2026, 7, 1),
        confirmed=False,
    )
    response = upload(world, xlsx(good_rows(world)), dry_run=False)
    assert response.json()["updated"] == 1
    outcome = GraduateOutcome.objects.get(student_number=world.student.student_number)
    assert (outcome.status, outcome.source, outcome.confirmed) == ("employed", "import", True)


# -- bad rows ----------------------------------------------------------------------------------------------------


def wrong_check_character(code: str) -> str:
    return code[:17] + ALPHABET[(ALPHABET.index(code[17]) + 1) % len(ALPHABET)]


BAD_ROWS = {
    "status": lambda world: row("2023000009", "毕业旅行"),
    "employer_credit_code": lambda world: row(
        "2023000009",
        "就业",
        单位名称="东风",
        统一社会信用代码=wrong_check_character(world.company.credit_code),
        工作城市="武汉",
    ),
    "district": lambda world: row("2023000009", "就业", 单位名称="某公司", 工作城市="武汉", 所在区="南山区"),
    "student_number": lambda world: row("2023000002", "未知"),  # the same graduate as the good row 3
    "employer_name": lambda world: row("2023000009", "就业", 工作城市="武汉"),
    "work_city": lambda world: row("2023000009", "自主创业"),
    "graduation_year": lambda world: row("2023000009", "未知", 毕业年份=1999),
    "major": lambda world: row("2023000009", "未知", 专业代码="999999"),
    "fits_major": lambda world: row("2023000009", "未知", 专业对口="也许"),
    "salary_band": lambda world: row("2023000009", "未知", 月薪区间="面议"),
}


@pytest.mark.parametrize("field", list(BAD_ROWS))
def test_one_bad_row_among_good_ones_refuses_the_whole_file_and_names_the_row(world, field):
    rows = good_rows(world)
    rows.insert(3, BAD_ROWS[field](world))  # spreadsheet row 5 (row 1 is the header)
    for dry_run in (True, False):
        response = upload(world, xlsx(rows), dry_run=dry_run)
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["code"] == "invalid_rows"
        assert [(e["row"], e["field"]) for e in body["row_errors"]] == [(5, field)]
        assert body["row_errors"][0]["message"]
    assert not GraduateOutcome.objects.exists()


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(world):
    rows = [*good_rows(world), *(make(world) for make in BAD_ROWS.values())]
    # The bad rows all use one student number; only the ones about other things are told apart below.
    response = upload(world, xlsx(rows), dry_run=False)
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["row_errors"]}
    assert fields >= {"status", "employer_credit_code", "district", "student_number", "employer_name", "work_city"}
    assert not GraduateOutcome.objects.exists()


def test_a_bad_reimport_leaves_the_earlier_import_untouched(world):
    upload(world, xlsx(good_rows(world)), dry_run=False)
    before = snapshot()
    rows = good_rows(world)
    rows[1] = row("2023000002", "就业", 单位名称="某公司", 工作城市="武汉")  # would change this graduate
    rows.append(row("2023000009", "毕业旅行"))
    response = upload(world, xlsx(rows), dry_run=False)
    assert response.status_code == 400
    assert snapshot() == before


def test_a_file_that_is_not_a_spreadsheet_is_refused(world):
    response = upload(world, SimpleUploadedFile("outcomes.csv", "学号,姓名\n1,张三\n".encode()), dry_run=True)
    assert response.status_code == 400
    assert "file" in response.json()["fields"]


def test_a_sheet_without_the_required_columns_is_refused(world):
    response = upload(world, xlsx([["2023000001", "张三"]], headers=["学号", "姓名"]), dry_run=True)
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    assert not GraduateOutcome.objects.exists()


def test_an_admin_imports_only_into_their_own_school(world):
    client = client_for(world.admin.user)
    response = client.post(
        URL,
        {"file": xlsx(good_rows(world)), "dry_run": "false", "institution": world.other_school.pk},
        format="multipart",
    )
    assert response.status_code == 400
    assert "institution" in response.json()["fields"]
    assert not GraduateOutcome.objects.exists()
