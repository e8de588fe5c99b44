"""Self-arranged placements in the demo world (issue 15): one waiting for the school, one approved and running, one
completed with the company's assessment recorded by the school from the signed paper form; made through the
services, at companies with true names, everything generated flagged as demo data."""

from __future__ import annotations

import pytest

from placements.demo_self_arranged import COMPLETED_AT, PENDING_AT, RUNNING_AT
from placements.models import SelfArrangedProposal
from tests.access import client_for

pytestmark = pytest.mark.django_db


def test_three_self_arranged_stories_are_in_the_demo(demo):
    proposals = {p.company_name: p for p in SelfArrangedProposal.objects.select_related("placement__slot")}
    assert set(proposals) == {COMPLETED_AT, RUNNING_AT, PENDING_AT}
    assert all(p.is_demo and "演示" in p.reason for p in proposals.values())
    assert proposals[PENDING_AT].status == "pending" and proposals[PENDING_AT].placement is None
    running = proposals[RUNNING_AT].placement
    assert proposals[RUNNING_AT].status == "approved" and running.status == "active" and running.slot.is_demo
    done = proposals[COMPLETED_AT].placement
    assert done.status == "completed" and done.final_grade and done.slot.is_demo
    company = done.assessments.get(role="company")
    assert company.paper_scan is not None and company.paper_scan.kind == "assessment"
    assert company.assessor_id == done.teacher.user_id and "演示" in company.paper_signed_by
    assert not done.slot.company.members.exists() and "演示" in done.slot.company.data_note
    # The teacher reads it as recorded from paper.
    body = client_for(done.teacher.user).get(f"/api/v1/placements/{done.pk}/").json()
    paper = next(a for a in body["assessments"] if a["role"] == "company")
    assert paper["recorded_from_paper"] and paper["paper_scan_url"]
