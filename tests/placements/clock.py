"""Standing on a particular day of a placement: its slot's start date to start it, its end date to complete it
(a placement does neither sooner). The clock goes on ticking from noon of that day in the project's time zone."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings


def on(day: date) -> time_machine.travel:
    return time_machine.travel(datetime.combine(day, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE)))


def on_start(placement) -> time_machine.travel:
    """The first day of the placement's slot."""
    return on(placement.slot.start_date)


def on_end(placement) -> time_machine.travel:
    """The last day of the placement's slot."""
    return on(placement.slot.end_date)
