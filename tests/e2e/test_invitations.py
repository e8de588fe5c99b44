"""A school admin invites a teacher in the app; the invitee opens the e-mailed link signed out, chooses a name and a
password, signs in and is on the staff. Until then the admin sees "invited, pending" and nobody joins."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import choose, hook, sign_in

EMAIL = "e2e.new.teacher@example.com"
NEW_PASSWORD = "Ginkgo-Lantern-42"


def token_from_server_log(tmp_path_factory, email: str) -> str:
    """The server sends e-mail to its console (the default backend), which goes to the server's log."""
    logs = sorted(tmp_path_factory.getbasetemp().glob("e2e*/server.log"), key=lambda p: p.stat().st_mtime)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        text = logs[-1].read_text(errors="replace") if logs else ""
        mails = [m for m in text.split("Subject:") if f"To: {email}" in m or email in m]
        found = re.findall(r"invitations/accept\?token=([A-Z0-9-]+)", mails[-1]) if mails else []
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no invitation e-mail to {email} in the server log")


def test_an_invited_teacher_accepts_signed_out_and_joins_the_staff(new_page, tmp_path_factory):
    admin = new_page()
    sign_in(admin, "schooladmin@example.com", next_path="/teachers")
    expect(hook(admin, "teachers-title")).to_be_visible()
    hook(admin, "teacher-invite").click()
    hook(admin, "teacher-email").fill(EMAIL)
    hook(admin, "teacher-name").fill("邀请测试老师")
    choose(admin, "teacher-role", "指导教师")
    hook(admin, "teacher-invite-submit").click()
    expect(admin.get_by_text(f"已向 {EMAIL} 发送邀请")).to_be_visible()
    row = hook(admin, "invitation-row").filter(has_text=EMAIL)
    expect(row).to_contain_text("已邀请，待接受")
    expect(hook(admin, "teacher-row").filter(has_text=EMAIL)).to_have_count(0)

    token = token_from_server_log(tmp_path_factory, EMAIL)
    invitee = new_page(viewport=PHONE)
    invitee.goto(f"/invitations/accept?token={token}")
    expect(hook(invitee, "invitation-intro")).to_contain_text(EMAIL)
    hook(invitee, "invitation-full-name").fill("王新老师")
    hook(invitee, "invitation-password").fill(NEW_PASSWORD)
    hook(invitee, "invitation-password2").fill(NEW_PASSWORD)
    screenshot(invitee, "invitation-accept")
    hook(invitee, "invitation-create").click()
    invitee.wait_for_url(re.compile(r"/login"))
    sign_in(invitee, EMAIL, NEW_PASSWORD)
    expect(hook(invitee, "home-teacher")).to_be_visible()

    # The link works once.
    again = new_page()
    again.goto(f"/invitations/accept?token={token}")
    expect(hook(again, "field-error-token")).to_be_visible()

    admin.reload()
    hook(admin, "teacher-filter-search").fill(EMAIL)
    hook(admin, "teacher-filter-search").press("Enter")
    expect(hook(admin, "teacher-row").filter(has_text=EMAIL)).to_have_count(1)
    expect(hook(admin, "invitation-row").filter(has_text=EMAIL)).to_have_count(0)
