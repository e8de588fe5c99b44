"""Issue 14, defect 8 in a real browser: errors in sight and in the users' words. A refused save brings the first
field with an error into view and focuses it; a save while offline says the server cannot be reached (not the
browser's "Failed to fetch") and keeps what was typed; an import's row errors name the sheet's column, not the
API's field."""

from __future__ import annotations

from playwright.sync_api import expect

from schools.demo import entry_years
from schools.imports import COLUMNS
from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import hook, sign_in
from tests.sheets import xlsx_bytes


def open_base_edit(page) -> None:
    sign_in(page, "schooladmin@example.com")
    page.goto("/bases?kind=on_campus")
    hook(page, "base-link").first.click()
    hook(page, "base-edit").click()
    expect(hook(page, "base-edit-title")).to_be_visible()


def test_a_refused_save_scrolls_to_the_first_field_with_an_error_and_focuses_it(new_page):
    page = new_page(viewport=PHONE)
    open_base_edit(page)
    hook(page, "base-field-name").fill("")
    save = hook(page, "base-save")
    save.scroll_into_view_if_needed()
    name_field = page.locator('[data-form-field="name"]')
    expect(name_field).not_to_be_in_viewport()
    save.click()
    expect(hook(page, "field-error-name")).to_be_visible()
    expect(name_field).to_be_in_viewport()
    expect(page.locator("#base-name")).to_be_focused()
    screenshot(page, "errors-in-sight-first-field")


def test_a_save_while_offline_says_the_server_cannot_be_reached_and_keeps_the_input(page):
    open_base_edit(page)
    hook(page, "base-field-name").fill("离线时改的名字")
    page.context.set_offline(True)
    try:
        hook(page, "base-save").click()
        alert = hook(page, "form-errors")
        expect(alert).to_contain_text("无法连接服务器，请检查网络后重试。")
        expect(alert).not_to_contain_text("fetch")
        expect(alert).to_be_in_viewport()
        expect(hook(page, "base-field-name")).to_have_value("离线时改的名字")
    finally:
        page.context.set_offline(False)


def test_an_import_error_names_the_sheets_column_and_an_impossible_date(page, tmp_path):
    entry = entry_years(3)[-1]
    headers = [c.header_zh for c in COLUMNS]
    values = {
        **{"学号": f"{entry}460702990", "姓名": "日期不对（演示）", "性别": "女", "出生日期": f"{entry - 18}-02-30"},
        **{"入学年份": entry, "班级": f"新能源汽车技术{entry}级1班", "指导教师邮箱": ""},
    }
    sheet = tmp_path / "students.xlsx"
    sheet.write_bytes(xlsx_bytes(headers, [[values[h] for h in headers]]))

    sign_in(page, "schooladmin@example.com")
    page.goto("/imports/students")
    page.set_input_files('[data-test="import-file"]', str(sheet))
    hook(page, "import-dry-run").click()
    error = hook(page, "import-row-error")
    expect(error).to_have_count(1)
    expect(error.locator("td").nth(1)).to_have_text("出生日期")
    expect(error).not_to_contain_text("birth_date")
    expect(error).not_to_contain_text("YYYY-MM-DD")
    screenshot(page, "errors-in-sight-import")


def test_a_wrong_password_names_what_was_typed_once_above_the_form(page):
    page.goto("/login")
    hook(page, "login-identifier").fill("13800000001")
    hook(page, "login-password").fill("not-the-password")
    hook(page, "login-submit").click()
    alert = hook(page, "form-errors")
    expect(alert).to_contain_text("电话号码")
    expect(page.get_by_text("电话号码和/或密码不正确")).to_have_count(1)
    expect(page.locator('[data-test^="field-error-"]')).to_have_count(0)
    # what was typed stays, to correct
    expect(hook(page, "login-identifier")).to_have_value("13800000001")


def test_the_sign_in_form_opens_with_the_username_activation_just_chose(page):
    page.goto("/login?identifier=wang_xiaoming")
    expect(hook(page, "login-identifier")).to_have_value("wang_xiaoming")
