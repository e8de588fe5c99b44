"""A placement under way at a base with a geofence, and the clock on a workday of it."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from accounts.actor import actor_for
from fieldwork.services.geofences import geofence_set
from tests import factories as f
from tests.dates import today

CENTRE = (30.5000, 114.1600)  # test coordinates (near the Wuhan Economic & Technological Development Zone)
RADIUS = 300
METRES_PER_DEGREE_LAT = 6_371_008.8 * math.pi / 180


def north_of_centre(metres: float) -> tuple[float, float]:
    """A point `metres` due north of the base's centre (along a meridian, where the distance is exact)."""
    return CENTRE[0] + metres / METRES_PER_DEGREE_LAT, CENTRE[1]


def at(day: date, hour: int = 10, minute: int = 0) -> time_machine.travel:
    return time_machine.travel(datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE)))


def weekday_on_or_before(day: date, isoweekday: int) -> date:
    return day - timedelta(days=(day.isoweekday() - isoweekday) % 7)


@pytest.fixture
def fw(world):
    w = world
    w.base.institutions.add(w.school)
    slot = f.SlotFactory(
        company=w.company,
        base=w.base,
        mentor=w.mentor,
        start_date=today() - timedelta(days=70),
        end_date=today() + timedelta(days=120),
        work_starts=time(8, 30),
        work_ends=time(17, 30),
        rest_days=[6, 7],
        days_per_week=5,
    )
    placement = f.PlacementFactory(
        student=w.student,
        slot=slot,
        status="active",
        started_at=datetime.combine(slot.start_date, time(9), tzinfo=ZoneInfo(settings.TIME_ZONE)),
    )
    geofence_set(actor=actor_for(w.admin.user), base=w.base, latitude=CENTRE[0], longitude=CENTRE[1], radius_m=RADIUS)
    # A Wednesday two weeks back: inside the slot, with a whole week before it and days after it.
    wednesday = weekday_on_or_before(today(), 3) - timedelta(days=14)
    return SimpleNamespace(w=w, slot=slot, placement=placement, wednesday=wednesday)
