"""What the browser tests do again and again: sign in, pick from an Element Plus select."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests import factories as f
from tests import live
from tests.placements.helpers import image_bytes

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


def upload_paper(client: live.Browserless, page, path: str, fields: dict) -> None:
    """Upload a paper (a generated image) to `path` from `page`'s session, with these form fields."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    file = {"name": "paper.png", "mimeType": "image/png", "buffer": image_bytes(size=(160, 120))}
    answer = page.request.post(path, multipart=fields | {"file": file}, headers={"X-CSRFToken": token})
    assert answer.ok, answer.text()


def school_checks_consent(school_api, pid: int) -> None:
    """The school checks the consent papers waiting on the placement: a student's paper counts only then."""
    placement = ok(school_api.request("GET", f"/api/v1/placements/{pid}/"))
    for document in placement["documents"]:
        if document.get("check_state") == "waiting":
            ok(school_api.request("POST", f"/api/v1/placement-documents/{document['id']}/check/", {}))


def running_placement(server_url: str, student_api, student_page, hr_page, teacher_page) -> int:
    """A placement of the student signed in as `student_api` (and in `student_page`) on a new slot copied from one the
    demo HR can edit, applied, decided, papered, trained, filed and started today."""
    hr_api, teacher_api = api_as(server_url, "hr@example.com"), api_as(server_url, "teacher@example.com")
    eligible = ok(student_api.request("GET", "/api/v1/slots/?eligible=true&page_size=100"))["results"]
    model = next(s for s in (ok(hr_api.request("GET", f"/api/v1/slots/{s['id']}/")) for s in eligible) if s["can_edit"])
    today = f.today()
    days = {
        "start_date": today.isoformat(), "end_date": (today + timedelta(days=60)).isoformat(),
        "application_deadline": today.isoformat(),
    }  # fmt: skip
    body = slot_copy(model) | days | {"title": "周记测试岗位", "capacity": 2, "publish": True}
    slot = ok(hr_api.request("POST", "/api/v1/slots/", body))
    pid = ok(student_api.request("POST", "/api/v1/placements/", {"slot": slot["id"]}))["id"]
    for first, second in (
        ((teacher_api, "approve"), (hr_api, "confirm")),
        ((hr_api, "confirm"), (teacher_api, "approve")),
    ):
        status, _ = first[0].request("POST", f"/api/v1/placements/{pid}/{first[1]}/", {"reason": ""})
        if status == 200:
            ok(second[0].request("POST", f"/api/v1/placements/{pid}/{second[1]}/", {"reason": ""}))
            break
    end = (today + timedelta(days=60)).isoformat()
    upload_paper(student_api, student_page, f"/api/v1/placements/{pid}/documents/",
           {"kind": "consent", "signed_on": today.isoformat()})  # fmt: skip
    upload_paper(hr_api, hr_page, f"/api/v1/placements/{pid}/documents/",
           {"kind": "tripartite", "signed_on": today.isoformat()})  # fmt: skip
    upload_paper(teacher_api, teacher_page, f"/api/v1/placements/{pid}/documents/",
           {"kind": "insurance", "policy_number": "PICC-周记-1", "insurer": "中国人保",
            "covers_from": today.isoformat(), "covers_to": end})  # fmt: skip
    school_checks_consent(teacher_api, pid)  # the student's consent paper counts once the school checked it
    training = {"delivered_by": "学校安全教育中心", "delivered_on": today.isoformat(), "hours": "4",
                "content": "岗位安全操作规程与应急处置。", "passed": True}  # fmt: skip
    ok(teacher_api.request("POST", f"/api/v1/placements/{pid}/safety-training/", training))
    filing = {"placements": [pid], "filed_on": today.isoformat(), "authority": "武汉市教育局",
              "reference": "武教职备〔E2E〕周记"}  # fmt: skip
    status, _ = api_as(server_url, "schooladmin@example.com").request("POST", "/api/v1/filings/", filing)
    assert status in (200, 201, 400), status  # 备案 first where the school's rules ask for it
    ok(teacher_api.request("POST", f"/api/v1/placements/{pid}/start/", {}))
    return pid
