"""Issue 17 at 390 px: a student on placement writes the weekly report in the school's sections with a photo, keeps
a draft, submits it; the teacher opens the review list (unread first), comments with a score and goes on to the
next. The installable app's service worker and manifest are served at the root, never cached."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import live
from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, running_placement, sign_in
from tests.placements.helpers import image_bytes

STUDENT_NUMBER, USERNAME = "E2E-WEEKLY-1", "e2e-weekly"


def trainee(server_url: str) -> live.Browserless:
    """A new student of the demo student's class and advisor (teacher@example.com), activated and signed in."""
    return classmate(server_url, STUDENT_NUMBER, USERNAME, "周记测试同学")


def test_a_weekly_report_in_sections_with_a_photo_reviewed_by_the_teacher_with_a_score(new_page, server_url, tmp_path):
    student_api = trainee(server_url)
    student, hr, teacher = new_page(PHONE), new_page(PHONE), new_page(PHONE)
    sign_in(student, USERNAME)
    sign_in(hr, "hr@example.com")
    sign_in(teacher, "teacher@example.com")
    pid = running_placement(server_url, student_api, student, hr, teacher)

    # the placement page leads to the weekly report, written under the school's four sections
    student.goto(f"/placements/{pid}")
    hook(student, "journal-write").click()
    expect(hook(student, "journal-section-3")).to_be_visible()
    expect(student.get_by_text("下周计划", exact=True)).to_be_visible()
    hook(student, "journal-title").fill("第一周：电池包装配")
    hook(student, "journal-section-0").fill("跟师傅学习电池包装配和绝缘检测。")
    hook(student, "journal-section-1").fill("掌握了扭矩扳手的使用。")
    hook(student, "journal-section-3").fill("学习电机检修。")
    photo = tmp_path / "现场.png"
    photo.write_bytes(image_bytes(size=(160, 120)))
    hook(student, "journal-photo-input").set_input_files(str(photo))
    expect(hook(student, "journal-photo")).to_have_count(1)
    hook(student, "journal-save-draft").click()
    expect(hook(student, "journal-save-state")).to_contain_text("草稿已保存")

    # the draft is kept: a reload brings it back from the server
    student.reload()
    expect(hook(student, "journal-title")).to_have_value("第一周：电池包装配")
    expect(hook(student, "journal-photo")).to_have_count(1)
    assert student.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(student, "weekly-report-phone")
    hook(student, "journal-submit").click()
    student.wait_for_url(f"**/placements/{pid}")
    item = hook(student, "journal-item").filter(has_text="第一周：电池包装配")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("本周工作")
    [journal] = ok(student_api.request("GET", f"/api/v1/journals/?placement={pid}"))["results"]
    assert journal["status"] == "submitted" and len(journal["photos"]) == 1

    # the teacher's review list: this journal unread, at the top among the unread
    teacher.goto("/journals/review")
    row = teacher.locator(f'[data-test="review-item"][data-id="{journal["id"]}"]')
    expect(row).to_have_attribute("data-unread", "true")
    row.locator("button").click()
    expect(hook(teacher, "review-detail")).to_contain_text("跟师傅学习电池包装配")
    expect(row).to_have_attribute("data-unread", "false")
    hook(teacher, "review-comment").fill("记录具体，下周写出遇到的问题。")
    score = teacher.locator('[data-test="review-score"] input')
    score.fill("88")
    score.press("Tab")
    hook(teacher, "review-save-next").click()
    expect(teacher.locator(".el-message").first).to_be_visible()
    screenshot(teacher, "journal-review-phone")
    saved = ok(api_as(server_url, "teacher@example.com").request("GET", f"/api/v1/journals/{journal['id']}/"))
    assert saved["teacher_comment"] == "记录具体，下周写出遇到的问题。" and saved["score"] == 88
    # "next" opened another unread journal, or said there is none left
    detail = hook(teacher, "review-detail")
    expect(detail.or_(teacher.get_by_text("没有未读的周记了"))).to_be_visible()

    # the student reads the score and the comment on the placement's page
    student.reload()
    expect(hook(student, "journal-score").first).to_contain_text("88")

    # the installable app: worker and manifest at the root, never cached
    for path, kind in (("/sw.js", "javascript"), ("/manifest.webmanifest", "manifest+json")):
        answer = student.request.get(path)
        assert answer.status == 200, path
        assert kind in answer.headers["content-type"] and "no-cache" in answer.headers["cache-control"]
