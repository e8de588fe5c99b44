"""Dates relative to the day the suite runs, which every app's factories use: with margins that say why they are
what they are, so the suite passes on any day (CI proves it by running again 400 days ahead)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from core.calendar import add_months, intake_in_year

SLOT_LEAD_DAYS = 90  # a slot starts a term ahead: its deadline, papers and insurance all fall in the future
SLOT_MONTHS = 6  # the regulation's normal post internship (rule 9 only warns outside it)
DEADLINE_BEFORE_START_DAYS = 14  # applications close two weeks before the start, i.e. 76 days from today
INSPECTED_DAYS_AGO = 30  # rule 14 (365 days) then holds at the default start with 245 days to spare


def today() -> date:
    return timezone.localdate()


def days_from_today(days: int) -> date:
    return today() + timedelta(days=days)


def entry_year(year_of_study: int) -> int:
    """The entry year of a student who is in their `year_of_study` today (1 = first year)."""
    return intake_in_year(year_of_study, today())


def slot_end(start: date, months: int = SLOT_MONTHS) -> date:
    """The last day of a placement of `months` months from `start` (1 March → 31 August)."""
    return add_months(start, months) - timedelta(days=1)


def birth_date(age: int) -> date:
    """Someone who turned `age` half a year ago (so they are `age` today and for the next six months)."""
    day = today() - timedelta(days=182)
    return date(day.year - age, day.month, min(day.day, 28))
