"""The guardian's consent online, end to end: a school admin texts the guardian a one-time link and code from the
placement's page; the guardian opens the link on a phone (390 px), enters the code, reads the internship and
agrees; the placement's page then shows the consent as given and the start no longer waits for it.

The e2e server's SMS backend is the file one (tests/live.py), which appends each text to sms.log with the number
masked: the test reads the link and the code from there, as it reads invitation e-mails from the server's log."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import api_as, hook, ok, sign_in

ADMIN = "schooladmin@example.com"
PHONE_NUMBER = "13907158866"


def text_from_server_log(tmp_path_factory, masked: str) -> tuple[str, str]:
    """The latest text to this (masked) number in the server's text file: the link's token and the code."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        logs = sorted(tmp_path_factory.getbasetemp().glob("e2e*/sms.log"), key=lambda p: p.stat().st_mtime)
        text = logs[-1].read_text(errors="replace") if logs else ""
        lines = [line for line in text.splitlines() if f"SMS to {masked}" in line]
        if lines:
            found = re.search(r"/consent/([\w-]+)\D+(\d{6})", lines[-1])  # the link, then the code
            if found:
                assert PHONE_NUMBER not in text  # the log never holds the whole number
                return found.group(1), found.group(2)
        time.sleep(0.2)
    raise AssertionError(f"no text to {masked} in the server's sms.log")


def a_placement_awaiting_consent(server_url: str) -> int:
    """A demo post internship of the admin's school, confirmed, with no consent yet (online or paper)."""
    api = api_as(server_url, ADMIN)
    page = ok(api.request("GET", "/api/v1/placements/?status=confirmed&page_size=100"))
    for row in page["results"]:
        detail = ok(api.request("GET", f"/api/v1/placements/{row['id']}/"))
        codes = [m["code"] for m in detail["missing"]]
        if detail["slot_detail"]["kind"] == "post" and "consent" in codes:
            return row["id"]
    raise AssertionError("the demo world has no confirmed post internship awaiting consent")


def test_the_school_texts_the_guardian_who_agrees_on_a_phone(new_page, server_url, tmp_path_factory):
    placement = a_placement_awaiting_consent(server_url)
    admin = new_page()
    sign_in(admin, ADMIN, next_path=f"/placements/{placement}")
    section = hook(admin, "guardian-consent")
    expect(hook(admin, "guardian-consent-none")).to_be_visible()
    hook(admin, "guardian-consent-send").click()
    hook(admin, "guardian-name").fill("王建华")
    hook(admin, "guardian-relation-mother").click()
    hook(admin, "guardian-phone").fill(PHONE_NUMBER)
    hook(admin, "guardian-consent-submit").click()
    expect(admin.get_by_text("已向监护人发送短信")).to_be_visible()
    expect(hook(admin, "guardian-consent-state")).to_have_attribute("data-state", "open")
    expect(section).to_contain_text("139****8866")  # the page shows the number masked too

    token, code = text_from_server_log(tmp_path_factory, "139****8866")
    guardian = new_page(viewport=PHONE)
    guardian.goto(f"/consent/{token}")
    expect(hook(guardian, "guardian-code-form")).to_be_visible()
    hook(guardian, "guardian-code").fill("000000" if code != "000000" else "111111")
    hook(guardian, "guardian-open").click()
    expect(hook(guardian, "field-error-code")).to_contain_text("4")  # tries left
    hook(guardian, "guardian-code").fill(code)
    hook(guardian, "guardian-open").click()
    expect(hook(guardian, "guardian-arrangement")).to_be_visible()
    for fact in ("guardian-company", "guardian-post", "guardian-dates", "guardian-hours", "guardian-pay"):
        expect(hook(guardian, fact)).not_to_be_empty()
    expect(hook(guardian, "guardian-insurance")).to_contain_text("不向学生收取")
    assert no_horizontal_scroll(guardian)
    screenshot(guardian, "guardian-consent-phone")
    hook(guardian, "guardian-agree").click()
    guardian.locator(".el-message-box:visible").get_by_role("button", name="同意").click()
    expect(hook(guardian, "guardian-done")).to_have_attribute("data-state", "agreed")

    # The link works once.
    again = new_page(viewport=PHONE)
    again.goto(f"/consent/{token}")
    expect(hook(again, "guardian-done")).to_have_attribute("data-state", "agreed")

    admin.reload()
    expect(hook(admin, "guardian-consent-done")).to_be_visible()
    expect(hook(admin, "guardian-consent-state")).to_have_attribute("data-state", "agreed")
    detail = ok(api_as(server_url, ADMIN).request("GET", f"/api/v1/placements/{placement}/"))
    assert "consent" not in [m["code"] for m in detail["missing"]]


def test_the_school_admin_records_a_filing_on_the_filing_page(new_page, server_url):
    """备案: the admin's page lists the school's post internships still to file (the nav badge counts them); the
    admin selects one and records the filing, after which it leaves the unfiled list. Works at 390 px too."""
    api = api_as(server_url, ADMIN)
    todo = {i["key"]: i for i in ok(api.request("GET", "/api/v1/me/todo/"))["items"]}
    unfiled = ok(api.request("GET", "/api/v1/filings/arrangements/?unfiled=true"))
    assert todo["filings_to_record"]["count"] == len(unfiled) > 0
    first = unfiled[0]["id"]

    for viewport in (PHONE, None):
        page = new_page(viewport=viewport)
        sign_in(page, ADMIN, next_path="/filing")
        expect(hook(page, "filing-title")).to_be_visible()
        expect(hook(page, "filing-row").first).to_be_visible()
        assert no_horizontal_scroll(page)
    screenshot(page, "filing-page")
    row = hook(page, "filing-row").and_(page.locator(f'[data-id="{first}"]'))
    row.locator('[data-test="filing-select"]').click()
    hook(page, "filing-record").click()
    hook(page, "filing-authority").fill("武汉市教育局")
    hook(page, "filing-reference").fill("武教职备〔2027〕3号")
    hook(page, "filing-submit").click()
    expect(page.get_by_text("已记录备案")).to_be_visible()
    expect(hook(page, "filing-history").filter(has_text="武教职备〔2027〕3号")).to_have_count(1)
    expect(page.locator(f'[data-test="filing-row"][data-id="{first}"]')).to_have_count(0)  # filed: off the list
    detail = ok(api.request("GET", f"/api/v1/placements/{first}/"))
    assert "filing" not in [m["code"] for m in detail["missing"]]
