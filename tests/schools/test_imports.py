"""A school admin imports students from a spreadsheet: a dry run first, then the real run, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from rest_framework.test import APIClient

from schools.imports import COLUMNS
from schools.models import Student
from tests import factories as f
from tests.access import client_for
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/students/"
HEADERS = [c.header_zh for c in COLUMNS]  # 学号, 姓名, 性别, 出生日期, 入学年份, 班级, 指导教师邮箱


def xlsx(rows: list[list], headers: list[str] = HEADERS, name: str = "students.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(headers, rows), content_type="application/octet-stream")


def row(world, number: str, name: str = "学生", **overrides) -> list:
    values = {
        "学号": number,
        "姓名": name,
        "性别": "男",
        "出生日期": "2006-05-01",
        "入学年份": 2024,
        "班级": world.cohort.name,
        "指导教师邮箱": world.teacher.user.email,
        **overrides,
    }
    return [values[h] for h in HEADERS]


def upload(world, file, dry_run: bool):
    client = client_for(world.admin.user)
    return client.post(URL, {"file": file, "dry_run": "true" if dry_run else "false"}, format="multipart")


def good_rows(world) -> list[list]:
    return [row(world, f"2024460702{n:03d}", f"学生{n}") for n in range(1, 4)]


def test_a_dry_run_counts_the_rows_and_writes_nothing(world):
    before = Student.objects.count()
    response = upload(world, xlsx(good_rows(world)), dry_run=True)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["ok"], body["dry_run"], body["rows"], body["created"], body["updated"]) == (True, True, 3, 3, 0)
    assert body["codes"] == []
    assert Student.objects.count() == before


def test_a_real_run_creates_the_students_with_activation_codes(world):
    response = upload(world, xlsx(good_rows(world)), dry_run=False)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["dry_run"], body["rows"], body["created"], body["updated"]) == (False, 3, 3, 0)
    assert sorted(c["student_number"] for c in body["codes"]) == ["2024460702001", "2024460702002", "2024460702003"]
    imported = Student.objects.filter(institution=world.school, student_number__startswith="2024460702")
    assert imported.count() == 3
    first = imported.get(student_number="2024460702001")
    assert (first.full_name, first.gender, str(first.birth_date), first.entry_year) == (
        "学生1",
        "m",
        "2006-05-01",
        2024,
    )
    assert first.cohort == world.cohort
    assert first.advisor == world.teacher
    # each code names the class, so the admin can print slips per class from this answer alone
    assert {c["cohort"] for c in body["codes"]} == {world.cohort.name}


def test_an_imported_students_code_activates_their_account(world):
    codes = upload(world, xlsx(good_rows(world)), dry_run=False).json()["codes"]
    entry = next(c for c in codes if c["student_number"] == "2024460702002")
    response = APIClient().post(
        "/api/v1/activation/",
        {
            "institution": world.school.id,
            "student_number": "2024460702002",
            "code": entry["activation_code"],
            "username": "xuesheng2",
            "password": "Qingshan-Lake-2026",
        },
        format="json",
    )
    assert response.status_code == 201, response.content


def test_one_bad_row_among_good_ones_writes_nothing_and_names_the_row_and_field(world):
    rows = good_rows(world)
    rows.insert(1, row(world, "2024460702777", "坏日期", **{"出生日期": "2006-13-45"}))
    before = Student.objects.count()
    response = upload(world, xlsx(rows), dry_run=False)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_rows"
    assert [(e["row"], e["field"]) for e in body["row_errors"]] == [(3, "birth_date")]
    assert body["row_errors"][0]["message"]
    assert Student.objects.count() == before


def test_duplicate_student_numbers_within_the_file_are_row_errors(world):
    rows = [*good_rows(world), row(world, "2024460702001", "重复")]
    before = Student.objects.count()
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    errors = response.json()["row_errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(5, "student_number")]
    assert "2" in errors[0]["message"]  # points at the first occurrence, spreadsheet row 2
    assert Student.objects.count() == before


def test_an_unknown_class_name_is_a_row_error(world):
    rows = [*good_rows(world), row(world, "2024460702004", **{"班级": "不存在的班"})]
    response = upload(world, xlsx(rows), dry_run=False)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(5, "cohort")]
    assert not Student.objects.filter(student_number__startswith="2024460702").exists()


def test_another_schools_class_and_teacher_are_unknown_here(world):
    other_cohort = world.other_student.cohort
    rows = [row(world, "2024460702001", **{"班级": other_cohort.name, "指导教师邮箱": world.other_teacher.user.email})]
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    assert {(e["row"], e["field"]) for e in response.json()["row_errors"]} == {(2, "cohort"), (2, "advisor")}


def test_every_bad_row_is_reported_at_once(world):
    rows = [
        row(world, "", "无学号"),
        row(world, "2024460702002", ""),
        row(world, "2024460702003", **{"入学年份": 1890}),
        row(world, "2024460702004", **{"性别": "未知"}),
    ]
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [
        (2, "student_number"),
        (3, "full_name"),
        (4, "entry_year"),
        (5, "gender"),
    ]


def test_a_renamed_text_file_is_refused_on_the_file_field(world):
    fake = SimpleUploadedFile("students.xlsx", "学号,姓名\n2024001,张三\n".encode(), content_type="text/csv")
    response = upload(world, fake, dry_run=True)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["file"]


def test_a_spreadsheet_without_the_required_columns_is_refused_on_the_file_field(world):
    response = upload(world, xlsx([["2024001", "张三"]], headers=["学号", "姓名"]), dry_run=True)
    assert response.status_code == 400
    message = response.json()["fields"]["file"][0]
    assert "出生日期" in message and "入学年份" in message


def test_english_headers_are_accepted(world):
    headers = [c.header_en for c in COLUMNS]
    response = upload(world, xlsx(good_rows(world), headers=headers), dry_run=True)
    assert response.status_code == 200, response.content
    assert response.json()["rows"] == 3


def test_a_reimport_updates_the_students_instead_of_duplicating_them(world):
    assert upload(world, xlsx(good_rows(world)), dry_run=False).status_code == 200
    rows = good_rows(world)
    rows[0] = row(world, "2024460702001", "改名学生", **{"性别": "女"})
    dry = upload(world, xlsx(rows), dry_run=True).json()
    assert (dry["created"], dry["updated"]) == (0, 3)
    body = upload(world, xlsx(rows), dry_run=False).json()
    assert (body["created"], body["updated"], body["codes"]) == (0, 3, [])
    assert Student.objects.filter(student_number="2024460702001").count() == 1
    renamed = Student.objects.get(student_number="2024460702001")
    assert (renamed.full_name, renamed.gender) == ("改名学生", "f")


def test_a_reimport_keeps_an_activated_students_account(world):
    rows = [row(world, world.student.student_number, "新名字")]
    response = upload(world, xlsx(rows), dry_run=False)
    assert response.json()["updated"] == 1
    world.student.refresh_from_db()
    assert world.student.user is not None
    assert world.student.full_name == "新名字"


def test_the_same_student_number_in_another_school_is_a_new_student(world):
    foreign = f.StudentFactory(institution=world.other_school, student_number="2024460702001")
    body = upload(world, xlsx(good_rows(world)), dry_run=False).json()
    assert body["created"] == 3
    foreign.refresh_from_db()
    assert foreign.institution == world.other_school
    assert Student.objects.filter(student_number="2024460702001").count() == 2


def test_the_template_downloads_as_xlsx_with_the_headers(world):
    client = client_for(world.admin.user)
    response = client.get("/api/v1/imports/students/template/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == ["学号*", "姓名*", "性别", "出生日期*", "入学年份*", "班级", "指导教师邮箱"]


def test_a_filled_in_template_imports(world):
    client = client_for(world.admin.user)
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/imports/students/template/").content))
    workbook.worksheets[0].append(row(world, "2024460702050", "模板学生"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(world, SimpleUploadedFile("filled.xlsx", buffer.getvalue()), dry_run=False)
    assert response.status_code == 200, response.content
    assert Student.objects.filter(student_number="2024460702050", full_name="模板学生").exists()


def test_an_empty_required_cell_reads_as_the_models_own_message_in_chinese(world):
    rows = [row(world, "2024460702001", ""), row(world, "2024460702002", **{"出生日期": None})]
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"], e["message"]) for e in response.json()["row_errors"]] == [
        (2, "full_name", "此字段不能为空。"),
        (3, "birth_date", "此字段不能为空。"),
    ]
