"""A large student import becomes a background job (issue 16): on a phone the admin confirms a sheet of more rows
than the threshold, the page shows the job's progress bar until it is done and then the new codes (taken once);
the 后台任务 list on a desktop shows the finished job, with no codes left to take."""

from __future__ import annotations

from django.conf import settings
from playwright.sync_api import expect

from schools.demo import entry_years
from schools.imports import COLUMNS
from tests.e2e.conftest import DESKTOP, PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import hook, sign_in
from tests.sheets import xlsx_bytes


def test_a_large_import_runs_as_a_job_with_a_progress_bar_then_hands_over_the_codes(new_page, tmp_path):
    entry = entry_years(3)[-1]
    headers = [c.header_zh for c in COLUMNS]
    count = settings.JOBS_IMPORT_THRESHOLD + 5
    rows = []
    for n in range(count):
        values = {
            **{"学号": f"{entry}4607035{n:03d}", "姓名": f"批量生{n}（演示）", "性别": "男"},
            **{"出生日期": f"{entry - 18}-05-01", "入学年份": entry, "班级": "", "指导教师邮箱": ""},
        }
        rows.append([values[h] for h in headers])
    sheet = tmp_path / "students.xlsx"
    sheet.write_bytes(xlsx_bytes(headers, rows))

    page = new_page(viewport=PHONE)
    sign_in(page, "schooladmin@example.com")
    page.goto("/imports/students")
    page.set_input_files('[data-test="import-file"]', str(sheet))
    hook(page, "import-dry-run").click()
    expect(hook(page, "import-checked")).to_be_visible()
    hook(page, "import-confirm").click()
    progress = hook(page, "job-progress")
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("data-status", "succeeded", timeout=60_000)
    expect(progress.locator(".el-progress")).to_be_visible()
    # the codes come once, taken by the page as the job ends, and read as an inline import's
    expect(page.locator('[data-test="import-code"]')).to_have_count(count)
    expect(hook(page, "import-result")).to_contain_text(str(count))
    assert no_horizontal_scroll(page)
    screenshot(page, "background-job-import-390")

    desk = new_page(viewport=DESKTOP)
    sign_in(desk, "schooladmin@example.com")
    desk.goto("/background-jobs")
    expect(hook(desk, "jobs-title")).to_have_text("后台任务")
    first = desk.locator('[data-test="job-row"]').first
    expect(first).to_contain_text("学生导入")
    expect(first.locator('[data-test="job-status"]')).to_have_text("已完成")
    expect(first.locator('[data-test="job-codes"]')).to_have_count(0)  # taken already: not offered again
    screenshot(desk, "background-jobs-1440")
