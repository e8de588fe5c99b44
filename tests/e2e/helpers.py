"""What the browser tests do again and again: sign in, pick from an Element Plus select."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from tests import live

PASSWORD = "Wuhan-2026-demo"


def zh_date(day: date) -> str:
    """A date as the app shows it and its date pickers take it in Chinese: 2027年3月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def pick_date(page: Page, name: str, day: date) -> None:
    """Type a date into the Element Plus date picker carrying this data-test hook."""
    field = page.locator(f'[data-test="{name}"] input')
    field.click()
    field.fill(zh_date(day))
    field.press("Enter")
    page.keyboard.press("Escape")


def sign_in(page: Page, identifier: str, password: str = PASSWORD, *, next_path: str = "/") -> None:
    page.goto(f"/login?next={next_path}")
    page.locator('[data-test="login-identifier"]').fill(identifier)
    page.locator('[data-test="login-password"]').fill(password)
    page.locator('[data-test="login-submit"]').click()
    page.wait_for_url(lambda url: "/login" not in url)


def choose(page: Page, name: str, option: str) -> None:
    """Open the Element Plus select carrying this data-test hook and pick the option with this text."""
    page.locator(f'[data-test="{name}"]').click()
    page.get_by_role("option", name=option, exact=True).last.click()


def hook(page: Page, name: str):
    return page.locator(f'[data-test="{name}"]')


__all__ = ["choose", "expect", "hook", "sign_in"]


# What a browser test copies from a slot HR can edit to post one like it (same base, majors, dates, terms).
SLOT_FIELDS = [
    "base", "job_cluster", "kind", "majors", "required_certificates", "post_headcount", "start_date",
    "end_date", "work_starts", "work_ends", "break_minutes", "days_per_week", "rest_days", "shift_pattern",
    "banned_work", "work_hazard", "post_wage", "probation_wage", "stipend", "insurance_paid_by", "pay_cycle",
    "paid_directly", "charges_fees", "holds_documents", "mentor", "application_deadline",
]  # fmt: skip


def slot_copy(model: dict) -> dict:
    """A new slot's body copied from `model` (SLOT_FIELDS), with plain words: a demo slot whose description names
    a high-risk term its schools approved would send the copy to their review instead of opening it."""
    return {k: model[k] for k in SLOT_FIELDS} | {"description": "汽车维修与检测岗位实习（浏览器测试）。"}


def api_as(server_url: str, email: str) -> live.Browserless:
    """The API, signed in as this demo login, beside the browser (another session)."""
    client = live.Browserless(server_url)
    client.sign_in(email, PASSWORD)
    return client


def ok(answer: tuple[int, dict]) -> dict:
    """The body of a successful API answer (200 or 201: a read or a create); anything else fails the test."""
    status, body = answer
    assert status in (200, 201), body
    return body


def classmate(server_url: str, student_number: str, username: str, full_name: str) -> live.Browserless:
    """A new student in the demo student's class with the same advisor (teacher@example.com), enrolled by the
    school admin, activated with the one-time code and signed in (the API beside the browser): the demo student's
    term may already be taken by another browser test on the shared server."""
    admin = api_as(server_url, "schooladmin@example.com")
    me = ok(api_as(server_url, "student@example.com").request("GET", "/api/v1/me/"))["student"]
    model = ok(admin.request("GET", f"/api/v1/students/{me['id']}/"))
    fields = ("institution", "gender", "birth_date", "entry_year", "cohort", "advisor")
    body = {k: model[k] for k in fields} | {"student_number": student_number, "full_name": full_name}
    enrolled = ok(admin.request("POST", "/api/v1/students/", body))
    student = live.Browserless(server_url)
    student.request("GET", "/api/v1/csrf/")
    code = {"institution": model["institution"], "student_number": student_number, "code": enrolled["activation_code"]}
    ok(student.request("POST", "/api/v1/activation/", code | {"username": username, "password": PASSWORD}))
    status, answer = student.request(
        "POST", "/_allauth/browser/v1/auth/login", {"username": username, "password": PASSWORD}
    )
    assert status == 200, answer
    return student
