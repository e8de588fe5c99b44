"""The demo world's careers: jobs of the named companies and applications at every stage, all flagged demo and
made through the services, with an accepted offer from an intern recorded as an outcome the school confirmed."""

from __future__ import annotations

import pytest

from alumni.models import GraduateOutcome, OutcomeSource
from careers.models import Job, JobApplication, Stage
from placements.models import Placement

pytestmark = pytest.mark.django_db


def test_demo_has_jobs_and_every_stage_flagged_demo(demo):
    jobs = Job.objects.all()
    assert jobs.exists() and all(j.is_demo and j.status == "open" for j in jobs)
    assert jobs.filter(company__name="东风汽车集团有限公司").exists()
    stages = set(JobApplication.objects.values_list("stage", flat=True))
    assert stages == {s.value for s in Stage}
    assert all(JobApplication.objects.values_list("is_demo", flat=True))
    assert not JobApplication.objects.filter(student__user__username="student").exists()
    assert JobApplication.objects.filter(interviews__status="scheduled").exists()


def test_demo_offer_accepted_by_an_intern_is_a_confirmed_outcome(demo):
    accepted = JobApplication.objects.filter(stage=Stage.ACCEPTED).select_related("outcome", "job")
    assert accepted.exists()
    for application in accepted:
        outcome = application.outcome
        assert outcome.source == OutcomeSource.OFFER and outcome.confirmed and outcome.is_demo
        assert outcome.employer_id == application.job.company_id and outcome.in_wuhan
    assert any(
        Placement.objects.filter(student_id=a.student_id, slot__company_id=a.job.company_id).exists() for a in accepted
    )
    assert GraduateOutcome.objects.filter(source=OutcomeSource.OFFER).count() == accepted.count()
