"""Importing an evaluation organisation's results sheet (XLSX, or CSV in UTF-8 with a BOM or GB18030, as Excel
saves it on Chinese Windows): every row is checked first and nothing is written unless all are valid; rows
identical to a recorded certificate are skipped; the rest become verified certificates from the import."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import StudentCertificate
from tests import factories as f
from tests.placements.helpers import client_for, named, new_student
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/imports/certificates/"
HEADERS = ["学号", "姓名", "证书名称", "等级", "证书编号", "发证日期", "成绩"]


@pytest.fixture
def people(world, program):
    """Three students of the school with the long numeric student numbers the organisations' sheets use."""
    students = [world.student, world.classmate, new_student(world)]
    for i, student in enumerate(students, start=1):
        student.student_number = f"2024460702010{i}"
        student.full_name = ["张明", "李华", "王芳"][i - 1]
        student.save()
    return students


def sheet_rows(people) -> list[list]:
    """The organisation's export: one row per certificate, the student number as a number, the date as a date."""
    return [
        [20244607020101, "张明", "智能新能源汽车", "初级", "NEV-2026-0001", datetime(2026, 6, 30), 86],
        [20244607020102, "李华", "智能新能源汽车", "中级", "NEV-2026-0002", datetime(2026, 6, 30), 91.5],
        [20244607020103, "王芳", "智能新能源汽车", "高级", "NEV-2026-0003", datetime(2026, 7, 2), None],
    ]


def xlsx(rows: list[list], headers=HEADERS) -> io.BytesIO:
    return named(xlsx_bytes(headers, rows), "考核结果.xlsx")


def csv(rows: list[list], encoding: str, headers=HEADERS) -> io.BytesIO:
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.strftime("%Y/%m/%d")
        return str(value)

    text = "\r\n".join(",".join(cell(v) for v in line) for line in [headers, *rows]) + "\r\n"
    return named(text.encode(encoding), "考核结果.csv")


FORMATS = {
    "xlsx": xlsx,
    "csv in UTF-8 with a BOM": lambda rows: csv(rows, "utf-8-sig"),
    "csv in GB18030": lambda rows: csv(rows, "gb18030"),
}


def send(world, file, *, dry_run: bool, user=None):
    return client_for(user or world.admin.user).post(
        IMPORT, {"file": file, "dry_run": "true" if dry_run else "false"}, format="multipart"
    )


# -- all valid ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_valid_sheet_creates_verified_certificates_from_the_import(fmt, world, program, people):
    response = send(world, FORMATS[fmt](sheet_rows(people)), dry_run=False)
    assert response.status_code == 200, response.json()
    assert response.json() == {"ok": True, "dry_run": False, "rows": 3, "created": 3, "updated": 0, "skipped": 0}
    recorded = {
        c.number: c for c in StudentCertificate.objects.select_related("student").order_by("number")
    }  # fmt: skip
    assert list(recorded) == ["NEV-2026-0001", "NEV-2026-0002", "NEV-2026-0003"]
    assert [(c.student, c.level) for c in recorded.values()] == [
        (people[0], "junior"), (people[1], "intermediate"), (people[2], "senior")
    ]  # fmt: skip
    assert [c.issue_date for c in recorded.values()] == [date(2026, 6, 30), date(2026, 6, 30), date(2026, 7, 2)]
    assert [c.score for c in recorded.values()] == [Decimal("86"), Decimal("91.5"), None]
    for certificate in recorded.values():
        assert (certificate.status, certificate.source, certificate.program) == ("verified", "import", program)
        assert certificate.verified_by == world.admin.user
        assert certificate.verified_at is not None
        assert not certificate.scan


def test_english_headers_and_the_programmes_code_are_understood_too(world, program, people):
    program.code = "1X-NEV"
    program.save()
    headers = ["student number", "name", "certificate", "level", "certificate number", "issue date", "score"]
    rows = [["20244607020101", "张明", "1X-NEV", "junior", "NEV-1", "2026-06-30", ""]]
    response = send(world, xlsx(rows, headers=headers), dry_run=False)
    assert response.status_code == 200, response.json()
    assert StudentCertificate.objects.get().program == program


