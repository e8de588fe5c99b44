"""The placement state machine (placements/transitions.py) against the API, exhaustively: in every situation a
placement can be in, under both approval orders, each persona's `actions` are exactly the moves that go through.
Every advertised move succeeds and changes something; every other move is refused (404 for whoever cannot see the
placement, 403 for the wrong party, 409 for the wrong state, 400 for a second assessment) and changes nothing.
Each move is tried in a savepoint that is rolled back, so one placement serves all of them.

And the table is the only place: the URLconf's moves are its endpoints, and docs/API.md shows its table and
diagram as the module prints them."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from placements import transitions
from placements.api.views import PlacementViewSet
from placements.choices import PlacementStatus
from placements.models import Assessment, Placement
from placements.selectors import policy_for
from tests import factories as f
from tests.placements.helpers import actor, client_for, image_bytes, named, set_policy

pytestmark = pytest.mark.django_db


def on_its_last_day() -> dict:
    """Dates that put today on a slot's last day: a start (from its first day to its last) and a completion
    (from its last day) are both possible, so every situation can offer every move its state allows."""
    today = timezone.localdate()
    start = f.days_from_today(-f.SLOT_LEAD_DAYS)
    return {"start_date": start, "end_date": today, "application_deadline": start - timedelta(days=7)}


@pytest.fixture
def slot(world):
    """The conftest's slot (post internship, capacity 5, the world's major), running until today."""
    world.company.headcount = 1000
    world.company.save()
    return f.SlotFactory(
        company=world.company, base=world.base, majors=[world.major], mentor=world.mentor, **on_its_last_day()
    )


PERSONAS = ("student", "classmate", "teacher", "admin", "other_teacher", "hr", "mentor", "other_hr", "analyst")
# Who cannot see the student's placement at all: every move is a 404 to them, and the table offers them nothing.
STRANGERS = {"classmate", "other_teacher", "other_hr", "analyst"}
# Their 404 comes from who they are, not from the placement's state: in every situation they are refused the
# detail and offered nothing, and in these they also try every move (each move costs a request in a savepoint).
STRANGERS_TRY_EVERY_MOVE = {"pending", "ready", "active-end-requested", "completed", "ended_early"}

# action: (endpoint, body) — a request that would go through when the move is allowed.
REQUESTS = {
    "withdraw": ("withdraw", {"reason": "想去另一家企业"}),
    "approve": ("approve", {}),
    "reject": ("reject", {"reason": "专业方向不符"}),
    "confirm": ("confirm", {}),
    "decline": ("decline", {"reason": "名额已满"}),
    "upload": ("documents", None),  # multipart, see `post`
    "start": ("start", {}),
    "journal": ("journals", {"title": "第一周", "body": "学习了电池包拆装与高压安全规范。"}),
    "name_mentor": ("mentor", None),  # the placement's own mentor and teacher: see `post`
    "name_teacher": ("teacher", None),
    "record_training": (
        "safety-training",
        {
            "delivered_by": "企业安全主管",
            "delivered_on": f.today().isoformat(),
            "hours": "8",
            "content": "岗位安全规程",
            "passed": True,
        },
    ),
    "request_end": ("request-end", {"reason": "家中有事"}),
    "decide_end": ("decide-end", {"approve": True, "reason": "情况属实"}),
    "assess_teacher": ("assess", {"role": "teacher", "grade": "good", "comments": "表现稳定"}),
    "assess_company": ("assess", {"role": "company", "grade": "good", "comments": "表现稳定"}),
    "complete": ("complete", {}),
    "waive_journals": ("waive-journals", {"reason": "企业保密，周记改为线下提交"}),
    # The world's company has staff on the platform: never advertised, always a 409 (or 403); see `post`.
    "record_paper_assessment": ("paper-assessment", None),
}


def papers(placement) -> None:
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)


def assessed(*roles):
    def add(placement) -> None:
        for role in roles:
            Assessment.objects.create(placement=placement, role=role, grade="good")

    return add


def assessed_and_waived(placement) -> None:
    """Both assessed, and a teacher waived the journal count (completion needs the count or a waiver)."""
    assessed("teacher", "company")(placement)
    placement.journals_waived_at, placement.journals_waived_reason = timezone.now(), "周记改为线下提交"
    placement.save()


def lapsed_inspection(placement) -> None:
    papers(placement)
    placement.slot.base.inspections.all().delete()


def end_requested(placement) -> None:
    placement.end_requested_at = timezone.now()
    placement.end_request_reason = "身体原因"
    placement.save()


# situation: (status, what else is true of the placement)
SITUATIONS = {
    "pending": ("pending", None),
    "approved": ("approved", None),
    "accepted": ("accepted", None),
    "confirmed-papers-missing": ("confirmed", None),
    "ready": ("ready", papers),
    "ready-inspection-lapsed": ("ready", lapsed_inspection),
    "active": ("active", None),
    "active-end-requested": ("active", end_requested),
    "active-school-assessed": ("active", assessed("teacher")),
    "active-both-assessed": ("active", assessed("teacher", "company")),
    "active-assessed-journals-waived": ("active", assessed_and_waived),
    "completed": ("completed", assessed("teacher", "company")),
    "rejected": ("rejected", None),
    "declined": ("declined", None),
    "withdrawn": ("withdrawn", None),
    "ended_early": ("ended_early", None),
    "ended_early-company-assessed": ("ended_early", assessed("company")),
}


def situated(world, slot, situation: str) -> Placement:
    status, extra = SITUATIONS[situation]
    placement = f.PlacementFactory(student=world.student, slot=slot, status=status)
    if extra:
        extra(placement)
    return placement


def snapshot(placement) -> tuple:
    """Everything a move can change, in one query."""
    counted = {name: Count(name, distinct=True) for name in ("events", "documents", "assessments", "journals")}
    return (
        Placement.objects.filter(pk=placement.pk)
        .annotate(**{f"{name}_count": count for name, count in counted.items()})
        .values_list("status", "end_requested_at", "final_grade", *(f"{name}_count" for name in counted))
        .get()
    )


def post(client, placement, action: str):
    endpoint, body = REQUESTS[action]
    if body is None:
        body = {"mentor": placement.slot.mentor_id} if action == "name_mentor" else {"teacher": placement.teacher_id}
    url = f"/api/v1/placements/{placement.pk}/{endpoint}/"
    if action == "upload":
        return client.post(url, {"kind": "other", "file": named(image_bytes(), "scan.png")}, format="multipart")
    if action == "record_paper_assessment":
        form = {"grade": "good", "signed_by": "赵师傅", "signed_on": f.today().isoformat()}
        form["file"] = named(image_bytes(), "scan.png")
        return client.post(url, form, format="multipart")
    return client.post(url, body, format="json")


def attempt(client, placement, action: str):
    """The move, in a savepoint rolled back afterwards: (status code, what it changed)."""
    before = snapshot(placement)
    with transaction.atomic():
        response = post(client, placement, action)
        after = snapshot(placement)
        transaction.set_rollback(True)
    return response, before != after


@pytest.fixture(params=["teacher_first", "company_first"])
def order(request, world):
    set_policy(world.school, approval_order=request.param)
    return request.param


def test_the_tests_know_a_request_for_every_action_the_table_can_advertise():
    assert set(REQUESTS) == set(transitions.ACTIONS)


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_every_advertised_action_goes_through_and_every_other_is_refused(world, slot, order, situation):
    placement = situated(world, slot, situation)
    initially = snapshot(placement)
    for persona in PERSONAS:
        client = client_for(world.user(persona))
        shown = client.get(f"/api/v1/placements/{placement.pk}/")
        if persona in STRANGERS:
            assert shown.status_code == 404, persona
            advertised = []
            assert transitions.allowed_actions(actor(world.user(persona)), placement, policy_for(world.school.pk)) == []
            if situation not in STRANGERS_TRY_EVERY_MOVE:
                continue
        else:
            assert shown.status_code == 200, persona
            advertised = shown.json()["actions"]
        for action in transitions.ACTIONS:
            response, changed = attempt(client, placement, action)
            where = (persona, action, response.status_code, response.content[:300])
            if action in advertised:
                created = action in ("upload", "journal", "record_training")
                assert response.status_code == (201 if created else 200), where
                assert changed, where
            else:
                # The contract allows each: 403 not this persona's move, 409 not in this state (below: 404, 400).
                assert response.status_code in (400, 403, 404, 409), where
                assert not changed, where
                if persona in STRANGERS:
                    assert response.status_code == 404, where
                if response.status_code == 400:
                    # Only a second assessment is refused as bad input; every other move is a 403 or 409.
                    assert action.startswith("assess_") and "role" in response.json()["fields"], where
    assert snapshot(placement) == initially  # every savepoint was rolled back


def test_the_list_offers_the_same_actions_as_the_detail(world, slot, order):
    placement = situated(world, slot, "ready")
    for persona in ("student", "teacher", "hr", "mentor"):
        client = client_for(world.user(persona))
        (row,) = client.get("/api/v1/placements/").json()["results"]
        assert row["actions"] == client.get(f"/api/v1/placements/{placement.pk}/").json()["actions"], persona


@pytest.mark.parametrize("order_name", ["teacher_first", "company_first"])
def test_every_action_is_offered_to_someone_in_some_situation(world, slot, order_name):
    """A row the table could never offer would be a dead button or a dead endpoint."""
    set_policy(world.school, approval_order=order_name)
    policy = policy_for(world.school.pk)
    offered = set()
    for situation in SITUATIONS:
        slot = f.SlotFactory(company=world.company, base=world.base, **on_its_last_day())
        placement = situated(world, slot, situation)
        for persona in PERSONAS:
            offered |= set(transitions.allowed_actions(actor(world.user(persona)), placement, policy))
    # A company with nobody on the platform: its teacher records the company's paper assessment (the situations
    # above are all at the world's company, which has staff; tests/placements/test_paper_assessment.py).
    off_platform = f.SlotFactory(company=f.CompanyFactory(name="平台外企业"), mentor=None, **on_its_last_day())
    running = f.PlacementFactory(student=world.classmate, slot=off_platform, status="active", mentor=None)
    offered |= set(transitions.allowed_actions(actor(world.teacher.user), running, policy))
    assert offered == set(transitions.ACTIONS)


def test_a_confirmation_the_api_offers_can_still_find_the_slot_full(world, slot):
    """The guards that need counting under the slot's lock are the service's; `actions` does not foresee them."""
    set_policy(world.school, approval_order="teacher_first")
    slot.capacity = 1
    slot.save()
    f.PlacementFactory(slot=slot, status="confirmed")
    placement = f.PlacementFactory(student=world.student, slot=slot, status="approved")
    hr = client_for(world.hr.user)
    assert "confirm" in hr.get(f"/api/v1/placements/{placement.pk}/").json()["actions"]
    response = hr.post(f"/api/v1/placements/{placement.pk}/confirm/", {})
    assert response.status_code == 409
    assert response.json()["code"] == "slot_full"


def test_a_start_is_offered_once_the_papers_are_in_and_the_missing_list_says_what_is_needed(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    teacher = client_for(world.teacher.user)
    body = teacher.get(f"/api/v1/placements/{placement.pk}/").json()
    assert "start" not in body["actions"]
    assert {m["code"] for m in body["missing"]} == {"tripartite", "consent", "insurance"}
    papers(placement)
    body = teacher.get(f"/api/v1/placements/{placement.pk}/").json()
    assert (body["missing"], "start" in body["actions"]) == ([], True)


# -- the table is the only place -------------------------------------------------------------------------------


def placement_moves_in_the_urlconf() -> set[str]:
    """The last path segment of every POST route on one placement (/placements/{pk}/<move>/) the URLconf has."""
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = pattern.callback
                if getattr(view, "cls", None) is PlacementViewSet and "post" in getattr(view, "actions", {}):
                    match = re.search(r"\(\?P<pk>[^)]*\)/([^/]+)/", str(pattern.pattern))
                    if match:
                        found.add(match.group(1))

    walk(get_resolver().url_patterns)
    return found


# POST routes on a placement that are no move of it: the journal draft is saved under the "journal" row's own
# check (who may write, and only while the placement is active), but saving it changes nothing of the placement.
NOT_MOVES = {"journal-draft"}


def test_the_moves_the_urlconf_offers_on_a_placement_are_the_tables_endpoints():
    endpoints = {row.endpoint for row in transitions.TABLE if row.endpoint}
    assert placement_moves_in_the_urlconf() - NOT_MOVES == endpoints


def test_every_status_is_in_the_table():
    named = {s for row in transitions.TABLE for s in (*row.sources, row.target) if s}
    assert named == set(PlacementStatus.values)


def test_an_action_is_taken_by_the_same_party_whatever_the_approval_order():
    for name, rows in transitions.ROWS.items():
        assert len({row.who for row in rows}) == 1, name


def test_the_api_docs_show_the_table_and_its_diagram_as_the_code_declares_them():
    api_md = (Path(__file__).resolve().parents[2] / "docs" / "API.md").read_text(encoding="utf-8")
    assert transitions.markdown() in api_md
    assert f"```mermaid\n{transitions.mermaid()}\n```" in api_md
