"""Journals: the student reports periodically; the teacher comments; overdue journals show."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from notices.services import notice_send
from placements.choices import PlacementStatus
from placements.models import Journal, Placement
from placements.selectors import policy_for
from placements.services.common import record, require_reason, require_school_staff
from placements.transitions import authorize, check, move


@dataclass
class JournalSummary:
    cadence_days: int
    required: int
    due: int
    submitted: int
    overdue: int
    waived: bool = False


def journal_summary(placement: Placement, journal_count: int | None = None) -> JournalSummary:
    """How many journals are due at the school's cadence, counted from the placement's start date: by today while
    it runs, by its last day once completed, by the day it ended early; and how many are missing."""
    policy = policy_for(placement.student.institution_id)
    slot = placement.slot
    months = max(1, (slot.end_date - slot.start_date).days / 30.4)
    required = max(1, round(policy.journal_min_count * months / 6))
    # Approved leave (fieldwork) lowers the count by the whole weeks it covers and moves the due dates back.
    from fieldwork.selectors import leave_relief

    leave_weeks, leave_days = leave_relief(placement, until=timezone.localdate())
    required = max(1, required - leave_weeks)
    submitted = journal_count if journal_count is not None else placement.journals.count()
    due = 0
    if placement.status == PlacementStatus.COMPLETED:
        due = required  # it ran its whole length
    elif placement.status in (PlacementStatus.ACTIVE, PlacementStatus.ENDED_EARLY):
        until = timezone.localdate()
        if placement.status == PlacementStatus.ENDED_EARLY and placement.ended_at:
            until = timezone.localtime(placement.ended_at).date()
        # From the day it started (never before the slot's start date: a placement starts no sooner), never past
        # its last day.
        started = max(
            slot.start_date,
            timezone.localtime(placement.started_at).date() if placement.started_at else slot.start_date,
        )
        days = (min(until, slot.end_date) - started).days - leave_days
        due = min(required, max(0, days // policy.journal_cadence_days))
    waived = placement.journals_waived_at is not None
    overdue = 0 if waived else max(0, due - submitted)
    return JournalSummary(policy.journal_cadence_days, required, due, submitted, overdue, waived)


def journals_refusal(placement: Placement) -> DomainError | None:
    """The completion's journal guard in the transition table: the school's journal count (SchoolPolicy, scaled
    to the placement's length), unless a teacher waived it with a reason (`journals_waive`)."""
    if placement.journals_waived_at is not None:
        return None
    summary = journal_summary(placement)
    if summary.submitted >= summary.required:
        return None
    return DomainError(
        _(
            "The school requires %(required)d journals and %(submitted)d are in; a teacher may waive the rest, "
            "giving a reason."
        )
        % {"required": summary.required, "submitted": summary.submitted},
        code="journals_missing",
        extra={"required": summary.required, "submitted": summary.submitted, "current_status": placement.status},
    )


def journals_waive(*, actor: Actor, placement: Placement, reason: str) -> Placement:
    """A teacher of the student's school lets the placement complete short of the journal count; the reason is
    kept on the placement and in its trail."""
    authorize("waive_journals", actor, placement)
    reason = require_reason(reason)
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        move("waive_journals", placement)
        placement.journals_waived_at = timezone.now()
        placement.journals_waived_by = actor.user
        placement.journals_waived_reason = reason
        placement.save(
            update_fields=["journals_waived_at", "journals_waived_by", "journals_waived_reason", "updated_at"]
        )
        record(placement, user=actor.user, action="journals_waived", from_status=placement.status, reason=reason)
    return placement


def journal_submit(*, actor: Actor, placement: Placement, title: str, body: str) -> Journal:
    check("journal", actor, placement)
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give the journal a title.")]
    if len(body) < 10:
        errors["body"] = [_("Write at least 10 characters about what you did and learned.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=placement.pk).first()
        period = placement.journals.count() + 1
        try:
            journal = Journal.objects.create(placement=placement, period=period, title=title, body=body)
        except IntegrityError:
            raise ValidationError({"non_field_errors": [_("Please submit again.")]}) from None
        advisor = placement.student.advisor
        if advisor is not None:
            notice_send(
                recipients=[advisor.user_id],
                kind="journal_submitted",
                params={"student": placement.student.full_name, "title": title},
                link=f"/placements/{placement.pk}",
            )
    return journal


def journal_comment(*, actor: Actor, journal: Journal, comment: str) -> Journal:
    require_school_staff(actor, journal.placement)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Write a comment.")]})
    if actor.student_id:
        raise PermissionDenied()
    journal.teacher_comment = comment
    journal.commented_by = actor.user
    journal.commented_at = timezone.now()
    with transaction.atomic():
        journal.save(update_fields=["teacher_comment", "commented_by", "commented_at"])
        notice_send(
            recipients=[journal.placement.student.user_id],
            kind="journal_commented",
            params={"actor": actor.user.display_name, "title": journal.title},
            link=f"/placements/{journal.placement_id}",
        )
    return journal
