"""Breach reports: a student tells their school about fees, overtime, night shifts, unpaid stipends ...;
the school answers, and an upheld report counts against the company."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from notices.messages import translatable
from notices.services import notice_send
from placements.choices import BreachKind, BreachStatus
from placements.models import BreachReport, Placement
from schools.models import Student, Teacher


def breach_require_reporter(*, actor: Actor) -> None:
    """Only students file breach reports (asked before the form is read: others get a 403, not a 400)."""
    if not actor.is_student:
        raise PermissionDenied(_("Only students file breach reports."))


def breach_require_answerer(*, actor: Actor, report: BreachReport) -> None:
    """Only staff of the student's school answer a report (never the company it is about)."""
    if report.institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only staff of the student's school answer breach reports."))


def breach_report(*, actor: Actor, kind: str, description: str, placement: Placement | None = None) -> BreachReport:
    breach_require_reporter(actor=actor)
    student = Student.objects.get(pk=actor.student_id)
    errors = {}
    if kind not in BreachKind.values:
        errors["kind"] = [_("Choose what kind of breach it is.")]
    description = (description or "").strip()
    if len(description) < 10:
        errors["description"] = [_("Describe what happened in at least 10 characters.")]
    if placement is not None and placement.student_id != student.pk:
        errors["placement"] = [_("Choose one of your own placements.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = BreachReport.objects.create(
            student=student,
            institution_id=student.institution_id,
            placement=placement,
            company_id=placement.slot.company_id if placement else None,
            kind=kind,
            description=description,
        )
        staff = set(
            Teacher.objects.filter(institution_id=student.institution_id, role=Teacher.Role.ADMIN).values_list(
                "user_id", flat=True
            )
        )
        if student.advisor_id:
            staff.add(student.advisor.user_id)
        notice_send(
            recipients=staff,
            kind="breach_reported",
            params={"student": student.full_name, "kind": translatable(BreachKind(report.kind).label)},
            link=f"/breaches/{report.pk}",
        )
    return report


def breach_answer(*, actor: Actor, report: BreachReport, status: str, response: str) -> BreachReport:
    breach_require_answerer(actor=actor, report=report)
    if report.status != BreachStatus.OPEN:
        raise DomainError(_("This report has already been answered."), extra={"current_status": report.status})
    if status not in (BreachStatus.UPHELD, BreachStatus.DISMISSED):
        raise ValidationError({"status": [_("Uphold or dismiss the report.")]})
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": [_("Write the answer the student will read.")]})
    report.status = status
    report.response = response
    report.responded_by = actor.user
    report.responded_at = timezone.now()
    with transaction.atomic():
        report.save(update_fields=["status", "response", "responded_by", "responded_at"])
        notice_send(
            recipients=[report.student.user_id],
            kind="breach_answered",
            params={
                "kind": translatable(BreachKind(report.kind).label),
                "status": translatable(BreachStatus(report.status).label),
            },
            link=f"/breaches/{report.pk}",
        )
    return report
