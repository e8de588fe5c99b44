"""Self-arranged placements in the browser: a new student of the demo class proposes their own company (not on the
platform) on a phone (390 px); a stipend under 80% of the post's wage is refused on its field in Chinese; the
proposal goes to the school, whose admin approves it on a desktop (vetting the company); the student's page shows
the approval and the placement, which still lists what its start waits for (the guardian's consent, the filing,
the papers)."""

from __future__ import annotations

from playwright.sync_api import expect

from companies.credit_code import make_demo_credit_code
from tests import factories as f
from tests.e2e.conftest import PHONE, no_horizontal_scroll, screenshot
from tests.e2e.helpers import classmate, hook, pick_date, sign_in

STUDENT_NUMBER, USERNAME = "E2E-SELF-1", "e2e-self-arranged"


def own_option(page, name: str, text: str | None = None) -> None:
    """Pick an option from this select's own list (aria-controls), not another's still fading out."""
    select = hook(page, name)
    select.click()
    listbox = page.locator(f'[id="{select.get_by_role("combobox").get_attribute("aria-controls")}"]')
    options = listbox.locator(".el-select-dropdown__item:not(.is-disabled)")
    (options.filter(has_text=text) if text else options).first.click()


def test_a_student_proposes_their_own_placement_and_the_school_approves_it(new_page, server_url):
    classmate(server_url, STUDENT_NUMBER, USERNAME, "自行联系测试同学")
    student = new_page(viewport=PHONE)
    sign_in(student, USERNAME, next_path="/self-arranged")
    expect(hook(student, "self-arranged-title")).to_be_visible()
    hook(student, "self-arranged-new").click()
    hook(student, "sa-company-name").fill("武汉江夏某新能源汽车维修服务有限公司（测试）")
    hook(student, "sa-credit-code").fill(make_demo_credit_code(778001))
    hook(student, "sa-address").fill("武汉市江夏区文化大道 88 号")
    own_option(student, "sa-district", "江夏区")
    hook(student, "sa-headcount").locator("input").fill("200")
    hook(student, "sa-post").fill("新能源汽车维修实习生")
    own_option(student, "sa-cluster")
    hook(student, "sa-post-headcount").locator("input").fill("40")
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    pick_date(student, "sa-start", start)
    pick_date(student, "sa-end", f.slot_end(start))
    hook(student, "sa-post-wage").fill("5000")
    hook(student, "sa-stipend").fill("1000")  # under 80% of the post's wage
    hook(student, "sa-mentor").fill("赵师傅")
    hook(student, "sa-mentor-phone").fill("13907150002")
    hook(student, "sa-guardian").fill("李建国")
    hook(student, "sa-relation-mother").click()
    hook(student, "sa-guardian-phone").fill("13807150001")
    hook(student, "sa-submit").click()
    expect(hook(student, "field-error-stipend")).to_contain_text("第十八条")
    hook(student, "sa-stipend").fill("4000")
    hook(student, "sa-submit").click()
    proposal = hook(student, "sa-proposal").first
    expect(proposal).to_have_attribute("data-status", "pending")
    assert no_horizontal_scroll(student)
    screenshot(student, "self-arranged-phone")

    admin = new_page()
    sign_in(admin, "schooladmin@example.com", next_path="/self-arranged")
    mine = hook(admin, "sa-proposal").filter(has_text="自行联系测试同学")
    expect(mine).to_have_count(1)
    mine.locator('[data-test="sa-approve"]').click()
    admin.locator(".el-message-box input").fill("家长书面同意，企业资质已核实。")
    admin.locator(".el-message-box .el-button--primary").click()
    expect(mine).to_have_count(0)  # off the pending list

    student.reload()
    expect(proposal).to_have_attribute("data-status", "approved")
    expect(hook(student, "sa-decision")).to_contain_text("企业资质已核实")
    hook(student, "sa-placement").click()
    student.wait_for_url("**/placements/*")
    codes = hook(student, "missing-item")
    expect(codes.first).to_be_visible()
    missing = {codes.nth(i).get_attribute("data-code") for i in range(codes.count())}
    assert {"consent", "filing", "tripartite", "safety_training"} <= missing, missing
    assert "mentor" not in missing
