"""The guardian's consent online (issue 15, rules still missing): the school texts a one-time link and code, the
guardian reads the arrangement and agrees or refuses once; the start accepts that or a paper form, and neither
lets it through. Every way around the link (used, expired, superseded, guessed codes, another placement's token)
is tried and refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from core import sms
from notices.models import Notice
from placements.models import GuardianConsent
from tests import factories as f
from tests.placements.clock import on
from tests.placements.helpers import client_for

pytestmark = pytest.mark.django_db

GUARDIAN = {"guardian_name": "李建国", "relation": "father", "phone": "13807150001"}


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    cache.clear()  # the guardian pages' rate limit counts per address
    yield
    sms.outbox.clear()


def papers_but_consent(placement) -> None:
    for kind in ("tripartite", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)


@pytest.fixture
def placement(world):
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    papers_but_consent(placement)
    return placement


def send(world, placement, user=None, **overrides):
    body = {"placement": placement.pk, **GUARDIAN, **overrides}
    with_commit = client_for(user or world.teacher.user)
    return with_commit.post("/api/v1/guardian-consents/", body, format="json")


def link_and_code(message: sms.Sms) -> tuple[str, str]:
    token = re.search(r"/consent/([\w-]+)", message.body).group(1)
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    return token, code


def sent(world, placement, django_capture_on_commit_callbacks, **overrides) -> tuple[str, str]:
    with django_capture_on_commit_callbacks(execute=True):
        response = send(world, placement, **overrides)
    assert response.status_code == 201, response.json()
    return link_and_code(sms.outbox[-1])


def guardian(path: str, body: dict):
    return client_for(None).post(f"/api/v1/guardian-consent/{path}/", body, format="json")


def missing(world, placement) -> list[str]:
    body = client_for(world.teacher.user).get(f"/api/v1/placements/{placement.pk}/").json()
    return [m["code"] for m in body["missing"]]


def test_the_school_texts_a_link_and_code_and_the_guardian_agrees_once(
    world, placement, django_capture_on_commit_callbacks
):
    assert "consent" in missing(world, placement)
    token, code = sent(world, placement, django_capture_on_commit_callbacks)
    (message,) = sms.outbox
    assert message.to == GUARDIAN["phone"]
    stored = GuardianConsent.objects.get()
    assert token not in (stored.token_hash, stored.code_hash) and code not in stored.code_hash  # only hashes kept
    listed = client_for(world.teacher.user).get(f"/api/v1/guardian-consents/?placement={placement.pk}").json()
    assert [(c["state"], c["phone"]) for c in listed] == [("open", "138****0001")]  # the phone masked

    # The link alone says nothing about the student.
    assert guardian("link", {"token": token}).json()["link_state"] == "open"
    assert "student" not in guardian("link", {"token": token}).json()
    shown = guardian("open", {"token": token, "code": code})
    assert shown.status_code == 200, shown.json()
    arrangement = shown.json()
    assert arrangement["company"] == placement.slot.company.name
    assert arrangement["post"] == placement.slot.title
    assert arrangement["start_date"] == placement.slot.start_date.isoformat()
    assert {"daily_hours", "stipend", "insurance_paid_by", "work_starts"} <= arrangement.keys()

    agreed = guardian("decide", {"token": token, "code": code, "agree": True})
    assert agreed.status_code == 200, agreed.json()
    assert agreed.json()["link_state"] == "agreed"
    stored.refresh_from_db()
    assert stored.status == "agreed" and stored.decided_at is not None
    placement.refresh_from_db()
    assert placement.status == "ready"
    assert "consent" not in missing(world, placement)

    # Single use: neither the link nor the code works again.
    again = guardian("decide", {"token": token, "code": code, "agree": False})
    assert again.status_code == 409
    assert again.json()["code"] == "link_agreed"
    assert guardian("open", {"token": token, "code": code}).status_code == 409
    with on(placement.slot.start_date):
        started = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert started.json()["status"] == "active"


def test_an_expired_link_shows_nothing(world, placement, django_capture_on_commit_callbacks):
    token, code = sent(world, placement, django_capture_on_commit_callbacks)
    GuardianConsent.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert guardian("link", {"token": token}).json()["link_state"] == "expired"
    refused = guardian("decide", {"token": token, "code": code, "agree": True})
    assert refused.status_code == 409
    assert refused.json()["code"] == "link_expired"
    assert GuardianConsent.objects.get().status == "sent"
    assert "consent" in missing(world, placement)


def test_wrong_codes_are_limited_and_then_the_link_locks(world, placement, django_capture_on_commit_callbacks):
    token, code = sent(world, placement, django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        answer = guardian("open", {"token": token, "code": wrong})
        assert answer.status_code == 400
        assert str(left) in answer.json()["fields"]["code"][0]
    locked = guardian("open", {"token": token, "code": wrong})
    assert locked.status_code == 409
    assert locked.json()["code"] == "link_locked"
    # Even the right code no longer opens it; the school sends a new link.
    assert guardian("decide", {"token": token, "code": code, "agree": True}).json()["code"] == "link_locked"
    assert GuardianConsent.objects.get().failed_attempts == 5
    listed = client_for(world.teacher.user).get(f"/api/v1/guardian-consents/?placement={placement.pk}").json()
    assert listed[0]["state"] == "locked"


def test_a_resend_supersedes_the_previous_link(world, placement, django_capture_on_commit_callbacks):
    old_token, old_code = sent(world, placement, django_capture_on_commit_callbacks)
    new_token, new_code = sent(world, placement, django_capture_on_commit_callbacks, phone="13907150002")
    assert sms.outbox[-1].to == "13907150002"
    refused = guardian("decide", {"token": old_token, "code": old_code, "agree": True})
    assert refused.status_code == 409
    assert refused.json()["code"] == "link_superseded"
    assert guardian("decide", {"token": new_token, "code": new_code, "agree": True}).json()["link_state"] == "agreed"


def test_another_placements_token_or_an_unknown_one_opens_nothing(world, placement, django_capture_on_commit_callbacks):
    other_student = f.StudentFactory(institution=world.school, cohort=world.cohort, advisor=world.teacher)
    other = f.PlacementFactory(student=other_student, slot=placement.slot, status="confirmed")
    token, code = sent(world, placement, django_capture_on_commit_callbacks)
    other_token, other_code = sent(world, other, django_capture_on_commit_callbacks)
    # one placement's code does not open the other's link
    assert guardian("open", {"token": other_token, "code": code if code != other_code else "999999"}).status_code == 400
    assert guardian("open", {"token": token + "x", "code": code}).status_code == 404
    assert guardian("link", {"token": "not-a-token"}).status_code == 404
    guardian("decide", {"token": token, "code": code, "agree": True})
    assert GuardianConsent.objects.get(placement=other).status == "sent"
    assert "consent" in missing(world, other)


def test_a_refusal_is_recorded_and_tells_the_teacher_and_the_sender(
    world, placement, django_capture_on_commit_callbacks
):
    token, code = sent(world, placement, django_capture_on_commit_callbacks, user=world.admin.user)
    answer = guardian("decide", {"token": token, "code": code, "agree": False, "note": "孩子年龄太小，离家太远。"})
    assert answer.json()["link_state"] == "refused"
    stored = GuardianConsent.objects.get()
    assert (stored.status, stored.note) == ("refused", "孩子年龄太小，离家太远。")
    told = set(Notice.objects.filter(kind="guardian_consent_refused").values_list("recipient_id", flat=True))
    assert told == {world.teacher.user.pk, world.admin.user.pk}
    assert "consent" in missing(world, placement)


def test_the_start_takes_the_e_consent_or_a_paper_form_but_not_neither(world, django_capture_on_commit_callbacks):
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    students = [
        f.StudentFactory(institution=world.school, cohort=world.cohort, advisor=world.teacher) for _ in range(3)
    ]
    online, paper, neither = (f.PlacementFactory(student=s, slot=slot, status="confirmed") for s in students)
    for placement in (online, paper, neither):
        papers_but_consent(placement)
    token, code = sent(world, online, django_capture_on_commit_callbacks)
    guardian("decide", {"token": token, "code": code, "agree": True})
    f.PlacementDocumentFactory(placement=paper, kind="consent")
    with on(slot.start_date):  # sign in on the day
        hr = client_for(world.hr.user)
        assert hr.post(f"/api/v1/placements/{online.pk}/start/").json()["status"] == "active"
        assert hr.post(f"/api/v1/placements/{paper.pk}/start/").json()["status"] == "active"
        refused = hr.post(f"/api/v1/placements/{neither.pk}/start/")
    assert refused.status_code == 409
    assert [m["code"] for m in refused.json()["missing"]] == ["consent"]
    assert refused.json()["missing"][0]["basis"]["key"] == "consent"


def test_only_the_students_school_sends_and_only_for_a_post_internship(world, placement):
    assert send(world, placement, user=world.hr.user).status_code == 403
    assert send(world, placement, user=world.other_admin.user).status_code == 400  # not a placement they can see
    assert send(world, placement, phone="12345").status_code == 400
    observation = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], kind="observation")
    visit = f.PlacementFactory(student=world.student, slot=observation, status="confirmed")
    assert send(world, visit).json()["code"] == "consent_not_needed"
    assert not sms.outbox


def test_the_console_backend_logs_the_message_with_the_number_masked(caplog, settings):
    settings.SMS_BACKEND = "core.sms.ConsoleBackend"
    settings.DEBUG = True
    with caplog.at_level("WARNING", logger="core.sms"):
        sms.send_sms(to="13807150001", body="链接 https://x/consent/abc 验证码 123456")
    assert "138****0001" in caplog.text
    assert "13807150001" not in caplog.text


def test_outside_debug_the_console_backend_logs_neither_the_link_nor_the_code_and_the_deploy_check_says_so(
    caplog, settings
):
    from django.core import checks

    settings.SMS_BACKEND = "core.sms.ConsoleBackend"
    settings.DEBUG = False
    with caplog.at_level("WARNING", logger="core.sms"):
        sms.send_sms(to="13807150001", body="链接 https://x/consent/abc 验证码 123456")
    assert "SMS not sent" in caplog.text
    assert "consent/abc" not in caplog.text and "123456" not in caplog.text and "0001" not in caplog.text
    found = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "core.I001" in found
    settings.SMS_BACKEND = "core.sms.LocmemBackend"
    assert "core.I001" not in [m.id for m in checks.run_checks(include_deployment_checks=True)]


def test_the_file_backend_appends_each_text_with_the_number_masked(tmp_path, settings):
    settings.SMS_BACKEND = "core.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.log")
    sms.send_sms(to="13807150001", body="第一条")
    sms.send_sms(to="13807150002", body="第二条\n两行")
    lines = (tmp_path / "sms.log").read_text(encoding="utf-8").splitlines()
    assert lines == ["SMS to 138****0001: 第一条", "SMS to 138****0002: 第二条 两行"]
