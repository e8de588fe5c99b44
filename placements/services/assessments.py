"""Assessments: the teacher and the company mentor each grade the placement in four bands (rule 15)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from placements.choices import AssessorRole, Grade
from placements.models import Assessment, Placement
from placements.services.common import record
from placements.transitions import authorize, move

# The transition table's action for each side's assessment.
ACTIONS = {AssessorRole.TEACHER: "assess_teacher", AssessorRole.COMPANY: "assess_company"}


def _already_given(placement: Placement, role: str) -> ValidationError | None:
    if any(a.role == role for a in placement.assessments.all()):
        return ValidationError({"role": [_("This assessment has already been given.")]})
    return None


def teacher_assessment_refusal(placement: Placement) -> ValidationError | None:
    """A guard in the transition table: the school assesses once."""
    return _already_given(placement, AssessorRole.TEACHER)


def company_assessment_refusal(placement: Placement) -> ValidationError | None:
    """A guard in the transition table: the company assesses once."""
    return _already_given(placement, AssessorRole.COMPANY)


def assessment_submit(*, actor: Actor, placement: Placement, role: str, grade: str, comments: str = "") -> Assessment:
    """The school's or the company's grade (rule 15), once each, while the placement runs or after it ended
    early; who and when are the transition table's (assess_teacher, assess_company)."""
    if role not in ACTIONS:
        raise ValidationError({"role": [_("Say whether the teacher or the company assesses.")]})
    authorize(ACTIONS[role], actor, placement)
    if grade not in Grade.values:
        raise ValidationError({"grade": [_("Choose one of the four grades.")]})
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        move(ACTIONS[role], placement)
        assessment = Assessment.objects.create(
            placement=placement, role=role, grade=grade, comments=(comments or "").strip(), assessor=actor.user
        )
        record(placement, user=actor.user, action="assessed", from_status=placement.status, role=role, grade=grade)
    return assessment
