"""Issue 14, navigation for five roles: a left menu grouped by domain on a desktop, with the counts of things to
do; a bottom tab bar for students and the grouped drawer for staff on a phone, where the brand keeps its name."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, no_horizontal_scroll
from tests.e2e.helpers import hook, sign_in

GROUPS = ["placements", "matching", "certificates", "stay", "directory", "settings"]
ADMIN_ONLY = ["nav-teachers", "nav-import-students", "nav-placement-settings", "nav-company-change-requests"]


def todo(page) -> dict[str, dict]:
    items = page.evaluate("fetch('/api/v1/me/todo/').then((r) => r.json())")["items"]
    return {item["key"]: item for item in items}


def brand_fits(page) -> bool:
    return page.evaluate(
        "(() => { const b = document.querySelector('[data-test=\"brand\"]'); return b.scrollWidth <= b.clientWidth })()"
    )


def test_school_admin_sees_the_menu_in_groups_with_counts_that_match_their_lists(new_page):
    page = new_page(viewport=DESKTOP)
    sign_in(page, "schooladmin@example.com")
    nav = hook(page, "side-nav")
    expect(nav).to_be_visible()
    for group in GROUPS:
        expect(hook(page, f"nav-group-{group}")).to_be_visible()
    # every item in sight: no horizontal bar hiding them under "•••"
    expect(page.locator(".el-menu--horizontal")).to_have_count(0)
    expect(page.get_by_text("•••")).to_have_count(0)
    for test in ADMIN_ONLY:
        expect(hook(page, test)).to_be_visible()
    expect(hook(page, "global-search")).to_have_count(1)
    page.screenshot(path="/tmp/nav-desktop-admin.png")

    # the placements badge says how many wait for the school, and leads to exactly those
    waiting = todo(page)["placements_to_approve"]["count"]
    assert waiting > 0, "the demo world has applications waiting for the school"
    badge = hook(page, "nav-placements-badge")
    expect(badge).to_contain_text(str(min(waiting, 99)) if waiting <= 99 else "99+")
    badge.click()
    page.wait_for_url("**/placements?**awaiting=school**")
    expect(hook(page, "placements-awaiting")).to_be_visible()
    expect(hook(page, "list-total")).to_contain_text(str(waiting))
    # the current page is marked in its open group
    expect(page.locator('[data-test="nav-placements"].is-active')).to_be_visible()

    # collapsed to icons, remembered; a collapsed group shows the sum of its items' counts
    hook(page, "nav-collapse").click()
    expect(page.locator(".app-aside--collapsed")).to_be_visible()
    page.reload()
    expect(page.locator(".app-aside--collapsed")).to_be_visible()
    expect(hook(page, "nav-group-placements").locator(".el-badge__content").first).to_be_visible()
    page.screenshot(path="/tmp/nav-desktop-admin-collapsed.png")
    hook(page, "nav-collapse").click()
    expect(page.locator(".app-aside--collapsed")).to_have_count(0)


def test_teacher_sees_no_admin_only_item(new_page):
    page = new_page(viewport=DESKTOP)
    sign_in(page, "teacher@example.com")
    expect(hook(page, "nav-certificates-verify")).to_be_visible()
    expect(hook(page, "nav-students")).to_be_visible()
    for test in ADMIN_ONLY:
        expect(hook(page, test)).to_have_count(0)
    hook(page, "nav-bases").click()
    expect(hook(page, "bases-title")).to_be_visible()
    expect(page.locator('[data-test="nav-group-directory"].is-active')).to_have_count(1)
    page.screenshot(path="/tmp/nav-desktop-teacher.png")


def test_student_on_a_phone_has_a_bottom_tab_bar_and_reaches_security_through_me(new_page):
    page = new_page(viewport=PHONE)
    sign_in(page, "student@example.com")
    bar = hook(page, "tab-bar")
    expect(bar).to_be_visible()
    expect(bar.locator(".tab-bar__tab")).to_have_count(6)  # 签到 joined the bar (issue 17)
    for tab in ["tab-home", "tab-slots", "tab-placements", "tab-check-in", "tab-notices", "tab-me"]:
        expect(hook(page, tab)).to_be_visible()
    expect(hook(page, "nav-drawer-button")).to_have_count(0)
    expect(hook(page, "global-search")).to_have_count(0)  # the search is for staff
    # nothing hides under the bar: the page ends above it
    padding = page.evaluate("parseFloat(getComputedStyle(document.getElementById('main')).paddingBottom)")
    assert padding >= 56
    assert brand_fits(page)
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/nav-phone-student.png", full_page=True)

    hook(page, "tab-notices").click()
    expect(hook(page, "notice-drawer")).to_be_visible()
    page.keyboard.press("Escape")

    hook(page, "tab-slots").click()
    page.wait_for_url("**/slots")
    expect(hook(page, "tab-slots")).to_have_attribute("aria-current", "page")

    hook(page, "tab-me").click()
    page.wait_for_url("**/me")
    for test in ["nav-certificates", "nav-my-outcome", "nav-breaches", "nav-security", "me-logout"]:
        expect(hook(page, test)).to_be_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/nav-phone-student-me.png", full_page=True)
    hook(page, "nav-security").click()
    expect(hook(page, "security-title")).to_be_visible()


def test_staff_on_a_phone_get_the_grouped_drawer_and_the_brand_keeps_its_name(new_page):
    page = new_page(viewport=PHONE)
    sign_in(page, "schooladmin@example.com")
    expect(hook(page, "tab-bar")).to_have_count(0)
    expect(hook(page, "brand")).to_have_text("校企实习平台")
    assert brand_fits(page)
    expect(hook(page, "lang-switch").first).to_be_visible()
    expect(hook(page, "global-search")).to_have_count(1)
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/nav-phone-admin.png")
    hook(page, "nav-drawer-button").click()
    drawer = hook(page, "nav-drawer")
    expect(drawer).to_be_visible()
    for group in GROUPS:
        expect(drawer.locator(f'[data-test="nav-group-{group}"]')).to_be_visible()
    page.screenshot(path="/tmp/nav-phone-admin-drawer.png")
    drawer.locator('[data-test="nav-companies"]').click()
    expect(hook(page, "companies-title")).to_be_visible()
    # in English too, the brand and the language switch keep their room
    hook(page, "lang-switch").first.click()
    expect(hook(page, "brand")).to_be_visible()
    assert brand_fits(page)
    assert no_horizontal_scroll(page)
