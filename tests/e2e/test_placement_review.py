"""Issue 17 at 390 px: a student whose placement ended rates the company, the base and the mentor (1–5 with
comments) on the placement's page; the review then reads as given. The company never sees it; the school reads its
own students' comments when vetting."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, running_placement, sign_in

STUDENT_NUMBER, USERNAME = "E2E-REVIEW-1", "e2e-review"


def test_a_student_reviews_an_ended_placement_the_school_reads_it_and_the_company_does_not(new_page, server_url):
    student_api = classmate(server_url, STUDENT_NUMBER, USERNAME, "评价测试同学")
    student, hr, teacher = new_page(PHONE), new_page(PHONE), new_page(PHONE)
    sign_in(student, USERNAME)
    sign_in(hr, "hr@example.com")
    sign_in(teacher, "teacher@example.com")
    pid = running_placement(server_url, student_api, student, hr, teacher)

    # the student must stop early; the school agrees: the placement has ended and may be reviewed
    teacher_api = api_as(server_url, "teacher@example.com")
    ok(student_api.request("POST", f"/api/v1/placements/{pid}/request-end/", {"reason": "家中有事需提前结束实习。"}))
    ended = ok(teacher_api.request("POST", f"/api/v1/placements/{pid}/decide-end/", {"approve": True, "reason": ""}))
    assert ended["status"] == "ended_early", ended

    student.goto(f"/placements/{pid}")
    form = hook(student, "review-form")
    expect(form).to_be_visible()
    # a submit without stars is refused in the page's language, and nothing is saved
    hook(student, "review-submit").click()
    expect(hook(student, "review-section")).to_contain_text("请为每一项打分。")
    expect(hook(student, "review-given")).to_have_count(0)
    for item, stars in (("company", 4), ("base", 5), ("mentor", 3)):
        hook(student, f"review-{item}-stars").locator(".el-rate__item").nth(stars - 1).click()
    hook(student, "review-company-comment").fill("带教认真，安全培训到位。")
    hook(student, "review-base-comment").fill("基地离地铁站较远。")
    hook(student, "review-submit").click()
    given = hook(student, "review-given")
    expect(given).to_contain_text("带教认真，安全培训到位。")
    expect(hook(student, "review-form")).to_have_count(0)
    screenshot(student, "placement-review-given")

    # the company reads no individual rating (and no section for it on its own company's page)
    review = ok(student_api.request("GET", f"/api/v1/placement-reviews/?placement={pid}"))
    company_id = ok(student_api.request("GET", f"/api/v1/placements/{pid}/"))["slot_detail"]["company_id"]
    hr_api = api_as(server_url, "hr@example.com")
    status, body = hr_api.request("GET", "/api/v1/placement-reviews/")
    assert status in (200, 403), body
    if status == 200:
        assert all(r.get("placement") != pid for r in body["results"]), body
    hr.goto(f"/companies/{company_id}")
    expect(hook(hr, "company-title")).to_be_visible()
    expect(hook(hr, "company-rating")).to_have_count(0)

    # the student's teacher reads the comment beside the company when vetting (the averages, from five reviews up,
    # are the service tests' to check: the demo world's own reviews may already have published one)
    teacher.goto(f"/companies/{company_id}")
    rating = hook(teacher, "company-rating")
    expect(rating.locator('[data-test="company-rating-comments"]')).to_contain_text("带教认真，安全培训到位。")
    assert review["count"] >= 1, review
