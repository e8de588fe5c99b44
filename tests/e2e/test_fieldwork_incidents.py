"""Incidents and teacher visits in a real browser at 390 px (issue 17): a student reports a hazard from a phone,
the teacher is told at once, answers it, and the response clock stops; the teacher records a visit and the
coverage page counts it.

The student is a new one in the demo student's class (the demo student's term may be taken by another browser
test), placed through the API on a one-day observation slot (认识实习: safety training and insurance only)."""

from __future__ import annotations

import json
import urllib.request
import uuid
from datetime import date

import pytest
from playwright.sync_api import expect

from tests import live
from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, sign_in, slot_copy
from tests.placements.helpers import image_bytes

STUDENT_NUMBER, USERNAME = "E2E-INCIDENT-1", "e2e-incident"


def upload(client: live.Browserless, path: str, fields: dict, file: tuple[str, bytes, str]) -> dict:
    """A multipart POST with the client's session (live.Browserless speaks JSON only)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    name, content, content_type = file
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    request = urllib.request.Request(client.base + path, data=b"".join(parts), method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Origin", client.base)
    request.add_header("X-CSRFToken", client.cookie("csrftoken") or "")
    with client.opener.open(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def placed(server_url) -> dict:
    """A new student of the demo teacher, with an active one-day observation placement at the demo company."""
    hr, teacher = (api_as(server_url, f"{who}@example.com") for who in ("hr", "teacher"))
    student = classmate(server_url, STUDENT_NUMBER, USERNAME, "事件测试同学")

    eligible = ok(student.request("GET", "/api/v1/slots/?eligible=true&page_size=100"))["results"]
    slot_model = next(
        s for s in (ok(hr.request("GET", f"/api/v1/slots/{s['id']}/")) for s in eligible) if s["can_edit"]
    )
    today = date.today().isoformat()
    days = {"start_date": today, "end_date": today, "application_deadline": today}
    slot = ok(
        hr.request(
            "POST",
            "/api/v1/slots/",
            slot_copy(slot_model)
            | days
            | {"title": "安全巡查认识实习（浏览器测试）", "kind": "observation", "capacity": 2, "publish": True},
        )
    )
    placement = ok(student.request("POST", "/api/v1/placements/", {"slot": slot["id"]}))
    ok(teacher.request("POST", f"/api/v1/placements/{placement['id']}/approve/", {}))
    ok(hr.request("POST", f"/api/v1/placements/{placement['id']}/confirm/", {}))
    insurance = {"kind": "insurance", "policy_number": "PICC-事件-1", "insurer": "中国人保", "covers_from": today,
                 "covers_to": today, "signed_on": today}  # fmt: skip
    upload(
        teacher,
        f"/api/v1/placements/{placement['id']}/documents/",
        insurance,
        ("p.png", image_bytes("PNG"), "image/png"),
    )
    training = {"delivered_by": "学校安全教育中心", "delivered_on": today, "hours": "4",
                "content": "岗位安全操作规程与应急处置。", "passed": True}  # fmt: skip
    ok(teacher.request("POST", f"/api/v1/placements/{placement['id']}/safety-training/", training))
    started = ok(teacher.request("POST", f"/api/v1/placements/{placement['id']}/start/", {}))
    assert started["status"] == "active", started
    return {"placement": placement["id"], "teacher": teacher}


def test_a_student_reports_a_hazard_and_the_teachers_answer_stops_the_clock(new_page, placed):
    student, teacher = new_page(viewport=PHONE), new_page(viewport=PHONE)
    sign_in(student, USERNAME)
    sign_in(teacher, "teacher@example.com")

    # the student reports from the phone
    student.goto(f"/incidents/report?placement={placed['placement']}")
    hook(student, "incident-kind-hazard").click()
    hook(student, "incident-severity-serious").click()
    hook(student, "incident-description").fill("总装车间通道地面有大片油污，已经有人滑倒，还没有人清理。")
    assert no_horizontal_scroll(student)
    hook(student, "incident-submit").click()
    student.wait_for_url("**/incidents/*")
    expect(hook(student, "incident-clock")).to_have_attribute("data-state", "running")
    expect(hook(student, "incident-status")).to_have_attribute("data-status", "open")
    incident_id = hook(student, "incident-detail").get_attribute("data-id")
    screenshot(student, "incident-reported-390")

    # the teacher was told at once
    notices = ok(placed["teacher"].request("GET", "/api/v1/notices/?page_size=50"))["results"]
    assert any(n["kind"] == "incident_reported" and n["link"] == f"/incidents/{incident_id}" for n in notices)

    # the teacher finds it among the open ones and answers it: the clock stops
    teacher.goto("/incidents?status=open")
    teacher.locator(f'[data-test="incident-row"][data-id="{incident_id}"]').click()
    # the list shows a clock per open incident (the demo world has some too): wait for this one's page
    teacher.wait_for_url(f"**/incidents/{incident_id}")
    expect(hook(teacher, "incident-detail")).to_have_attribute("data-id", incident_id)
    expect(hook(teacher, "incident-clock")).to_have_attribute("data-state", "running")
    hook(teacher, "incident-reply").fill("已联系企业安全员，通道已封闭清理，明天复查。")
    hook(teacher, "incident-reply-send").click()
    expect(hook(teacher, "incident-status")).to_have_attribute("data-status", "responded")
    expect(hook(teacher, "incident-clock")).to_have_attribute("data-state", "answered")
    assert no_horizontal_scroll(teacher)

    # the student sees the answer, and the clock stopped for them too
    student.reload()
    expect(hook(student, "incident-clock")).to_have_attribute("data-state", "answered")
    expect(hook(student, "incident-message")).to_contain_text("通道已封闭清理")


def test_an_anonymous_report_is_followed_by_its_code_and_the_school_never_sees_who(new_page, placed, server_url):
    student, admin = new_page(viewport=PHONE), new_page(viewport=PHONE)
    sign_in(student, USERNAME)
    sign_in(admin, "schooladmin@example.com")

    # the student reports anonymously: the page shows the follow-up code once, instead of the report's page
    student.goto(f"/incidents/report?placement={placed['placement']}")
    hook(student, "incident-kind-harassment").click()
    hook(student, "incident-severity-serious").click()
    hook(student, "incident-description").fill("带班师傅多次对实习生言语骚扰，不敢当面说。")
    hook(student, "incident-anonymous").click()
    hook(student, "incident-submit").click()
    code = hook(student, "incident-follow-up-code").inner_text().strip()
    assert len(code) >= 16, code
    assert no_horizontal_scroll(student)

    # the school's admin answers the report, which names no student
    admin.goto("/incidents?status=open")
    row = hook(admin, "incident-row").filter(has_text="匿名学生").first
    row.click()
    admin.wait_for_url("**/incidents/*")
    expect(hook(admin, "incident-detail")).not_to_contain_text("事件测试同学")
    hook(admin, "incident-reply").fill("学校已约谈企业负责人，请你放心，如再发生请继续留言。")
    hook(admin, "incident-reply-send").click()
    expect(hook(admin, "incident-status")).to_have_attribute("data-status", "responded")

    # the student follows it by the code: a wrong one is refused in Chinese, the right one shows the answer
    hook(student, "incident-follow-up-link").click()
    hook(student, "follow-up-code").fill("not-a-real-code-at-all")
    hook(student, "follow-up-submit").click()
    expect(hook(student, "field-error-code")).to_contain_text("查询码")
    hook(student, "follow-up-code").fill(code)
    hook(student, "follow-up-submit").click()
    expect(hook(student, "follow-up-incident")).to_have_attribute("data-status", "responded")
    expect(hook(student, "follow-up-message")).to_contain_text("学校已约谈企业负责人")
    hook(student, "follow-up-reply").fill("谢谢老师，这周没有再发生。")
    hook(student, "follow-up-send").click()
    expect(hook(student, "follow-up-message")).to_have_count(2)
    assert no_horizontal_scroll(student)
    screenshot(student, "incident-follow-up-390")

    # the admin reads the reply, from the anonymous side, still naming no one
    admin.reload()
    expect(hook(admin, "incident-message").last).to_contain_text("这周没有再发生")
    expect(hook(admin, "incident-detail")).not_to_contain_text("事件测试同学")


def test_a_visit_the_teacher_records_shows_in_the_coverage(new_page, placed):
    teacher = new_page(viewport=PHONE)
    sign_in(teacher, "teacher@example.com")
    teacher.goto("/visits/coverage")
    row = teacher.locator(f'[data-test="coverage-row"][data-placement="{placed["placement"]}"]')
    expect(row).to_have_attribute("data-visits", "0")
    row.locator('[data-test="coverage-record"]').click()
    hook(teacher, "visit-findings").fill("现场查看了工位和安全通道，学生状态良好。")
    hook(teacher, "visit-submit").click()
    expect(row).to_have_attribute("data-visits", "1")
    expect(row).to_have_attribute("data-missing", "0")
    assert no_horizontal_scroll(teacher)
    screenshot(teacher, "visit-coverage-390")
