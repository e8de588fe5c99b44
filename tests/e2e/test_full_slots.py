"""Issue 14, defects 3 and 4 in a real browser: a student placed in the match round's term is no longer invited to
rank (no 去填报志愿 on the home) and the round page says why instead of "no permission" with a pointless 重试; the
slot whose one place they took reads 已满 and offers no application."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import api_as, hook, ok, sign_in, slot_copy


def place_the_student_in_the_rounds_term(server_url: str) -> tuple[int, int]:
    """HR posts a one-place slot like one of the round's own (same term, same company), the student applies, the
    teacher and HR agree: the student holds a confirmed placement in the round's term and the slot is full.
    Returns (round id, slot id)."""
    student, teacher, hr = (api_as(server_url, f"{who}@example.com") for who in ("student", "teacher", "hr"))
    (round_,) = [r for r in ok(student.request("GET", "/api/v1/match-rounds/"))["results"] if r["status"] == "open"]
    assert round_["taking_part"] is True
    model = next(
        slot
        for slot in (ok(hr.request("GET", f"/api/v1/slots/{pk}/")) for pk in round_["slots"])
        if slot["can_edit"] and ok(student.request("GET", f"/api/v1/slots/{slot['id']}/eligibility/"))["eligible"]
    )
    body = slot_copy(model) | {"title": "单人名额岗位（浏览器测试）", "capacity": 1, "publish": True}
    slot = ok(hr.request("POST", "/api/v1/slots/", body))
    placement = ok(student.request("POST", "/api/v1/placements/", {"slot": slot["id"]}))
    for first, second in ((teacher, "approve"), (hr, "confirm")), ((hr, "confirm"), (teacher, "approve")):
        status, _ = first[0].request("POST", f"/api/v1/placements/{placement['id']}/{first[1]}/", {"reason": ""})
        if status == 200:
            ok(second[0].request("POST", f"/api/v1/placements/{placement['id']}/{second[1]}/", {"reason": ""}))
            break
    assert ok(student.request("GET", f"/api/v1/placements/{placement['id']}/"))["status"] == "confirmed"
    return round_["id"], slot["id"]


def test_a_placed_student_is_not_invited_to_the_round_and_a_full_slot_says_so(new_page, server_url):
    round_id, slot_id = place_the_student_in_the_rounds_term(server_url)
    page = new_page(viewport=PHONE)
    with page.expect_response(lambda r: "/api/v1/match-rounds/" in r.url and r.ok):
        sign_in(page, "student@example.com")

    # the home invites to no round the student cannot take part in
    expect(hook(page, "home-student")).to_be_visible()
    expect(page.locator(f'[data-test="home-round-open"][data-id="{round_id}"]')).to_have_count(0)
    expect(hook(page, "home-round-go")).to_have_count(0)

    # the round page (the notice's link) says why, once, and offers no retry
    page.goto(f"/rounds/{round_id}")
    error = hook(page, "load-error")
    expect(error).to_contain_text("本学期已有确认的实习")
    expect(error).not_to_contain_text("没有访问此页面的权限")
    expect(hook(page, "load-retry")).to_have_count(0)
    screenshot(page, "round-placed-student")

    # the slot they filled reads 已满, not 招募中, and takes no application
    page.goto(f"/slots/{slot_id}")
    status = hook(page, "slot-status").first
    expect(status).to_have_attribute("data-status", "full")
    expect(status).to_have_text("已满")
    expect(hook(page, "slot-apply")).to_be_disabled()
    screenshot(page, "slot-full")
