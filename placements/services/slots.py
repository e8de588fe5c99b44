"""Slots: company HR posts them; opening one checks the internship regulation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import TrainingBase, VettingStatus
from companies.vetting import company_require_vetted
from core.calendar import term_for
from core.errors import DomainError
from placements.choices import SlotStatus
from placements.hazards import unapproved
from placements.models import Slot
from placements.notify import notify_slot_opened
from placements.rules import cite, regular_daily_hours, slot_violations
from placements.services.slot_review import after_save, screen_before_save, slot_screen

EDITABLE_FIELDS = (
    "base", "title", "job_cluster", "kind", "description", "required_certificates", "capacity", "post_headcount",
    "start_date", "end_date", "work_starts", "work_ends", "break_minutes", "days_per_week", "rest_days",
    "shift_pattern", "banned_work", "work_hazard", "post_wage", "probation_wage", "stipend", "insurance_paid_by",
    "pay_cycle", "paid_directly",
    "charges_fees", "holds_documents", "mentor", "application_deadline",
)  # fmt: skip


def _check_ownership(actor: Actor, company, base: TrainingBase, mentor) -> None:
    company_require_vetted(actor=actor, company_id=company.pk)
    if company.pk not in actor.hr_company_ids:
        raise PermissionDenied(_("Only HR staff of the company can post its slots."))
    errors = {}
    if base.kind != TrainingBase.Kind.OFF_CAMPUS or base.company_id != company.pk:
        errors["base"] = [_("Choose one of your company's off-campus bases.")]
    elif not base.is_active:
        errors["base"] = [_("This base is not active.")]
    if mentor is not None and mentor.company_id != company.pk:
        errors["mentor"] = [_("The mentor must be on your company's staff.")]
    if errors:
        raise ValidationError(errors)


def _check_rules(slot: Slot, majors, *, opening: bool = False) -> None:
    """The regulation's checks on the slot's terms, as field errors; `opening` adds what only an open slot needs
    (a deadline still ahead: an open slot whose deadline has passed would read 招募中 and take nobody)."""
    values = {f: getattr(slot, f) for f in EDITABLE_FIELDS}
    # Regular hours a day follow from the window and the break (never typed in); art. 18 reads the company's grade.
    slot.daily_hours = regular_daily_hours(slot.work_starts, slot.work_ends, slot.break_minutes)
    values["company_lowest_wage_grade"] = slot.company.lowest_wage_grade
    errors = slot_violations(values, company_headcount=slot.company.headcount)
    if not majors:
        errors.setdefault("majors", []).append(cite("major", _("name the majors the slot is for.")))
    if opening and slot.application_deadline and slot.application_deadline < timezone.localdate():
        errors.setdefault("application_deadline", []).append(
            _("The application deadline has passed; set a later one to open the slot.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def slot_create(*, actor: Actor, company, majors, publish: bool = False, **fields) -> Slot:
    """HR posts a slot as a draft (or opens it at once). Even a draft must obey the rules, so a company
    never sees a slot it could not open."""
    _check_ownership(actor, company, fields["base"], fields.get("mentor"))
    slot = Slot(company=company, created_by=actor.user, **fields)
    slot.term = term_for(slot.start_date)
    _check_rules(slot, majors, opening=publish)
    if publish:
        _require_company_approved(slot)
    # Art. 17: words that name high-risk work send it to the school instead of opening it.
    held = screen_before_save(slot, opening=publish)
    if publish and held is None:
        slot.status = SlotStatus.OPEN
    slot.save()
    slot.majors.set(majors)
    after_save(slot, held, newly_held=held is not None)
    if slot.status == SlotStatus.OPEN:
        notify_slot_opened(slot)
    return slot


@transaction.atomic
def slot_update(*, actor: Actor, slot: Slot, majors=None, **fields) -> Slot:
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.status in (SlotStatus.CLOSED, SlotStatus.CANCELLED):
        raise DomainError(_("A closed or cancelled slot cannot be edited."), extra={"current_status": slot.status})
    # An open slot may keep a deadline that has since passed (it reads 报名已截止), but not be given a past one.
    moves_deadline = "application_deadline" in fields and fields["application_deadline"] != slot.application_deadline
    for name, value in fields.items():
        setattr(slot, name, value)
    _check_ownership(actor, slot.company, slot.base, slot.mentor)
    if "capacity" in fields:
        from placements.choices import FILLING_STATUSES

        filled = slot.placements.filter(status__in=FILLING_STATUSES).count()
        if slot.capacity < filled:
            raise ValidationError(
                {"capacity": [_("%(n)d students are already confirmed; the capacity cannot be lower.") % {"n": filled}]}
            )
    slot.term = term_for(slot.start_date)
    majors = list(majors) if majors is not None else list(slot.majors.all())
    _check_rules(slot, majors, opening=moves_deadline and slot.status == SlotStatus.OPEN)
    # An approval covers the terms the school saw: an edit naming another sends an open slot back to review.
    was_held = slot.status == SlotStatus.REVIEW
    held = screen_before_save(slot, opening=False)
    slot.save()
    slot.majors.set(majors)
    after_save(slot, held, newly_held=held is not None and not was_held)
    return slot


def _require_company_approved(slot: Slot) -> None:
    if slot.company.vetting_status != VettingStatus.APPROVED:
        raise DomainError(
            _("Only companies approved by a school can open slots; yours is still under review."),
            code="company_not_approved",
        )


def _transition(actor: Actor, slot: Slot, allowed: tuple, to: str) -> Slot:
    if slot.company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only HR staff of the company can change its slots."))
    with transaction.atomic():
        slot = Slot.objects.select_for_update().get(pk=slot.pk)
        if slot.status not in allowed:
            raise DomainError(
                _("This cannot be done now: the slot is “%(status)s”.") % {"status": slot.get_status_display()},
                code="illegal_transition",
                extra={"current_status": slot.status},
            )
        held = None
        if to == SlotStatus.OPEN:
            _require_company_approved(slot)
            _check_rules(slot, list(slot.majors.all()), opening=True)
            if slot.status == SlotStatus.REVIEW:
                # Under review, it opens by the company's hand only once its words name nothing unapproved.
                slot.hazard_matches = slot_screen(slot)
                if unapproved(slot.hazard_matches, slot.hazard_approved):
                    raise DomainError(
                        _("The slot names high-risk work and awaits the school's review; it opens once approved."),
                        code="awaiting_school_review",
                        extra={"current_status": slot.status},
                    )
            else:
                held = screen_before_save(slot, opening=True)
                to = slot.status if held is not None else to
        slot.status = to
        slot.save(update_fields=["status", "hazard_matches", "review_decision", "review_reason", "reviewed_by",
                                 "reviewed_at", "updated_at"])  # fmt: skip
        after_save(slot, held, newly_held=held is not None)
        if slot.status == SlotStatus.OPEN:
            notify_slot_opened(slot)
    return slot


def slot_publish(*, actor: Actor, slot: Slot) -> Slot:
    """Open the slot; one whose words name high-risk work goes to the school's review instead (slot_review.py)."""
    return _transition(actor, slot, (SlotStatus.DRAFT, SlotStatus.CLOSED, SlotStatus.REVIEW), SlotStatus.OPEN)


