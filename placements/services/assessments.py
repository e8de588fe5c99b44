"""Assessments: the teacher and the company mentor each grade the placement in four bands (rule 15)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from accounts.actor import Actor
from placements.choices import AssessorRole, Grade, PlacementStatus
from placements.models import Assessment, Placement
from placements.services.common import illegal_move, record


def assessment_submit(
    *, actor: Actor, user, placement: Placement, role: str, grade: str, comments: str = ""
) -> Assessment:
    if role == AssessorRole.TEACHER and placement.student.institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only teachers of the student's school assess as the teacher."))
    if role == AssessorRole.COMPANY and placement.slot.company_id not in actor.company_ids:
        raise PermissionDenied(_("Only the company's staff assess as the company."))
    if grade not in Grade.values:
        raise ValidationError({"grade": [_("Choose one of the four grades.")]})
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        if placement.status not in (PlacementStatus.ACTIVE, PlacementStatus.ENDED_EARLY):
            raise illegal_move(placement, _("assess"))
        if Assessment.objects.filter(placement=placement, role=role).exists():
            raise ValidationError({"role": [_("This assessment has already been given.")]})
        assessment = Assessment.objects.create(
            placement=placement, role=role, grade=grade, comments=(comments or "").strip(), assessor=user
        )
        record(placement, user=user, action="assessed", from_status=placement.status, role=role, grade=grade)
    return assessment
