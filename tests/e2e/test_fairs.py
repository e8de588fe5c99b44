"""A recruitment fair in a real browser (issue 18): the school's admin organises and opens a fair for its students;
the company's HR applies for a booth with a graduate job; the admin approves it; a final-year student registers from
a phone and gets the entry QR code; at the door the admin's phone camera reads it (Chromium's fake camera plays a
video made with Pillow from the code the student's page drew) and checks the student in; the same code read again
is refused as already checked in, another fair's code typed is refused, and a short code typed checks a second
student in. The report then counts the booth and both check-ins, at 390 and 1440 px."""

from __future__ import annotations

import io
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests import live
from tests.e2e.conftest import DESKTOP, PHONE, TIMEZONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import api_as, classmate, hook, ok, sign_in


def y4m_of(png: bytes, path: Path, *, frames: int = 15) -> Path:
    """A still video (YUV4MPEG2, 4:2:0) of the image on white, for --use-file-for-fake-video-capture."""
    code = Image.open(io.BytesIO(png)).convert("RGB")
    side = 400
    code = code.resize((side, side), Image.NEAREST)
    canvas = Image.new("RGB", (640, 480), "white")
    canvas.paste(code, ((640 - side) // 2, (480 - side) // 2))
    y, cb, cr = canvas.convert("YCbCr").split()
    half = (320, 240)
    plane = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(frames):
            out.write(b"FRAME\n" + plane)
    return path


def a_fair(admin, title: str) -> dict:
    starts = timezone.now() + timedelta(days=2)
    body = {
        "title": title, "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=4)).isoformat(),
        "venue": "武汉城市职业学院 图书馆报告厅",
    }  # fmt: skip
    fair = ok(admin.request("POST", "/api/v1/fairs/", body))
    return ok(admin.request("POST", f"/api/v1/fairs/{fair['id']}/open/"))


def test_a_booth_is_approved_and_a_student_is_checked_in_by_the_camera(new_page, browser, server_url, tmp_path):
    stamp = str(int(time.time()))[-6:]
    admin_api = api_as(server_url, "schooladmin@example.com")
    fair = a_fair(admin_api, f"浏览器测试专场招聘会 {stamp}")
    other = a_fair(admin_api, f"另一场浏览器测试招聘会 {stamp}")
    path = f"/careers/fairs/{fair['id']}"

    # the company's HR applies for a booth with one of its open graduate jobs
    hr = new_page(viewport=DESKTOP)
    sign_in(hr, "hr@example.com")
    hr.goto(path)
    hook(hr, "booth-apply").click()
    hook(hr, "booth-jobs").click()
    hr.locator(".el-select-dropdown__item:visible").first.click()
    hook(hr, "booth-note").fill("需要一张桌子和电源。")
    hook(hr, "booth-save").click()
    expect(hook(hr, "my-booth-status")).to_have_attribute("data-status", "pending")

    # the organiser approves it
    admin = new_page(viewport=DESKTOP)
    sign_in(admin, "schooladmin@example.com")
    admin.goto(path)
    booth = admin.locator('[data-test="booth-row"][data-company="东风汽车集团有限公司"]')
    booth.locator('[data-test="booth-approve"]').click()
    expect(booth.locator('[data-test="booth-status"]')).to_have_attribute("data-status", "approved")
    assert no_horizontal_scroll(admin)
    screenshot(admin, "fair-organiser-1440")

    # a final-year student registers from a phone and gets the QR code and the short code
    classmate(server_url, f"FAIR{stamp}", f"fair{stamp}", "李招聘（浏览器测试）")
    student = new_page(viewport=PHONE)
    sign_in(student, f"fair{stamp}")
    student.goto(path)
    hook(student, "fair-register").click()
    qr = hook(student, "fair-qr")
    expect(qr).to_be_visible()
    assert len(hook(student, "fair-code").inner_text().strip()) == 6
    assert no_horizontal_scroll(student)
    screenshot(student, "fair-student-qr-390")
    video = y4m_of(qr.screenshot(), tmp_path / "qr.y4m")

    # the desk: the admin's phone, whose camera shows the student's code
    camera = browser.browser_type.launch(
        executable_path=live.CHROMIUM,
        headless=True,
        args=[
            *live.CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(
            viewport=PHONE, locale="zh-CN", timezone_id=TIMEZONE, base_url=server_url, permissions=["camera"]
        )
        context.set_default_timeout(15_000)
        desk = context.new_page()
        sign_in(desk, "schooladmin@example.com")
        desk.goto(f"{path}/check-in")
        hook(desk, "desk-camera").click()
        result = hook(desk, "desk-result")
        expect(result).to_have_attribute("data-state", "ok", timeout=20_000)
        expect(result).to_contain_text("李招聘")
        # the camera keeps seeing the same code: read again after its pause, it is refused as already checked in
        expect(result).to_have_attribute("data-state", "refused", timeout=20_000)
        expect(result).to_contain_text("已签到过")
        hook(desk, "desk-camera-stop").click()
        assert no_horizontal_scroll(desk)
        screenshot(desk, "fair-desk-390")

        # typed: another fair's code is refused; a second student's short code checks them in
        elsewhere = classmate(server_url, f"FAIO{stamp}", f"faio{stamp}", "王另场（浏览器测试）")
        other_qr = ok(elsewhere.request("POST", f"/api/v1/fairs/{other['id']}/register/"))["my_registration"]["qr"]
        hook(desk, "desk-code").fill(other_qr)
        hook(desk, "desk-submit").click()
        expect(result).to_have_attribute("data-state", "refused")
        expect(result).to_contain_text("未签到")
        second = classmate(server_url, f"FAIT{stamp}", f"fait{stamp}", "赵手输（浏览器测试）")
        code = ok(second.request("POST", f"/api/v1/fairs/{fair['id']}/register/"))["my_registration"]["code"]
        hook(desk, "desk-code").fill(code.lower())
        hook(desk, "desk-submit").click()
        expect(result).to_have_attribute("data-state", "ok")
        expect(result).to_contain_text("赵手输")
        expect(hook(desk, "desk-row")).to_have_count(2)
    finally:
        camera.close()

    # the student's page says they are in; the report counts the booth and both check-ins
    student.reload()
    expect(hook(student, "fair-checked-in")).to_be_visible()
    admin.goto(f"{path}/report")
    expect(hook(admin, "fair-report-companies")).to_contain_text("1")
    expect(hook(admin, "fair-report-checked_in")).to_contain_text("2")
    expect(hook(admin, "fair-report-export")).to_be_enabled()
    screenshot(admin, "fair-report-1440")


def test_the_city_staff_create_a_fair_from_the_form_and_publish_it(new_page):
    page = new_page(viewport=DESKTOP)
    sign_in(page, "citystaff@example.com")
    # their home: the demo's city fair is open and its booth waits for them
    expect(hook(page, "home-city-staff")).to_be_visible()
    expect(hook(page, "stat-booths-to-decide").locator(".stat__value")).to_have_text("1")
    page.goto("/careers/fairs")
    title = f"浏览器测试城市招聘会 {str(int(time.time()))[-6:]}"
    hook(page, "fair-new").click()
    hook(page, "fair-title").fill(title)
    starts = (timezone.localtime() + timedelta(days=3)).replace(hour=9, minute=0)
    for name, when in (("starts_at", starts), ("ends_at", starts + timedelta(hours=5))):
        field = page.locator(f'[data-test="fair-field-{name}"] input')
        field.click()
        field.fill(when.strftime("%Y-%m-%d %H:%M"))
        field.press("Tab")
    hook(page, "fair-venue").fill("武汉国际博览中心 A1 馆")
    hook(page, "fair-save").click()
    expect(hook(page, "fair-heading")).to_contain_text(title)
    expect(hook(page, "fair-status")).to_have_attribute("data-status", "draft")
    expect(hook(page, "fair-when")).to_contain_text("09:00")
    hook(page, "fair-open").click()
    page.locator(".el-message-box__btns .el-button--primary").click()
    expect(hook(page, "fair-status")).to_have_attribute("data-status", "open")
