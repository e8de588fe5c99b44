"""Certificates and the Stay-in-Wuhan report in a real browser: a student uploads a certificate from a phone,
their teacher verifies it in the queue, and the student's bell rings; an analyst filters the report, sees the
charts and downloads the XLSX."""

from __future__ import annotations

import re

from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import expect

from core.calendar import academic_year
from tests import factories as f
from tests import live
from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import choose, hook, pick_date, sign_in
from tests.e2e.test_journey import expect_bell_above, unread


def test_a_certificate_uploaded_from_a_phone_is_verified_and_the_student_is_told(new_page, tmp_path):
    student, teacher = new_page(viewport=PHONE), new_page()
    sign_in(student, "student@example.com")
    sign_in(teacher, "teacher@example.com")
    photo = tmp_path / "certificate.png"
    Image.new("RGB", (300, 200), (240, 240, 230)).save(photo)

    student.goto("/certificates")
    hook(student, "cert-upload-open").click()
    choose(student, "cert-program", "智能新能源汽车")
    choose(student, "cert-level", "中级")
    hook(student, "cert-number").fill("E2E-NEV-0001")
    pick_date(student, "cert-issue-date", f.days_from_today(-150))
    student.set_input_files('[data-test="cert-file"]', str(photo))
    hook(student, "cert-submit").click()
    item = student.locator('[data-test="cert-item"]').filter(has_text="E2E-NEV-0001")
    expect(item).to_have_attribute("data-status", "pending")
    assert no_horizontal_scroll(student)
    screenshot(student, "certificates-pending")

    before = unread(student)
    teacher.goto("/certificates/verify")
    card = teacher.locator('[data-test="verify-item"]').filter(has_text="E2E-NEV-0001")
    expect(card).to_be_visible()
    card.locator('[data-test="verify-approve"]').click()
    expect(card).to_have_count(0)

    expect_bell_above(student, before)
    student.reload()
    expect(student.locator('[data-test="cert-item"]').filter(has_text="E2E-NEV-0001")).to_have_attribute(
        "data-status", "verified"
    )


def test_an_analyst_filters_the_stay_report_and_downloads_it(new_page):
    page = new_page()
    sign_in(page, "analyst@example.com")
    last_year = academic_year(f.today()) - 1  # the demo has outcomes up to last summer's graduates and before
    page.goto("/stay")
    expect(hook(page, "stay-definitions")).to_contain_text("留汉率")
    total = hook(page, "stay-tile-graduates").inner_text()
    page.goto(f"/stay?year={last_year}&by=district")
    expect(hook(page, "stay-tile-graduates")).not_to_have_text(total)
    for chart in ("stay-chart-trend", "stay-chart-district", "stay-chart-flow"):
        expect(hook(page, chart)).to_have_attribute("data-ready", "true")
    with page.expect_download() as download:
        page.locator('[data-test="stay-export-xlsx"][data-table="breakdown"]').click()
    assert re.search(r"\.xlsx$", download.value.suggested_filename)
    with open(download.value.path(), "rb") as file:
        sheet = load_workbook(file).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) >= 2
    shown = {row.get_attribute("data-key") for row in page.locator('[data-test="stay-row"]').all()}
    assert len(shown) == min(len(rows) - 1, live.STAY_ROWS)  # the export has every row, the page the largest

    # By employer, the page lists the employers with the most graduates and sums the others in one line.
    page.goto("/stay?by=employer")
    expect(hook(page, "stay-rest")).to_contain_text("其余")
    with page.expect_download() as download:
        page.locator('[data-test="stay-export-csv"][data-table="breakdown"]').click()
    with open(download.value.path(), encoding="utf-8-sig") as file:
        employers = len(file.read().strip().splitlines()) - 1
    assert page.locator('[data-test="stay-row"]').count() == live.STAY_ROWS < employers
    expect(hook(page, "stay-rest")).to_contain_text(f"其余 {employers - live.STAY_ROWS} 项")

    phone = new_page(viewport=PHONE)
    sign_in(phone, "analyst@example.com")
    phone.goto(f"/stay?year={last_year}")
    expect(hook(phone, "stay-chart-trend")).to_have_attribute("data-ready", "true")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "stay-report")
