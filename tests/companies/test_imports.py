"""A school admin imports partner companies from a spreadsheet: all rows checked, nothing written unless all are
valid, a company already on the platform (same credit code) updated rather than duplicated."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from companies.credit_code import ALPHABET, make_demo_credit_code
from companies.imports import COLUMNS
from companies.models import Company
from tests.access import client_for
from tests.sheets import xlsx_upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/companies/"
HEADERS = [
    c.header_zh for c in COLUMNS
]  # 企业名称, 简称, 统一社会信用代码, 所在区, 功能区, 产业环节, 在岗职工人数, 地址


def xlsx(rows: list[list], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    return xlsx_upload(headers, rows, "companies.xlsx")


def row(serial: int, name: str | None = None, **overrides) -> list:
    values = {
        "企业名称": name or f"武汉导入汽车零部件有限公司{serial}",
        "简称": f"导入{serial}",
        "统一社会信用代码": make_demo_credit_code(500 + serial),
        "所在区": "江夏区",
        "功能区": "",
        "产业环节": "零部件",
        "在岗职工人数": 1200,
        "地址": "江夏区金港工业园",
        **overrides,
    }
    return [values[h] for h in HEADERS]


def wrong_check_character(code: str) -> str:
    return code[:17] + ALPHABET[(ALPHABET.index(code[17]) + 1) % len(ALPHABET)]


def upload(world, file, dry_run: bool):
    client = client_for(world.admin.user)
    return client.post(URL, {"file": file, "dry_run": "true" if dry_run else "false"}, format="multipart")


def test_a_dry_run_counts_the_rows_and_writes_nothing(world):
    before = Company.objects.count()
    response = upload(world, xlsx([row(1), row(2)]), dry_run=True)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["ok"], body["dry_run"], body["rows"], body["created"], body["updated"]) == (True, True, 2, 2, 0)
    assert Company.objects.count() == before


def test_a_real_run_creates_approved_companies_vouched_for_by_the_admin(world):
    response = upload(
        world, xlsx([row(1), row(2, **{"所在区": "", "功能区": "车谷", "产业环节": "整车"})]), dry_run=False
    )
    assert response.status_code == 200, response.content
    assert (response.json()["created"], response.json()["updated"]) == (2, 0)
    first = Company.objects.get(name="武汉导入汽车零部件有限公司1")
    assert (first.district, first.zone, first.segment, first.headcount) == ("jiangxia", "", "parts", 1200)
    assert first.vetting_status == "approved"
    assert first.vetted_by == world.admin.user
    second = Company.objects.get(name="武汉导入汽车零部件有限公司2")
    assert (second.district, second.zone, second.segment) == ("", "wedz", "vehicle")


def test_imported_companies_appear_in_the_public_directory(world):
    upload(world, xlsx([row(1)]), dry_run=False)
    client = client_for(world.student.user)
    names = {c["name"] for c in client.get("/api/v1/companies/", {"page_size": 100}).json()["results"]}
    assert "武汉导入汽车零部件有限公司1" in names


def test_a_bad_credit_code_check_character_among_good_rows_writes_nothing(world):
    bad = row(2, **{"统一社会信用代码": wrong_check_character(make_demo_credit_code(502))})
    before = Company.objects.count()
    response = upload(world, xlsx([row(1), bad, row(3)]), dry_run=False)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_rows"
    assert [(e["row"], e["field"]) for e in body["row_errors"]] == [(3, "credit_code")]
    assert "校验码" in body["row_errors"][0]["message"]  # in Chinese, the default language
    assert Company.objects.count() == before


def test_a_lower_case_credit_code_is_normalised(world):
    response = upload(world, xlsx([row(1, **{"统一社会信用代码": make_demo_credit_code(501).lower()})]), dry_run=False)
    assert response.status_code == 200, response.content
    assert Company.objects.get(name="武汉导入汽车零部件有限公司1").credit_code == make_demo_credit_code(501)


def test_duplicates_within_the_file_are_row_errors(world):
    rows = [
        row(1),
        row(2, **{"统一社会信用代码": make_demo_credit_code(501)}),
        row(3, name="武汉导入汽车零部件有限公司1"),
    ]
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(3, "credit_code"), (4, "name")]


def test_unknown_district_zone_segment_and_headcount_are_row_errors(world):
    rows = [
        row(1, **{"所在区": "朝阳区"}),
        row(2, **{"所在区": "", "功能区": "浦东新区"}),
        row(3, **{"产业环节": "房地产"}),
        row(4, **{"在岗职工人数": "很多"}),
        row(5, **{"所在区": "", "功能区": ""}),
    ]
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [
        (2, "district"),
        (3, "zone"),
        (4, "segment"),
        (5, "headcount"),
        (6, "district"),
    ]


def test_a_name_taken_by_another_company_is_a_row_error(world):
    response = upload(world, xlsx([row(1, name=world.company.name)]), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(2, "name")]


def test_a_renamed_text_file_is_refused_on_the_file_field(world):
    fake = SimpleUploadedFile("companies.xlsx", b"name,credit code\nACME,123\n", content_type="text/plain")
    response = upload(world, fake, dry_run=True)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["file"]


def test_a_damaged_zip_is_refused_on_the_file_field(world):
    fake = SimpleUploadedFile("companies.xlsx", b"PK\x03\x04 not really a spreadsheet")
    response = upload(world, fake, dry_run=True)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["file"]


def test_a_reimport_updates_the_company_instead_of_duplicating_it(world):
    assert upload(world, xlsx([row(1)]), dry_run=False).status_code == 200
    changed = row(1, **{"在岗职工人数": 3000, "地址": "新地址"})
    dry = upload(world, xlsx([changed]), dry_run=True).json()
    assert (dry["created"], dry["updated"]) == (0, 1)
    body = upload(world, xlsx([changed]), dry_run=False).json()
    assert (body["created"], body["updated"]) == (0, 1)
    company = Company.objects.get(credit_code=make_demo_credit_code(501))
    assert (company.headcount, company.address) == (3000, "新地址")
    assert Company.objects.filter(name="武汉导入汽车零部件有限公司1").count() == 1


def test_a_reimport_does_not_change_a_companys_vetting_status(world):
    existing = row(9, name=world.pending_company.name, **{"统一社会信用代码": world.pending_company.credit_code})
    body = upload(world, xlsx([existing]), dry_run=False).json()
    assert body["updated"] == 1
    world.pending_company.refresh_from_db()
    assert world.pending_company.vetting_status == "pending"
    assert world.pending_company.headcount == 1200


def test_the_template_downloads_as_xlsx_with_the_headers(world):
    client = client_for(world.admin.user)
    response = client.get("/api/v1/imports/companies/template/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    header = [cell.value for cell in load_workbook(io.BytesIO(response.content)).worksheets[0][1]]
    assert header == [
        "企业名称*",
        "简称",
        "统一社会信用代码*",
        "所在区",
        "功能区",
        "产业环节*",
        "在岗职工人数*",
        "地址",
    ]


def test_a_headcount_of_zero_is_refused_by_the_models_rule_in_the_import_and_the_api(world):
    """Rule 8 caps interns at 10% of the headcount, so a company has at least one person on post: the rule is
    the model's, and both ways in read it."""
    response = upload(world, xlsx([row(1, **{"在岗职工人数": 0})]), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(2, "headcount")]

    company = world.company
    edit = client_for(world.hr.user).patch(f"/api/v1/companies/{company.pk}/", {"headcount": 0}, format="json")
    assert edit.status_code == 400
    assert list(edit.json()["fields"]) == ["headcount"]
    company.refresh_from_db()
    assert company.headcount > 0
