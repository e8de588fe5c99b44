"""Incidents (安全事故 / 突发事件): reported by anyone involved in a placement, answered by the school or the
company against a response clock, closed by the school. The rules of who sees what are in the Incident model's
docstring; `incidents_visible_to` is their one implementation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from fieldwork.models import (
    SERIOUS_SEVERITIES,
    FieldworkPolicy,
    Incident,
    IncidentKind,
    IncidentMessage,
    IncidentPhoto,
    IncidentSeverity,
    IncidentStatus,
    ReporterSide,
)
from notices.messages import translatable
from notices.services import notice_send
from placements.choices import PlacementStatus
from placements.models import Placement
from schools.models import Teacher

MAX_PHOTOS = 4
# A placement that has started (or just ended) can have an incident; an application cannot.
REPORTABLE_STATUSES = (
    PlacementStatus.READY,
    PlacementStatus.ACTIVE,
    PlacementStatus.COMPLETED,
    PlacementStatus.ENDED_EARLY,
)


def response_hours(institution_id: int) -> int:
    policy = FieldworkPolicy.objects.filter(institution_id=institution_id).first()
    return policy.incident_response_hours if policy else FieldworkPolicy().incident_response_hours


# -- who sees what --------------------------------------------------------------------------------------------


def incidents_visible_to(actor: Actor, queryset: QuerySet[Incident] | None = None) -> QuerySet[Incident]:
    """The school's admins see all of their school's reports; its teachers those of the placements they
    supervise or advise (and what they reported); the company its placements' reports except anonymous and
    unshared harassment ones (HR all of the company's, a mentor those of their interns); a student every report
    about their own placement that is not anonymous, whoever made it (they are its subject). An anonymous report
    is followed only with its follow-up code, never through an account. Analysts see none."""
    qs = queryset if queryset is not None else Incident.objects.all()
    condition = Q(institution_id__in=actor.admin_school_ids)
    if actor.teacher_school_ids and actor.user_id:
        condition |= Q(institution_id__in=actor.teacher_school_ids) & (
            Q(placement__teacher__user_id=actor.user_id)
            | Q(placement__student__advisor__user_id=actor.user_id)
            | Q(reporter_id=actor.user_id)
        )
    if actor.company_ids and actor.user_id:
        company_may = Q(anonymous=False) & (
            ~Q(kind=IncidentKind.HARASSMENT) | Q(shared_with_company=True) | Q(reporter_side=ReporterSide.COMPANY)
        )
        staff = Q(company_id__in=actor.hr_company_ids) | Q(
            company_id__in=actor.company_ids, placement__mentor__user_id=actor.user_id
        )
        condition |= company_may & staff
    if actor.student_id:
        condition |= Q(placement__student_id=actor.student_id, anonymous=False)
    return qs.filter(condition)


def side_of(actor: Actor, incident: Incident) -> str | None:
    """Which side the actor speaks for on this incident (None: they may read it but not answer)."""
    if incident.institution_id in actor.school_ids:
        return ReporterSide.SCHOOL
    if incident.company_id in actor.company_ids:
        return ReporterSide.COMPANY
    if actor.student_id and incident.placement_id and incident.placement.student_id == actor.student_id:
        return ReporterSide.STUDENT
    return None


def is_overdue(incident: Incident, now: datetime | None = None) -> bool:
    """Open past its due time (the page shows it red)."""
    return incident.status == IncidentStatus.OPEN and (now or timezone.now()) > incident.response_due_at


# -- reporting ------------------------------------------------------------------------------------------------


def incident_require_reporter(*, actor: Actor) -> None:
    """Asked before the form is read: only people with a part in placements report (others get a 403)."""
    if not (actor.is_student or actor.school_ids or actor.company_ids):
        raise PermissionDenied(_("Only the student, the school and the company of a placement report incidents."))


def _reporter_side(actor: Actor, placement: Placement) -> str | None:
    if actor.student_id and placement.student_id == actor.student_id:
        return ReporterSide.STUDENT
    if placement.student.institution_id in actor.school_ids:
        return ReporterSide.SCHOOL
    if placement.slot.company_id in actor.hr_company_ids or (
        placement.slot.company_id in actor.company_ids
        and placement.mentor
        and placement.mentor.user_id == actor.user_id
    ):
        return ReporterSide.COMPANY
    return None


def incident_report(
    *,
    actor: Actor,
    placement: Placement,
    kind: str,
    severity: str,
    description: str,
    occurred_at: datetime,
    anonymous: bool = False,
    photos: list | None = None,
    is_demo: bool = False,
) -> Incident:
    """Report an incident of a placement. The school's admins and the student's teacher are told at once (for an
    anonymous report, the admins only); the response clock starts now."""
    from config.uploads import clean_upload

    incident_require_reporter(actor=actor)
    side = _reporter_side(actor, placement)
    if side is None:
        raise ValidationError({"placement": [_("Choose a placement you take part in.")]})
    errors: dict[str, list] = {}
    if kind not in IncidentKind.values:
        errors["kind"] = [_("Choose what kind of incident it is.")]
    if severity not in IncidentSeverity.values:
        errors["severity"] = [_("Choose how serious it is.")]
    description = (description or "").strip()
    if len(description) < 10:
        errors["description"] = [_("Describe what happened in at least 10 characters.")]
    now = timezone.now()
    if occurred_at is None or occurred_at > now + timedelta(minutes=5):
        errors["occurred_at"] = [_("When it happened cannot be in the future.")]
    if anonymous and side != ReporterSide.STUDENT:
        errors["anonymous"] = [_("Only a student reports anonymously, to their school.")]
    if placement.status not in REPORTABLE_STATUSES:
        errors["placement"] = [_("Incidents are reported for a placement that has started.")]
    photos = list(photos or [])
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("At most %(n)d photos.") % {"n": MAX_PHOTOS}]
    if errors:
        raise ValidationError(errors)
    cleaned = []
    for upload in photos:
        try:
            cleaned.append(clean_upload(upload, allow_pdf=False))
        except ValidationError as error:
            raise ValidationError({"photos": error.message_dict.get("file", error.messages)}) from None
    institution_id = placement.student.institution_id
    with transaction.atomic():
        incident = Incident.objects.create(
            institution_id=institution_id,
            company_id=placement.slot.company_id,
            base_id=placement.slot.base_id,
            placement=None if anonymous else placement,
            reporter=None if anonymous else actor.user,
            reporter_side=side,
            anonymous=anonymous,
            kind=kind,
            severity=severity,
            description=description,
            occurred_at=occurred_at,
            response_due_at=now + timedelta(hours=response_hours(institution_id)),
            is_demo=is_demo,
        )
        follow_up_code = None
        if anonymous:  # the reporter's only way back to the school's answers: shown once, kept as a digest
            follow_up_code = secrets.token_urlsafe(12)
            incident.follow_up_digest = _digest(follow_up_code)
            incident.save(update_fields=["follow_up_digest"])
        for clean in cleaned:
            photo = IncidentPhoto(
                incident=incident, extension=clean.extension, content_type=clean.content_type, size=clean.size
            )
            photo.file.save(f"photo.{clean.extension}", clean.content, save=False)
            photo.save()
        recipients = set(
            Teacher.objects.filter(
                institution_id=institution_id, role=Teacher.Role.ADMIN, archived_at__isnull=True
            ).values_list("user_id", flat=True)
        )
        if not anonymous:
            for teacher in (placement.teacher, placement.student.advisor):
                if teacher is not None:
                    recipients.add(teacher.user_id)
        recipients.discard(actor.user_id)
        notice_send(
            recipients=recipients,
            kind="incident_reported",
            params={
                "kind": translatable(IncidentKind(kind).label),
                "severity": translatable(IncidentSeverity(severity).label),
                "base": placement.slot.base.name,
                "due": timezone.localtime(incident.response_due_at).strftime("%Y-%m-%d %H:%M"),
            },
            link=f"/incidents/{incident.pk}",
        )
    incident.follow_up_code = follow_up_code  # for the answer to the report only; never stored
    return incident


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def incident_by_follow_up(*, actor: Actor, code: str) -> Incident:
    """The anonymous report a follow-up code belongs to, for a signed-in student holding the code. Nothing ties
    the report to who asks: the code is the only key, so a wrong one is a plain 400 and a right one reads the
    report and the school's answers, never anyone's name."""
    if not actor.is_student:
        raise PermissionDenied(_("Only students follow an anonymous report."))
    code = (code or "").strip()
    incident = (
        Incident.objects.filter(anonymous=True, follow_up_digest=_digest(code)).first() if len(code) >= 12 else None
    )
    if incident is None:
        raise ValidationError({"code": [_("No anonymous report has this follow-up code.")]})
    return incident


def incident_follow_up_reply(*, actor: Actor, code: str, body: str) -> IncidentMessage:
    """The anonymous reporter answers the school in the thread, still naming no one (no author is stored)."""
    incident = incident_by_follow_up(actor=actor, code=code)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.status == IncidentStatus.CLOSED:
            raise DomainError(_("This incident is closed."), code="incident_closed")
        message = IncidentMessage.objects.create(incident=locked, author=None, side=ReporterSide.STUDENT, body=body)
        admins = Teacher.objects.filter(
            institution_id=locked.institution_id, role=Teacher.Role.ADMIN, archived_at__isnull=True
        ).values_list("user_id", flat=True)
        notice_send(
            recipients=set(admins),
            kind="incident_follow_up",
            params={"kind": translatable(IncidentKind(locked.kind).label)},
            link=f"/incidents/{locked.pk}",
        )
    return message


# -- the thread -----------------------------------------------------------------------------------------------


def incident_respond(*, actor: Actor, incident: Incident, body: str, is_demo: bool = False) -> IncidentMessage:
    """Add to the thread. The first message by the school or the company stops the clock (open → responded);
    the student's messages add to the thread and stop nothing."""
    side = side_of(actor, incident)
    if side is None:
        raise PermissionDenied(_("Only the school, the company and the student of this incident write here."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.status == IncidentStatus.CLOSED:
            raise DomainError(_("This incident is closed."), code="incident_closed")
        message = IncidentMessage.objects.create(
            incident=locked, author=actor.user, side=side, body=body, is_demo=is_demo
        )
        if side != ReporterSide.STUDENT and locked.status == IncidentStatus.OPEN:
            locked.status = IncidentStatus.RESPONDED
            locked.first_response_at = message.created_at
            locked.save(update_fields=["status", "first_response_at"])
        if locked.reporter_id and locked.reporter_id != actor.user_id:
            notice_send(
                recipients=[locked.reporter_id],
                kind="incident_answered",
                params={"kind": translatable(IncidentKind(locked.kind).label)},
                link=f"/incidents/{locked.pk}",
            )
    incident.refresh_from_db()
    return message


def incident_close(*, actor: Actor, incident: Incident) -> Incident:
    """The school closes an incident once it is dealt with (after at least one response)."""
    if incident.institution_id not in actor.school_ids:
        raise PermissionDenied(_("The student's school closes an incident."))
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.status != IncidentStatus.RESPONDED:
            raise DomainError(
                _("An incident is closed once it has been answered."),
                code="incident_not_answered",
                extra={"current_status": locked.status},
            )
        locked.status = IncidentStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
    return locked


def incident_share(*, actor: Actor, incident: Incident, shared: bool) -> Incident:
    """The school's admins decide whether the company sees a harassment report (an anonymous one never)."""
    if incident.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("The school's administrators decide what the company sees."))
    if incident.anonymous and shared:
        raise DomainError(_("An anonymous report stays with the school."), code="incident_anonymous")
    Incident.objects.filter(pk=incident.pk).update(shared_with_company=shared)
    incident.shared_with_company = shared
    return incident


# -- the city's figures ---------------------------------------------------------------------------------------


def serious_counts_by_company(*, since: datetime) -> list[dict]:
    """Serious and critical incidents per company since a day: counts only (no report, no person), for the
    city's analysts."""
    rows = (
        Incident.objects.filter(severity__in=SERIOUS_SEVERITIES, reported_at__gte=since)
        .values("company_id", "company__name")
        .annotate(
            serious=Count("id", filter=Q(severity=IncidentSeverity.SERIOUS)),
            critical=Count("id", filter=Q(severity=IncidentSeverity.CRITICAL)),
            unanswered=Count("id", filter=Q(status=IncidentStatus.OPEN)),
        )
        .order_by("-critical", "-serious", "company__name")
    )
    return [
        {
            "company": r["company_id"],
            "company_name": r["company__name"],
            "serious": r["serious"],
            "critical": r["critical"],
            "unanswered": r["unanswered"],
        }
        for r in rows
    ]
