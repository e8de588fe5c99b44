"""Issue 14, defect 2 in a real browser: no false red errors, and none in the wrong language. Every form of the app is
submitted empty, as the role that uses it: each error a user can see (under a field, above the form, in a toast) is
in the page's language. Then it is filled and submitted: it succeeds and no error text is left anywhere, not even
when the dialog is opened again for the next item. A few forms are checked again in English.

The objects the forms act on (a student of our own, slots, a placement) are made through the API, since the server
is shared with the other browser tests."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests import live
from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import PASSWORD, SLOT_FIELDS, api_as, choose, hook, ok, pick_date, sign_in, zh_date

# Everything the app shows as an error: a field's message, the form-level alert, an error toast.
ERRORS = ".el-form-item__error, [data-test='form-errors'], .el-message--error"
CJK = re.compile(r"[\u4e00-\u9fff]")
# What an untranslated message gives away in a Chinese page: an English word ("is required", "This field",
# "Enter a valid") or an API field name (signed_on).
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED_LATIN = {"PDF", "JPEG", "JPG", "PNG", "URL", "ICP"}

STUDENT_NUMBER, USERNAME = "E2E-FORMS-1", "e2e-forms"


def visible_errors(page: Page) -> list[str]:
    return page.locator(ERRORS).evaluate_all(
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.innerText.trim()).filter(Boolean)"
    )


def expect_errors_in(page: Page, lang: str = "zh") -> list[str]:
    """Some error is shown, and every one is in the page's language."""
    expect(page.locator(ERRORS).filter(visible=True).first).to_be_visible()
    page.wait_for_timeout(150)  # the other fields' messages arrive in the same tick
    errors = visible_errors(page)
    assert errors
    for text in errors:
        if lang == "zh":
            latin = {w for w in ENGLISH_WORD.findall(text) if w.upper() not in ALLOWED_LATIN}
            assert CJK.search(text) and not latin, f"not Chinese: {text!r}"
        else:
            assert not CJK.search(text) and re.search(r"[A-Za-z]", text), f"not English: {text!r}"
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), f"an API field name: {text!r}"
    return errors


def expect_no_errors(page: Page) -> None:
    """No error text anywhere, and no field framed in red."""
    page.wait_for_timeout(300)  # a late validation (a change trigger on a reset model) shows up by now
    assert visible_errors(page) == []
    expect(page.locator(".el-form-item.is-error").filter(visible=True)).to_have_count(0)


