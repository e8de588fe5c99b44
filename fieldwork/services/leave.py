"""Leave (请假): the student asks (kind, dates, reason, an optional scan such as a doctor's note); the mentor and the
teacher decide in the order the school sets (FieldworkPolicy.leave_order); either may refuse with a reason; the
student may cancel while it waits. Each step tells the next decider and the student."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from config.uploads import clean_upload
from core.errors import DomainError
from fieldwork.models import PENDING_LEAVE, LeaveKind, LeaveOrder, LeaveRequest, LeaveStatus
from fieldwork.selectors import fieldwork_policy_for
from fieldwork.services.common import current_placement, is_mentor_of, is_teacher_of, require_reason
from notices.messages import translatable
from notices.services import notice_send
from placements.models import Placement

MAX_LEAVE_DAYS = 60
DAYS_BACK = 14  # sick leave is often asked for afterwards, with the doctor's note


def _next_status(leave: LeaveRequest, order: str) -> str:
    """Who decides next, from who has approved and the school's order."""
    mentor_done, teacher_done = leave.mentor_decided_at is not None, leave.teacher_decided_at is not None
    needs_mentor = order != LeaveOrder.TEACHER_ONLY
    if order == LeaveOrder.MENTOR_FIRST:
        steps = [("mentor", mentor_done), ("teacher", teacher_done)]
    else:
        steps = [("teacher", teacher_done)] + ([("mentor", mentor_done)] if needs_mentor else [])
    for who, done in steps:
        if not done:
            return LeaveStatus.PENDING_MENTOR if who == "mentor" else LeaveStatus.PENDING_TEACHER
    return LeaveStatus.APPROVED


def _deciders(leave: LeaveRequest) -> list[int]:
    placement = leave.placement
    if leave.status == LeaveStatus.PENDING_MENTOR:
        if placement.mentor_id:
            return [placement.mentor.user_id]
        return list(
            placement.slot.company.members.filter(role="hr", archived_at__isnull=True).values_list("user_id", flat=True)
        )
    teacher = placement.teacher or placement.student.advisor
    return [teacher.user_id] if teacher else []


def _tell(leave: LeaveRequest) -> None:
    student = leave.placement.student
    params = {
        "student": student.full_name,
        "start": leave.start_date.isoformat(),
        "end": leave.end_date.isoformat(),
        "kind": translatable(LeaveKind(leave.kind).label),
    }
    if leave.status in PENDING_LEAVE:
        notice_send(recipients=_deciders(leave), kind="leave_requested", params=params, link="/fieldwork/leave/decide")
    if (
        leave.status in (LeaveStatus.APPROVED, LeaveStatus.REFUSED)
        or leave.mentor_decided_at
        or leave.teacher_decided_at
    ):
        notice_send(
            recipients=[student.user_id],
            kind="leave_decided",
            params=params | {"status": translatable(LeaveStatus(leave.status).label), "reason": leave.decision_reason},
            link="/fieldwork/leave",
        )