def slot_close(*, actor: Actor, slot: Slot) -> Slot:
    return _transition(actor, slot, (SlotStatus.OPEN,), SlotStatus.CLOSED)


def slot_cancel(*, actor: Actor, slot: Slot = None) -> Slot:
    """Cancel a slot nobody is confirmed on; its open applications are declined with the reason, so the
    students hear of it and their other choices move up."""
    from placements.choices import FILLING_STATUSES, OPEN_APPLICATION_STATUSES, PlacementStatus
    from placements.services.common import record
    from placements.services.lifecycle import _compact_ranks

    if slot.placements.filter(status__in=FILLING_STATUSES).exists():
        raise DomainError(
            _("Students are already confirmed on this slot; close it instead, or end their placements first."),
            extra={"current_status": slot.status},
        )
    with transaction.atomic():
        slot = _transition(
            actor, slot, (SlotStatus.DRAFT, SlotStatus.OPEN, SlotStatus.CLOSED, SlotStatus.REVIEW), SlotStatus.CANCELLED
        )
        reason = str(_("The company cancelled this slot."))
        for placement in slot.placements.select_for_update(of=("self",)).filter(status__in=OPEN_APPLICATION_STATUSES):
            previous = placement.status
            placement.status = PlacementStatus.DECLINED
            placement.decision_reason = reason
            placement.save(update_fields=["status", "decision_reason", "updated_at"])
            record(placement, user=actor.user, action="declined", from_status=previous, reason=reason)
            _compact_ranks(placement.student_id, placement.term)
    return slot
