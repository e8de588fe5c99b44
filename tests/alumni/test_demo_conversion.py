"""The demo world's internship-to-hire figures (issue 14, defect 7): the analyst, a teacher and HR each see
graduates hired where they did their placement, true to the report's rule (a completed placement at the company
that then employs the graduate)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from alumni.models import GraduateOutcome
from placements.models import Placement

pytestmark = pytest.mark.django_db


def conversion_for(email: str) -> dict:
    client = APIClient()
    client.force_login(get_user_model().objects.get(email=email))
    response = client.get("/api/v1/stay-report/conversion/")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("email", ["analyst@example.com", "teacher@example.com", "hr@example.com"])
def test_each_reader_of_the_demo_world_sees_interns_who_were_hired(demo, email):
    figures = conversion_for(email)
    assert sum(c["interns"] for c in figures["companies"]) > 0
    assert sum(c["hired"] for c in figures["companies"]) > 0
    assert sum(b["hired"] for b in figures["bases"]) > 0


def test_every_demo_conversion_is_a_completed_placement_at_the_employer_of_a_demo_graduate(demo):
    hires = GraduateOutcome.objects.filter(student__isnull=False, employer__isnull=False)
    converted = [
        o
        for o in hires
        if Placement.objects.filter(student=o.student, slot__company=o.employer, status="completed").exists()
    ]
    assert converted
    assert all(o.is_demo and "演示" in o.full_name for o in converted)
