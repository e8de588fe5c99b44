"""Policy information (政策信息, issue 18) in a real browser: a student on a phone reaches it from the 就业 group of
the menu and reads each policy with its source and date (and "see the source" where the source names no route);
the city's staff, at 1440 px, add a policy (refused in Chinese without its source, then saved) and archive it, so
it leaves the student's page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import hook, sign_in


def test_a_student_reads_the_policies_on_a_phone(new_page):
    page = new_page(viewport=PHONE)
    sign_in(page, "student@example.com")
    page.goto("/me")
    hook(page, "nav-policies").first.click()
    expect(page).to_have_url(re.compile(r"/careers/policies$"))
    expect(hook(page, "policies-title")).to_have_text("政策信息")
    rows = hook(page, "policy-row")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 8
    salary = rows.filter(has_text="高校毕业生最低年薪指导标准")
    expect(salary.locator('[data-test="policy-source-date"]')).to_have_text("2017")
    expect(salary.locator('[data-test="policy-how-to-apply"]')).to_have_text("来源未说明，请查看来源。")
    expect(hook(page, "policy-new")).to_have_count(0)  # a reader, not a keeper
    assert no_horizontal_scroll(page)
    screenshot(page, "policies-student-phone")
    salary.locator('[data-test="policy-link"]').click()
    expect(hook(page, "policy-title-heading")).to_contain_text("高校毕业生最低年薪指导标准")
    expect(hook(page, "policy-edit")).to_have_count(0)
    assert no_horizontal_scroll(page)


def test_city_staff_add_a_policy_and_archive_it(new_page):
    page = new_page()
    sign_in(page, "citystaff@example.com")
    page.goto("/careers/policies")
    hook(page, "policy-new").click()
    dialog = hook(page, "policy-dialog")
    hook(page, "policy-field-title").fill("浏览器测试政策")
    hook(page, "policy-field-offers").fill("用平实的话说明这项政策提供什么。")
    hook(page, "policy-save").click()
    expect(dialog.get_by_text("该字段不能为空。").first).to_be_visible()  # the source and its date are required
    hook(page, "policy-field-source").fill("浏览器测试来源")
    hook(page, "policy-field-source_date").fill("2026")
    hook(page, "policy-save").click()
    expect(hook(page, "policy-title-heading")).to_contain_text("浏览器测试政策")
    expect(hook(page, "policy-source")).to_have_text("浏览器测试来源")
    expect(hook(page, "policy-eligibility")).to_have_text("来源未说明，请查看来源。")
    screenshot(page, "policy-city-staff")

    hook(page, "policy-archive").click()
    page.get_by_role("button", name="确定").click()
    expect(hook(page, "policy-restore")).to_be_visible()

    student = new_page(viewport=PHONE)
    sign_in(student, "student@example.com")
    student.goto("/careers/policies")
    expect(hook(student, "policy-row").first).to_be_visible()
    expect(hook(student, "policy-row").filter(has_text="浏览器测试政策")).to_have_count(0)
