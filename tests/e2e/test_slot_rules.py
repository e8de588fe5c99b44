"""Issue 15 in a real browser, as the school uses it: a slot whose description names high-risk work waits in the
school's review queue (not open) until an admin approves it with a reason (art. 17), and a working-time exception
the company proposed is approved and recorded as filed by a teacher on a phone (art. 17)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import api_as, hook, ok, sign_in, slot_copy, zh_date


def a_slot_like_hrs_own(hr, **changes) -> dict:
    """HR posts a slot copied from one of its own editable slots still to come, with these changes."""
    today = timezone.localdate().isoformat()
    slots = ok(hr.request("GET", "/api/v1/slots/?page_size=50"))["results"]
    model = next(s for s in slots if s["can_edit"] and s["start_date"] > today)
    model = ok(hr.request("GET", f"/api/v1/slots/{model['id']}/"))
    return ok(hr.request("POST", "/api/v1/slots/", slot_copy(model) | changes))


def test_a_slot_naming_high_risk_work_waits_for_the_schools_review_and_opens_on_approval(new_page, server_url):
    hr = api_as(server_url, "hr@example.com")
    slot = a_slot_like_hrs_own(
        hr,
        title="厂区外墙维护岗（浏览器测试）",
        description="协助师傅完成厂房外立面的吊篮作业与检修记录。",
        capacity=2,
        publish=True,
    )
    assert slot["status"] == "review", slot

    page = new_page()
    sign_in(page, "schooladmin@example.com", next_path="/slots/review")
    row = page.locator(f'[data-test="slot-review-row"][data-id="{slot["id"]}"]')
    expect(row).to_contain_text("吊篮")
    row.locator('[data-test="slot-review-approve"]').click()
    dialog = hook(page, "slot-review-dialog")
    hook(page, "slot-review-submit").click()  # no reason: refused in Chinese, nothing decided
    expect(dialog).to_contain_text("请")
    hook(page, "slot-review-reason").fill("已核实：吊篮由持证人员操作，学生只做地面记录。")
    hook(page, "slot-review-submit").click()
    expect(row).to_have_count(0)
    screenshot(page, "slot-review-approved")
    assert ok(hr.request("GET", f"/api/v1/slots/{slot['id']}/"))["status"] == "open"


def test_a_teacher_approves_and_files_an_overtime_exception_on_a_phone(new_page, server_url):
    hr = api_as(server_url, "hr@example.com")
    slot = a_slot_like_hrs_own(hr, title="总装线保障岗（浏览器测试）", capacity=1, publish=True)
    reason = "总装线换型期间需短时加班（浏览器测试）"
    ok(
        hr.request(
            "POST",
            "/api/v1/hours-exceptions/",
            {"slot": slot["id"], "kind": "overtime", "reason": reason, "overtime_hours_per_day": 2,
             "overtime_hours_per_month": 20},
        )
    )  # fmt: skip

    page = new_page(viewport=PHONE)
    sign_in(page, "teacher@example.com", next_path=f"/slots/{slot['id']}")
    item = page.locator('[data-test="hours-exception"]', has_text=reason)
    expect(item).to_have_attribute("data-status", "proposed")
    item.locator('[data-test="hours-exception-approve"]').click()
    hook(page, "hours-exception-decision-reason").fill("专业与岗位确有需要，加班在法定限度内。")
    hook(page, "hours-exception-decide-submit").click()
    expect(item).to_have_attribute("data-status", "approved")

    item.locator('[data-test="hours-exception-file"]').click()
    filed_on = page.locator('[data-test="hours-exception-filed-on"] input')
    filed_on.fill(zh_date(timezone.localdate() - timedelta(days=1)))
    filed_on.press("Tab")
    hook(page, "hours-exception-authority").fill("武汉市教育局")
    hook(page, "hours-exception-reference").fill("浏览器测试-备案-001")
    hook(page, "hours-exception-file-submit").click()
    expect(item).to_have_attribute("data-status", "filed")
    expect(item.locator('[data-test="hours-exception-filing"]')).to_contain_text("武汉市教育局")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "hours-exception-filed-phone")
