"""The school calendar, derived from a day: academic years and terms. Code and demo data ask it instead of naming
a year, so nothing in them goes stale as the calendar moves on.

Terms follow Chinese vocational colleges: the autumn term (第一学期) runs from 1 September to the end of February,
the spring term (第二学期) from 1 March to 31 August; the academic year starts with the autumn term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

AUTUMN_START_MONTH = 9
SPRING_START_MONTH = 3


def academic_year(day: date) -> int:
    """The year an academic year starts in: 2 December 2026 and 2 March 2027 are both in academic year 2026."""
    return day.year if day.month >= AUTUMN_START_MONTH else day.year - 1


def term_start(day: date) -> date:
    """The first day of the term that `day` falls in."""
    if day.month >= AUTUMN_START_MONTH:
        return date(day.year, AUTUMN_START_MONTH, 1)
    if day.month < SPRING_START_MONTH:
        return date(day.year - 1, AUTUMN_START_MONTH, 1)
    return date(day.year, SPRING_START_MONTH, 1)


def term_end(start: date) -> date:
    """The last day of the term starting on `start`."""
    following = next_term_start(start)
    return following - timedelta(days=1)


def next_term_start(day: date) -> date:
    """The first term start strictly after `day`."""
    start = term_start(day)
    if start.month == AUTUMN_START_MONTH:
        return date(start.year + 1, SPRING_START_MONTH, 1)
    return date(start.year, AUTUMN_START_MONTH, 1)


def term_for(day: date) -> str:
    """The term code a date falls in, `YYYY-YYYY-N`: the autumn term (Sept–Feb) is 1, the spring term (Mar–Aug) 2."""
    start = term_start(day)
    year = academic_year(start)
    return f"{year}-{year + 1}-{1 if start.month == AUTUMN_START_MONTH else 2}"


@dataclass(frozen=True)
class Term:
    start: date
    end: date

    @property
    def code(self) -> str:
        return term_for(self.start)

    @property
    def is_spring(self) -> bool:
        return self.start.month == SPRING_START_MONTH

    def label(self) -> str:
        """The name people use, e.g. 2027年春季 / 2026年秋季."""
        return f"{self.start.year}年{'春季' if self.is_spring else '秋季'}"


def term_of(day: date) -> Term:
    start = term_start(day)
    return Term(start, term_end(start))


def upcoming_term(day: date, *, lead_days: int) -> Term:
    """The first term that starts at least `lead_days` after `day`: the one students can still apply for."""
    start = next_term_start(day)
    while (start - day).days < lead_days:
        start = next_term_start(start)
    return Term(start, term_end(start))


def intake_in_year(year_of_study: int, day: date) -> int:
    """The entry year of the students who are in their `year_of_study` on `day` (1 = first year)."""
    return academic_year(day) - year_of_study + 1


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter: 31 August + 6 months = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))
