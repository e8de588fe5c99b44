"""Rules 4 and 5 (old enough on the start date, past the first year for a post internship) are written once:
rules.ineligibility() says who may apply; the database forms (selectors.slots_eligible_for over slots,
selectors.students_eligible_for over students, which the "a slot opened" notice uses) stand on its date
cut-offs. These tests hold the three to the same verdict, student by student, around 29 February."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notices.models import Notice
from placements.choices import InternshipKind
from placements.models import Slot
from placements.notify import notify_slot_opened
from placements.rules import (
    age_on,
    born_by,
    ineligibility,
    latest_entry_year_for_post,
    old_enough_from,
    post_allowed_from,
    year_of_study,
)
from placements.selectors import slots_eligible_for, students_eligible_for
from tests import factories as f
from tests.placements.clock import on

# -- the cut-offs are age_on's and year_of_study's exact inverses -----------------------------------------------

days = st.dates(min_value=date(1980, 1, 1), max_value=date(2120, 12, 31))
ages = st.integers(min_value=0, max_value=40)


@given(birth=days, day=days, age=ages)
def test_old_enough_from_is_the_first_day_of_that_age(birth, day, age):
    assert (age_on(birth, day) >= age) == (day >= old_enough_from(birth, age))


@given(birth=days, day=days, age=ages)
def test_born_by_is_the_last_birthday_of_that_age(birth, day, age):
    assert (age_on(birth, day) >= age) == (birth <= born_by(day, age))


@given(day=days, entry_year=st.integers(min_value=1980, max_value=2120))
def test_the_second_year_cut_offs_agree_with_the_year_of_study(day, entry_year):
    past_first_year = year_of_study(entry_year, day) >= 2
    assert past_first_year == (day >= post_allowed_from(entry_year))
    assert past_first_year == (entry_year <= latest_entry_year_for_post(day))


def test_a_29_february_birthday_comes_on_1_march_in_a_common_year_and_on_the_day_in_a_leap_year():
    leap = next_year_where(calendar.isleap)
    born = date(leap - 16, 2, 29) if calendar.isleap(leap - 16) else date(leap - 4, 2, 29)
    assert old_enough_from(born, 1) == date(born.year + 1, 3, 1)
    assert age_on(born, date(born.year + 1, 2, 28)) == 0
    assert old_enough_from(born, 4) == date(born.year + 4, 2, 29)


# -- the notice's audience is ineligibility()'s verdict ---------------------------------------------------------


def next_year_where(condition) -> int:
    """The first year after this one that meets `condition` (so the dates never go stale)."""
    year = f.today().year + 1
    while not condition(year):
        year += 1
    return year


def threshold_days(year: int) -> list[date]:
    """28 February, 29 February (in a leap year) and 1 March of `year`."""
    feb_end = date(year, 3, 1) - timedelta(days=1)
    return sorted({date(year, 2, 28), feb_end, date(year, 3, 1)})


def student(cohort, birth: date):
    """A student of the cohort's school with an activated account."""
    return f.StudentFactory(
        institution=cohort.major.institution, cohort=cohort, entry_year=cohort.entry_year, birth_date=birth,
        user=f.UserFactory(),
    )  # fmt: skip


def births_around(day: date, min_age: int) -> list[date]:
    """Birthdays from 26 February to 3 March, a year either side of turning `min_age` on `day` (so every
    29 February in those years too)."""
    out = []
    for year in range(day.year - min_age - 1, day.year - min_age + 2):
        first = date(year, 2, 26)
        out.extend(first + timedelta(days=n) for n in range((date(year, 3, 3) - first).days + 1))
    return out


