"""Every spreadsheet import (students, companies, certificate results, graduate outcomes) bounds its work before
it parses: a small XLSX that inflates to far more than an import may hold (a ZIP bomb) is refused from the
archive's directory, without openpyxl opening it; a sheet of endless blank rows is refused at the row limit
while streaming; a CSV with a huge field is a translated 400, never a 500."""

from __future__ import annotations

import functools
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from alumni.imports import COLUMNS as OUTCOME_COLUMNS
from certificates.imports import COLUMNS as CERTIFICATE_COLUMNS
from companies.imports import COLUMNS as COMPANY_COLUMNS
from config import importing
from schools.imports import COLUMNS as STUDENT_COLUMNS
from tests.access import client_for

pytestmark = pytest.mark.django_db

IMPORTS = {
    "/api/v1/imports/students/": STUDENT_COLUMNS,
    "/api/v1/imports/companies/": COMPANY_COLUMNS,
    "/api/v1/imports/certificates/": CERTIFICATE_COLUMNS,
    "/api/v1/imports/outcomes/": OUTCOME_COLUMNS,
}
SHEET = "xl/worksheets/sheet1.xml"


def xlsx_with_blank_rows(columns, blank_rows: int) -> bytes:
    """A real workbook with the import's headers, then `blank_rows` empty <row/> elements in its sheet."""
    workbook = Workbook()
    workbook.active.append([c.header_zh for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == SHEET:
                # Without a <dimension> openpyxl does not know where the sheet ends and reads every row.
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
                data = data.replace(b"</sheetData>", b"<row/>" * blank_rows + b"</sheetData>")
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


@functools.cache
def bomb(url: str) -> bytes:
    # 24 MB of XML in a file of a few tens of KB: past the 20 MB the imports may inflate to.
    return xlsx_with_blank_rows(IMPORTS[url], 4_000_000)


def post(world, url: str, name: str, content: bytes, language: str = "zh-hans"):
    upload = SimpleUploadedFile(name, content)
    return client_for(world.admin.user).post(
        url, {"file": upload, "dry_run": "true"}, format="multipart", HTTP_ACCEPT_LANGUAGE=language
    )


@pytest.fixture
def opened(monkeypatch) -> list:
    """Records every time an import hands a file to openpyxl."""
    calls = []
    real = importing.load_workbook

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "load_workbook", spy)
    return calls


@pytest.mark.parametrize("url", list(IMPORTS))
def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_parsed(world, url, opened):
    content = bomb(url)
    assert len(content) < 200 * 1024

    response = post(world, url, "bomb.xlsx", content, language="en")

    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert body["fields"]["file"] == [
        "The spreadsheet holds more data than an import may have. Split it into smaller files."
    ]
    assert opened == [], "the archive was refused before openpyxl read it"


@override_settings(IMPORT_MAX_UNCOMPRESSED_BYTES=10**9)
def test_a_member_that_inflates_more_than_a_hundredfold_is_refused_even_under_the_total_limit(world, opened):
    content = xlsx_with_blank_rows(STUDENT_COLUMNS, 400_000)
    response = post(world, "/api/v1/imports/students/", "dense.xlsx", content, language="en")

    assert response.status_code == 400
    assert response.json()["fields"]["file"] == [
        "The spreadsheet holds more data than an import may have. Split it into smaller files."
    ]
    assert opened == []


@override_settings(IMPORT_MAX_ROWS=5)
@pytest.mark.parametrize("url", list(IMPORTS))
def test_a_sheet_of_endless_blank_rows_is_refused_at_the_row_limit_while_streaming(world, url):
    response = post(world, url, "blank.xlsx", xlsx_with_blank_rows(IMPORTS[url], 5_000))

    assert response.status_code == 400, response.content[:300]
    assert response.json()["fields"]["file"] == ["每次最多导入5行。"]


def test_an_ordinary_template_sized_file_is_not_mistaken_for_a_bomb(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header_zh for c in COMPANY_COLUMNS])
    for n in range(5000):
        sheet.append(["武汉某汽车零部件有限公司", f"简称{n}", "", "江夏区", "", "零部件", 1200, "江夏区金港工业园"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    importing.check_archive(io.BytesIO(buffer.getvalue()))  # raises if refused


def test_a_csv_with_a_200_kb_field_is_a_translated_400_not_a_500(world):
    header = ",".join(c.header_zh for c in CERTIFICATE_COLUMNS)
    content = (header + "\n" + "x" * 200_000 + ",张明,智能新能源汽车,初级,1,2026-06-30,80\n").encode()

    response = post(world, "/api/v1/imports/certificates/", "results.csv", content, language="en")

    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"]["file"] == [
        "The CSV file could not be read: a cell is far too long, or a quotation mark is not closed."
    ]
