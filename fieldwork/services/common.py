"""Who is who on a placement, for the fieldwork services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from placements.choices import PlacementStatus
from placements.models import Placement


def is_mentor_of(actor: Actor, placement: Placement) -> bool:
    """The placement's company mentor, or HR of its company acting for the mentor (a small company's HR often
    mentors its interns itself)."""
    mentor = placement.mentor
    if mentor is not None and mentor.archived_at is None and mentor.user_id == actor.user_id:
        return placement.slot.company_id in actor.company_ids
    return placement.slot.company_id in actor.hr_company_ids


def is_teacher_of(actor: Actor, placement: Placement) -> bool:
    """The placement's school teacher, the student's advisor, or an admin of the student's school."""
    student = placement.student
    if student.institution_id in actor.admin_school_ids:
        return True
    if student.institution_id not in actor.teacher_school_ids:
        return False
    teachers = {t.user_id for t in (placement.teacher, student.advisor) if t is not None}
    return actor.user_id in teachers


def current_placement(actor: Actor) -> Placement:
    """The signed-in student's placement under way."""
    if not actor.is_student:
        raise PermissionDenied(_("Only students do this."))
    placement = (
        Placement.objects.filter(student_id=actor.student_id, status=PlacementStatus.ACTIVE)
        .select_related("slot__base", "slot__company", "student__advisor", "mentor", "teacher")
        .order_by("-started_at", "-id")
        .first()
    )
    if placement is None:
        raise ValidationError({"placement": [_("You have no placement under way.")]})
    return placement


def require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: [_("Give a reason; the student sees it.")]})
    return reason
