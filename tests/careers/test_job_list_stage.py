"""The student's job list says where each of their own applications stands (issue 18: on a phone the list is where
a student looks), and never another student's stage."""

from __future__ import annotations

import pytest

from careers.models import Job, JobApplication
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


def test_a_student_sees_their_own_stage_on_the_job_list_and_a_classmate_none(world):
    job = Job.objects.create(
        company=world.company, title="电池包装调技术员", district="hannan", salary_min=5000, salary_max=7000,
        headcount=2, closing_date=f.days_from_today(30), status="open",
    )  # fmt: skip
    JobApplication.objects.create(job=job, student=world.student, stage="interview")
    (mine,) = client_for(world.student.user).get("/api/v1/jobs/").json()["results"]
    assert (mine["my_stage"], mine["my_application"]) == ("interview", job.applications.get().pk)
    (theirs,) = client_for(world.classmate.user).get("/api/v1/jobs/").json()["results"]
    assert theirs["my_stage"] is None and theirs["my_application"] is None
    (hr_view,) = client_for(world.hr.user).get("/api/v1/jobs/").json()["results"]
    assert hr_view["my_stage"] is None
