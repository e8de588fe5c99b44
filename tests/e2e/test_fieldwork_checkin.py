"""Issue 17 at 390 px: a student on placement checks in from the phone (the browser's position at the base, read
once after the page has said what happens to it), asks for leave, the mentor (the company's HR, who mentors the
slot) and the teacher approve it, and the teacher sees the day as leave in the week's attendance."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests import factories as f
from tests import live
from tests.e2e.conftest import PHONE, TIMEZONE, screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, pick_date, school_checks_consent, sign_in, slot_copy
from tests.placements.helpers import image_bytes

STUDENT_NUMBER, USERNAME = "E2E-FIELDWORK-1", "e2e-fieldwork"
WEDZ = (30.4990, 114.1600)  # where the base is put if the school has not placed it yet (approximate)


def trainee(server_url: str) -> live.Browserless:
    """A new student of the demo student's class and advisor (teacher@example.com), activated."""
    return classmate(server_url, STUDENT_NUMBER, USERNAME, "签到测试同学")


def upload(page, path: str, fields: dict) -> None:
    """A multipart upload from the signed-in page's own session (the CSRF cookie sent back as the header)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    file = {"name": "paper.png", "mimeType": "image/png", "buffer": image_bytes(size=(120, 80))}
    answer = page.request.post(path, multipart=fields | {"file": file}, headers={"X-CSRFToken": token})
    assert answer.ok, answer.text()


@pytest.fixture
def phone(browser, server_url):
    contexts = []

    def _new(**options):
        context = browser.new_context(
            viewport=PHONE, locale="zh-CN", timezone_id=TIMEZONE, base_url=server_url, **options
        )
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


def test_a_students_day_check_in_leave_approved_by_mentor_and_teacher_seen_in_attendance(phone, server_url):
    student_api = trainee(server_url)
    hr_api, teacher_api = api_as(server_url, "hr@example.com"), api_as(server_url, "teacher@example.com")
    admin_api = api_as(server_url, "schooladmin@example.com")

    # HR posts a slot like one the student may apply to, starting today, with today a workday and working hours
    # around now (outside the night: check-in is refused outside them, which the page then says).
    eligible = ok(student_api.request("GET", "/api/v1/slots/?eligible=true&page_size=100"))["results"]
    model = next(s for s in (ok(hr_api.request("GET", f"/api/v1/slots/{s['id']}/")) for s in eligible) if s["can_edit"])
    today = f.today()
    now = datetime.now(ZoneInfo(settings.TIME_ZONE))
    starts = min(max(now.hour - 2, 6), 13)
    rest = sorted({(today.isoweekday() + k - 1) % 7 + 1 for k in (3, 4)})  # leave tomorrow falls on a workday
    slot_days = {
        "start_date": today.isoformat(), "end_date": (today + timedelta(days=30)).isoformat(),
        "application_deadline": today.isoformat(), "work_starts": f"{starts:02d}:00",
        "work_ends": f"{starts + 9:02d}:00", "break_minutes": 60, "days_per_week": 5, "rest_days": rest,
    }  # fmt: skip
    body = slot_copy(model) | slot_days | {"title": "签到测试岗位", "capacity": 2, "publish": True}
    slot = ok(hr_api.request("POST", "/api/v1/slots/", body))
    placement = ok(student_api.request("POST", "/api/v1/placements/", {"slot": slot["id"]}))
    pid = placement["id"]
    for first, second in (
        ((teacher_api, "approve"), (hr_api, "confirm")),
        ((hr_api, "confirm"), (teacher_api, "approve")),
    ):
        status, _ = first[0].request("POST", f"/api/v1/placements/{pid}/{first[1]}/", {"reason": ""})
        if status == 200:
            ok(second[0].request("POST", f"/api/v1/placements/{pid}/{second[1]}/", {"reason": ""}))
            break

    # the school has placed the base (the demo's approximate location) or places it now
    fence = ok(admin_api.request("GET", f"/api/v1/base-geofences/{slot['base']}/"))
    if not fence["is_set"]:
        place = {"latitude": str(WEDZ[0]), "longitude": str(WEDZ[1]), "radius_m": 500}
        fence = ok(admin_api.request("PATCH", f"/api/v1/base-geofences/{slot['base']}/", place))
    centre = {"latitude": float(fence["latitude"]) + 0.0005, "longitude": float(fence["longitude"]), "accuracy": 12}

    student = phone(geolocation=centre, permissions=["geolocation"])
    hr, teacher = phone(), phone()
    sign_in(student, USERNAME)
    sign_in(hr, "hr@example.com")
    sign_in(teacher, "teacher@example.com")

    # each party's paper, the safety training, the start: the placement is under way
    end = (today + timedelta(days=30)).isoformat()
    upload(student, f"/api/v1/placements/{pid}/documents/", {"kind": "consent", "signed_on": today.isoformat()})
    upload(hr, f"/api/v1/placements/{pid}/documents/", {"kind": "tripartite", "signed_on": today.isoformat()})
    upload(teacher, f"/api/v1/placements/{pid}/documents/",
           {"kind": "insurance", "policy_number": "PICC-签到-1", "insurer": "中国人保",
            "covers_from": today.isoformat(), "covers_to": end})  # fmt: skip
    school_checks_consent(teacher_api, pid)  # the student's consent paper counts once the school checked it
    training = {"delivered_by": "学校安全教育中心", "delivered_on": today.isoformat(), "hours": "4",
                "content": "岗位安全操作规程与应急处置。", "passed": True}  # fmt: skip
    ok(teacher_api.request("POST", f"/api/v1/placements/{pid}/safety-training/", training))
    filing = {"placements": [pid], "filed_on": today.isoformat(), "authority": "武汉市教育局",
              "reference": "武教职备〔E2E〕签到"}  # fmt: skip
    status, _ = admin_api.request("POST", "/api/v1/filings/", filing)
    assert status in (200, 201, 400), status  # 备案 first where it applies (a post internship; not an observation)
    ok(teacher_api.request("POST", f"/api/v1/placements/{pid}/start/", {}))

    # 签到 is a tab of the student's bar; the page says what happens to the location before anything is asked
    student.goto("/")
    hook(student, "tab-check-in").click()
    expect(hook(student, "checkin-privacy")).to_contain_text("不保存坐标")
    opens = datetime.combine(today, time(starts)) - timedelta(hours=1)
    closes = datetime.combine(today, time(starts + 9))
    checked_in = opens.time() <= now.time().replace(tzinfo=None) <= closes.time()
    if checked_in:
        hook(student, "checkin-button").click()
        expect(hook(student, "checkin-today")).to_have_attribute("data-outcome", "inside")
        expect(hook(student, "checkin-outcome")).to_have_text("在基地内")
    else:  # the test runs in the night: the page gives the reason instead of a button that fails
        expect(hook(student, "checkin-refusal")).to_contain_text("签到")
        expect(hook(student, "checkin-button")).to_be_disabled()
    screenshot(student, "fieldwork-checkin-phone")

    # the student asks for leave tomorrow
    tomorrow = today + timedelta(days=1)
    hook(student, "checkin-to-leave").click()
    hook(student, "leave-kind-personal").click()
    pick_date(student, "leave-start", tomorrow)
    pick_date(student, "leave-end", tomorrow)
    hook(student, "leave-reason").fill("回校参加技能竞赛集训。")
    hook(student, "leave-submit").click()
    row = hook(student, "leave-row").first
    expect(row).to_have_attribute("data-status", "pending_mentor")

    # the student's home opens on today: the check-in (or when it opens) and the leave waiting for a decision
    student.goto("/")
    home_today = hook(student, "home-today")
    expect(home_today).to_have_attribute("data-outcome", "inside" if checked_in else "none")
    expect(hook(student, "home-today-leave")).to_contain_text("1 条请假待审批")
    hook(student, "home-today-leave").click()
    expect(hook(student, "leave-row").first).to_have_attribute("data-status", "pending_mentor")

    # the mentor's desk shows the intern: today's check-in (or none yet) and the leave waiting for them
    hr.goto("/mentor")
    intern = hook(hr, "mentor-intern").filter(has_text="签到测试同学")
    expect(intern.locator('[data-test="mentor-intern-leave"]')).to_contain_text("1")
    today_line = intern.locator('[data-test="mentor-intern-today"] [data-outcome]')
    expect(today_line).to_have_attribute("data-outcome", "inside" if checked_in else "none")

    # the mentor (HR mentors this slot) approves, then the teacher
    for page in (hr, teacher):
        page.goto("/fieldwork/leave/decide")
        mine = hook(page, "leave-row").filter(has_text="签到测试同学")
        expect(mine).to_have_count(1)
        mine.locator('[data-test="leave-approve"]').click()
        expect(hook(page, "leave-row").filter(has_text="签到测试同学")).to_have_count(0)
    student.reload()
    expect(hook(student, "leave-row").first).to_have_attribute("data-status", "approved")

    # the teacher's week of tomorrow shows the day as leave
    year, week, _ = tomorrow.isocalendar()
    teacher.goto(f"/fieldwork/attendance?week={year}-W{week:02d}")
    card = teacher.locator('[data-test="attendance-row"][data-student="签到测试同学"]')
    expect(card).to_be_visible()
    expect(card.locator('[data-test="count-leave"]')).to_contain_text("1")
    expect(card.locator(f'[data-test="day-{tomorrow.isoformat()}"]')).to_have_attribute("data-state", "leave")
    screenshot(teacher, "fieldwork-attendance-phone")
