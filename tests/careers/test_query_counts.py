"""The careers lists run a fixed number of queries whatever the page size: no query per row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Interview, InterviewSlot, Job, JobApplication
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


def counts(client, url: str, make_rows) -> tuple[int, int]:
    found = []
    for total, size in ((5, 5), (30, 30)):
        make_rows(total)
        client.get(url)  # warm the per-process caches outside the count
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": size})
        assert response.status_code == 200, response.content
        assert len(response.json()["results"]) == size
        found.append(len(captured.captured_queries))
    return found[0], found[1]


def job(world, n: int) -> Job:
    item = Job.objects.create(
        company=world.company, title=f"岗位{n}", district="hannan", salary_min=5000, salary_max=7000, headcount=1,
        closing_date=f.days_from_today(30), status="open",
    )  # fmt: skip
    item.majors.set([world.major])
    return item


def test_job_list_is_a_fixed_number_of_queries(world):
    made: list[Job] = []

    def make_rows(total: int) -> None:
        while len(made) < total:
            made.append(job(world, len(made)))

    small, large = counts(client_for(world.hr.user), "/api/v1/jobs/", make_rows)
    assert small == large


def test_application_and_interview_lists_are_a_fixed_number_of_queries(world):
    made: list[JobApplication] = []

    def make_rows(total: int) -> None:
        while len(made) < total:
            student = f.StudentFactory(institution=world.school, cohort=world.cohort)
            application = JobApplication.objects.create(job=job(world, len(made)), student=student)
            interview = Interview.objects.create(application=application, location="线上")
            InterviewSlot.objects.create(interview=interview, starts_at=interview.created_at)
            made.append(application)

    hr = client_for(world.hr.user)
    small, large = counts(hr, "/api/v1/job-applications/", make_rows)
    assert small == large
    small, large = counts(hr, "/api/v1/interviews/", lambda total: None)
    assert small == large
