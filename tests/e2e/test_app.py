"""The web app in a real browser: each role's home, the directory, editing with field errors, the language
switch, and the phone layout. Screenshots at phone width go to var/screenshots/."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import choose, hook, sign_in, zh_date

ROLES = [
    ("student@example.com", "home-student", "学生"),
    ("teacher@example.com", "home-teacher", "指导教师"),
    ("schooladmin@example.com", "home-school-admin", "学校管理员"),
    ("hr@example.com", "home-company", "企业"),
    ("analyst@example.com", "home-analyst", "分析"),
]


@pytest.mark.parametrize(("login", "section", "_label"), ROLES)
def test_each_demo_role_signs_in_and_sees_its_home(new_page, login, section, _label):
    page = new_page(viewport=PHONE)
    sign_in(page, login)
    expect(hook(page, section)).to_be_visible()
    expect(hook(page, "home-no-role")).to_have_count(0)
    assert no_horizontal_scroll(page)
    screenshot(page, f"home-{login.split('@')[0]}")


def test_a_student_signs_in_with_their_phone_number(page):
    sign_in(page, "13800000001")
    expect(hook(page, "home-student")).to_be_visible()


def test_a_wrong_password_is_explained_on_the_form(page):
    page.goto("/login")
    hook(page, "login-identifier").fill("student@example.com")
    hook(page, "login-password").fill("not-the-password")
    hook(page, "login-submit").click()
    expect(page.locator('[data-test="form-errors"], [data-test^="field-error-"]').first).to_be_visible()
    assert "/login" in page.url


def test_a_student_filters_bases_by_district_and_opens_one(new_page):
    page = new_page(viewport=PHONE)
    sign_in(page, "student@example.com")
    page.goto("/bases")
    expect(hook(page, "bases-title")).to_be_visible()
    choose(page, "base-filter-district", "汉南区")
    cards = hook(page, "base-card")
    expect(cards.first).to_be_visible()
    expect(cards.filter(has_text="小鹏汽车实习基地")).to_have_count(1)
    for text in cards.all_inner_texts():
        assert "汉南" in text
    screenshot(page, "bases-filtered")
    cards.filter(has_text="小鹏汽车实习基地").locator('[data-test="base-link"]').click()
    expect(hook(page, "base-title")).to_have_text("小鹏汽车实习基地")
    assert no_horizontal_scroll(page)
    screenshot(page, "base-detail")


def test_a_school_admin_records_a_site_inspection_and_sees_a_field_error_for_bad_input(page, tmp_path):
    """Inspections are the school's records (rule 14): no longer a date on the base's form, but a record with its
    findings and written report on the base's page."""
    sign_in(page, "schooladmin@example.com")
    page.goto("/bases?kind=on_campus")
    hook(page, "base-link").first.click()
    expect(hook(page, "base-inspections")).to_be_visible()
    before = hook(page, "inspection-item").count()
    hook(page, "inspection-add").click()
    report = tmp_path / "report.png"
    Image.new("RGB", (60, 40), "white").save(report)
    date_input = page.locator('[data-test="inspection-date"] input')
    date_input.fill(f.days_from_today(30).isoformat())  # not yet happened
    date_input.press("Enter")
    hook(page, "inspection-findings").fill("消防通道畅通，用电设施完好。")
    page.set_input_files('[data-test="inspection-file"]', str(report))
    hook(page, "inspection-submit").click()
    # an inspection is a thing of the past: the plausible range ends today
    expect(hook(page, "field-error-inspected_on")).to_contain_text(f"至 {f.today().isoformat()} 之间的日期")
    inspected = f.days_from_today(-5)
    date_input.fill(inspected.isoformat())
    date_input.press("Enter")
    hook(page, "inspection-submit").click()
    expect(hook(page, "inspection-item")).to_have_count(before + 1)
    expect(hook(page, "inspection-item").first).to_contain_text(zh_date(inspected))


def test_hr_sees_a_translated_field_error_for_a_wrong_credit_code(page, tmp_path):
    """A vetted company asks for a change of its credit code (the school decides); a wrong check character is
    refused on the field, in Chinese, before anything is asked."""
    sign_in(page, "hr@example.com")
    page.goto("/companies")
    hook(page, "company-link").filter(has_text="东风汽车集团有限公司").click()
    hook(page, "change-request-open").click()
    original = hook(page, "cr-credit-code").get_attribute("placeholder")
    wrong_check = original[:17] + ("0" if original[17] != "0" else "1")
    hook(page, "cr-credit-code").fill(wrong_check)
    evidence = tmp_path / "headcount.png"
    Image.new("RGB", (200, 120), (250, 250, 250)).save(evidence)
    page.set_input_files('[data-test="cr-evidence"]', str(evidence))
    hook(page, "cr-send").click()
    expect(hook(page, "field-error-credit_code")).to_contain_text("GB 32100-2015")
    expect(hook(page, "change-request-pending")).to_have_count(0)


def test_the_language_switch_changes_the_app_and_is_remembered(page):
    sign_in(page, "student@example.com")
    page.goto("/bases")
    expect(hook(page, "bases-title")).to_contain_text("实训基地")
    hook(page, "lang-switch").first.click()
    expect(hook(page, "bases-title")).to_contain_text("Training bases")
    expect(hook(page, "base-row").first).to_be_visible()
    page.reload()
    expect(hook(page, "bases-title")).to_contain_text("Training bases")
    assert page.evaluate("localStorage.getItem('locale')") == "en-US"


def test_the_phone_layout_has_a_drawer_and_no_horizontal_scroll(new_page):
    page = new_page(viewport=PHONE)
    sign_in(page, "schooladmin@example.com")
    for path in ["/", "/institutions", "/companies", "/bases", "/imports/students", "/imports/companies"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert no_horizontal_scroll(page), path
        screenshot(page, "phone" + (path.replace("/", "-") if path != "/" else "-home"))
    hook(page, "nav-drawer-button").click()
    expect(hook(page, "nav-drawer")).to_be_visible()
    page.locator('[data-test="nav-drawer"] [data-test="nav-bases"]').click()
    expect(hook(page, "bases-title")).to_be_visible()


def test_an_expired_session_returns_to_sign_in_and_then_to_the_wanted_page(page):
    sign_in(page, "student@example.com")
    page.context.clear_cookies()
    page.goto("/companies")
    page.wait_for_url("**/login**")
    hook(page, "login-identifier").fill("student@example.com")
    hook(page, "login-password").fill("Wuhan-2026-demo")
    hook(page, "login-submit").click()
    expect(hook(page, "companies-title")).to_be_visible()
