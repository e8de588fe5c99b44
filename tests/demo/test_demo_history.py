"""Last term in the demo world (issues 17 and 18): post internships completed through the services with every gate
met on the days they happened, some interns hired by the same company through the careers flow (an accepted offer,
an outcome the school confirmed), and their reviews, so the conversion and the company ratings show figures that
come from what happened on the platform."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from careers.models import JobApplication, Stage
from fieldwork.models import PlacementReview, RatingSnapshot
from placements.demo_history import INTERNS
from placements.models import Placement
from placements.services.journals import journal_summary
from tests.access import client_for

pytestmark = pytest.mark.django_db


def completed_by_flows():
    # the alumni demo's graduates have no account; these students signed in and went through the services (a
    # self-arranged one is test_demo_self_arranged's)
    return Placement.objects.filter(
        status="completed", student__user__isnull=False, proposal__isnull=True
    ).select_related("slot__company")


def test_last_terms_interns_completed_their_placements_through_every_gate(demo):
    placements = list(completed_by_flows())
    assert len(placements) == sum(INTERNS)
    for placement in placements:
        assert placement.slot.is_demo and placement.slot.status == "closed"
        assert timezone.localtime(placement.ended_at).date() == placement.slot.end_date  # completed on the last day
        actions = list(placement.events.values_list("action", flat=True))
        assert actions[-1] == "completed" and "started" in actions
        assert {a.role for a in placement.assessments.all()} == {"company", "teacher"}
        assert placement.final_grade
        assert {d.kind for d in placement.documents.all()} >= {"tripartite", "consent", "insurance"}
        assert placement.filings.filter(is_demo=True).exists()
        summary = journal_summary(placement)
        assert summary.submitted >= summary.required or placement.journals_waived_reason
    waived = [p for p in placements if p.journals_waived_at]
    assert len(waived) == 1 and "演示" in waived[0].journals_waived_reason


def test_some_interns_were_hired_by_their_company_and_the_school_confirmed_it(demo):
    hires = [
        a
        for a in JobApplication.objects.filter(stage=Stage.ACCEPTED).select_related("job__company", "outcome")
        if completed_by_flows().filter(student_id=a.student_id, slot__company_id=a.job.company_id).exists()
    ]
    assert len(hires) >= 3
    assert all(a.is_demo and a.outcome.confirmed and a.outcome.employer_id == a.job.company_id for a in hires)
    # the HR login's company hired some of its interns: its conversion counts them
    hr = get_user_model().objects.get(email="hr@example.com")
    figures = client_for(hr).get("/api/v1/stay-report/conversion/").json()
    (dongfeng,) = figures["companies"]
    ours = [a for a in hires if a.job.company.name == dongfeng["name"]]
    assert dongfeng["hired"] >= len(ours) > 0


def test_the_company_with_five_reviews_has_a_published_rating_and_the_others_none(demo):
    reviews = PlacementReview.objects.all()
    assert reviews.count() == sum(INTERNS) and all(r.is_demo for r in reviews)
    published = RatingSnapshot.objects.filter(subject="company", published_average__isnull=False)
    assert [s.published_count for s in published] == [max(INTERNS)]
