"""For the tests that need a particular day of the school calendar (first year or not, a birthday on the start
date, a term that ends on 29 February): the clock is pinned to 1 December of the current academic year (at most
nine months back or three ahead of the real today, so the rest of the world stays plausible), and the days these
tests talk about are named relative to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from core.calendar import academic_year, term_end

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class SchoolYear:
    """The academic year the pinned day (1 December) is in, and the terms after it."""

    year: int  # the academic year starts in September of this year

    @property
    def today(self) -> date:
        return date(self.year, 12, 1)

    @property
    def this_autumn(self) -> date:
        """The start of the term we are in."""
        return date(self.year, 9, 1)

    @property
    def spring(self) -> date:
        """The start of the next term (1 March), three months away."""
        return date(self.year + 1, 3, 1)

    @property
    def spring_end(self) -> date:
        return date(self.year + 1, 8, 31)

    @property
    def autumn(self) -> date:
        """The start of the next academic year's first term."""
        return date(self.year + 1, 9, 1)

    @property
    def autumn_end(self) -> date:
        """The end of February after that: the 28th or, in a leap year, the 29th."""
        return term_end(self.autumn)


@pytest.fixture
def school_year():
    """Pins the clock (time-machine, ticking) to 1 December, 10:00 in Wuhan, of the current academic year."""
    year = SchoolYear(academic_year(timezone.localdate()))
    with time_machine.travel(datetime.combine(year.today, time(10), tzinfo=SHANGHAI), tick=True):
        yield year
