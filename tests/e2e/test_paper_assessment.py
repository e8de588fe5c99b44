"""The company's assessment on paper in the browser (issue 15): the demo's running self-arranged placement is at a
company with nobody on the platform; the school's admin records the company's assessment from the signed paper
form on a phone (390 px), with its scan; the placement page then shows it as recorded by the school from paper,
with the scan, on a desktop too."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from placements.demo_self_arranged import RUNNING_AT
from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import api_as, hook, ok, sign_in, zh_date
from tests.placements.helpers import image_bytes

ADMIN = "schooladmin@example.com"


def test_the_school_records_the_paper_company_assessment_of_a_self_arranged_placement(new_page, server_url):
    proposals = ok(api_as(server_url, ADMIN).request("GET", "/api/v1/self-arranged/?status=approved"))["results"]
    pid = next(p["placement"] for p in proposals if p["company_name"] == RUNNING_AT)

    phone = new_page(viewport=PHONE)
    sign_in(phone, ADMIN, next_path=f"/placements/{pid}")
    hook(phone, "action-record_paper_assessment").click()
    hook(phone, "paper-submit").click()  # nothing filled in: refused on the fields, in Chinese
    expect(hook(phone, "field-error-grade")).to_be_visible()
    hook(phone, "paper-grade-good").click()
    hook(phone, "paper-comments").fill("工作认真，检测记录规范。（浏览器测试）")
    signed = phone.locator('[data-test="paper-signed-on"] input')
    signed.click()
    signed.fill(zh_date(timezone.localdate()))
    signed.press("Tab")
    phone.set_input_files(
        '[data-test="paper-file"]', files=[{"name": "评价表.png", "mimeType": "image/png", "buffer": image_bytes()}]
    )
    hook(phone, "paper-submit").click()
    paper = hook(phone, "assessment-paper")
    expect(paper).to_contain_text("学校据纸质评价表录入")
    expect(hook(phone, "action-record_paper_assessment")).to_have_count(0)
    assert no_horizontal_scroll(phone)
    screenshot(phone, "paper-assessment-phone")

    desktop = new_page()
    sign_in(desktop, ADMIN, next_path=f"/placements/{pid}")
    expect(hook(desktop, "assessment-paper")).to_contain_text("学校据纸质评价表录入")
    expect(hook(desktop, "assessment-paper-scan")).to_be_visible()
    screenshot(desktop, "paper-assessment-desktop")
