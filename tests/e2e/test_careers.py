"""From internship to a job in a real browser (issue 18): the company's HR posts a graduate job, the final-year
student applies from a phone, HR proposes an interview, the student picks its time, HR offers the job, the student
accepts, and the school's admin confirms the graduate outcome the accepted offer recorded."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import choose, hook, sign_in, zh_date


def stage(page):
    return hook(page, "application-stage")


def test_hr_posts_a_job_and_hires_a_student_whose_outcome_the_school_confirms(new_page):
    hr, student, admin = new_page(), new_page(viewport=PHONE), new_page()
    sign_in(hr, "hr@example.com")
    sign_in(student, "student@example.com")
    sign_in(admin, "schooladmin@example.com")
    title = "新能源汽车售后技术员（浏览器测试）"

    # HR posts a draft and publishes it
    hr.goto("/careers/jobs")
    hook(hr, "job-new").click()
    hook(hr, "job-title").fill(title)
    choose(hr, "job-district", "江夏区")
    closing = hr.locator('[data-test="job-closing_date"] input')
    closing.click()
    closing.fill(zh_date(f.days_from_today(30)))
    closing.press("Tab")
    hook(hr, "job-save").click()
    expect(hook(hr, "job-title-heading")).to_contain_text(title)
    hook(hr, "job-publish").click()
    expect(hook(hr, "job-status")).to_have_attribute("data-status", "open")
    job_path = "/careers/jobs/" + hr.url.rstrip("/").rsplit("/", 1)[-1]

    # the final-year student applies from a phone
    student.goto(job_path)
    hook(student, "job-apply-note").fill("实习期间做过电池包检测，希望留在武汉工作。")
    hook(student, "job-apply").click()
    expect(stage(student)).to_have_attribute("data-stage", "submitted")
    assert no_horizontal_scroll(student)
    application_path = "/careers/applications/" + student.url.rstrip("/").rsplit("/", 1)[-1]

    # HR proposes an interview time
    hr.goto(application_path)
    expect(hook(hr, "application-resume")).to_contain_text("张明")
    hook(hr, "move-interview").click()
    when = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0)
    hook(hr, "propose-time-0").fill(when.strftime("%Y-%m-%dT%H:%M"))
    hook(hr, "propose-location").fill("江夏区金港新区 行政楼 201")
    hook(hr, "propose-submit").click()
    expect(stage(hr)).to_have_attribute("data-stage", "interview")

    # the student picks it and can add it to a calendar
    student.goto(application_path)
    hook(student, "interview-pick").first.click()
    expect(hook(student, "interview-time")).to_be_visible()
    expect(hook(student, "interview-ics")).to_be_visible()
    screenshot(student, "careers-interview-phone")

    # HR offers the job
    hr.reload()
    expect(hook(hr, "interview").first).to_have_attribute("data-status", "scheduled")
    hook(hr, "move-offer").click()
    start = hr.locator('[data-test="offer-start-date"] input')
    start.click()
    start.fill(zh_date(f.days_from_today(60)))
    start.press("Tab")
    hook(hr, "offer-submit").click()
    expect(stage(hr)).to_have_attribute("data-stage", "offered")

    # the student accepts: the outcome waits for the school
    student.reload()
    hook(student, "move-accept").click()
    student.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(stage(student)).to_have_attribute("data-stage", "accepted")
    expect(hook(student, "application-outcome")).to_have_attribute("data-confirmed", "false")

    # the school's admin confirms it
    admin.goto("/alumni/outcomes?confirmed=false")
    row = admin.locator('[data-test="outcome-row"]').filter(has_text="张明").first
    expect(row).to_be_visible()
    row.locator('[data-test="outcome-confirm"]').click()
    expect(admin.locator('[data-test="outcome-row"]').filter(has_text="张明")).to_have_count(0)
    student.reload()
    expect(hook(student, "application-outcome")).to_have_attribute("data-confirmed", "true")
    screenshot(admin, "careers-outcome-confirmed")
