"""What the placement services share: the audit entry, the actor checks, the domain errors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from placements.models import Placement, PlacementEvent
from placements.notify import notify_event


def record(placement: Placement, *, user, action: str, from_status: str = "", reason: str = "", **data) -> None:
    PlacementEvent.objects.create(
        placement=placement,
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=placement.status,
        reason=reason[:500],
        data=data,
    )
    notify_event(placement, action=action, user=user, reason=reason, data=data)


def illegal_move(placement: Placement, action) -> DomainError:
    return DomainError(
        _("This cannot be done now: the placement is “%(status)s”.") % {"status": placement.get_status_display()},
        code="illegal_transition",
        extra={"current_status": placement.status, "action": str(action)},
    )


def require_school_staff(actor: Actor, placement: Placement) -> None:
    """The student's advisor or any teacher or admin of the student's school (for what is not a move of the
    placement, such as commenting a journal; who makes which move is placements/transitions.py's)."""
    if placement.student.institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only teachers of the student's school can do this."))


def require_reason(reason: str) -> str:
    from django.core.exceptions import ValidationError

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason; the student sees it.")]})
    return reason