# (min_age, which year): the regulation's 16 in the next leap year and in the next common year; 17 where a
# 29 February birthday meets a common year's 28 February / 1 March (and 29 February a common birth year).
# The third value: whether those turning min_age that year were born in a leap year (29 February among them).
CASES = [
    pytest.param(16, calendar.isleap, True, id="16-leap-year"),
    pytest.param(16, lambda y: not calendar.isleap(y), False, id="16-common-year"),
    pytest.param(17, calendar.isleap, False, id="17-leap-year"),
    pytest.param(
        17, lambda y: not calendar.isleap(y) and calendar.isleap(y - 17), True, id="17-common-year-leap-births"
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("min_age, which_year, leap_births", CASES)
def test_a_slot_opened_notice_reaches_exactly_the_students_ineligibility_lets_apply(
    settings, min_age, which_year, leap_births
):
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "MIN_AGE": min_age}
    year = next_year_where(which_year)
    assert calendar.isleap(year - min_age) == leap_births
    for day in threshold_days(year):
        with on(day - timedelta(days=1)):  # the slot opens the day before it starts
            school = f.InstitutionFactory()
            major = f.MajorFactory(institution=school)
            other_category = f.MajorFactory(institution=school, category="51")
            second_year = f.CohortFactory(major=major, entry_year=latest_entry_year_for_post(day))
            first_year = f.CohortFactory(major=major, entry_year=latest_entry_year_for_post(day) + 1)
            elsewhere = f.CohortFactory(major=other_category, entry_year=latest_entry_year_for_post(day))
            adult = born_by(day, min_age) - timedelta(days=400)

            population = [student(second_year, b) for b in births_around(day, min_age)]
            population += [student(first_year, adult), student(elsewhere, adult)]
            if leap_births:
                assert date(year - min_age, 2, 29) in {s.birth_date for s in population}

            for kind in InternshipKind.values:
                slot = f.SlotFactory(kind=kind, start_date=day, majors=[major])
                slot.base.institutions.add(school)
                notify_slot_opened(slot)

                told = set(Notice.objects.filter(kind="slot_opened", link=f"/slots/{slot.pk}").values_list(
                    "recipient_id", flat=True
                ))  # fmt: skip
                verdict = {s.student_number: not ineligibility(s, slot) for s in population}
                heard = {s.student_number: s.user_id in told for s in population}
                assert heard == verdict, (day, kind, {n for n in verdict if verdict[n] != heard[n]})
                listed = {s.student_number: s.pk in set(students_eligible_for(slot).values_list("pk", flat=True))
                          for s in population}  # fmt: skip
                assert listed == verdict
                offered = {
                    s.student_number: slots_eligible_for(s, Slot.objects.filter(pk=slot.pk)).exists()
                    for s in population
                }
                assert offered == verdict, (day, kind)
                assert any(verdict.values()) and not all(verdict.values())  # both sides of the line are there


@pytest.mark.django_db
def test_a_slot_opened_notice_skips_students_without_the_required_certificates(settings):
    school = f.InstitutionFactory()
    major = f.MajorFactory(institution=school)
    holder, junior, unverified, nothing = (f.StudentFactory(institution=school, user=f.UserFactory()) for _ in range(4))
    for s in (holder, junior, unverified, nothing):
        s.cohort.major = major
        s.cohort.save()
    program = f.CertificateProgramFactory()
    f.StudentCertificateFactory(student=holder, program=program, level="intermediate", status="verified")
    f.StudentCertificateFactory(student=junior, program=program, level="junior", status="verified")
    f.StudentCertificateFactory(student=unverified, program=program, level="senior", status="pending")
    slot = f.SlotFactory(majors=[major], required_certificates=[{"program": program.pk, "min_level": "intermediate"}])
    slot.base.institutions.add(school)

    notify_slot_opened(slot)

    told = set(Notice.objects.filter(kind="slot_opened").values_list("recipient_id", flat=True))
    assert told == {holder.user_id}
    assert [s for s in (holder, junior, unverified, nothing) if not ineligibility(s, slot)] == [holder]
    assert list(students_eligible_for(slot)) == [holder]


def test_a_slot_naming_no_major_is_open_to_every_major_in_both_forms(db):
    """ineligibility() turns nobody away for their major when a slot names none; "eligible for me" agrees."""
    student = f.StudentFactory(user=f.UserFactory())
    open_to_all = f.SlotFactory(majors=[])
    other_category = f.SlotFactory(majors=[f.MajorFactory(category="51")])

    assert not ineligibility(student, open_to_all)
    assert ineligibility(student, other_category)
    assert list(slots_eligible_for(student, Slot.objects.filter(pk__in=[open_to_all.pk, other_category.pk]))) == [
        open_to_all
    ]
