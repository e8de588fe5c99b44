"""The internship archive in the browser: the school admin downloads a started placement's record as a PDF from
its page, and a class's records as one ZIP from the students page filtered by that class (made as a background
job, whose bar hands over the file)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import api_as, hook, ok, sign_in

ADMIN = "schooladmin@example.com"


def test_the_admin_downloads_a_placements_pdf_and_the_classs_zip(new_page, server_url):
    api = api_as(server_url, ADMIN)
    active = ok(api.request("GET", "/api/v1/placements/?status=active&page_size=5"))["results"]
    assert active, "the demo world has started placements"
    placement = active[0]
    page = new_page()
    sign_in(page, ADMIN, next_path=f"/placements/{placement['id']}")
    with page.expect_download() as download:
        hook(page, "placement-archive").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and download.value.suggested_filename.endswith(".pdf")

    cohort = ok(api.request("GET", f"/api/v1/students/{placement['student']['id']}/"))["cohort"]
    page.goto(f"/students?cohort={cohort}")
    hook(page, "cohort-archive").click()  # a background job here (JOBS_ARCHIVE_THRESHOLD 0): its bar, then the file
    expect(hook(page, "job-progress")).to_have_attribute("data-status", "succeeded", timeout=60_000)
    with page.expect_download() as download:
        hook(page, "job-download").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = archive.namelist()
    assert names and all(name.endswith(".pdf") for name in names)
    expect(hook(page, "cohort-archive")).to_be_visible()
