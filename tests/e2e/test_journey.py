"""The whole placement journey in three browsers at once: HR posts a slot, the student applies, the teacher
approves, HR confirms, each party uploads its paper, the placement starts, the student writes a journal, both
sides assess, the teacher completes it. Every step is clicked in the app; the other parties' notice bells
update live, without reloading."""

from __future__ import annotations

import re

from django.utils import translation
from PIL import Image
from playwright.sync_api import Page, expect

from placements.rules import BASES
from tests import factories as f
from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import api_as, choose, hook, ok, pick_date, sign_in, zh_date


def scan(tmp_path, name: str, color) -> str:
    path = tmp_path / f"{name}.png"
    Image.new("RGB", (120, 80), color).save(path)
    return str(path)


def unread(page: Page) -> int:
    badge = hook(page, "notice-count")
    text = badge.inner_text().strip() if badge.count() and badge.is_visible() else ""
    return int(text) if text.isdigit() else 0


def expect_bell_above(page: Page, before: int) -> None:
    expect(hook(page, "notice-count")).to_have_text(re.compile(r"\d+"), timeout=10_000)
    page.wait_for_function(
        "([n]) => { const e = document.querySelector('[data-test=\"notice-count\"]');"
        " return e && parseInt(e.innerText) > n; }",
        arg=[before],
        timeout=10_000,
    )