def leave_request(
    *,
    actor: Actor,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date,
    reason: str,
    upload=None,
    is_demo: bool = False,
) -> LeaveRequest:
    placement = current_placement(actor)
    reason = (reason or "").strip()
    errors: dict[str, list] = {}
    if kind not in LeaveKind.values:
        errors["kind"] = [_("Choose the kind of leave.")]
    if not reason:
        errors["reason"] = [_("Say why you need leave.")]
    slot = placement.slot
    if end_date < start_date:
        errors["end_date"] = [_("The leave cannot end before it starts.")]
    elif (end_date - start_date).days + 1 > MAX_LEAVE_DAYS:
        errors["end_date"] = [_("Leave of more than %(n)d days is a matter for your school.") % {"n": MAX_LEAVE_DAYS}]
    elif start_date < slot.start_date or end_date > slot.end_date:
        errors["start_date"] = [_("The leave must fall within your placement's dates.")]
    elif start_date < timezone.localdate() - datetime.timedelta(days=DAYS_BACK):
        errors["start_date"] = [_("Leave can be asked for up to %(n)d days afterwards.") % {"n": DAYS_BACK}]
    if (
        not errors
        and LeaveRequest.objects.filter(
            placement=placement,
            status__in=[*PENDING_LEAVE, LeaveStatus.APPROVED],
            start_date__lte=end_date,
            end_date__gte=start_date,
        ).exists()
    ):
        errors["start_date"] = [_("You already have leave asked for or approved on some of these days.")]
    if errors:
        raise ValidationError(errors)
    # raises before anything is written
    clean = clean_upload(upload, field="attachment") if upload is not None else None
    order = fieldwork_policy_for(placement.student.institution_id).leave_order
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=placement.pk).first()
        leave = LeaveRequest(
            placement=placement,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
            is_demo=is_demo,
        )
        leave.status = _next_status(leave, order)
        if clean is not None:
            leave.attachment_extension, leave.attachment_content_type = clean.extension, clean.content_type
            leave.attachment.save("upload", clean.content, save=False)
        try:
            leave.save()
            _tell(leave)
        except Exception:
            if clean is not None:
                leave.attachment.delete(save=False)
            raise
    return leave


def _locked(leave: LeaveRequest) -> LeaveRequest:
    return (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related(
            "placement__mentor", "placement__slot__company", "placement__student__advisor", "placement__teacher"
        )
        .get(pk=leave.pk)
    )


def _require_decider(actor: Actor, leave: LeaveRequest) -> str:
    if leave.status == LeaveStatus.PENDING_MENTOR and is_mentor_of(actor, leave.placement):
        return "mentor"
    if leave.status == LeaveStatus.PENDING_TEACHER and is_teacher_of(actor, leave.placement):
        return "teacher"
    if leave.status not in PENDING_LEAVE:
        raise DomainError(_("This leave request has already been decided."), code="already_decided")
    if leave.status == LeaveStatus.PENDING_MENTOR:
        raise PermissionDenied(_("The mentor decides this leave request first."))
    raise PermissionDenied(_("The teacher decides this leave request now."))


def _mark(leave: LeaveRequest, who: str, actor: Actor) -> None:
    now = timezone.now()
    if who == "mentor":
        leave.mentor_decided_by, leave.mentor_decided_at = actor.user, now
    else:
        leave.teacher_decided_by, leave.teacher_decided_at = actor.user, now


FIELDS = ["status", "mentor_decided_by", "mentor_decided_at", "teacher_decided_by", "teacher_decided_at",
          "decision_reason", "updated_at"]  # fmt: skip


def leave_approve(*, actor: Actor, leave: LeaveRequest, reason: str = "") -> LeaveRequest:
    with transaction.atomic():
        leave = _locked(leave)
        who = _require_decider(actor, leave)
        _mark(leave, who, actor)
        order = fieldwork_policy_for(leave.placement.student.institution_id).leave_order
        leave.status = _next_status(leave, order)
        leave.decision_reason = (reason or "").strip()[:500]
        leave.save(update_fields=FIELDS)
        _tell(leave)
    return leave


def leave_refuse(*, actor: Actor, leave: LeaveRequest, reason: str) -> LeaveRequest:
    with transaction.atomic():
        leave = _locked(leave)
        who = _require_decider(actor, leave)
        reason = require_reason(reason)
        _mark(leave, who, actor)
        leave.status = LeaveStatus.REFUSED
        leave.decision_reason = reason[:500]
        leave.save(update_fields=FIELDS)
        _tell(leave)
    return leave


def leave_cancel(*, actor: Actor, leave: LeaveRequest) -> LeaveRequest:
    with transaction.atomic():
        leave = _locked(leave)
        if leave.placement.student_id != actor.student_id:
            raise PermissionDenied(_("Only the student who asked cancels a leave request."))
        if leave.status not in PENDING_LEAVE:
            raise DomainError(_("Only a request still waiting for a decision can be cancelled."), code="not_pending")
        leave.status = LeaveStatus.CANCELLED
        leave.save(update_fields=["status", "updated_at"])
    return leave
