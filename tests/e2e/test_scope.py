"""Whom the internship regulation covers, in the app (issue 15, "Scope"): the institutions page says it for each
school from its kind, and a vocational school's placement settings say its checks cannot be relaxed (no switches)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import hook, sign_in


def regulation_tag(page, school: str):
    return hook(page, "institution-row").filter(has_text=school).locator('[data-test="institution-regulation"]')


def test_the_institutions_page_says_which_schools_the_regulation_covers(page):
    sign_in(page, "schooladmin@example.com")
    page.goto("/institutions")
    expect(regulation_tag(page, "武汉城市职业学院")).to_have_attribute("data-regulated", "true")
    expect(regulation_tag(page, "武汉商学院")).to_have_attribute("data-regulated", "false")
    expect(regulation_tag(page, "江汉大学")).to_have_text("不适用《规定》")


def test_a_vocational_schools_placement_settings_offer_nothing_to_relax(page):
    sign_in(page, "schooladmin@example.com")
    page.goto("/settings/placements")
    expect(hook(page, "policy-scope")).to_have_attribute("data-regulated", "true")
    expect(hook(page, "policy-scope")).to_contain_text("不能放宽")
    expect(hook(page, "policy-relax")).to_have_count(0)
