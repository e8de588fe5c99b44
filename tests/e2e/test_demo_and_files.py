"""The Stay-in-Wuhan pages say 演示数据 when generated outcomes are among their figures (issue 15), and the
app's one file picker (issue 14, defect 9) looks like the rest, names the chosen file and keeps a real file input
under its label."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import hook, sign_in
from tests.sheets import xlsx_bytes


def test_the_stay_report_conversion_and_points_say_their_demo_figures_are_demo_data(new_page):
    page = new_page()
    sign_in(page, "analyst@example.com")
    for path, title in (("/stay", "stay-title"), ("/stay/conversion", "conversion-title")):
        page.goto(path)
        expect(hook(page, title)).to_be_visible()
        notice = hook(page, "demo-data-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("演示数据")
    # the rows that count generated records carry the tag too
    expect(page.locator('[data-test="conversion-row"] [data-test="demo-tag"]').first).to_have_text("演示")
    screenshot(page, "conversion-demo-notice")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
def test_the_file_picker_names_the_chosen_file_and_can_clear_it(new_page, tmp_path, viewport):
    page = new_page(viewport=viewport)
    sign_in(page, "schooladmin@example.com")
    page.goto("/imports/students")
    native = page.get_by_label("选择 XLSX 文件")  # the label still names the real input
    expect(native).to_have_attribute("type", "file")
    sheet = tmp_path / "学生名单.xlsx"
    sheet.write_bytes(xlsx_bytes(["学号", "姓名"], [["1", "x"]]))
    page.set_input_files('[data-test="import-file"]', str(sheet))
    expect(hook(page, "import-file-chosen")).to_contain_text("学生名单.xlsx")
    expect(hook(page, "import-dry-run")).to_be_enabled()
    assert no_horizontal_scroll(page)
    screenshot(page, f"file-input-{viewport['width']}")
    hook(page, "import-file-clear").click()
    expect(hook(page, "import-file-chosen")).to_have_count(0)
    expect(hook(page, "import-dry-run")).to_be_disabled()
    # a file of another type is refused with the reason, before any upload
    other = tmp_path / "notes.txt"
    other.write_text("x")
    page.set_input_files('[data-test="import-file"]', str(other))
    expect(hook(page, "import-file-rejected")).to_contain_text("notes.txt")
