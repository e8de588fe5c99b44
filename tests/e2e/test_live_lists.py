"""Issue 14, defect 5 in a real browser: lists follow notices. The teacher's approval queue is open; a student applies
in another session; the new application appears in the queue without a reload."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from playwright.sync_api import expect

from tests import live
from tests.e2e.conftest import screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, sign_in, slot_copy

TITLE = "实时名单岗位（浏览器测试）"


def a_fresh_slot_the_student_may_apply_to(student: live.Browserless, hr: live.Browserless) -> dict:
    """HR posts a slot like one the student is eligible for (same company, term and major), under a title of its own,
    so the teacher's queue can be narrowed to it."""
    eligible = ok(student.request("GET", "/api/v1/slots/?eligible=true&page_size=100"))["results"]
    today = date.today().isoformat()
    model = next(
        slot
        for slot in (ok(hr.request("GET", f"/api/v1/slots/{s['id']}/")) for s in eligible)
        if slot["can_edit"] and (slot["application_deadline"] or today) >= today
    )
    body = slot_copy(model) | {"title": TITLE, "capacity": 2, "publish": True}
    return ok(hr.request("POST", "/api/v1/slots/", body))


def a_classmate_of_the_demo_student(server_url: str) -> live.Browserless:
    """A new student in the demo student's class with the same advisor, enrolled by the school admin and activated
    with the code: the demo student may already hold a placement for the term from another browser test (the
    server is shared), and a placed student may apply to nothing more in that term."""
    return classmate(server_url, "E2E-LIVE-1", "e2e-live", "实时名单同学（浏览器测试）")


def test_a_students_application_appears_in_the_open_approval_queue_without_a_reload(page, server_url):
    student, hr = a_classmate_of_the_demo_student(server_url), api_as(server_url, "hr@example.com")
    slot = a_fresh_slot_the_student_may_apply_to(student, hr)

    sign_in(page, "teacher@example.com")
    page.goto(f"/placements?view=teacher&search={quote(TITLE)}")
    rows = page.locator('[data-test="placement-row"]')
    expect(hook(page, "placements-title")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(rows).to_have_count(0)
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    placement = ok(student.request("POST", "/api/v1/placements/", {"slot": slot["id"]}))

    # the notice's toast, then the row: the queue reloaded itself, on the same page with the same filters
    expect(page.locator(".notice-toast").filter(has_text=TITLE)).to_be_visible()
    row = page.locator(f'[data-test="placement-row"][data-id="{placement["id"]}"]').first
    expect(row).to_be_visible()
    expect(row).to_contain_text(TITLE)
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"
    assert f"search={quote(TITLE)}" in page.url
    screenshot(page, "live-approval-queue")
