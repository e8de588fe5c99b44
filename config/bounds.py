"""Plausible ranges for what people type: numbers with an upper bound a real school or company never reaches,
and years and dates in a window that moves with today (so no fixed year goes stale). Used as model field
validators (so the API's serializers, the admin and the imports' full_clean all apply them) and by the
serializers that declare their own fields."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Upper bounds, far above anything real and far below what the database column would overflow at.
MAX_HEADCOUNT = 2_000_000  # staff of a company (Dongfeng Motor has about 150 000)
MAX_PLACES = 100_000  # students a base, a slot or an assessment session can take
MAX_MONEY = 1_000_000  # CNY a month
MAX_SCORE = 100
MAX_POINTS = 100_000


def between(low: int, high: int) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@deconstructible
class YearWindow:
    """A calendar year from `past` years ago to `future` years ahead of this year."""

    def __init__(self, past: int, future: int) -> None:
        self.past, self.future = past, future

    def bounds(self) -> tuple[int, int]:
        year = timezone.localdate().year
        return year - self.past, year + self.future

    def __call__(self, value) -> None:
        low, high = self.bounds()
        if value is not None and not low <= value <= high:
            raise ValidationError(
                _("Enter a year between %(min)d and %(max)d."), code="year_window", params={"min": low, "max": high}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, YearWindow) and (self.past, self.future) == (other.past, other.future)


@deconstructible
class DateWindow:
    """A date from `past` years ago to `future` years ahead of today (both whole years)."""

    def __init__(self, past: int, future: int) -> None:
        self.past, self.future = past, future

    def bounds(self) -> tuple[date, date]:
        today = timezone.localdate()
        return _years_from(today, -self.past), _years_from(today, self.future)

    def __call__(self, value) -> None:
        if value is None:
            return
        if isinstance(value, str):  # a serializer's validator may see the parsed date only
            return
        low, high = self.bounds()
        if not low <= value <= high:
            raise ValidationError(
                _("Enter a date between %(min)s and %(max)s."),
                code="date_window",
                params={"min": low.isoformat(), "max": high.isoformat()},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateWindow) and (self.past, self.future) == (other.past, other.future)


# The windows, named once
BIRTH_DATE = DateWindow(past=80, future=-12)  # 12 to 80 years old
ENTRY_YEAR = YearWindow(past=50, future=2)
GRADUATION_YEAR = YearWindow(past=50, future=6)
RECENT_OR_COMING = DateWindow(past=20, future=10)  # schedules and paperwork
AGREEMENT_DATE = DateWindow(past=50, future=50)  # co-operation agreements run for decades
PAST_RECORD = DateWindow(past=60, future=0)  # something that has happened (issued, reported, inspected)