def scan(tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.png"
    Image.new("RGB", (120, 80), (30, 140, 90)).save(path)
    return str(path)


def choose_first(page: Page, name: str) -> None:
    """Open the Element Plus select carrying this data-test hook and pick the first option of its own list (the
    combobox names it: aria-controls), not of another select's list still fading out."""
    select = page.locator(f'[data-test="{name}"]')
    select.click()
    listbox = select.get_by_role("combobox").get_attribute("aria-controls")
    page.locator(f'[id="{listbox}"] .el-select-dropdown__item:not(.is-disabled)').first.click()


@pytest.fixture(scope="module")
def pages(browser, server_url):
    """pages(login, lang="zh") -> a signed-in page of that login, one browser context per login and language."""
    opened: dict[tuple[str, str], Page] = {}

    def get(login: str, lang: str = "zh") -> Page:
        if (login, lang) not in opened:
            locale = "zh-CN" if lang == "zh" else "en-US"
            context = browser.new_context(viewport=DESKTOP, locale=locale, base_url=server_url)
            context.set_default_timeout(15_000)
            context.add_init_script(f"localStorage.setItem('locale', '{locale}')")
            page = context.new_page()
            sign_in(page, login)
            opened[login, lang] = page
        return opened[login, lang]

    yield get
    for page in opened.values():
        page.context.close()


@pytest.fixture(scope="module")
def trainee(server_url) -> live.Browserless:
    """A new student in the demo student's class with the same advisor (teacher@example.com), activated: the demo
    student's term may already be taken by another browser test."""
    admin = api_as(server_url, "schooladmin@example.com")
    me = ok(api_as(server_url, "student@example.com").request("GET", "/api/v1/me/"))["student"]
    model = ok(admin.request("GET", f"/api/v1/students/{me['id']}/"))
    fields = ("institution", "gender", "birth_date", "entry_year", "cohort", "advisor")
    enrolled = ok(
        admin.request(
            "POST",
            "/api/v1/students/",
            {k: model[k] for k in fields} | {"student_number": STUDENT_NUMBER, "full_name": "表单测试同学"},
        )
    )
    student = live.Browserless(server_url)
    student.request("GET", "/api/v1/csrf/")
    body = {"institution": model["institution"], "student_number": STUDENT_NUMBER, "code": enrolled["activation_code"]}
    ok(student.request("POST", "/api/v1/activation/", body | {"username": USERNAME, "password": PASSWORD}))
    status, answer = student.request(
        "POST", "/_allauth/browser/v1/auth/login", {"username": USERNAME, "password": PASSWORD}
    )
    assert status == 200, answer
    return student


def one_day_slot(student: live.Browserless, hr: live.Browserless, title: str) -> dict:
    """HR posts a one-day slot starting today like one the student may apply to, so a placement can start today."""
    eligible = ok(student.request("GET", "/api/v1/slots/?eligible=true&page_size=100"))["results"]
    model = next(s for s in (ok(hr.request("GET", f"/api/v1/slots/{s['id']}/")) for s in eligible) if s["can_edit"])
    today = date.today().isoformat()
    days = {"start_date": today, "end_date": today, "application_deadline": today}
    body = {k: model[k] for k in SLOT_FIELDS} | days | {"title": title, "capacity": 2, "publish": True}
    return ok(hr.request("POST", "/api/v1/slots/", body))


def test_the_placement_forms_speak_chinese_and_leave_no_error_after_success(pages, trainee, server_url, tmp_path):
    hr_api, teacher_api = api_as(server_url, "hr@example.com"), api_as(server_url, "teacher@example.com")
    kept = ok(
        trainee.request("POST", "/api/v1/placements/", {"slot": one_day_slot(trainee, hr_api, "表单测试岗位甲")["id"]})
    )
    refused = ok(
        trainee.request("POST", "/api/v1/placements/", {"slot": one_day_slot(trainee, hr_api, "表单测试岗位乙")["id"]})
    )
    student, teacher, hr = pages(USERNAME), pages("teacher@example.com"), pages("hr@example.com")

    # The teacher rejects one application: the reason dialog asks for a reason in Chinese, then closes clean.
    teacher.goto(f"/placements/{refused['id']}")
    hook(teacher, "action-reject").click()
    hook(teacher, "reason-submit").click()
    expect_errors_in(teacher)
    hook(teacher, "reason-input").fill("专业方向与岗位不符。")
    hook(teacher, "reason-submit").click()
    expect(hook(teacher, "placement-status").first).to_have_attribute("data-status", "rejected")
    expect_no_errors(teacher)

    ok(teacher_api.request("POST", f"/api/v1/placements/{kept['id']}/approve/", {}))
    ok(hr_api.request("POST", f"/api/v1/placements/{kept['id']}/confirm/", {}))

    # Each party uploads its paper: no file, then a signed paper without its date, then the whole paper.
    papers = [
        (student, "学生及监护人知情同意书", "consent", {"doc-signed-on": date.today()}),
        (hr, "三方协议", "tripartite", {"doc-signed-on": date.today()}),
        (teacher, "实习责任保险保单", "insurance", {"doc-policy-number": "PICC-表单-1", "doc-insurer": "中国人保"}),
    ]
    for page, kind_label, kind, fields in papers:
        page.goto(f"/placements/{kept['id']}")
        choose(page, "doc-kind", kind_label)
        hook(page, "doc-submit").click()
        expect_errors_in(page)
        page.set_input_files('[data-test="doc-file"]', scan(tmp_path, kind))
        if kind == "insurance":
            hook(page, "doc-policy-number").fill("")
        hook(page, "doc-submit").click()
        expect_errors_in(page)
        for name, value in fields.items():
            if isinstance(value, date):
                pick_date(page, name, value)
            else:
                hook(page, name).fill(value)
        hook(page, "doc-submit").click()
        expect(page.locator(f'[data-test="doc-item"][data-kind="{kind}"]')).to_be_visible()
        expect_no_errors(page)

    training = {"delivered_by": "学校安全教育中心", "delivered_on": date.today().isoformat(), "hours": "4",
                "content": "岗位安全操作规程与应急处置。", "passed": True}  # fmt: skip
    ok(teacher_api.request("POST", f"/api/v1/placements/{kept['id']}/safety-training/", training))  # no start without
    ok(teacher_api.request("POST", f"/api/v1/placements/{kept['id']}/start/", {}))

    # The student writes a journal: empty, then filled; the form is ready for the next one without a red word.
    student.goto(f"/placements/{kept['id']}")
    hook(student, "journal-submit").click()
    expect_errors_in(student)
    hook(student, "journal-title").fill("第一天：入职培训")
    hook(student, "journal-body").fill("上午学习了装配线安全规范，下午跟岗观摩。")
    hook(student, "journal-submit").click()
    expect(hook(student, "journal-item")).to_have_count(1)
    expect_no_errors(student)

    # Both sides grade it in the same dialog: no grade, then a grade.
    for page, action, grade in ((teacher, "assess_teacher", "good"), (hr, "assess_company", "excellent")):
        page.goto(f"/placements/{kept['id']}")
        hook(page, f"action-{action}").click()
        hook(page, "assess-submit").click()
        expect_errors_in(page)
        hook(page, f"assess-grade-{grade}").click()
        hook(page, "assess-submit").click()
        expect(page.locator(f'[data-test="assessment-{action.removeprefix("assess_")}"] .el-tag')).to_be_visible()
        expect_no_errors(page)

    # The student reports a breach; the teacher answers it.
    student.goto("/breaches")
    hook(student, "breach-submit").click()
    expect_errors_in(student)
    choose(student, "breach-kind", "加班")
    hook(student, "breach-description").fill("每天加班两小时，未付加班费。（表单测试）")
    hook(student, "breach-submit").click()
    expect(student.locator(".el-message--success")).to_be_visible()
    expect_no_errors(student)

    teacher.goto("/breaches")
    report = teacher.locator('[data-test="breach-row"]').filter(has_text="表单测试").first
    report.locator('[data-test="breach-answer"]').click()
    hook(teacher, "breach-answer-submit").click()
    expect_errors_in(teacher)
    hook(teacher, "breach-response-input").fill("已联系企业核实并要求整改。")
    hook(teacher, "breach-answer-submit").click()
    expect(report.locator('[data-test="breach-status"]')).to_have_attribute("data-status", "upheld")
    expect_no_errors(teacher)


# Dialog forms opened again for the next item: open, submit empty, fill, submit, reopen (and the next one).
def fill_student(page: Page, n: int) -> None:
    hook(page, "student-number").fill(f"E2E-FORMS-ADD-{n}")
    hook(page, "student-name").fill(f"表单新生{n}")
    choose(page, "student-gender", "女")
    # typed, not picked: the picker's Escape would close the dialog too
    birth = page.locator('[data-test="student-birth-date"] input')
    birth.fill(zh_date(date(date.today().year - 18, 5, 1)))
    birth.press("Enter")
    hook(page, "student-name").click()
    choose_first(page, "student-cohort")


def student_added(page: Page) -> None:
    expect(hook(page, "activation-code")).to_be_visible()
    page.keyboard.press("Escape")
    expect(hook(page, "activation-code")).to_be_hidden()


def fill_invite(prefix: str):
    def fill(page: Page, n: int) -> None:
        hook(page, f"{prefix}-email").fill(f"e2e-forms-{prefix}-{n}@example.com")
        hook(page, f"{prefix}-name").fill(f"表单受邀人{n}")

    return fill


def fill_program(page: Page, n: int) -> None:
    hook(page, "program-field-name").fill(f"表单测试证书 E2E-FORMS-{n}")
    hook(page, "program-level-junior").click()


def toast_done(page: Page) -> None:
    expect(page.locator(".el-message--success").last).to_be_visible()


SCHOOL_ADMIN, HR = "schooladmin@example.com", "hr@example.com"
# login, page, the button that opens the dialog, its submit, how to fill it for item n, how its success shows
DIALOGS = {
    "add-student": (SCHOOL_ADMIN, "/students", "student-add", "student-add-submit", fill_student, student_added),
    "invite-teacher": (SCHOOL_ADMIN, "/teachers", "teacher-invite", "teacher-invite-submit", fill_invite("teacher"),
                       toast_done),
    "invite-member": (HR, "/company-members", "member-invite", "member-invite-submit", fill_invite("member"),
                      toast_done),
    "certificate-programme": (SCHOOL_ADMIN, "/certificates/catalogue", "program-new", "program-save", fill_program,
                              toast_done),
}  # fmt: skip


@pytest.mark.parametrize("form", DIALOGS)
def test_a_dialog_form_speaks_chinese_and_opens_clean_for_the_next_item(pages, form):
    login, path, opener, submit, fill, done = DIALOGS[form]
    page = pages(login)
    page.goto(path)
    for n in (1, 2):
        hook(page, opener).click()
        expect(hook(page, submit)).to_be_visible()
        expect_no_errors(page)  # nothing left from the last one
        hook(page, submit).click()
        expect_errors_in(page)
        fill(page, n)
        hook(page, submit).click()
        done(page)
        expect_no_errors(page)


# Page forms, submitted empty (or with a required field cleared): the rules and the API answer in Chinese.
def opens(path: str, button: str | None = None):
    """Go to the page (and press the button that shows the form)."""

    def open_form(page: Page) -> None:
        page.goto(path)
        if button:
            hook(page, button).click()

    return open_form


def clear_base_name(page: Page) -> None:
    page.goto("/bases?kind=on_campus")
    hook(page, "base-link").first.click()
    hook(page, "base-edit").click()
    hook(page, "base-field-name").fill("")


PAGES = {
    "base-edit": (SCHOOL_ADMIN, clear_base_name, "base-save"),
    "slot-new": (HR, opens("/slots/new"), "slot-save-draft"),
    "round-new": ("teacher@example.com", opens("/rounds/new"), "round-save"),
    "session-new": ("teacher@example.com", opens("/certificates/sessions", "session-new"), "session-save"),
    "certificate-upload": ("student@example.com", opens("/certificates", "cert-upload-open"), "cert-submit"),
    "sign-in": (None, opens("/login"), "login-submit"),
}  # fmt: skip


@pytest.mark.parametrize("form", PAGES)
def test_a_page_form_refused_speaks_chinese(pages, new_page, form):
    login, open_form, submit = PAGES[form]
    page = pages(login) if login else new_page()
    open_form(page)
    hook(page, submit).click()
    expect_errors_in(page)


ENGLISH = {
    "add-student": (SCHOOL_ADMIN, opens("/students", "student-add"), "student-add-submit"),
    "slot-new": (HR, opens("/slots/new"), "slot-save-draft"),
    "base-edit": (SCHOOL_ADMIN, clear_base_name, "base-save"),
    "breach": ("student@example.com", opens("/breaches"), "breach-submit"),
}  # fmt: skip


@pytest.mark.parametrize("form", ENGLISH)
def test_in_english_the_same_forms_speak_english(pages, form):
    login, open_form, submit = ENGLISH[form]
    page = pages(login, "en")
    open_form(page)
    hook(page, submit).click()
    expect_errors_in(page, "en")
