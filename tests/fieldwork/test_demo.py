"""The demo world's fieldwork: approximate geofences flagged as demo, check-ins made through the service."""

from __future__ import annotations

from fieldwork.models import BaseGeofence, CheckIn, LeaveRequest


def test_the_demo_bases_have_flagged_geofences_and_the_students_days(demo):
    assert BaseGeofence.objects.filter(is_demo=True).exists()
    assert not BaseGeofence.objects.filter(is_demo=False).exists()
    assert set(CheckIn.objects.values_list("is_demo", flat=True)) <= {True}
    assert LeaveRequest.objects.filter(is_demo=True, status="approved").count() <= 1
