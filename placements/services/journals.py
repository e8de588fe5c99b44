"""Journals: the student reports periodically; the teacher comments; overdue journals show."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from accounts.actor import Actor
from notices.services import notice_send
from placements.choices import PlacementStatus
from placements.models import Journal, Placement, policy_for
from placements.services.common import require_school_staff
from placements.transitions import check


@dataclass
class JournalSummary:
    cadence_days: int
    required: int
    due: int
    submitted: int
    overdue: int


def journal_summary(placement: Placement, journal_count: int | None = None) -> JournalSummary:
    """How many journals are due by today at the school's cadence, and how many are missing."""
    policy = policy_for(placement.student.institution_id)
    slot = placement.slot
    months = max(1, (slot.end_date - slot.start_date).days / 30.4)
    required = max(1, round(policy.journal_min_count * months / 6))
    submitted = journal_count if journal_count is not None else placement.journals.count()
    due = 0
    if placement.status in (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY):
        today = min(timezone.localdate(), slot.end_date)
        started = max(
            slot.start_date,
            timezone.localtime(placement.started_at).date() if placement.started_at else slot.start_date,
        )
        due = min(required, max(0, (today - started).days // policy.journal_cadence_days))
    return JournalSummary(policy.journal_cadence_days, required, due, submitted, max(0, due - submitted))


def journal_submit(*, actor: Actor, user, placement: Placement, title: str, body: str) -> Journal:
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


def journal_comment(*, actor: Actor, user, journal: Journal, comment: str) -> Journal:
    require_school_staff(actor, journal.placement)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Write a comment.")]})
    if actor.student_id:
        raise PermissionDenied()
    journal.teacher_comment = comment
    journal.commented_by = user
    journal.commented_at = timezone.now()
    with transaction.atomic():
        journal.save(update_fields=["teacher_comment", "commented_by", "commented_at"])
        notice_send(
            recipients=[journal.placement.student.user_id],
            kind="journal_commented",
            params={"actor": user.display_name, "title": journal.title},
            link=f"/placements/{journal.placement_id}",
        )
    return journal
