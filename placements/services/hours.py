"""Working-time exceptions (art. 17): night, overtime or holiday work on a slot is never part of its regular hours.
The company proposes one with its reason; a school of the slot approves or refuses it with a reason and records
it as filed with the education authority. Until then no placement on the slot starts (lifecycle.missing_paperwork),
and no free text anywhere lifts a check."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from config import bounds
from core.errors import DomainError
from placements.choices import HoursExceptionKind, HoursExceptionStatus, SlotStatus
from placements.models import HoursException, Slot
from placements.rules import overtime_violations

Status = HoursExceptionStatus


def slot_school_ids(slot: Slot) -> set[int]:
    """The schools a slot is for: those its base cooperates with, and those of students who applied to it."""
    ids = set(slot.base.institutions.values_list("pk", flat=True))
    ids |= set(slot.placements.values_list("student__institution_id", flat=True))
    return ids


def exceptions_visible_to(actor: Actor, queryset: QuerySet[HoursException] | None = None) -> QuerySet:
    """The slot's company sees its own; school staff those of the slots their school works with."""
    queryset = HoursException.objects.all() if queryset is None else queryset
    condition = Q(slot__company_id__in=actor.company_ids)
    if actor.school_ids:
        condition |= Q(slot__base__institutions__in=actor.school_ids)
        condition |= Q(slot__placements__student__institution_id__in=actor.school_ids)
    return queryset.filter(condition).distinct()


def require_school_of(actor: Actor, slot: Slot) -> None:
    if not actor.school_ids & slot_school_ids(slot):
        raise PermissionDenied(_("Only staff of the slot's schools decide and file its working-time exceptions."))


def _reason(value: str, field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [_("Give a reason.")]})
    return value


def _refuse(found: list[tuple[str, str]]) -> None:
    errors: dict[str, list[str]] = {}
    for field, message in found:
        errors.setdefault(field, []).append(str(message))
    if errors:
        raise ValidationError(errors)


def _locked(exception: HoursException) -> HoursException:
    return HoursException.objects.select_for_update(of=("self",)).select_related("slot").get(pk=exception.pk)


def _illegal(exception: HoursException) -> DomainError:
    return DomainError(
        _("This cannot be done now: the exception is “%(status)s”.") % {"status": exception.get_status_display()},
        code="illegal_transition",
        extra={"current_status": exception.status},
    )


@transaction.atomic
def hours_exception_propose(
    *,
    actor: Actor,
    slot: Slot,
    kind: str,
    reason: str,
    overtime_hours_per_day=None,
    overtime_hours_per_month=None,
) -> HoursException:
    """The company's HR asks for night, overtime or holiday work on its slot, saying why the major and post need
    it. Overtime asks for hours within the Labour Law's limits; the school decides."""
    if slot.company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only HR staff of the company can propose exceptions for its slots."))
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.status in (SlotStatus.CLOSED, SlotStatus.CANCELLED):
        raise DomainError(_("A closed or cancelled slot cannot be changed."), extra={"current_status": slot.status})
    reason = _reason(reason)
    if kind == HoursExceptionKind.OVERTIME:
        _refuse(overtime_violations(overtime_hours_per_day, overtime_hours_per_month))
    else:
        overtime_hours_per_day = overtime_hours_per_month = None
    if HoursException.objects.filter(slot=slot, kind=kind).exclude(status=Status.REFUSED).exists():
        raise ValidationError({"kind": [_("This slot already has such an exception.")]})
    exception = HoursException(
        slot=slot,
        kind=kind,
        reason=reason,
        overtime_hours_per_day=overtime_hours_per_day,
        overtime_hours_per_month=overtime_hours_per_month,
        proposed_by=actor.user,
    )
    exception.full_clean(exclude=["slot", "proposed_by"])
    exception.save()
    return exception


def hours_exception_decide(*, actor: Actor, exception: HoursException, approve: bool, reason: str) -> HoursException:
    """Staff of one of the slot's schools approve or refuse a proposed exception, saying why."""
    require_school_of(actor, exception.slot)
    reason = _reason(reason)
    with transaction.atomic():
        exception = _locked(exception)
        if exception.status != Status.PROPOSED:
            raise _illegal(exception)
        if approve and exception.kind == HoursExceptionKind.OVERTIME:
            # Even an approved exception stays within the Labour Law's overtime limits (an exception carried over
            # from the old free-text field names no hours, so it cannot be approved as it stands).
            _refuse(overtime_violations(exception.overtime_hours_per_day, exception.overtime_hours_per_month))
        exception.status = Status.APPROVED if approve else Status.REFUSED
        exception.decided_by = actor.user
        exception.decided_at = timezone.now()
        exception.decision_reason = reason[:500]
        exception.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return exception


def hours_exception_file(
    *, actor: Actor, exception: HoursException, filed_on: date, authority: str, reference: str
) -> HoursException:
    """The school records an approved exception as filed with the education authority (when, with whom, under
    which reference): only then may a placement on the slot start."""
    require_school_of(actor, exception.slot)
    errors = {}
    authority, reference = (authority or "").strip(), (reference or "").strip()
    if not authority:
        errors["authority"] = [_("Name the education authority it was filed with.")]
    if not reference:
        errors["reference"] = [_("Give the filing's reference.")]
    if filed_on is None:
        errors["filed_on"] = [_("Give the date it was filed.")]
    else:
        try:
            bounds.PAST_RECORD(filed_on)
        except ValidationError as error:
            errors["filed_on"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        exception = _locked(exception)
        if exception.status != Status.APPROVED:
            raise _illegal(exception)
        exception.status = Status.FILED
        exception.filed_by = actor.user
        exception.filed_on = filed_on
        exception.filing_authority = authority[:100]
        exception.filing_reference = reference[:100]
        exception.save(update_fields=["status", "filed_by", "filed_on", "filing_authority", "filing_reference"])
    return exception


def unfiled_exceptions(slot: Slot) -> list[HoursException]:
    """The slot's exceptions still short of approved and filed (a refused one asks for nothing)."""
    return [e for e in slot.hours_exceptions.all() if e.status in (Status.PROPOSED, Status.APPROVED)]
