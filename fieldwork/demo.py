"""The fieldwork part of the demo world (`manage.py seed_demo`): where the bases of placements under way are, for
check-in, and a few days of check-ins, field work and leave of demo students, all made through the services a
user goes through.

The bases' coordinates are approximate (the centre of the base's functional zone or district, e.g. the Wuhan
Economic & Technological Development Zone at 沌口), not surveyed sites: every geofence made here is flagged
is_demo and shows a 演示 tag."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.actor import actor_for
from companies.models import TrainingBase
from fieldwork.attendance import workdays_of
from fieldwork.models import BaseGeofence
from fieldwork.services.checkins import checkin_record
from fieldwork.services.field_work import field_work_decide, field_work_declare
from fieldwork.services.geofences import can_set_geofence, geofence_set
from fieldwork.services.leave import leave_approve, leave_request
from placements.choices import PlacementStatus
from placements.models import Placement

# Approximate centres (WGS-84) of Wuhan's functional zones and districts, for demo geofences only.
ZONE_CENTRES = {
    "wedz": (30.4990, 114.1600),  # 武汉经济技术开发区 (沌口)
    "east_lake_hitech": (30.4800, 114.4100),  # 东湖新技术开发区 (光谷)
    "airport": (30.7400, 114.2200),  # 临空港经济技术开发区
    "new_port": (30.6300, 114.5500),
    "chemical": (30.6400, 114.5000),
}
DISTRICT_CENTRES = {
    "hannan": (30.3100, 114.0800),
    "caidian": (30.5800, 114.0300),
    "jiangxia": (30.3800, 114.3200),
    "huangpi": (30.8800, 114.3800),
    "xinzhou": (30.8400, 114.8000),
    "dongxihu": (30.6200, 114.1400),
    "hongshan": (30.5000, 114.3400),
    "qingshan": (30.6400, 114.3900),
    "jiangan": (30.6000, 114.3000),
    "jianghan": (30.6000, 114.2700),
    "qiaokou": (30.5700, 114.2100),
    "hanyang": (30.5500, 114.2200),
    "wuchang": (30.5500, 114.3200),
}
DEMO_RADIUS_M = 500


def _centre(base: TrainingBase) -> tuple[float, float]:
    return ZONE_CENTRES.get(base.zone) or DISTRICT_CENTRES.get(base.district) or ZONE_CENTRES["wedz"]


def seed_fieldwork(*, admin_user) -> None:
    """Geofences for the bases of placements under way that the demo school works with, and for each such placement
    check-ins on the workdays of this week so far (one away from the base), one confirmed field work day and, for
    the first two, leave (one approved, one waiting for the mentor)."""
    if BaseGeofence.objects.filter(is_demo=True).exists():
        return  # idempotent: made once
    admin = actor_for(admin_user)
    placements = list(
        Placement.objects.filter(status=PlacementStatus.ACTIVE, student__user__isnull=False)
        .select_related("slot__base", "student__user", "student__advisor__user", "mentor__user")
        .order_by("id")
    )
    fenced: set[int] = set()
    for placement in placements:
        base = placement.slot.base
        if base.pk in fenced or not can_set_geofence(admin, base):
            continue
        lat, lon = _centre(base)
        geofence_set(
            actor=admin,
            base=base,
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            radius_m=DEMO_RADIUS_M,
            is_demo=True,
        )
        fenced.add(base.pk)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.isoweekday() - 1)
    for n, placement in enumerate(p for p in placements if p.slot.base_id in fenced):
        student = actor_for(placement.student.user)
        lat, lon = _centre(placement.slot.base)
        workdays = workdays_of(placement.slot)
        day = monday
        while day < today:
            if day.isoweekday() in workdays and placement.slot.start_date <= day:
                away = (day - monday).days == 1 and n % 3 == 0  # now and then a day away from the base
                at = timezone.make_aware(datetime.datetime.combine(day, placement.slot.work_starts))
                checkin_record(
                    actor=student,
                    latitude=lat + (0.03 if away else 0.001),
                    longitude=lon,
                    accuracy=15.0,
                    now=at - datetime.timedelta(minutes=10),
                    is_demo=True,
                )
            day += datetime.timedelta(days=1)
        if n >= 6 or placement.mentor is None:
            continue
        mentor = actor_for(placement.mentor.user)
        if n % 2 == 0 and placement.slot.start_date <= today <= placement.slot.end_date:
            work = field_work_declare(
                actor=student, day=today, place="4S店售后车间（演示）", reason="随导师到店检测动力电池（演示数据）。",
                is_demo=True,
            )  # fmt: skip
            field_work_decide(actor=mentor, work=work, confirm=True)
        start = today + datetime.timedelta(days=7 + n)
        if n < 2 and start + datetime.timedelta(days=1) <= placement.slot.end_date:
            leave = leave_request(
                actor=student, kind="personal" if n else "school", start_date=start,
                end_date=start + datetime.timedelta(days=1), reason="参加学校组织的技能竞赛集训（演示数据）。",
                is_demo=True,
            )  # fmt: skip
            if n == 0 and placement.student.advisor is not None:
                leave = leave_approve(actor=mentor, leave=leave)
                leave_approve(actor=actor_for(placement.student.advisor.user), leave=leave)
