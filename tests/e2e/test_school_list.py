"""The school's list of placement companies in the browser: the demo student reads their school's list on a phone
(390 px) with who decided each entry and when; the school admin takes a company off with a reason (it moves to the
removed entries) and puts it back on the school's own passing assessment, which leaves the shared server as it
was."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import hook, sign_in


def test_the_student_reads_the_list_and_the_admin_takes_a_company_off_and_back(new_page):
    student = new_page(viewport=PHONE)
    sign_in(student, "student@example.com", next_path="/school-companies")
    expect(hook(student, "school-list-title")).to_be_visible()
    entries = hook(student, "school-list-entry")
    expect(entries.first).to_be_visible()
    expect(hook(student, "school-list-decided").first).not_to_be_empty()
    expect(hook(student, "school-list-add")).to_have_count(0)  # students read, admins decide
    expect(hook(student, "school-list-remove")).to_have_count(0)
    assert no_horizontal_scroll(student)
    screenshot(student, "school-list-phone")

    admin = new_page()
    sign_in(admin, "schooladmin@example.com", next_path="/school-companies")
    first = hook(admin, "school-list-entry").first
    expect(first).to_be_visible()
    name = first.locator("h2 a").inner_text()
    before = hook(admin, "school-list-entry").count()
    first.locator('[data-test="school-list-remove"]').click()
    admin.locator(".el-message-box input").fill("浏览器测试：复查后暂停合作。")
    admin.locator(".el-message-box .el-button--primary").click()
    expect(hook(admin, "school-list-entry")).to_have_count(before - 1)
    admin.get_by_text("已移出", exact=True).click()
    expect(hook(admin, "school-list-entry").filter(has_text=name).first).to_contain_text("复查后暂停合作")

    # Back on the list, on the school's own passing assessment of the company's base.
    hook(admin, "school-list-add").click()
    hook(admin, "school-list-company").click()
    admin.locator(".el-select-dropdown:visible").get_by_role("option", name=name, exact=True).click()
    expect(hook(admin, "school-list-no-assessment")).to_have_count(0)
    expect(hook(admin, "school-list-dialog").locator(".el-select__selected-item").nth(1)).not_to_be_empty()
    hook(admin, "school-list-decision").fill("校企合作工作委员会会议（浏览器测试）")
    hook(admin, "school-list-save").click()
    expect(hook(admin, "school-list-entry")).to_have_count(before)
    expect(hook(admin, "school-list-entry").filter(has_text=name)).to_contain_text("浏览器测试")
