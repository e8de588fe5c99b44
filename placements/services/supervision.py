"""Who looks after a placement and whether the student was trained before it starts (COMPLIANCE.md, missing rows:
a school teacher and a company mentor for every placement; no start without safety training and its check).
The company's HR names the mentor, the school the teacher; the school or the company records the training. Each
change is an audit event and may make the placement ready (or no longer ready) to start."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import CompanyMember
from placements.models import Placement, SafetyTraining
from placements.services.common import record
from placements.services.lifecycle import _locked, _refresh_ready
from placements.transitions import authorize, move
from schools.models import Teacher


def placement_name_mentor(*, actor: Actor, placement: Placement, mentor: CompanyMember) -> Placement:
    """The company's HR names the placement's mentor: a current member of the slot's company."""
    authorize("name_mentor", actor, placement)
    if mentor.company_id != placement.slot.company_id or mentor.archived_at is not None:
        raise ValidationError({"mentor": [_("The mentor must be on the staff of the placement's company.")]})
    with transaction.atomic():
        placement = _locked(placement)
        move("name_mentor", placement)
        placement.mentor = mentor
        placement.save(update_fields=["mentor", "updated_at"])
        record(placement, user=actor.user, action="mentor_named", from_status=placement.status, mentor=mentor.pk)
        _refresh_ready(placement, user=actor.user)
    return placement


def placement_name_teacher(*, actor: Actor, placement: Placement, teacher: Teacher) -> Placement:
    """The student's school names the placement's teacher: a current teacher or admin of that school."""
    authorize("name_teacher", actor, placement)
    if teacher.institution_id != placement.student.institution_id or teacher.archived_at is not None:
        raise ValidationError({"teacher": [_("The teacher must be on the staff of the student's school.")]})
    with transaction.atomic():
        placement = _locked(placement)
        move("name_teacher", placement)
        placement.teacher = teacher
        placement.save(update_fields=["teacher", "updated_at"])
        record(placement, user=actor.user, action="teacher_named", from_status=placement.status, teacher=teacher.pk)
        _refresh_ready(placement, user=actor.user)
    return placement


def safety_training_record(
    *,
    actor: Actor,
    placement: Placement,
    delivered_by: str,
    delivered_on: date,
    hours: Decimal,
    content: str,
    passed: bool,
    check_note: str = "",
) -> SafetyTraining:
    """The school or the company records the safety training the student had and whether they passed its check.
    A failed check is kept too (the start waits for a passed one, after another training)."""
    authorize("record_training", actor, placement)
    errors: dict[str, list] = {}
    if not (delivered_by or "").strip():
        errors["delivered_by"] = [_("Say who delivered the training.")]
    if not (content or "").strip():
        errors["content"] = [_("Say what the training covered.")]
    if delivered_on > timezone.localdate():
        errors["delivered_on"] = [_("The training cannot be recorded before it has taken place.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        placement = _locked(placement)
        move("record_training", placement)
        training = SafetyTraining.objects.create(
            placement=placement,
            delivered_by=delivered_by.strip(),
            delivered_on=delivered_on,
            hours=hours,
            content=content.strip(),
            passed=passed,
            check_note=(check_note or "").strip(),
            recorded_by=actor.user,
        )
        record(
            placement,
            user=actor.user,
            action="safety_training_recorded",
            from_status=placement.status,
            training=training.pk,
            passed=passed,
        )
        _refresh_ready(placement, user=actor.user)
    return training
