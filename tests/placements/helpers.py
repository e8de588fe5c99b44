"""Steps the placements tests share: clients and actors, slots, students, placements moved through the services,
and files to upload."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.db import models
from PIL import Image
from rest_framework.test import APIClient

from accounts.actor import Actor, actor_for
from companies.models import JobCluster
from placements import services
from placements.choices import ApprovalOrder
from placements.models import Placement, SchoolPolicy, Slot, policy_for
from placements.rules import term_for
from tests import factories as f


def client_for(user) -> APIClient:
    """A client signed in as `user` (anonymous for None) that asks for English, so rule citations are readable."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def actor(user) -> Actor:
    return actor_for(user)


def make_slot(world, *, company=None, base=None, majors=None, **fields) -> Slot:
    """An open, rule-abiding post-internship slot (SlotFactory), by default at the world's company and for the
    world's major; the term follows the start date."""
    company = company or world.company
    if base is None:
        base = world.base if company == world.company else f.OffCampusBaseFactory(company=company)
    fields.setdefault("term", term_for(fields.get("start_date", date(2027, 3, 1))))
    return f.SlotFactory(company=company, base=base, majors=[world.major] if majors is None else majors, **fields)


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
    return services.application_submit(actor=actor(student.user), user=student.user, slot=slot, **extra)


def approve(world, placement, **extra) -> Placement:
    return services.placement_approve(
        actor=actor(world.teacher.user), user=world.teacher.user, placement=placement, **extra
    )


def confirm(world, placement, **extra) -> Placement:
    return services.placement_confirm(actor=actor(world.hr.user), user=world.hr.user, placement=placement, **extra)


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
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    return {k: [one(x) for x in v] if isinstance(v, list) else one(v) for k, v in values.items()}


def compliant_slot_values(world, **overrides) -> dict:
    """What HR types into the form for a slot that obeys every rule: 5 interns on a post of 100, 8 hours a day,
    a stipend of exactly 80% of the post's wage, six months from 1 March 2027."""
    values = {
        "base": world.base,
        "title": "电池包装调实习",
        "job_cluster": JobCluster.objects.get(code="production"),
        "kind": "post",
        "majors": [world.major],
        "capacity": 5,
        "post_headcount": 100,
        "start_date": date(2027, 3, 1),
        "end_date": date(2027, 8, 31),
        "daily_hours": Decimal("8"),
        "post_wage": Decimal("5000"),
        "stipend": Decimal("4000"),
        "application_deadline": date(2027, 2, 15),
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


def document_fields(kind: str) -> dict:
    """The form fields each kind of paper needs besides the file."""
    if kind == "insurance":
        return {"policy_number": "PICC-2027-001", "covers_from": "2027-03-01", "covers_to": "2027-08-31"}
    if kind in ("tripartite", "consent"):
        return {"signed_on": "2027-02-20"}
    return {}
