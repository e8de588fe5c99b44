"""Downloads are named for what they hold (issue 14, defect 9): import templates (学生导入模板.xlsx, in English
when the page is English) with named sheets; every name also travels as RFC 5987's UTF-8 `filename*`, with an
ASCII `filename` for old clients. Stored papers: tests/placements/test_documents.py."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from config.exports import attachment, file_title, sheet_name
from tests.access import client_for

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "students": ("Student import template", "Students", "students-template.xlsx"),
    "companies": ("Company import template", "Companies", "companies-template.xlsx"),
    "certificates": ("Certificate import template", "Certificates", "certificates-template.xlsx"),
    "outcomes": ("Graduate outcome import template", "Graduate outcomes", "graduate-outcomes-template.xlsx"),
}
UNNAMED = {"Sheet", "Sheet1", "data", ""}


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_an_import_template_in_english_is_named_for_what_it_is_with_named_sheets(world, kind):
    title, sheet, fallback = TEMPLATES[kind]
    response = client_for(world.admin.user).get(f"/api/v1/imports/{kind}/template/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{fallback}"')
    assert disposition.endswith(f"filename*=UTF-8''{quote(title + '.xlsx')}")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet, "Notes"]
    header = [c.value for c in workbook.worksheets[0][1]]
    assert all(h and h.isascii() for h in header), header  # the English headers, which the import also reads


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_an_import_template_in_chinese_has_named_sheets_and_a_utf8_name(world, kind):
    response = client_for(world.admin.user).get(f"/api/v1/imports/{kind}/template/")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 2
    assert not set(workbook.sheetnames) & UNNAMED


def test_a_file_title_holds_no_path_or_header_breaking_characters():
    assert file_title("三方协议", "张/三", None, "") == "三方协议-张 三"
    assert file_title('a"b\r\nc') == "a b c"
    header = attachment(file_title("证书", "李四") + ".jpg", "certificate-1.jpg", disposition="inline")
    assert header == f"inline; filename=\"certificate-1.jpg\"; filename*=UTF-8''{quote('证书-李四.jpg')}"


def test_a_sheet_without_a_title_is_still_named():
    assert sheet_name("") == "Data"
    assert sheet_name("实习名单: 2026/12") == "实习名单  2026 12"
