"""A slot's application deadline (issue 14): a slot cannot be opened with its deadline already behind it (a field
error in the page's language), and an open slot whose deadline has since passed stops reading 招募中: the API says
`deadline_passed`, it leaves "eligible for me", the student is told why, and applying is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from placements.models import Slot
from tests import access
from tests import factories as f
from tests.placements.helpers import as_json, client_for, compliant_slot_values, make_slot

pytestmark = pytest.mark.django_db


def yesterday():
    return f.today() - timedelta(days=1)


def slot_row(response, slot) -> dict:
    return next(row for row in response.json()["results"] if row["id"] == slot.pk)


def test_publishing_a_new_slot_with_a_past_deadline_is_a_field_error(world):
    values = compliant_slot_values(world, application_deadline=yesterday(), publish=True)
    response = client_for(world.hr.user).post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 400, response.content
    assert "has passed" in response.json()["fields"]["application_deadline"][0]
    assert not Slot.objects.filter(title=values["title"]).exists()


def test_the_past_deadline_error_is_in_chinese_for_a_chinese_page(world):
    values = compliant_slot_values(world, application_deadline=yesterday(), publish=True)
    client = access.client_for(world.hr.user, language="zh-hans")
    response = client.post("/api/v1/slots/", as_json(values), format="json")
    assert response.status_code == 400
    assert "截止" in response.json()["fields"]["application_deadline"][0]


def test_a_draft_may_keep_a_past_deadline_but_cannot_be_opened_with_it(world):
    draft = make_slot(world, status="draft", application_deadline=yesterday())
    client = client_for(world.hr.user)
    response = client.post(f"/api/v1/slots/{draft.pk}/publish/")
    assert response.status_code == 400, response.content
    assert "application_deadline" in response.json()["fields"]
    draft.refresh_from_db()
    assert draft.status == "draft"
    client.patch(f"/api/v1/slots/{draft.pk}/", {"application_deadline": str(f.today())}, format="json")
    assert client.post(f"/api/v1/slots/{draft.pk}/publish/").status_code == 200
    draft.refresh_from_db()
    assert draft.status == "open"


def test_a_closed_slot_is_not_reopened_with_a_past_deadline(world):
    closed = make_slot(world, status="closed", application_deadline=yesterday())
    response = client_for(world.hr.user).post(f"/api/v1/slots/{closed.pk}/publish/")
    assert response.status_code == 400
    closed.refresh_from_db()
    assert closed.status == "closed"


def test_an_open_slot_cannot_be_moved_to_a_past_deadline_but_other_edits_still_save(world):
    slot = make_slot(world)
    client = client_for(world.hr.user)
    moved = client.patch(f"/api/v1/slots/{slot.pk}/", {"application_deadline": str(yesterday())}, format="json")
    assert moved.status_code == 400
    assert "application_deadline" in moved.json()["fields"]
    lapsed = make_slot(world, application_deadline=yesterday(), title="报名已截止的岗位")
    edited = client.patch(f"/api/v1/slots/{lapsed.pk}/", {"description": "更新了岗位说明。"}, format="json")
    assert edited.status_code == 200, edited.content


def test_an_open_slot_past_its_deadline_says_so_and_one_on_its_last_day_still_recruits(world, eligible_student):
    lapsed = make_slot(world, application_deadline=yesterday(), title="昨天截止")
    last_day = make_slot(world, application_deadline=f.today(), title="今天截止")
    client = client_for(world.student.user)
    listed = client.get("/api/v1/slots/")
    assert slot_row(listed, lapsed)["deadline_passed"] is True
    assert slot_row(listed, last_day)["deadline_passed"] is False
    assert client.get(f"/api/v1/slots/{lapsed.pk}/").json()["deadline_passed"] is True


def test_a_closed_slot_is_closed_rather_than_past_its_deadline(world):
    closed = make_slot(world, status="closed", application_deadline=yesterday())
    assert client_for(world.hr.user).get(f"/api/v1/slots/{closed.pk}/").json()["deadline_passed"] is False


def test_a_slot_past_its_deadline_is_not_eligible_for_me_and_says_why(world, eligible_student):
    lapsed = make_slot(world, application_deadline=yesterday(), title="昨天截止")
    ahead = make_slot(world, title="仍在招募")
    client = client_for(world.student.user)
    ids = [row["id"] for row in client.get("/api/v1/slots/?eligible=true&status=open").json()["results"]]
    assert ahead.pk in ids
    assert lapsed.pk not in ids
    refused = client.get(f"/api/v1/slots/{lapsed.pk}/eligibility/").json()
    assert refused["eligible"] is False
    assert any("deadline" in reason for reason in refused["reasons"])
    applied = client.post("/api/v1/placements/", {"slot": lapsed.pk}, format="json")
    assert applied.status_code == 409
    assert applied.json()["code"] == "deadline_passed"
