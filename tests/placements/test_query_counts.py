"""The slot and placement lists run a fixed number of queries whatever the number of rows (no query per row), for
a school admin and for company HR."""

from __future__ import annotations

from collections.abc import Callable
from itertools import cycle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from placements.models import Assessment
from tests import factories as f
from tests.placements.helpers import client_for, make_slot, new_student, set_policy

pytestmark = pytest.mark.django_db


def queries_for(client: APIClient, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": rows})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == rows
    return len(captured.captured_queries)


def counts(client: APIClient, url: str, make_rows: Callable[[int], None]) -> tuple[int, int]:
    make_rows(5)
    client.get(url)  # warm the per-process caches (content types, translations) outside the count
    small = queries_for(client, url, 5)
    make_rows(20)
    return small, queries_for(client, url, 25)


def slot_rows(world, other_majors):
    """n open slots at the world's company, each for two majors, some with the school's students on them."""
    students = cycle([world.student, world.classmate])
    statuses = cycle(["pending", "confirmed", "active"])

    def make_rows(n: int) -> None:
        for i in range(n):
            slot = make_slot(world, majors=[world.major, next(other_majors)], mentor=world.mentor if i % 2 else None)
            if i % 3:
                f.PlacementFactory(student=next(students), slot=slot, status=next(statuses))

    return make_rows


def placement_rows(world, companies, schools):
    """n placements of students of several schools (each with its own policy) at several companies, in states
    that show paperwork, assessments and actions."""
    states = cycle(["pending", "approved", "confirmed", "ready", "active", "completed"])

    def make_rows(n: int) -> None:
        for _ in range(n):
            company, school = next(companies), next(schools)
            student = (
                new_student(world, institution=school)
                if school == world.school
                else f.StudentFactory(institution=school)
            )
            slot = make_slot(world, company=company, base=world.base if company == world.company else None)
            placement = f.PlacementFactory(student=student, slot=slot, status=next(states))
            if placement.status in ("confirmed", "ready", "active"):
                f.PlacementDocumentFactory(placement=placement, kind="tripartite")
            if placement.status == "active":
                Assessment.objects.create(placement=placement, role="teacher", grade="good")

    return make_rows


@pytest.fixture
def other_majors(world):
    return cycle([f.MajorFactory(institution=world.school, category="46") for _ in range(3)])


def test_the_slot_list_runs_a_fixed_number_of_queries_for_a_school_admin(world, other_majors):
    small, large = counts(client_for(world.admin.user), "/api/v1/slots/", slot_rows(world, other_majors))
    # session, user, 3 for the viewer's memberships, count, page, majors, reviewing schools (art. 17 review),
    # working-time exceptions (art. 17 hours), the students' published ratings of the page's companies and bases
    # (one query; company staff never read them)
    assert (small, large) == (11, 11)


def test_the_slot_list_runs_a_fixed_number_of_queries_for_company_hr(world, other_majors):
    small, large = counts(client_for(world.hr.user), "/api/v1/slots/", slot_rows(world, other_majors))
    assert (small, large) == (10, 10)


def test_the_placement_list_runs_a_fixed_number_of_queries_for_a_school_admin(world):
    set_policy(world.school, approval_order="company_first")
    companies = cycle([world.company, world.other_company])
    small, large = counts(
        client_for(world.admin.user), "/api/v1/placements/", placement_rows(world, companies, cycle([world.school]))
    )
    assert small == large


def test_the_placement_list_runs_a_fixed_number_of_queries_for_company_hr(world):
    schools = cycle([world.school, world.other_school, f.InstitutionFactory()])
    small, large = counts(
        client_for(world.hr.user), "/api/v1/placements/", placement_rows(world, cycle([world.company]), schools)
    )
    assert small == large
