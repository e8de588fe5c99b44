"""The whole journey of a recruitment fair in a real browser (issue 18), from the fair to a confirmed hire: the
school's admin opens a fair that has begun; the company's HR applies for a booth with a graduate job and the admin
approves it; a final-year student registers from a phone and shows the short code, which the admin types at the
desk; the admin's list shows who came and who did not; the student applies to the booth's job, HR proposes an
interview which the student picks, HR offers the job, the student accepts, the school confirms the graduate outcome,
and the fair's report counts the hire. The fair's draft and the job are made through the API (their forms have
their own browser tests); each step of the journey itself goes through the pages, at 390 and 1440 px."""

from __future__ import annotations

import time
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, sign_in, zh_date


def stage(page):
    return hook(page, "application-stage")


def test_from_a_fair_booth_to_a_confirmed_hire_the_report_counts(new_page, server_url):
    stamp = str(int(time.time()))[-6:]
    admin_api, hr_api = api_as(server_url, "schooladmin@example.com"), api_as(server_url, "hr@example.com")
    # a fair that has just begun, so the applications that follow count in its report
    starts = timezone.now() - timedelta(minutes=1)
    body = {"title": f"全流程专场招聘会 {stamp}", "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=6)).isoformat(), "venue": "武汉城市职业学院 体育馆"}  # fmt: skip
    fair = ok(admin_api.request("POST", "/api/v1/fairs/", body))
    path = f"/careers/fairs/{fair['id']}"
    job_title = f"新能源汽车装调技术员 {stamp}"
    job = ok(hr_api.request("POST", "/api/v1/jobs/", {
        "title": job_title, "district": "jiangxia", "salary_min": 5000, "salary_max": 7000, "headcount": 2,
        "closing_date": f.days_from_today(30).isoformat(), "description": "全流程浏览器测试岗位。",
    }))  # fmt: skip
    ok(hr_api.request("POST", f"/api/v1/jobs/{job['id']}/publish/"))

    # the school's admin publishes the fair
    admin = new_page(viewport=DESKTOP)
    sign_in(admin, "schooladmin@example.com")
    admin.goto(path)
    hook(admin, "fair-open").click()
    admin.locator(".el-message-box__btns .el-button--primary").click()
    expect(hook(admin, "fair-status")).to_have_attribute("data-status", "open")

    # the company's HR applies for a booth with the job; the admin approves it
    hr = new_page(viewport=DESKTOP)
    sign_in(hr, "hr@example.com")
    hr.goto(path)
    hook(hr, "booth-apply").click()
    hook(hr, "booth-jobs").click()
    hr.locator(".el-select-dropdown__item:visible").filter(has_text=job_title).click()
    hook(hr, "booth-save").click()
    expect(hook(hr, "my-booth-status")).to_have_attribute("data-status", "pending")
    admin.reload()
    booth = admin.locator('[data-test="booth-row"][data-company="东风汽车集团有限公司"]')
    booth.locator('[data-test="booth-approve"]').click()
    expect(booth.locator('[data-test="booth-status"]')).to_have_attribute("data-status", "approved")

    # a final-year student registers from a phone; a classmate registers too but will not come
    name = f"陈全程{stamp}"
    classmate(server_url, f"FJ{stamp}", f"fj{stamp}", name)
    absent = classmate(server_url, f"FK{stamp}", f"fk{stamp}", f"周缺席{stamp}")
    ok(absent.request("POST", f"/api/v1/fairs/{fair['id']}/register/"))
    student = new_page(viewport=PHONE)
    sign_in(student, f"fj{stamp}")
    student.goto(path)
    expect(hook(student, "booth-row").filter(has_text=job_title)).to_be_visible()
    hook(student, "fair-register").click()
    code = hook(student, "fair-code").inner_text().strip()
    assert len(code) == 6
    assert no_horizontal_scroll(student)

    # the desk: the admin types the student's short code
    admin.goto(f"{path}/check-in")
    hook(admin, "desk-code").fill(code)
    hook(admin, "desk-submit").click()
    expect(hook(admin, "desk-result")).to_have_attribute("data-state", "ok")
    expect(hook(admin, "desk-result")).to_contain_text(name)

    # the fair's page lists who came and who did not (the not-come list by default), with counts
    admin.goto(path)
    listed = hook(admin, "registrations-rows")
    expect(hook(admin, "registrations-absent")).to_contain_text("1")
    expect(listed).to_contain_text(f"周缺席{stamp}")
    expect(listed).not_to_contain_text(name)
    expect(hook(admin, "registrations-export")).to_be_enabled()
    hook(admin, "registrations-in").click()
    expect(listed).to_contain_text(name)
    expect(listed).not_to_contain_text(f"周缺席{stamp}")
    admin.set_viewport_size(PHONE)
    assert no_horizontal_scroll(admin)
    screenshot(admin, "fair-registrations-390")
    admin.set_viewport_size(DESKTOP)

    # the student applies to the booth's job from the fair's page
    student.reload()
    expect(hook(student, "fair-checked-in")).to_be_visible()
    hook(student, "booth-row").get_by_role("link", name=job_title).click()
    hook(student, "job-apply-note").fill("在招聘会上了解到这个岗位，希望留在武汉工作。")
    hook(student, "job-apply").click()
    expect(stage(student)).to_have_attribute("data-stage", "submitted")
    application_path = "/careers/applications/" + student.url.rstrip("/").rsplit("/", 1)[-1]

    # HR moves it to interview and proposes a time, which the student picks
    hr.goto(application_path)
    hook(hr, "move-interview").click()
    when = (timezone.localtime() + timedelta(days=2)).replace(hour=14, minute=0)
    hook(hr, "propose-time-0").fill(when.strftime("%Y-%m-%dT%H:%M"))
    hook(hr, "propose-location").fill("武汉城市职业学院 体育馆 3 号展位")
    hook(hr, "propose-submit").click()
    expect(stage(hr)).to_have_attribute("data-stage", "interview")
    student.goto(application_path)
    hook(student, "interview-pick").first.click()
    expect(hook(student, "interview-time")).to_be_visible()

    # HR offers the job; the student accepts
    hr.reload()
    expect(hook(hr, "interview").first).to_have_attribute("data-status", "scheduled")
    hook(hr, "move-offer").click()
    start = hr.locator('[data-test="offer-start-date"] input')
    start.click()
    start.fill(zh_date(f.days_from_today(45)))
    start.press("Tab")
    hook(hr, "offer-submit").click()
    expect(stage(hr)).to_have_attribute("data-stage", "offered")
    student.reload()
    hook(student, "move-accept").click()
    student.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(stage(student)).to_have_attribute("data-stage", "accepted")

    # the school confirms the graduate outcome
    admin.goto("/alumni/outcomes?confirmed=false")
    row = admin.locator('[data-test="outcome-row"]').filter(has_text=name)
    row.locator('[data-test="outcome-confirm"]').click()
    expect(admin.locator('[data-test="outcome-row"]').filter(has_text=name)).to_have_count(0)

    # the fair's report counts the booth, one check-in of two registered, and the hire (working in Wuhan)
    admin.goto(f"{path}/report")
    for figure, value in (("companies", "1"), ("registered", "2"), ("checked_in", "1"), ("applications", "1"),
                          ("interviews", "1"), ("offers", "1"), ("hired", "1"), ("stayed", "1")):  # fmt: skip
        expect(hook(admin, f"fair-report-{figure}")).to_contain_text(value)
    assert no_horizontal_scroll(admin)
    screenshot(admin, "fair-journey-report-1440")
