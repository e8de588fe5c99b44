"""Field work (外勤): a student working away from the base on a day says where and why; the placement's mentor
confirms it (the day then counts as attended) or declines it with a reason."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from fieldwork.models import FieldWork, FieldWorkStatus
from fieldwork.services.common import current_placement, is_mentor_of, require_reason
from notices.messages import translatable
from notices.services import notice_send

DECLARE_DAYS_BACK = 7  # a day of field work may be declared up to a week later, or ahead


def field_work_declare(
    *, actor: Actor, day: datetime.date, place: str, reason: str, is_demo: bool = False
) -> FieldWork:
    placement = current_placement(actor)
    place, reason = (place or "").strip(), (reason or "").strip()
    errors: dict[str, list] = {}
    if not place:
        errors["place"] = [_("Say where you work that day.")]
    if not reason:
        errors["reason"] = [_("Say why you work away from the base.")]
    today = timezone.localdate()
    slot = placement.slot
    if not slot.start_date <= day <= slot.end_date:
        errors["day"] = [_("The day is outside your placement's dates.")]
    elif day < today - datetime.timedelta(days=DECLARE_DAYS_BACK):
        errors["day"] = [_("Field work can be declared up to %(n)d days later.") % {"n": DECLARE_DAYS_BACK}]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            work = FieldWork.objects.create(placement=placement, day=day, place=place, reason=reason, is_demo=is_demo)
            recipient = placement.mentor.user_id if placement.mentor_id else None
            notice_send(
                recipients=[recipient],
                kind="field_work_declared",
                params={"student": placement.student.full_name, "date": day.isoformat(), "place": place},
                link="/fieldwork/field-work",
            )
    except IntegrityError:
        raise ValidationError({"day": [_("You have already declared field work for this day.")]}) from None
    return work


def field_work_decide(*, actor: Actor, work: FieldWork, confirm: bool, reason: str = "") -> FieldWork:
    """The mentor confirms or declines (declining needs a reason, which the student reads)."""
    with transaction.atomic():
        work = (
            FieldWork.objects.select_for_update(of=("self",))
            .select_related("placement__mentor", "placement__slot", "placement__student")
            .get(pk=work.pk)
        )
        if not is_mentor_of(actor, work.placement):
            raise PermissionDenied(_("Only the placement's mentor confirms field work."))
        if work.status != FieldWorkStatus.PENDING:
            raise DomainError(_("This field work has already been decided."), code="already_decided")
        if not confirm:
            reason = require_reason(reason)
        work.status = FieldWorkStatus.CONFIRMED if confirm else FieldWorkStatus.DECLINED
        work.decided_by, work.decided_at, work.decision_reason = actor.user, timezone.now(), (reason or "")[:500]
        work.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        notice_send(
            recipients=[work.placement.student.user_id],
            kind="field_work_decided",
            params={
                "date": work.day.isoformat(),
                "status": translatable(FieldWorkStatus(work.status).label),
                "reason": work.decision_reason,
            },
            link="/fieldwork/field-work",
        )
    return work
