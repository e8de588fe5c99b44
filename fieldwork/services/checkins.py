"""Check-in without a trail (签到). The phone's position arrives in the body of one request, is compared with the
base's geofence (fieldwork.geo) and is dropped: only the outcome is stored, and the position is never logged,
put in an error, or echoed back.

When a check-in is taken: on a workday of the slot (not one of its rest days), between the start of the slot's
working day less CHECKIN_EARLY_MINUTES (people arrive early; a 08:30 start opens check-in at 07:30) and its
end (a check-in after work is no check-in), on a placement under way, at a school that uses check-in, at a base
whose location the school has set. A second check-in on the same day keeps the first and changes nothing."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from fieldwork import geo
from fieldwork.attendance import workdays_of
from fieldwork.models import BaseGeofence, CheckIn
from fieldwork.selectors import fieldwork_policy_for
from fieldwork.services.common import current_placement
from placements.models import Placement

CHECKIN_EARLY_MINUTES = 60


def checkin_refusal(placement: Placement, now: datetime.datetime) -> DomainError | None:
    """Why the student cannot check in now, or None."""
    slot = placement.slot
    if not fieldwork_policy_for(placement.student.institution_id).checkin_enabled:
        return DomainError(_("Your school does not use check-in."), code="checkin_disabled")
    today = now.date()
    if not slot.start_date <= today <= slot.end_date:
        return DomainError(_("Today is outside your placement's dates."), code="checkin_outside_dates")
    if today.isoweekday() not in workdays_of(slot):
        return DomainError(_("Today is a rest day of your placement: no check-in needed."), code="checkin_rest_day")
    opens = (
        datetime.datetime.combine(today, slot.work_starts) - datetime.timedelta(minutes=CHECKIN_EARLY_MINUTES)
    ).time()
    if not opens <= now.time() <= slot.work_ends:
        return DomainError(
            _("Check-in is open from %(opens)s to %(closes)s on workdays (your working hours, from an hour before).")
            % {"opens": opens.strftime("%H:%M"), "closes": slot.work_ends.strftime("%H:%M")},
            code="checkin_outside_hours",
            extra={"opens": opens.strftime("%H:%M"), "closes": slot.work_ends.strftime("%H:%M")},
        )
    if not BaseGeofence.objects.filter(base_id=slot.base_id).exists():
        return DomainError(
            _("Your school has not set the location of this base yet; check-in opens once it has."),
            code="checkin_no_geofence",
        )
    return None


def checkin_record(
    *,
    actor: Actor,
    latitude: float,
    longitude: float,
    accuracy: float | None,
    now: datetime.datetime | None = None,
    is_demo: bool = False,
) -> tuple[CheckIn, bool]:
    """Check the student in for today: (the day's check-in, whether this call made it). `now` is for the demo
    loader, which replays past workdays through this same path."""
    placement = current_placement(actor)
    now = timezone.localtime(now) if now else timezone.localtime()
    existing = CheckIn.objects.filter(placement=placement, day=now.date()).first()
    if existing is not None:
        return existing, False
    refusal = checkin_refusal(placement, now)
    if refusal is not None:
        raise refusal
    fence = BaseGeofence.objects.get(base_id=placement.slot.base_id)
    verdict = geo.judge(
        latitude=latitude,
        longitude=longitude,
        accuracy_m=accuracy,
        centre=(float(fence.latitude), float(fence.longitude)),
        radius_m=fence.radius_m,
    )
    del latitude, longitude  # nothing below sees the position
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(
                placement=placement,
                day=now.date(),
                outcome=verdict.outcome,
                distance_m=verdict.distance_m,
                accuracy_band=verdict.accuracy_band,
                is_demo=is_demo,
            )
    except IntegrityError:  # a second tap raced the first: the first stands
        return CheckIn.objects.get(placement=placement, day=now.date()), False
    return checkin, True
