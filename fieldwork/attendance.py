"""The teacher's attendance view: per student and per ISO week, the workdays checked in, on leave, in field work
and missing; and the alert when a run of missing workdays reaches the school's setting (one notice per run).

A workday is a weekday the slot works (its rest days excluded, at most `days_per_week` of them) between the day
the placement started and its last day. Today counts as missing only once the slot's working day is over; a day
covered by approved leave or confirmed field work is excused; a check-in of any outcome counts as present (the
teacher sees the outcomes: "outside" is the student's to explain, not a missing day)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from fieldwork.models import (
    AttendanceAlert,
    CheckIn,
    FieldWork,
    FieldWorkStatus,
    LeaveRequest,
    LeaveStatus,
)
from fieldwork.selectors import fieldwork_policy_for
from notices.services import notice_send
from placements.choices import PlacementStatus
from placements.models import Placement, Slot

ATTENDING = (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY)
RUN_LOOKBACK_DAYS = 62  # how far back a missing run is followed (a run longer than this is still one run)


def workdays_of(slot: Slot) -> set[int]:
    """ISO weekdays (1 = Monday) the slot works: those not rest days, the first `days_per_week` of them."""
    rest = {int(d) for d in (slot.rest_days or [])}
    days = [d for d in range(1, 8) if d not in rest]
    return set(days[: slot.days_per_week or len(days)])


def placement_span(placement: Placement) -> tuple[datetime.date, datetime.date]:
    """The first and last day the placement has attendance."""
    slot = placement.slot
    first = slot.start_date
    if placement.started_at:
        first = max(first, timezone.localtime(placement.started_at).date())
    last = slot.end_date
    if placement.status == PlacementStatus.ENDED_EARLY and placement.ended_at:
        last = min(last, timezone.localtime(placement.ended_at).date())
    return first, last


def week_bounds(iso_week: str | None) -> tuple[datetime.date, datetime.date]:
    """'2026-W49' -> its Monday and Sunday; None -> this week. Raises ValueError for a malformed week."""
    if not iso_week:
        today = timezone.localdate()
        monday = today - datetime.timedelta(days=today.isoweekday() - 1)
    else:
        year, week = iso_week.split("-W")
        monday = datetime.date.fromisocalendar(int(year), int(week), 1)
    return monday, monday + datetime.timedelta(days=6)


def iso_week_of(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class AttendanceRow:
    placement: Placement
    days: list[dict] = field(default_factory=list)
    checked_in: int = 0
    on_leave: int = 0
    field_work: int = 0
    missing: int = 0
    workdays: int = 0


def _day_is_over(day: datetime.date, slot: Slot, now: datetime.datetime) -> bool:
    today = now.date()
    return day < today or (day == today and now.time() >= slot.work_ends)


def _records(placements: list[Placement], first: datetime.date, last: datetime.date):
    ids = [p.pk for p in placements]
    checkins = {
        (c.placement_id, c.day): c for c in CheckIn.objects.filter(placement_id__in=ids, day__range=(first, last))
    }
    field_work = {
        (f.placement_id, f.day): f
        for f in FieldWork.objects.filter(placement_id__in=ids, day__range=(first, last)).exclude(
            status=FieldWorkStatus.DECLINED
        )
    }
    leave: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    for placement_id, start, end in LeaveRequest.objects.filter(
        placement_id__in=ids, status=LeaveStatus.APPROVED, start_date__lte=last, end_date__gte=first
    ).values_list("placement_id", "start_date", "end_date"):
        leave[placement_id].append((start, end))
    return checkins, field_work, leave


def _state(placement, day, checkins, field_work, leave, now, workdays, span) -> str:
    if not (span[0] <= day <= span[1]):
        return "outside_placement"
    checkin = checkins.get((placement.pk, day))
    if checkin is not None:
        return "checked_in"
    if any(start <= day <= end for start, end in leave.get(placement.pk, ())):
        return "leave"
    work = field_work.get((placement.pk, day))
    if work is not None and work.status == FieldWorkStatus.CONFIRMED:
        return "field_work"
    if day.isoweekday() not in workdays:
        return "rest"
    if not _day_is_over(day, placement.slot, now):
        return "to_come"
    if work is not None:
        return "field_work_pending"  # declared, not yet confirmed: missing until the mentor confirms it
    return "missing"


def attendance_week(placements: list[Placement], monday: datetime.date) -> list[AttendanceRow]:
    """One row per placement for the ISO week starting on `monday` (three queries for any number of rows)."""
    sunday = monday + datetime.timedelta(days=6)
    now = timezone.localtime()
    checkins, field_work, leave = _records(placements, monday, sunday)
    rows = []
    for placement in placements:
        row = AttendanceRow(placement)
        workdays, span = workdays_of(placement.slot), placement_span(placement)
        for i in range(7):
            day = monday + datetime.timedelta(days=i)
            state = _state(placement, day, checkins, field_work, leave, now, workdays, span)
            checkin = checkins.get((placement.pk, day))
            row.days.append({"date": day, "state": state, "outcome": checkin.outcome if checkin else None})
            if state == "checked_in":
                row.checked_in += 1
            elif state == "leave":
                row.on_leave += 1
            elif state == "field_work":
                row.field_work += 1
            elif state in ("missing", "field_work_pending"):
                row.missing += 1
            if day.isoweekday() in workdays and span[0] <= day <= span[1]:
                row.workdays += 1
        rows.append(row)
    return rows


def missing_run(placement: Placement, checkins, field_work, leave, now) -> tuple[datetime.date | None, int]:
    """The run of missing workdays that ends at the latest workday already over: (its first day, its length)."""
    workdays, span = workdays_of(placement.slot), placement_span(placement)
    day = min(now.date(), span[1])
    start, length = None, 0
    for _ in range(RUN_LOOKBACK_DAYS):
        if day < span[0]:
            break
        state = _state(placement, day, checkins, field_work, leave, now, workdays, span)
        if state in ("missing", "field_work_pending"):
            start, length = day, length + 1
        elif state in ("rest", "to_come"):
            pass  # a weekend or today's unfinished day neither breaks nor lengthens the run
        else:
            break
        day -= datetime.timedelta(days=1)
    return start, length


@transaction.atomic
def alert_missing_runs(placements: list[Placement] | None = None) -> int:
    """Tell each active placement's teacher of a run of missing workdays as long as the school's setting (schools
    that use check-in only); one notice per run, however often this runs. Returns the notices sent."""
    if placements is None:
        placements = list(
            Placement.objects.filter(status=PlacementStatus.ACTIVE).select_related(
                "slot", "student__advisor", "teacher"
            )
        )
    placements = [p for p in placements if p.status == PlacementStatus.ACTIVE]
    if not placements:
        return 0
    now = timezone.localtime()
    checkins, field_work, leave = _records(
        placements, now.date() - datetime.timedelta(days=RUN_LOOKBACK_DAYS), now.date()
    )
    policies: dict[int, object] = {}
    sent = 0
    for placement in placements:
        school = placement.student.institution_id
        if school not in policies:
            policies[school] = fieldwork_policy_for(school)
        policy = policies[school]
        if not policy.checkin_enabled:
            continue
        start, length = missing_run(placement, checkins, field_work, leave, now)
        if start is None or length < policy.missing_days_alert:
            continue
        _alert, created = AttendanceAlert.objects.get_or_create(
            placement=placement, run_start=start, defaults={"days": length}
        )
        if not created:
            continue
        teacher = placement.teacher or placement.student.advisor
        if teacher is None:
            continue
        notice_send(
            recipients=[teacher.user_id],
            kind="attendance_missing",
            params={"student": placement.student.full_name, "days": length, "since": start.isoformat()},
            link=f"/fieldwork/attendance?week={iso_week_of(start)}",
        )
        sent += 1
    return sent
