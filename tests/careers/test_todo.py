"""Issue 18's counts in the menu: applications to review (HR), offers to answer (students), outcomes to confirm
(school admins), each the total of the list page it opens."""

from __future__ import annotations

import pytest

from accounts.actor import actor_for
from careers import services
from tests import factories as f
from tests.access import client_for
from tests.careers.test_services import finalist, open_job

pytestmark = pytest.mark.django_db


def todo(user) -> dict[str, dict]:
    response = client_for(user).get("/api/v1/me/todo/")
    assert response.status_code == 200, response.content
    return {item["key"]: item for item in response.json()["items"]}


def total(user, url: str, query: dict) -> int:
    return client_for(user).get(url, query).json()["count"]


def test_the_counts_follow_the_application_from_hr_to_student_to_school(world):
    student = finalist(world)
    job = open_job(world)
    application = services.application_submit(actor=actor_for(student.user), job=job)
    hr = todo(world.hr.user)["applications_to_review"]
    assert hr["count"] == 1 == total(world.hr.user, "/api/v1/job-applications/", hr["route"]["query"])
    assert (
        "applications_to_review" not in todo(world.other_hr.user)
        or not todo(world.other_hr.user)["applications_to_review"]["count"]
    )
    services.application_offer(
        actor=actor_for(world.hr.user), application=application, start_date=f.days_from_today(30)
    )
    assert todo(world.hr.user)["applications_to_review"]["count"] == 0
    offers = todo(student.user)["offers_to_answer"]
    assert offers["count"] == 1 == total(student.user, "/api/v1/job-applications/", offers["route"]["query"])
    services.offer_accept(actor=actor_for(student.user), application=application)
    assert todo(student.user)["offers_to_answer"]["count"] == 0
    outcomes = todo(world.admin.user)["outcomes_to_confirm"]
    assert outcomes["count"] == 1 == total(world.admin.user, "/api/v1/outcomes/", outcomes["route"]["query"])
    assert todo(world.other_admin.user)["outcomes_to_confirm"]["count"] == 0
