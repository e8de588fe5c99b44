"""The demo world's visits and incidents: made through the services, flagged as demo."""

from __future__ import annotations

from fieldwork.models import Incident, Visit
from tests.media import media_root  # noqa: F401 (autouse: uploads land in a temporary folder)


def test_the_demo_teacher_has_visited_some_placements_and_three_incidents_wait_or_were_answered(demo):
    assert Visit.objects.filter(is_demo=True, visitor__user__username="teacher").exists()
    incidents = {i.kind: i for i in Incident.objects.filter(is_demo=True)}
    assert set(incidents) == {"hazard", "injury", "harassment"}
    assert incidents["hazard"].status == "responded" and incidents["injury"].status == "open"
    anonymous = incidents["harassment"]
    assert anonymous.anonymous and anonymous.reporter_id is None and anonymous.placement_id is None