def test_the_template_has_the_organisations_columns_in_the_pages_language(world):
    response = client_for(world.admin.user, language="zh-hans").get(IMPORT + "template/")
    assert response.status_code == 200
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [h.rstrip("*") for h in header] == HEADERS
    assert header[-1] == "成绩"  # the score is optional
    english = client_for(world.admin.user).get(IMPORT + "template/")  # these helpers ask for English
    header = next(load_workbook(io.BytesIO(english.content)).active.iter_rows(values_only=True))
    assert header[:2] == ("student number*", "name*")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_dry_run_checks_the_sheet_and_writes_nothing(fmt, world, program, people):
    response = send(world, FORMATS[fmt](sheet_rows(people)), dry_run=True)
    assert response.status_code == 200, response.json()
    assert response.json() == {"ok": True, "dry_run": True, "rows": 3, "created": 3, "updated": 0, "skipped": 0}
    assert not StudentCertificate.objects.exists()


def test_a_dry_run_is_the_default(world, program, people):
    response = client_for(world.admin.user).post(IMPORT, {"file": xlsx(sheet_rows(people))}, format="multipart")
    assert response.json()["dry_run"] is True
    assert not StudentCertificate.objects.exists()


# -- one bad row -------------------------------------------------------------------------------------------------


def future() -> datetime:
    return datetime.combine(timezone.localdate() + timedelta(days=3), datetime.min.time())


# the second data row (spreadsheet row 3) broken one way, and the field the error names
BAD_ROWS = {
    "an unknown student number": (lambda row: row.__setitem__(0, 20249999999999), "student_number"),
    "a name that does not match the number": (lambda row: row.__setitem__(1, "赵六"), "full_name"),
    "an unknown programme": (lambda row: row.__setitem__(2, "不存在的证书"), "program"),
    "a level that does not exist": (lambda row: row.__setitem__(3, "特级"), "level"),
    "a missing certificate number": (lambda row: row.__setitem__(4, None), "number"),
    "a missing issue date": (lambda row: row.__setitem__(5, None), "issue_date"),
    "an issue date in the future": (lambda row: row.__setitem__(5, future()), "issue_date"),
    "a date that is not a date": (lambda row: row.__setitem__(5, "上个月"), "issue_date"),
    "a score that is not a number": (lambda row: row.__setitem__(6, "优秀"), "score"),
    "a number recorded for another student": (lambda row: row.__setitem__(4, "NEV-TAKEN"), "number"),
    "the same certificate twice in the sheet": (lambda row: row.__setitem__(4, "NEV-2026-0001"), "number"),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_one_bad_row_among_good_ones_is_named_and_nothing_is_written(case, fmt, world, program, people):
    f.StudentCertificateFactory(student=f.StudentFactory(institution=world.school), program=program,
                                number="NEV-TAKEN")  # fmt: skip
    rows = sheet_rows(people)
    breaks, field = BAD_ROWS[case]
    breaks(rows[1])
    response = send(world, FORMATS[fmt](rows), dry_run=False)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid_rows"
    assert [(e["row"], e["field"]) for e in body["row_errors"]] == [(3, field)]
    assert all(e["message"] for e in body["row_errors"])
    assert StudentCertificate.objects.count() == 1  # only the one recorded before


def test_a_level_the_programme_does_not_offer_is_an_error_on_level(world, program, people):
    program.levels = ["junior", "intermediate"]
    program.save()
    response = send(world, xlsx(sheet_rows(people)), dry_run=False)  # the third row is 高级 (senior)
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(4, "level")]
    assert not StudentCertificate.objects.exists()


def test_a_student_of_another_school_is_unknown_here(world, program, people):
    rows = sheet_rows(people)
    rows[0][0] = world.other_student.student_number
    rows[0][1] = world.other_student.full_name
    response = send(world, xlsx(rows), dry_run=False)
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(2, "student_number")]
    assert not StudentCertificate.objects.exists()


def test_every_bad_row_is_reported_at_once(world, program, people):
    rows = sheet_rows(people)
    rows[0][2] = "不存在的证书"
    rows[2][4] = None
    rows[2][5] = future()
    response = send(world, FORMATS["csv in GB18030"](rows), dry_run=True)
    assert response.status_code == 400
    assert sorted((e["row"], e["field"]) for e in response.json()["row_errors"]) == [
        (2, "program"), (4, "issue_date"), (4, "number")
    ]  # fmt: skip


