"""A school admin removes a member of staff from the school in the app: the membership is archived (the person
keeps their account and history, loses the school's pages) and they leave the staff list. A generated member of
staff is removed, so the demo logins the other browser tests use stay as they are."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import hook, sign_in


def test_a_school_admin_removes_a_member_of_staff_from_the_list(page):
    sign_in(page, "schooladmin@example.com")
    page.goto("/teachers")
    generated = hook(page, "teacher-row").filter(has_text="@demo.example.com").first
    email = generated.locator("td").nth(1).inner_text()
    generated.locator('[data-test="staff-remove"]').click()
    page.locator(".el-message-box").get_by_role("button", name="移出").click()
    expect(hook(page, "teacher-row").filter(has_text=email)).to_have_count(0)
