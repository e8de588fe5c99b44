"""Steps the placements tests share: clients and actors, slots, students, placements moved through the services,
and files to upload."""

from __future__ import annotations

import io
from datetime import date, time, timedelta
from decimal import Decimal
from functools import partial

from django.db import models
from PIL import Image

from accounts.actor import Actor, actor_for
from companies.models import JobCluster
from core.calendar import next_term_start, term_end, term_for, term_start
from placements import services
from placements.choices import ApprovalOrder
from placements.models import Placement, SchoolPolicy, Slot
from placements.selectors import policy_for
from tests import access
from tests import factories as f

# tests/access.py's client_for, asking for English so rule citations are readable (anonymous for None).
client_for = partial(access.client_for, language="en")


def actor(user) -> Actor:
    return actor_for(user)


def make_slot(world, *, company=None, base=None, majors=None, **fields) -> Slot:
    """An open, rule-abiding post-internship slot (SlotFactory), by default at the world's company and for the
    world's major; the term follows the start date."""
    company = company or world.company
    if base is None:
        base = world.base if company == world.company else f.OffCampusBaseFactory(company=company)
    if "start_date" in fields:
        fields.setdefault("term", term_for(fields["start_date"]))
    return f.SlotFactory(company=company, base=base, majors=[world.major] if majors is None else majors, **fields)


def next_term_dates() -> dict:
    """Slot dates for the whole term after the one the factories' default slot starts in."""
    start = next_term_start(f.days_from_today(f.SLOT_LEAD_DAYS))
    return {"start_date": start, "end_date": term_end(start), "application_deadline": start - timedelta(days=17)}


def last_term_dates() -> dict:
    """Slot dates for the whole term before the one we are in (over by now)."""
    start = term_start(term_start(f.today()) - timedelta(days=1))
    return {"start_date": start, "end_date": term_end(start), "application_deadline": start - timedelta(days=17)}


def new_student(world, **fields):
    """Another student of the world's school and class, with an account, advised by the world's teacher."""
    fields.setdefault("institution", world.school)
    fields.setdefault("cohort", world.cohort)
    fields.setdefault("advisor", world.teacher)
    fields.setdefault("user", f.UserFactory())
    return f.StudentFactory(**fields)


def set_policy(institution, **fields) -> SchoolPolicy:
    policy, _ = SchoolPolicy.objects.update_or_create(institution=institution, defaults=fields)
    return policy


def apply(student, slot, **extra) -> Placement:
    return services.application_submit(actor=actor(student.user), slot=slot, **extra)


def approve(world, placement, **extra) -> Placement:
    return services.placement_approve(actor=actor(world.teacher.user), placement=placement, **extra)


def confirm(world, placement, **extra) -> Placement:
    return services.placement_confirm(actor=actor(world.hr.user), placement=placement, **extra)


def both_say_yes(world, placement) -> Placement:
    """The teacher and the company agree, in the order the student's school has chosen."""
    if policy_for(placement.student.institution_id).approval_order == ApprovalOrder.TEACHER_FIRST:
        return confirm(world, approve(world, placement))
    return approve(world, confirm(world, placement))


def as_json(values: dict) -> dict:
    """Python values (model instances, dates, decimals) as the API takes them."""

    def one(value):
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, date | time):
            return value.isoformat(timespec="minutes") if isinstance(value, time) else value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    return {k: [one(x) for x in v] if isinstance(v, list) else one(v) for k, v in values.items()}


def compliant_slot_values(world, **overrides) -> dict:
    """What HR types into the form for a slot that obeys every rule: 5 interns on a post of 100, 8 hours a day
    five days a week with the weekend off, a stipend of exactly 80% of the post's wage, six months from the
    factories' default start (a term ahead)."""
    start = f.days_from_today(f.SLOT_LEAD_DAYS)
    values = {
        "base": world.base,
        "title": "电池包装调实习",
        "job_cluster": JobCluster.objects.get(code="production"),
        "kind": "post",
        "majors": [world.major],
        "capacity": 5,
        "post_headcount": 100,
        "start_date": start,
        "end_date": f.slot_end(start),
        "work_starts": time(9, 0),  # 09:00–18:00 less an hour's break: 8 hours, 5 days, 40 a week
        "work_ends": time(18, 0),
        "break_minutes": 60,
        "days_per_week": 5,
        "rest_days": [6, 7],
        "work_hazard": "ordinary",
        "post_wage": Decimal("5000"),
        "stipend": Decimal("4000"),
        "application_deadline": start - timedelta(days=f.DEADLINE_BEFORE_START_DAYS),
        "mentor": world.mentor,
    }
    values.update(overrides)
    return values


# -- files -----------------------------------------------------------------------------------------------------


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30), color="white", exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    if exif is not None:
        image.save(buffer, format=fmt, exif=exif)
    else:
        image.save(buffer, format=fmt)
    return buffer.getvalue()


def named(content: bytes, name: str) -> io.BytesIO:
    """A file for a multipart upload (the name is what the user's computer calls it; the server ignores it)."""
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def document_fields(kind: str, slot: Slot | None = None) -> dict:
    """The form fields each kind of paper needs besides the file: papers signed today, insurance covering the
    slot's dates (the factories' default slot when none is given)."""
    if kind == "insurance":
        start = slot.start_date if slot else f.days_from_today(f.SLOT_LEAD_DAYS)
        end = slot.end_date if slot else f.slot_end(start)
        return {"policy_number": "PICC-DEMO-001", "covers_from": start.isoformat(), "covers_to": end.isoformat()}
    if kind in ("tripartite", "consent"):
        return {"signed_on": f.today().isoformat()}
    return {}