# -- duplicates ----------------------------------------------------------------------------------------------------


def test_rows_identical_to_recorded_certificates_are_skipped(world, program, people):
    f.StudentCertificateFactory(student=people[0], program=program, level="junior", number="NEV-2026-0001",
                                source="session")  # fmt: skip
    response = send(world, xlsx(sheet_rows(people)), dry_run=False)
    assert response.status_code == 200, response.json()
    assert (response.json()["created"], response.json()["skipped"]) == (2, 1)
    assert StudentCertificate.objects.count() == 3
    assert StudentCertificate.objects.get(number="NEV-2026-0001").source == "session"  # left as it was


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_importing_the_same_sheet_again_creates_nothing_new(fmt, world, program, people):
    assert send(world, FORMATS[fmt](sheet_rows(people)), dry_run=False).json()["created"] == 3
    before = sorted(StudentCertificate.objects.values_list("pk", "number", "verified_at"))
    again = send(world, FORMATS[fmt](sheet_rows(people)), dry_run=False)
    assert again.status_code == 200, again.json()
    assert (again.json()["rows"], again.json()["created"], again.json()["skipped"]) == (3, 0, 3)
    assert sorted(StudentCertificate.objects.values_list("pk", "number", "verified_at")) == before


def test_the_same_number_for_the_same_student_at_another_level_is_an_error(world, program, people):
    f.StudentCertificateFactory(student=people[0], program=program, level="intermediate", number="NEV-2026-0001")
    response = send(world, xlsx(sheet_rows(people)), dry_run=False)
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(2, "level")]
    assert StudentCertificate.objects.count() == 1


# -- files that are not a sheet ------------------------------------------------------------------------------------


NOT_SHEETS = {
    "a PDF": (b"%PDF-1.4\n%%EOF\n", "results.pdf"),
    "a text file": ("学号,姓名\n".encode(), "results.txt"),
    "a CSV renamed .xlsx": ("学号,姓名,证书名称\n1,2,3\n".encode(), "results.xlsx"),
    "an old .xls workbook": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "results.xls"),
    "a damaged XLSX": (b"PK\x03\x04" + bytes(100), "results.xlsx"),
    "a CSV in neither UTF-8 nor GB18030": (b"\x80\xff\xfe" * 20, "results.csv"),
}


@pytest.mark.parametrize("case", list(NOT_SHEETS))
def test_a_file_that_is_neither_xlsx_nor_csv_is_refused(case, world, program):
    content, name = NOT_SHEETS[case]
    response = send(world, named(content, name), dry_run=False)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["file"]
    assert not StudentCertificate.objects.exists()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_sheet_without_the_required_columns_is_refused(fmt, world, program, people):
    headers = ["学号", "姓名", "证书名称", "等级", "发证日期"]  # no 证书编号
    rows = [[20244607020101, "张明", "智能新能源汽车", "初级", datetime(2026, 6, 30)]]
    file = xlsx(rows, headers=headers) if fmt == "xlsx" else csv(rows, "utf-8-sig", headers=headers)
    response = send(world, file, dry_run=False)
    assert response.status_code == 400
    assert "证书编号" in " ".join(response.json()["fields"]["file"])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_sheet_with_only_headers_is_refused(fmt, world, program):
    response = send(world, FORMATS[fmt]([]), dry_run=False)
    assert response.status_code == 400
    assert "file" in response.json()["fields"]


def test_an_xlsx_over_the_row_limit_is_refused(world, program, people, settings):
    settings.IMPORT_MAX_ROWS = 2
    response = send(world, xlsx(sheet_rows(people)), dry_run=False)
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    assert not StudentCertificate.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_a_csv_over_the_row_limit_is_refused_like_an_xlsx(encoding, world, program, people, settings):
    settings.IMPORT_MAX_ROWS = 2
    response = send(world, csv(sheet_rows(people), encoding), dry_run=False)
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    assert not StudentCertificate.objects.exists()
