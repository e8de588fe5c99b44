"""Issue 14 in a real browser: what a new user hit in the first hour. A teacher is not buried in notices and
sorts them by kind (defect 6); the internship-to-hire conversion has figures in the demo world and an empty table
offers no download (defect 7); after a student import the admin downloads the new activation codes (defect 1)."""

from __future__ import annotations

import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from schools.demo import entry_years
from schools.imports import COLUMNS
from tests.e2e.conftest import screenshot
from tests.e2e.helpers import hook, sign_in
from tests.sheets import xlsx_bytes

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def api_unread(page) -> int:
    return page.request.get("/api/v1/notices/unread/").json()["unread"]


def test_a_teacher_starts_with_a_handful_of_notices_and_clears_one_kind_at_a_time(page):
    sign_in(page, "teacher@example.com")
    start = api_unread(page)
    # the demo world gives a handful (tests/demo); browser tests before this one on the shared server add a few
    assert 0 < start <= 30, f"the demo teacher begins with {start} unread notices"
    home = page.locator("main").inner_text()
    assert "日志" not in home, "the weekly journal is 周记 everywhere"

    hook(page, "notice-bell").click()
    drawer = hook(page, "notice-drawer")
    expect(drawer.get_by_text(re.compile(rf"^{start} 条未读$"))).to_be_visible()
    items = drawer.locator('[data-test="notice-item"]')
    expect(items.first).to_be_visible()
    for text in items.all_inner_texts():
        assert not ISO_DATE.search(text), f"a date in ISO form in a Chinese notice: {text}"
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)

    # filter by the kind with the most unread notices (listed first), then mark that kind read
    hook(page, "notice-kind").click()
    option = page.locator('[data-test="notice-kind-option"]').first
    label = option.inner_text()
    kinds = page.request.get("/api/v1/notices/kinds/").json()
    top = kinds[0]
    assert label == f"{label.split('（')[0]}（{top['unread']} 条未读）", (label, kinds)
    option.click()
    expect(hook(page, "notice-read-kind")).to_be_enabled()
    expect(items.first).to_be_visible()
    assert items.count() >= top["unread"]
    hook(page, "notice-read-kind").click()
    expect(drawer.locator('[data-test="notice-item"][data-read="false"]')).to_have_count(0)
    left = start - top["unread"]
    assert api_unread(page) == left, (start, kinds, page.request.get("/api/v1/notices/kinds/").json())
    expect(drawer.get_by_text(re.compile(rf"^{left} 条未读$"))).to_be_visible()
    screenshot(page, "notices-read-kind")


def test_the_demo_world_shows_interns_hired_where_they_trained_to_hr_teachers_and_the_analyst(new_page):
    for email in ("hr@example.com", "teacher@example.com", "analyst@example.com"):
        page = new_page()
        sign_in(page, email)
        page.goto("/stay/conversion")
        table = page.locator('[data-test="conversion-table"][data-table="companies"]')
        expect(table.locator('[data-test="conversion-row"]').first).to_be_visible()
        hired = [
            int(row.locator("td").nth(2).inner_text()) for row in table.locator("tr[data-test=conversion-row]").all()
        ]
        assert sum(hired) > 0, f"{email} sees no intern hired"
        expect(page.locator('[data-test="stay-export-xlsx"][data-table="companies"]')).to_be_enabled()


def test_an_empty_table_offers_no_download(page):
    sign_in(page, "schooladmin@example.com")
    page.goto("/placements")
    expect(page.locator('[data-test="placement-row"]').first).to_be_visible()
    expect(hook(page, "export-xlsx")).to_be_enabled()
    page.locator("#placement-search").fill("没有这个学生")
    page.locator("#placement-search").press("Enter")
    expect(page.locator('[data-test="placement-row"]')).to_have_count(0)
    expect(hook(page, "export-xlsx")).to_be_disabled()


def test_after_a_student_import_the_admin_downloads_the_codes_and_prints_slips_per_class(page, tmp_path):
    entry = entry_years(3)[-1]
    classes = [f"新能源汽车技术{entry}级1班", f"新能源汽车技术{entry}级2班"]
    headers = [c.header_zh for c in COLUMNS]
    rows = []
    for n in range(4):
        values = {
            **{"学号": f"{entry}4607029{n:02d}", "姓名": f"导入生{n}（演示）", "性别": "女"},
            **{"出生日期": f"{entry - 18}-05-01", "入学年份": entry, "班级": classes[n % 2], "指导教师邮箱": ""},
        }
        rows.append([values[h] for h in headers])
    sheet = tmp_path / "students.xlsx"
    sheet.write_bytes(xlsx_bytes(headers, rows))

    sign_in(page, "schooladmin@example.com")
    page.goto("/imports/students")
    page.set_input_files('[data-test="import-file"]', str(sheet))
    hook(page, "import-dry-run").click()
    expect(hook(page, "import-checked")).to_be_visible()
    hook(page, "import-confirm").click()
    expect(page.locator('[data-test="import-code"]')).to_have_count(4)
    shown = {
        row.locator("td").nth(1).inner_text(): row.locator("td").nth(3).inner_text()
        for row in page.locator('[data-test="import-code"]').all()
    }

    with page.expect_download() as download:
        hook(page, "import-codes-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    book = load_workbook(saved, read_only=True)
    (name,) = book.sheetnames
    assert name == "激活码"
    values = list(book[name].iter_rows(values_only=True))
    assert values[0] == ("班级", "学号", "姓名", "激活码")
    assert {r[1]: r[3] for r in values[1:]} == shown
    assert {r[0] for r in values[1:]} == set(classes)

    # printing the page prints the slips only, one section per class
    slips = hook(page, "code-slips")
    expect(slips).to_be_hidden()
    page.emulate_media(media="print")
    expect(slips).to_be_visible()
    expect(page.locator("#app")).to_be_hidden()
    sections = page.locator('[data-test="slip-class"]')
    expect(sections).to_have_count(2)
    for section, cohort in zip(sections.all(), classes, strict=True):
        expect(section.locator("h2")).to_contain_text(cohort)
        expect(section.locator('[data-test="code-slip"]')).to_have_count(2)
    for number, code in shown.items():
        expect(slips.locator('[data-test="code-slip"]').filter(has_text=number)).to_contain_text(code)
    screenshot(page, "activation-code-slips")
