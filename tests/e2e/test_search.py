"""The staff search in the header (issue 14) in a real browser: a teacher finds a demo student by part of the name
and opens the student's page; HR finds its own slots and applicants and nothing about other students; on a phone
the search opens full screen. The field is GlobalSearch.vue, which AppLayout mounts in the header for staff."""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import api_as, hook, ok, sign_in

# The header may take a moment to mount the search after the sign-in lands.
MOUNTED = 30_000


def search(page, field, text: str) -> None:
    """Type `text` and wait for its answer (the list shows the previous answer while the next one loads)."""
    field.fill(text)
    expect(page.locator('[data-test="global-search-loading"]')).to_have_count(0)


def a_student_found_by_part_of_the_name(server_url: str) -> tuple[dict, str]:
    """A demo student of the teacher's school and a part of their name (the given name) that finds at most five
    students, so the student is among the results shown."""
    teacher = api_as(server_url, "teacher@example.com")
    for student in ok(teacher.request("GET", "/api/v1/students/?page_size=50"))["results"]:
        name = student["full_name"].split("（")[0]  # demo names end in （演示）
        part = name[1:] if len(name) > 2 else name
        found = ok(teacher.request("GET", f"/api/v1/students/?search={quote(part)}"))
        if found["count"] <= 5:
            return student, part
    raise AssertionError("every demo name part is shared by more than five students")


def test_a_teacher_finds_a_student_by_part_of_the_name_and_opens_their_page(page, server_url):
    student, part = a_student_found_by_part_of_the_name(server_url)
    sign_in(page, "teacher@example.com")
    field = hook(page, "global-search-input")
    expect(field).to_be_visible(timeout=MOUNTED)
    expect(field).to_have_attribute("placeholder", "搜索学生、企业、岗位、就业岗位…")

    page.locator("body").click()
    page.keyboard.press("/")  # the shortcut puts the cursor in the field
    expect(field).to_be_focused()
    page.keyboard.type(part)

    students = page.locator('[data-test="global-search-group"][data-kind="students"]')
    expect(students).to_be_visible()
    result = students.locator('[data-test="global-search-result"]').filter(has_text=student["full_name"])
    expect(result).to_have_count(1)
    expect(result).to_contain_text(student["student_number"])
    screenshot(page, "search-teacher")
    result.click()

    expect(page).to_have_url(re.compile(rf"/students/{student['id']}$"))
    expect(hook(page, "student-title")).to_have_text(student["full_name"])
    expect(hook(page, "student-detail-number")).to_have_text(student["student_number"])


def test_hr_finds_its_own_slots_and_applicants_and_no_other_student(page, server_url):
    hr = api_as(server_url, "hr@example.com")
    company = ok(hr.request("GET", "/api/v1/me/"))["companies"][0]["id"]
    own_slots = ok(hr.request("GET", f"/api/v1/slots/?company={company}&page_size=100"))["results"]
    applications = ok(hr.request("GET", "/api/v1/placements/?page_size=100"))["results"]
    assert own_slots and applications, "the demo HR's company has slots and applicants"
    applicant = applications[0]["student"]["full_name"]
    # A student of the teacher's school who never applied to the HR's company (nor shares a name with one who did).
    teacher = api_as(server_url, "teacher@example.com")
    applicants = {a["student"]["full_name"] for a in applications}
    stranger = next(
        s["full_name"]
        for s in ok(teacher.request("GET", "/api/v1/students/?page_size=100"))["results"]
        if s["full_name"] not in applicants
        and ok(hr.request("GET", f"/api/v1/placements/?search={quote(s['full_name'])}"))["count"] == 0
    )

    sign_in(page, "hr@example.com")
    field = hook(page, "global-search-input")
    expect(field).to_be_visible(timeout=MOUNTED)
    expect(field).to_have_attribute("placeholder", "搜索岗位、就业岗位、应聘学生…")

    # a word of one of its slot titles: only its own slots, though other companies' open slots are public
    word = own_slots[0]["title"][:4]
    search(page, field, word)
    slots = page.locator('[data-test="global-search-group"][data-kind="slots"]')
    expect(slots).to_be_visible()
    own_ids = {str(s["id"]) for s in own_slots}
    for href in slots.locator('[data-test="global-search-result"]').evaluate_all("els => els.map(e => e.href)"):
        assert href.rsplit("/", 1)[-1] in own_ids, href
    expect(page.locator('[data-test="global-search-group"][data-kind="students"]')).to_have_count(0)

    # an applicant to its slots, by name
    search(page, field, applicant)
    found = page.locator('[data-test="global-search-group"][data-kind="applicants"]')
    expect(found.locator('[data-test="global-search-result"]').filter(has_text=applicant).first).to_be_visible()
    screenshot(page, "search-hr")

    # a student who never applied to the company: nothing
    search(page, field, stranger)
    expect(hook(page, "global-search-empty")).to_be_visible()
    expect(page.locator('[data-test="global-search-result"]')).to_have_count(0)


def test_on_a_phone_the_search_opens_full_screen_and_leads_to_the_result(new_page, server_url):
    student, part = a_student_found_by_part_of_the_name(server_url)
    page = new_page(viewport=PHONE)
    sign_in(page, "teacher@example.com")
    opener = hook(page, "global-search-open")
    expect(opener).to_be_visible(timeout=MOUNTED)
    expect(hook(page, "global-search-input")).to_have_count(0)  # no field squeezed into the phone's header
    opener.click()

    dialog = hook(page, "global-search-dialog")
    expect(dialog).to_be_visible()
    field = dialog.locator('[data-test="global-search-input"]')
    expect(field).to_be_focused()
    search(page, field, part)
    result = dialog.locator('[data-test="global-search-result"][data-kind="students"]').filter(
        has_text=student["full_name"]
    )
    expect(result).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "search-phone")
    result.click()

    expect(page).to_have_url(re.compile(rf"/students/{student['id']}$"))
    expect(dialog).to_be_hidden()
    expect(hook(page, "student-title")).to_have_text(student["full_name"])
