"""Company HR posts slots; the regulation (COMPLIANCE.md rules 6–12) refuses what it forbids, with the error on
the field at fault and citing the rule, and lets the compliant side through. Every rule is checked both through
POST /api/v1/slots/ and through services.slot_create. Then: who may post, the slot's own lifecycle, edits, and
the rule 9 warning."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.calendar import term_for
from placements import services
from placements.choices import BannedWork
from placements.models import Slot
from tests import factories as f
from tests.placements.citing import cites
from tests.placements.helpers import actor, as_json, client_for, compliant_slot_values, make_slot

pytestmark = pytest.mark.django_db


@dataclass
class Outcome:
    slot: Slot | None
    errors: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(params=["api", "service"])
def post(request, world):
    """post(**overrides) posts a slot as the world's HR, through the API or the service, and reports the result
    the same way: the slot, or the field errors."""

    def via_api(**overrides) -> Outcome:
        response = client_for(world.hr.user).post(
            "/api/v1/slots/", as_json(compliant_slot_values(world, **overrides)), format="json"
        )
        if response.status_code == 201:
            return Outcome(Slot.objects.get(pk=response.json()["id"]))
        assert response.status_code == 400, response.content
        assert response.json()["code"] == "invalid"
        return Outcome(None, response.json()["fields"])

    def via_service(**overrides) -> Outcome:
        values = compliant_slot_values(world, **overrides)
        majors = values.pop("majors")
        try:
            slot = services.slot_create(actor=actor(world.hr.user), company=world.company, majors=majors, **values)
        except ValidationError as error:
            return Outcome(None, error.message_dict)
        return Outcome(slot)

    return via_api if request.param == "api" else via_service


def assert_refused(outcome: Outcome, field_name: str, cites: str | None) -> list[str]:
    assert outcome.slot is None, "the slot was saved"
    assert not Slot.objects.exists()
    messages = outcome.errors.get(field_name)
    assert messages, f"no error on {field_name}: {outcome.errors}"
    if cites:
        assert any(m.startswith(cites) for m in messages), messages
    return messages


def assert_allowed(outcome: Outcome) -> Slot:
    assert outcome.errors == {}
    assert outcome.slot is not None
    return outcome.slot


# -- rules 6–12 ------------------------------------------------------------------------------------------------


def test_a_compliant_slot_is_saved_as_a_draft_in_the_term_of_its_start(post):
    slot = assert_allowed(post())
    assert slot.status == "draft"
    assert slot.term == term_for(f.days_from_today(f.SLOT_LEAD_DAYS))


@pytest.mark.parametrize("work", BannedWork.values)
def test_a_slot_declaring_banned_work_is_refused_under_rule_6(post, work):
    (message,) = assert_refused(post(banned_work=[work]), "banned_work", cites("banned_work"))
    assert str(BannedWork(work).label) in message


def test_more_than_eight_hours_a_day_is_refused_under_art_17(post):
    # 09:00–18:30 less an hour's break: 8.5 hours.
    (message,) = assert_refused(post(work_ends=time(18, 30)), "work_ends", cites("working_time"))
    assert re.search(r"\b8(\.0)? hours", message), message
    assert "8.5" in message


def test_eight_hours_a_day_is_allowed_and_the_daily_hours_follow_from_the_window(post):
    assert assert_allowed(post(work_starts=time(8, 30), work_ends=time(17, 0), break_minutes=30)).daily_hours == 8


def test_interns_beyond_20_percent_of_the_post_are_refused_under_rule_8(post):
    (message,) = assert_refused(post(capacity=21, post_headcount=100), "capacity", cites("intern_share"))
    assert "20%" in message
    assert "at most 20" in message


def test_interns_at_exactly_20_percent_of_the_post_are_allowed(post, world):
    assert world.company.headcount == 500  # the company's own cap (50) is not what is tested here
    assert assert_allowed(post(capacity=20, post_headcount=100)).capacity == 20


def test_interns_beyond_10_percent_of_the_company_are_refused_under_rule_8(post, world):
    world.company.headcount = 100
    world.company.save()
    (message,) = assert_refused(post(capacity=11, post_headcount=1000), "capacity", cites("intern_share"))
    assert "10%" in message
    assert "company" in message


def test_interns_at_exactly_10_percent_of_the_company_are_allowed(post, world):
    world.company.headcount = 100
    world.company.save()
    assert assert_allowed(post(capacity=10, post_headcount=1000)).capacity == 10


def test_a_stipend_below_80_percent_of_the_posts_wage_is_refused_under_rule_10(post):
    (message,) = assert_refused(post(post_wage=Decimal("5000"), stipend=Decimal("3999.99")), "stipend", cites("pay"))
    assert "80%" in message
    assert "4,000.00" in message


def test_a_stipend_of_exactly_80_percent_of_the_posts_wage_is_allowed(post):
    assert assert_allowed(post(post_wage=Decimal("5000"), stipend=Decimal("4000"))).stipend == Decimal("4000")


def test_a_stipend_not_paid_directly_to_the_student_is_refused_under_rule_10(post):
    assert_refused(post(paid_directly=False), "paid_directly", cites("pay"))


@pytest.mark.parametrize("declared", ["charges_fees", "holds_documents"])
def test_fees_and_holding_id_cards_are_refused_under_rule_11(post, declared):
    assert_refused(post(**{declared: True}), declared, cites("fees"))


def test_an_end_before_the_start_is_refused(post):
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    assert_refused(post(start_date=start, end_date=start - timedelta(days=1)), "end_date", None)


def test_an_application_deadline_after_the_start_is_refused(post):
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    assert_refused(post(start_date=start, application_deadline=start + timedelta(days=1)), "application_deadline", None)


def test_a_slot_for_no_major_is_refused_under_rule_12(post):
    assert_refused(post(majors=[]), "majors", cites("major"))


@pytest.mark.parametrize(
    "setting, value, field_name, refused, allowed, says",
    [
        ("DAILY_HOURS_CAP", 7.5, "work_ends", {"work_ends": time(18, 0)}, {"work_ends": time(17, 30)}, "7.5"),
        ("MIN_STIPEND_RATIO", 0.9, "stipend", {"stipend": Decimal("4499")}, {"stipend": Decimal("4500")}, "90%"),
        ("POST_INTERN_SHARE", 0.1, "capacity", {"capacity": 11}, {"capacity": 10}, "at most 10"),
        ("COMPANY_INTERN_SHARE", 0.01, "capacity", {"capacity": 6}, {"capacity": 5}, "at most 5"),
    ],
)
def test_the_regulations_numbers_come_from_settings(post, settings, setting, value, field_name, refused, allowed, says):
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, setting: value}
    messages = assert_refused(post(**refused), field_name, None)
    assert any(says in m for m in messages), messages
    assert_allowed(post(**allowed))


# -- who may post ----------------------------------------------------------------------------------------------


def test_hr_can_open_a_slot_at_once(world):
    response = client_for(world.hr.user).post(
        "/api/v1/slots/", as_json(compliant_slot_values(world, publish=True)), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"


def test_a_company_still_under_review_cannot_open_a_slot(world):
    values = compliant_slot_values(world, base=world.pending_base, mentor=None, publish=True)
    response = client_for(world.pending_hr.user).post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "company_not_approved"
    assert not Slot.objects.exists()


def test_a_company_under_review_cannot_even_prepare_a_draft(world):
    hr = client_for(world.pending_hr.user)
    values = compliant_slot_values(world, base=world.pending_base, mentor=None)
    draft = hr.post("/api/v1/slots/", as_json(values), format="json")
    assert draft.status_code == 409, draft.content
    assert draft.json()["code"] == "company_not_approved"
    assert not Slot.objects.exists()


def test_a_mentor_cannot_post_a_slot(world):
    response = client_for(world.mentor.user).post(
        "/api/v1/slots/", as_json(compliant_slot_values(world)), format="json"
    )
    assert response.status_code == 403
    assert not Slot.objects.exists()


@pytest.mark.parametrize("base_name", ["other_base", "campus_base", "inactive_base"])
def test_hr_can_post_only_at_their_own_companys_active_off_campus_base(world, base_name):
    values = compliant_slot_values(world, base=getattr(world, base_name))
    response = client_for(world.hr.user).post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 400, response.content
    assert "base" in response.json()["fields"]
    assert not Slot.objects.exists()


def test_the_service_refuses_a_base_of_another_company(world):
    values = compliant_slot_values(world, base=world.other_base)
    majors = values.pop("majors")
    with pytest.raises(ValidationError) as refused:
        services.slot_create(actor=actor(world.hr.user), company=world.company, majors=majors, **values)
    assert "base" in refused.value.message_dict


def test_the_mentor_named_on_a_slot_must_work_for_the_company(world):
    other_mentor = f.CompanyMemberFactory(company=world.other_company, role="mentor")
    values = compliant_slot_values(world, mentor=other_mentor)
    response = client_for(world.hr.user).post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 400
    assert "mentor" in response.json()["fields"]


# -- the slot's lifecycle --------------------------------------------------------------------------------------


def test_hr_publishes_closes_reopens_and_cancels_a_slot(world):
    slot = make_slot(world, status="draft")
    hr = client_for(world.hr.user)
    for action, expected in [("publish", "open"), ("close", "closed"), ("publish", "open"), ("cancel", "cancelled")]:
        response = hr.post(f"/api/v1/slots/{slot.pk}/{action}/")
        assert response.status_code == 200, (action, response.content)
        assert response.json()["status"] == expected
        slot.refresh_from_db()
        assert slot.status == expected


@pytest.mark.parametrize(
    "status, action",
    [
        ("draft", "close"),
        ("open", "publish"),
        ("closed", "close"),
        ("cancelled", "publish"),
        ("cancelled", "close"),
        ("cancelled", "cancel"),
    ],
)
def test_an_illegal_slot_move_is_a_conflict_naming_the_current_status(world, status, action):
    slot = make_slot(world, status=status)
    response = client_for(world.hr.user).post(f"/api/v1/slots/{slot.pk}/{action}/")
    assert response.status_code == 409, response.content
    assert response.json()["current_status"] == status
    slot.refresh_from_db()
    assert slot.status == status


def test_a_slot_with_confirmed_students_cannot_be_cancelled(world):
    slot = make_slot(world)
    f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    response = client_for(world.hr.user).post(f"/api/v1/slots/{slot.pk}/cancel/")
    assert response.status_code == 409
    assert response.json()["current_status"] == "open"
    slot.refresh_from_db()
    assert slot.status == "open"


def test_publishing_a_draft_checks_the_regulation_again(world, settings):
    slot = make_slot(world, status="draft", post_wage=5000, stipend=4000)
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "MIN_STIPEND_RATIO": 0.9}
    response = client_for(world.hr.user).post(f"/api/v1/slots/{slot.pk}/publish/")
    assert response.status_code == 400
    assert response.json()["fields"]["stipend"][0].startswith(cites("pay"))
    slot.refresh_from_db()
    assert slot.status == "draft"


def test_another_companys_hr_cannot_publish_or_close_a_slot(world):
    draft = make_slot(world, status="draft")
    open_slot = make_slot(world)
    other = client_for(world.other_hr.user)
    assert other.post(f"/api/v1/slots/{draft.pk}/publish/").status_code == 404
    assert other.post(f"/api/v1/slots/{open_slot.pk}/close/").status_code == 403
    assert Slot.objects.get(pk=draft.pk).status == "draft"
    assert Slot.objects.get(pk=open_slot.pk).status == "open"


def test_an_application_to_a_cancelled_slot_cannot_be_confirmed(world):
    slot = make_slot(world)
    placement = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    assert client_for(world.hr.user).post(f"/api/v1/slots/{slot.pk}/cancel/").status_code == 200
    response = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/confirm/", {})
    assert response.status_code == 409, response.json()
    placement.refresh_from_db()
    assert placement.status != "confirmed"


# -- edits -----------------------------------------------------------------------------------------------------


def test_capacity_cannot_be_edited_below_the_students_already_confirmed(world):
    slot = make_slot(world, capacity=5)
    f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    f.PlacementFactory(student=world.classmate, slot=slot, status="active")
    hr = client_for(world.hr.user)
    refused = hr.patch(f"/api/v1/slots/{slot.pk}/", {"capacity": 1}, format="json")
    assert refused.status_code == 400
    assert "2" in refused.json()["fields"]["capacity"][0]
    assert Slot.objects.get(pk=slot.pk).capacity == 5
    allowed = hr.patch(f"/api/v1/slots/{slot.pk}/", {"capacity": 2}, format="json")
    assert allowed.status_code == 200, allowed.content
    assert Slot.objects.get(pk=slot.pk).capacity == 2


def test_an_edit_that_breaks_a_rule_is_refused_and_changes_nothing(world):
    slot = make_slot(world, post_wage=5000, stipend=4000)
    response = client_for(world.hr.user).patch(f"/api/v1/slots/{slot.pk}/", {"stipend": "3000"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["stipend"][0].startswith(cites("pay"))
    assert Slot.objects.get(pk=slot.pk).stipend == Decimal("4000")


def test_a_closed_slot_cannot_be_edited(world):
    slot = make_slot(world, status="closed")
    response = client_for(world.hr.user).patch(f"/api/v1/slots/{slot.pk}/", {"title": "新标题"}, format="json")
    assert response.status_code == 409
    assert response.json()["current_status"] == "closed"


# -- rule 9 ----------------------------------------------------------------------------------------------------


def test_a_three_month_post_internship_is_posted_with_a_rule_9_warning(world):
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    values = compliant_slot_values(world, start_date=start, end_date=f.slot_end(start, months=3))
    response = client_for(world.hr.user).post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 201, response.content
    (warning,) = response.json()["warnings"]
    assert warning.startswith(cites("duration"))
    assert "6 months" in warning
    assert "3" in warning


@pytest.mark.parametrize(
    "kind, months",
    [("post", 6), ("observation", 1)],
    ids=["six-month-post", "observation"],
)
def test_a_six_month_post_internship_or_an_observation_internship_has_no_warning(world, kind, months):
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    values = compliant_slot_values(world, kind=kind, start_date=start, end_date=f.slot_end(start, months=months))
    response = client_for(world.hr.user).post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["warnings"] == []