def test_the_whole_journey_in_three_browsers(new_page, tmp_path, server_url):
    hr, student, teacher = new_page(), new_page(viewport=PHONE), new_page()
    sign_in(hr, "hr@example.com")
    sign_in(student, "student@example.com")
    sign_in(teacher, "teacher@example.com")
    for page in (hr, student, teacher):
        expect(hook(page, "notice-offline")).to_have_count(0, timeout=10_000)

    # HR posts a slot; an unpaid-enough stipend is refused with the rule, then it is saved and published.
    hr.goto("/slots/new")
    hook(hr, "slot-title").fill("电池包装配实习（浏览器测试）")
    choose(hr, "slot-job_cluster", "生产制造")
    # Art. 17: the work is classified (a high-risk class is refused; this one is ordinary).
    choose(hr, "slot-work_hazard", "普通作业（不涉及高危作业）")
    hook(hr, "slot-majors").click()
    hr.get_by_role("option", name=re.compile("新能源汽车技术")).first.click()
    hr.keyboard.press("Escape")
    hr.locator('[data-test="slot-capacity"] input').fill("2")
    hr.locator('[data-test="slot-post_headcount"] input').fill("50")
    # A one-day slot starting today: a placement starts no sooner than its slot's first day and completes no
    # sooner than its last, so the whole journey fits in today (a browser cannot wait for a term to come).
    start = f.today()
    pick_date(hr, "slot-start_date", start)
    pick_date(hr, "slot-end_date", start)
    pick_date(hr, "slot-application_deadline", start)
    hr.locator('[data-test="slot-post_wage"] input').fill("5000")
    hr.locator('[data-test="slot-stipend"] input').fill("3000")
    hr.locator('[data-test="slot-stipend"] input').press("Tab")
    hook(hr, "slot-save-draft").click()
    # The stipend's floor cites the regulation's article 18 (《职业学校学生实习管理规定》第十八条), not a row.
    with translation.override("zh-hans"):
        expect(hook(hr, "field-error-stipend")).to_contain_text(BASES["pay"].citation)
    hr.locator('[data-test="slot-stipend"] input').fill("4200")
    hr.locator('[data-test="slot-stipend"] input').press("Tab")
    # Every placement needs a company mentor before it is confirmed: HR names the slot's (here, themselves).
    hook(hr, "slot-mentor").click()
    hr.get_by_role("option").filter(has_text="王经理").last.click()
    hook(hr, "slot-save-draft").click()
    hr.wait_for_url(re.compile(r"/slots/\d+$"))
    slot_id = int(hr.url.rstrip("/").split("/")[-1])
    hook(hr, "slot-publish").click()
    expect(hook(hr, "slot-status").first).to_have_attribute("data-status", "open")

    # The student applies from a phone; the teacher's and HR's bells ring without a reload.
    teacher_before, hr_before = unread(teacher), unread(hr)
    student.goto(f"/slots/{slot_id}")
    expect(hook(student, "slot-eligibility")).to_have_attribute("data-eligible", "true")
    hook(student, "slot-apply").click()
    hook(student, "apply-statement").fill("我是新能源汽车技术专业学生，希望参与电池包装配。")
    hook(student, "apply-submit").click()
    student.wait_for_url(re.compile(r"/placements/\d+$"))
    placement_id = int(student.url.rstrip("/").split("/")[-1])
    expect_bell_above(teacher, teacher_before)
    expect_bell_above(hr, hr_before)

    # The teacher approves from the queue with one click; the student's bell rings.
    student_before = unread(student)
    teacher.goto("/placements")
    row = teacher.locator(f'[data-test="placement-row"][data-id="{placement_id}"]')
    row.locator('[data-test="action-approve"]').click()
    expect(row).to_have_count(0)
    expect_bell_above(student, student_before)

    # HR confirms; the paperwork is flagged as missing, and the start is not offered until it is in.
    hr.goto("/placements")
    row = hr.locator(f'[data-test="placement-row"][data-id="{placement_id}"]')
    row.locator('[data-test="action-confirm"]').click()
    expect(row.locator('[data-test="placement-status"]')).to_have_attribute("data-status", "confirmed")
    expect(row.locator('[data-test="placement-missing"]')).to_be_visible()
    teacher.goto(f"/placements/{placement_id}")
    # Each missing paper says what it rests on behind a 依据 link that opens the clause.
    agreement = teacher.locator('[data-test="missing-item"][data-code="tripartite"]')
    expect(agreement).to_be_visible()
    agreement.locator('[data-test="rule-basis"]').click()
    expect(teacher.locator('[data-test="rule-basis-clause"]:visible')).to_be_visible()
    expect(hook(teacher, "action-start")).to_have_count(0)

    # Each party uploads its paper; a text file is refused on the file field.
    student.goto(f"/placements/{placement_id}")
    choose(student, "doc-kind", "学生及监护人知情同意书")
    student.set_input_files('[data-test="doc-file"]', scan(tmp_path, "consent", (20, 180, 60)))
    pick_date(student, "doc-signed-on", f.days_from_today(-1))
    hook(student, "doc-submit").click()
    expect(student.locator('[data-test="doc-item"][data-kind="consent"]')).to_be_visible()

    hr.goto(f"/placements/{placement_id}")
    choose(hr, "doc-kind", "三方协议")
    fake = tmp_path / "agreement.pdf"
    fake.write_text("not really a pdf")
    hr.set_input_files('[data-test="doc-file"]', str(fake))
    pick_date(hr, "doc-signed-on", f.today())
    hook(hr, "doc-submit").click()
    expect(hook(hr, "field-error-file")).to_be_visible()
    hr.set_input_files('[data-test="doc-file"]', scan(tmp_path, "agreement", (10, 120, 200)))
    hook(hr, "doc-submit").click()
    expect(hr.locator('[data-test="doc-item"][data-kind="tripartite"]')).to_be_visible()

    # The company's HR records the safety training the student passed: no start without it.
    expect(hook(hr, "placement-mentor")).to_contain_text("王经理")
    hook(hr, "record-training").click()
    hook(hr, "training-by").fill("东风汽车安全培训中心")
    trained_on = hr.locator('[data-test="training-on"] input')  # typed: the picker's Escape would close the dialog
    trained_on.fill(zh_date(f.today()))
    trained_on.press("Tab")
    hook(hr, "training-content").fill("装配线安全规范、高压电防护、消防与应急疏散。")
    hook(hr, "training-submit").click()
    expect(hr.locator('[data-test="safety-item"][data-passed="yes"]')).to_be_visible()

    # The school admin records the school's filing with the education authority (备案): no start without it.
    filing = {"placements": [placement_id], "filed_on": f.today().isoformat(), "authority": "武汉市教育局",
              "reference": "武教职备〔E2E〕1号"}  # fmt: skip
    ok(api_as(server_url, "schooladmin@example.com").request("POST", "/api/v1/filings/", filing))

    # The student's consent form waits for the school's check; the teacher checks it (核验通过).
    teacher.reload()
    consent = teacher.locator('[data-test="doc-item"][data-kind="consent"] [data-test="doc-check"]')
    expect(consent).to_have_attribute("data-state", "waiting")
    expect(teacher.locator('[data-test="missing-item"][data-code="consent_check"]')).to_be_visible()
    consent.locator('[data-test="doc-check-button"]').click()
    expect(consent).to_have_attribute("data-state", "checked")
    expect(teacher.locator('[data-test="missing-item"][data-code="consent_check"]')).to_have_count(0)

    choose(teacher, "doc-kind", "实习责任保险保单")
    teacher.set_input_files('[data-test="doc-file"]', scan(tmp_path, "insurance", (200, 150, 20)))
    hook(teacher, "doc-policy-number").fill("PICC-2027-0001")
    hook(teacher, "doc-insurer").fill("中国人保")
    hook(teacher, "doc-submit").click()
    expect(hook(teacher, "placement-status").first).to_have_attribute("data-status", "ready")

    # HR starts it; the teacher's bell rings.
    teacher_before = unread(teacher)
    hr.reload()
    hook(hr, "action-start").click()
    expect(hook(hr, "placement-status").first).to_have_attribute("data-status", "active")
    expect_bell_above(teacher, teacher_before)

    # The student writes a journal; the teacher comments.
    student.reload()
    hook(student, "journal-write").click()  # the weekly report's page, in the school's sections
    hook(student, "journal-title").fill("第一周：电池包装配入门")
    hook(student, "journal-section-0").fill("学习了装配线安全规范和扭矩工具的使用。")
    hook(student, "journal-submit").click()
    expect(hook(student, "journal-item")).to_have_count(1)
    teacher.reload()
    hook(teacher, "journal-comment-input").fill("记录清楚，下周写出遇到的问题。")
    hook(teacher, "journal-comment-submit").click()
    expect(hook(teacher, "journal-comment")).to_be_visible()

    # Both sides assess; the teacher completes it; the student's bell rings; the timeline tells the story.
    hook(teacher, "action-assess_teacher").click()
    hook(teacher, "assess-grade-good").click()
    hook(teacher, "assess-comments").fill("态度认真，日志及时。")
    hook(teacher, "assess-submit").click()
    expect(teacher.locator('[data-test="assessment-teacher"] .el-tag')).to_be_visible()
    hr.reload()
    hook(hr, "action-assess_company").click()
    hook(hr, "assess-grade-excellent").click()
    hook(hr, "assess-submit").click()
    expect(hr.locator('[data-test="assessment-company"] .el-tag')).to_be_visible()

    # One journal of the school's count: completion is not offered until the teacher waives the rest, saying why.
    teacher.reload()
    expect(hook(teacher, "action-complete")).to_have_count(0)
    hook(teacher, "action-waive_journals").click()
    hook(teacher, "reason-input").fill("一日实训，日志以现场记录代替。")
    hook(teacher, "reason-submit").click()
    expect(hook(teacher, "action-waive_journals")).to_have_count(0)

    student_before = unread(student)
    teacher.reload()
    hook(teacher, "action-complete").click()
    teacher.get_by_role("button", name="确定").click()
    expect(hook(teacher, "placement-status").first).to_have_attribute("data-status", "completed")
    expect(hook(teacher, "placement-final-grade")).to_contain_text("良好")
    expect_bell_above(student, student_before)
    assert hook(teacher, "timeline-item").count() >= 10
    student.reload()
    screenshot(student, "placement-completed")

    # The student opens the notice drawer, follows a notice and marks everything read.
    hook(student, "notice-bell").click()
    hook(student, "notice-read-all").click()
    expect(hook(student, "notice-count")).to_have_count(0, timeout=5_000)


def test_a_school_admin_exports_the_schools_placements_as_xlsx(new_page):
    admin = new_page()
    sign_in(admin, "schooladmin@example.com")
    admin.goto("/placements")
    with admin.expect_download() as download:
        hook(admin, "export-xlsx").click()
    path = download.value.path()
    with open(path, "rb") as f:
        assert f.read(2) == b"PK"
