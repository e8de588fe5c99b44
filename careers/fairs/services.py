"""Changing fairs, booths and registrations. One function per transition, each taking the `actor`, checking the
rule, changing the locked row inside a transaction and sending notices after commit.

    fair:      draft ─open→ open ─close→ closed           draft/open ─cancel (reason)→ cancelled
               open ─(its end passes: close_ended_fairs)→ closed; until then it already reads as closed
    booth:     pending ─approve→ approved | ─refuse (reason)→ refused;   pending/approved ─withdraw→ withdrawn
               approved ─(the company changes its jobs, slots or note)→ pending again
    register:  a student the fair is for, while it is open and not over; checked in once at the door

Any other move is a DomainError (HTTP 409) naming the current state."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from careers.fairs.models import Booth, BoothStatus, Fair, FairRegistration, FairStatus
from careers.fairs.selectors import (
    audience_for_student,
    desk_staff_user_ids,
    eligible_students,
    is_desk_staff,
    is_organiser,
)
from companies.models import CompanyMember, Segment
from companies.vetting import company_require_vetted
from core.errors import DomainError
from notices.services import notice_send
from schools.models import Institution, Student

# The short code typed at the desk: no 0/O, 1/I/L, so it reads aloud and types on a phone without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
QR_PREFIX = "WHFAIR:"  # what a QR code of ours starts with; the rest is the registration's token
FAIR_FIELDS = ("title", "description", "starts_at", "ends_at", "venue", "online_url", "industries")
MAX_YEARS = 6
BOOKING_HORIZON = timedelta(days=2 * 366)  # a fair is planned at most two years ahead
MAX_LENGTH = timedelta(days=7)  # a fair is an event of hours or days, not a season


def _when(value) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def _require_organiser(actor: Actor, fair: Fair) -> None:
    if not is_organiser(actor, fair):
        raise PermissionDenied(_("Only the fair's organisers manage it."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason; the other side sees it.")]})
    return reason[:500]


def _check_fields(fields: dict, fair: Fair | None = None) -> None:
    starts = fields.get("starts_at", fair.starts_at if fair else None)
    ends = fields.get("ends_at", fair.ends_at if fair else None)
    errors: dict[str, list] = {}
    if "starts_at" in fields and starts and (fair is None or starts != fair.starts_at):
        now = timezone.now()  # a day's grace: a fair under way may be recorded, whatever the hour
        if not now - timedelta(days=1) <= starts <= now + BOOKING_HORIZON:
            errors["starts_at"] = [_("A fair starts at most a day ago and at most two years from now.")]
    if starts and ends and ends <= starts:
        errors["ends_at"] = [_("A fair ends after it starts.")]
    elif starts and ends and ends - starts > MAX_LENGTH:
        errors["ends_at"] = [_("A fair lasts at most seven days.")]
    venue = fields.get("venue", fair.venue if fair else "")
    online = fields.get("online_url", fair.online_url if fair else "")
    if not (venue or "").strip() and not (online or "").strip():
        errors["venue"] = [_("Give a venue or an online link.")]
    unknown = [i for i in fields.get("industries") or [] if i not in Segment.values]
    if unknown:
        errors["industries"] = [_("Unknown industry: %(names)s.") % {"names": ", ".join(map(str, unknown))}]
    years = fields.get("graduation_years")
    if years is not None and (len(years) > MAX_YEARS or any(not 2000 <= int(y) <= 2100 for y in years)):
        errors["graduation_years"] = [_("Name at most six graduation years between 2000 and 2100.")]
    if errors:
        raise ValidationError(errors)


def _set_audience(actor: Actor, fair: Fair, schools, majors, years) -> None:
    if schools is not None:
        schools = list(schools)
        if fair.institution_id is not None:
            # A school's fair is for its own students only; other schools' students come to the city's fairs.
            if any(s.pk != fair.institution_id for s in schools):
                raise ValidationError({"schools": [_("A school's fair is for its own students.")]})
            schools = [fair.institution]
        fair.schools.set(schools)
    elif fair.institution_id is not None and not fair.schools.exists():
        fair.schools.set([fair.institution_id])
    if majors is not None:
        majors = list(majors)
        if fair.institution_id is not None and any(m.institution_id != fair.institution_id for m in majors):
            raise ValidationError({"majors": [_("A school's fair names its own majors.")]})
        fair.majors.set(majors)
    if years is not None:
        fair.graduation_years = Fair.years_text(years)
        fair.save(update_fields=["graduation_years"])


@transaction.atomic
def fair_create(
    *,
    actor: Actor,
    institution: Institution | None = None,
    schools=None,
    majors=None,
    graduation_years=None,
    is_demo: bool = False,
    **fields,
) -> Fair:
    """A new fair, as a draft: the city's (by its staff) or a school's (by its admins)."""
    if institution is None:
        if not actor.is_city_staff:
            if len(actor.admin_school_ids) == 1:
                institution = Institution.objects.get(pk=next(iter(actor.admin_school_ids)))
            else:
                raise PermissionDenied(_("The city's staff and schools' admins organise fairs."))
    elif institution.pk not in actor.admin_school_ids:
        raise ValidationError({"institution": [_("You organise fairs for your own school only.")]})
    fields = {k: v for k, v in fields.items() if k in FAIR_FIELDS}
    _check_fields({**fields, "graduation_years": graduation_years})
    fair = Fair.objects.create(institution=institution, created_by=actor.user, is_demo=is_demo, **fields)
    _set_audience(actor, fair, schools, majors, graduation_years or [])
    return fair


@transaction.atomic
def fair_update(*, actor: Actor, fair: Fair, schools=None, majors=None, graduation_years=None, **fields) -> Fair:
    """The organiser edits a fair that has not closed (its registered students keep their codes)."""
    fair = Fair.objects.select_for_update().get(pk=fair.pk)
    _require_organiser(actor, fair)
    if fair.effective_status not in (FairStatus.DRAFT, FairStatus.OPEN):
        raise DomainError(
            _("This fair is %(status)s and can no longer be changed.")
            % {"status": FairStatus(fair.effective_status).label},
            code="fair_state",
        )
    fields = {k: v for k, v in fields.items() if k in FAIR_FIELDS}
    _check_fields({**fields, "graduation_years": graduation_years}, fair)
    for name, value in fields.items():
        setattr(fair, name, value)
    fair.save()
    _set_audience(actor, fair, schools, majors, graduation_years)
    return fair


def _move(actor: Actor, fair: Fair, sources: tuple[str, ...], target: str) -> Fair:
    fair = Fair.objects.select_for_update().get(pk=fair.pk)
    _require_organiser(actor, fair)
    current = fair.effective_status  # an ended open fair is closed: it can be closed (for good), nothing else
    if current not in sources and not (fair.status == FairStatus.OPEN and target == FairStatus.CLOSED):
        raise DomainError(
            _("This fair is %(status)s; it cannot be %(target)s.")
            % {"status": FairStatus(current).label, "target": FairStatus(target).label},
            code="fair_state",
        )
    fair.status = target
    return fair


@transaction.atomic
def fair_open(*, actor: Actor, fair: Fair) -> Fair:
    """Publish the fair: companies may apply for booths, students it is for see it, register, and are told."""
    fair = _move(actor, fair, (FairStatus.DRAFT,), FairStatus.OPEN)
    if fair.ends_at <= timezone.now():
        raise DomainError(_("This fair is already over; change its dates first."), code="fair_over")
    fair.opened_at = timezone.now()
    fair.save(update_fields=["status", "opened_at", "updated_at"])
    users = list(eligible_students(fair).values_list("user_id", flat=True))
    # one insert; live delivery leaves the request for a Celery job when many are told (notices.services)
    notice_send(
        recipients=users,
        kind="fair_opened",
        params={"fair": fair.title, "when": _when(fair.starts_at), "venue": fair.venue or fair.online_url},
        link=f"/careers/fairs/{fair.pk}",
    )
    return fair


@transaction.atomic
def fair_close(*, actor: Actor, fair: Fair) -> Fair:
    """After the fair: no more booths or registrations; its report keeps following what came of it."""
    fair = _move(actor, fair, (FairStatus.OPEN,), FairStatus.CLOSED)
    fair.save(update_fields=["status", "updated_at"])
    return fair


@transaction.atomic
def close_ended_fairs() -> int:
    """Open fairs whose end has passed close themselves (the scheduled reminders run this; returns how many).
    Closing records the same state as the organiser's close, and running it again changes nothing. Nobody is told:
    the fair is over for everyone at the same moment, and its report keeps following what came of it."""
    rows = Fair.objects.select_for_update().filter(status=FairStatus.OPEN, ends_at__lte=timezone.now())
    ids = list(rows.values_list("pk", flat=True))
    Fair.objects.filter(pk__in=ids).update(status=FairStatus.CLOSED, updated_at=timezone.now())
    return len(ids)


@transaction.atomic
def fair_cancel(*, actor: Actor, fair: Fair, reason: str) -> Fair:
    """Call the fair off: the registered students and the companies with a booth are told why."""
    reason = _require_reason(reason)
    fair = _move(actor, fair, (FairStatus.DRAFT, FairStatus.OPEN), FairStatus.CANCELLED)
    fair.cancel_reason = reason
    fair.save(update_fields=["status", "cancel_reason", "updated_at"])
    users = list(
        fair.registrations.filter(cancelled_at__isnull=True).values_list("student__user_id", flat=True)
    ) + list(
        CompanyMember.objects.filter(
            company__booths__fair=fair,
            company__booths__status__in=[BoothStatus.PENDING, BoothStatus.APPROVED],
            role=CompanyMember.Role.HR,
            archived_at__isnull=True,
        ).values_list("user_id", flat=True)
    )
    notice_send(
        recipients=users,
        kind="fair_cancelled",
        params={"fair": fair.title, "reason": reason},
        link=f"/careers/fairs/{fair.pk}",
    )
    return fair


# -- booths ----------------------------------------------------------------------------------------------------


def _check_exhibits(company_id: int, jobs, slots) -> None:
    errors = {}
    if jobs is not None and any(j.company_id != company_id for j in jobs):
        errors["jobs"] = [_("A booth shows its own company's jobs only.")]
    if slots is not None and any(s.company_id != company_id for s in slots):
        errors["slots"] = [_("A booth shows its own company's placement slots only.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def booth_apply(
    *, actor: Actor, fair: Fair, company_id: int | None = None, jobs=None, slots=None, note: str = "",
    is_demo: bool = False,
) -> Booth:  # fmt: skip
    """A vetted company's HR applies for a booth at an open fair, with the jobs and slots it brings."""
    if company_id is None:
        own = actor.hr_company_ids | actor.pending_hr_company_ids
        if len(own) != 1:
            raise ValidationError({"company": [_("Choose the company.")]})
        company_id = next(iter(own))
    company_require_vetted(actor=actor, company_id=company_id)
    if company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only the company's HR staff apply for its booths."))
    fair = Fair.objects.select_for_update().get(pk=fair.pk)
    if fair.status != FairStatus.OPEN or fair.ends_at <= timezone.now():
        raise DomainError(_("This fair does not take booth applications now."), code="fair_state")
    jobs, slots = list(jobs or []), list(slots or [])
    _check_exhibits(company_id, jobs, slots)
    booth = Booth.objects.filter(fair=fair, company_id=company_id).first()
    if booth is not None and booth.status in (BoothStatus.PENDING, BoothStatus.APPROVED):
        raise DomainError(_("Your company already has a booth at this fair."), code="booth_exists")
    if booth is None:
        booth = Booth(fair=fair, company_id=company_id)
    # a refused or withdrawn booth applies again as the same row (one per company and fair)
    booth.status, booth.reason, booth.note = BoothStatus.PENDING, "", note[:500]
    booth.decided_by, booth.decided_at = None, None
    booth.created_by, booth.is_demo = actor.user, is_demo
    booth.save()
    booth.jobs.set(jobs)
    booth.slots.set(slots)
    notice_send(
        recipients=desk_staff_user_ids(fair),
        kind="booth_applied",
        params={"fair": fair.title, "company": booth.company.name},
        link=f"/careers/fairs/{fair.pk}",
    )
    return booth


@transaction.atomic
def booth_update(*, actor: Actor, booth: Booth, jobs=None, slots=None, note: str | None = None) -> Booth:
    """The company changes what its booth brings. An approved booth that changes goes back to the organiser
    (pending, with a notice): students see only what the organiser approved, so a change is never silent."""
    booth = Booth.objects.select_for_update().select_related("fair", "company").get(pk=booth.pk)
    if booth.company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only the company's HR staff apply for its booths."))
    if (
        booth.status not in (BoothStatus.PENDING, BoothStatus.APPROVED)
        or booth.fair.effective_status != FairStatus.OPEN
    ):
        raise DomainError(_("This booth can no longer be changed."), code="booth_state")
    _check_exhibits(booth.company_id, jobs, slots)
    changed = False
    if jobs is not None and {j.pk for j in jobs} != set(booth.jobs.values_list("pk", flat=True)):
        booth.jobs.set(jobs)
        changed = True
    if slots is not None and {s.pk for s in slots} != set(booth.slots.values_list("pk", flat=True)):
        booth.slots.set(slots)
        changed = True
    if note is not None and note[:500] != booth.note:
        booth.note = note[:500]
        booth.save(update_fields=["note"])
        changed = True
    if changed and booth.status == BoothStatus.APPROVED:
        booth.status, booth.reason = BoothStatus.PENDING, ""
        booth.decided_by, booth.decided_at = None, None
        booth.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        notice_send(
            recipients=desk_staff_user_ids(booth.fair),
            kind="booth_changed",
            params={"fair": booth.fair.title, "company": booth.company.name},
            link=f"/careers/fairs/{booth.fair_id}",
        )
    return booth


def _decide(actor: Actor, booth: Booth, target: str, reason: str = "") -> Booth:
    booth = Booth.objects.select_for_update().select_related("fair", "company").get(pk=booth.pk)
    _require_organiser(actor, booth.fair)
    if booth.fair.effective_status != FairStatus.OPEN:
        raise DomainError(_("This fair is over; its booths are no longer decided."), code="fair_state")
    if booth.status != BoothStatus.PENDING:
        raise DomainError(
            _("This booth is %(status)s; it has been decided.") % {"status": booth.get_status_display()},
            code="booth_state",
        )
    booth.status, booth.reason = target, reason
    booth.decided_by, booth.decided_at = actor.user, timezone.now()
    booth.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    hr = CompanyMember.objects.filter(
        company_id=booth.company_id, role=CompanyMember.Role.HR, archived_at__isnull=True
    ).values_list("user_id", flat=True)
    notice_send(
        recipients=list(hr),
        kind="booth_decided",
        params={"fair": booth.fair.title, "status": str(BoothStatus(target).label), "reason": reason},
        link=f"/careers/fairs/{booth.fair_id}",
    )
    return booth


@transaction.atomic
def booth_approve(*, actor: Actor, booth: Booth) -> Booth:
    return _decide(actor, booth, BoothStatus.APPROVED)


@transaction.atomic
def booth_refuse(*, actor: Actor, booth: Booth, reason: str) -> Booth:
    return _decide(actor, booth, BoothStatus.REFUSED, _require_reason(reason))


@transaction.atomic
def booth_withdraw(*, actor: Actor, booth: Booth) -> Booth:
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    if booth.company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only the company's HR staff apply for its booths."))
    if booth.status not in (BoothStatus.PENDING, BoothStatus.APPROVED):
        raise DomainError(_("This booth can no longer be changed."), code="booth_state")
    booth.status = BoothStatus.WITHDRAWN
    booth.save(update_fields=["status"])
    return booth


# -- registrations and check-in ---------------------------------------------------------------------------------


def _new_code(fair: Fair) -> str:
    taken = set(fair.registrations.values_list("code", flat=True))
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


@transaction.atomic
def registration_create(*, actor: Actor, fair: Fair, is_demo: bool = False) -> FairRegistration:
    """The student registers for an open fair that is for them, and gets the code they show at the door."""
    if not actor.is_student:
        raise PermissionDenied(_("Students register for fairs."))
    fair = Fair.objects.select_for_update().get(pk=fair.pk)
    student = Student.objects.select_related("institution", "cohort").get(pk=actor.student_id)
    if not Fair.objects.filter(pk=fair.pk).filter(audience_for_student(student)).exists():
        raise DomainError(_("This fair is not for your school, major or year."), code="fair_not_for_you")
    if fair.status != FairStatus.OPEN or fair.ends_at <= timezone.now():
        raise DomainError(_("This fair does not take registrations now."), code="fair_state")
    registration = FairRegistration.objects.filter(fair=fair, student=student).first()
    if registration is not None:
        if registration.cancelled_at is None:
            raise DomainError(_("You are already registered for this fair."), code="already_registered")
        registration.cancelled_at = None
        registration.save(update_fields=["cancelled_at"])
        return registration
    try:
        with transaction.atomic():
            return FairRegistration.objects.create(
                fair=fair, student=student, token=secrets.token_urlsafe(24), code=_new_code(fair), is_demo=is_demo
            )
    except IntegrityError as error:  # pragma: no cover - two registrations of one student at once
        raise DomainError(_("You are already registered for this fair."), code="already_registered") from error


@transaction.atomic
def registration_cancel(*, actor: Actor, registration: FairRegistration) -> FairRegistration:
    registration = FairRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.student_id != actor.student_id:
        raise PermissionDenied(_("Only the student cancels their registration."))
    if registration.checked_in_at is not None:
        raise DomainError(_("You were checked in already."), code="already_checked_in")
    if registration.cancelled_at is None:
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["cancelled_at"])
    return registration


def _find(fair: Fair, code: str) -> FairRegistration:
    code = (code or "").strip()
    if code.upper().startswith(QR_PREFIX):
        code = code[len(QR_PREFIX) :]
    if not code:
        raise ValidationError({"code": [_("Scan the student's QR code or type their check-in code.")]})
    rows = FairRegistration.objects.select_for_update().select_related("student")
    if len(code) > CODE_LENGTH:
        registration = rows.filter(token=code).first()
    else:
        registration = rows.filter(fair=fair, code=code.upper()).first()
    if registration is None:
        raise ValidationError({"code": [_("No registration for this fair has this code.")]})
    if registration.fair_id != fair.pk:
        raise ValidationError({"code": [_("This code is for another fair.")]})
    return registration


@transaction.atomic
def registration_check_in(*, actor: Actor, fair: Fair, code: str) -> FairRegistration:
    """At the door: the QR code scanned (or the short code typed) checks the student in, once."""
    fair = Fair.objects.get(pk=fair.pk)  # its state now, not the caller's copy
    if not is_desk_staff(actor, fair):
        raise PermissionDenied(_("Only the fair's staff check students in."))
    if fair.effective_status != FairStatus.OPEN:
        raise DomainError(
            _("This fair is %(status)s; nobody is checked in.") % {"status": FairStatus(fair.effective_status).label},
            code="fair_state",
        )
    registration = _find(fair, code)
    if registration.cancelled_at is not None:
        raise ValidationError({"code": [_("This registration was cancelled by the student.")]})
    if registration.checked_in_at is not None:
        raise DomainError(
            _("%(student)s is already checked in (%(when)s).")
            % {"student": registration.student.full_name, "when": _when(registration.checked_in_at)},
            code="already_checked_in",
        )
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor.user
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    return registration


@transaction.atomic
def remind_fairs_tomorrow() -> int:
    """The day before a fair, each registered student is reminded once (reminded_on); returns how many."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    rows = FairRegistration.objects.filter(
        fair__status=FairStatus.OPEN,
        fair__starts_at__date=tomorrow,
        cancelled_at__isnull=True,
        reminded_on__isnull=True,
        student__user__isnull=False,
    ).select_related("fair", "student")
    sent = 0
    for registration in rows:
        fair = registration.fair
        notice_send(
            recipients=[registration.student.user_id],
            kind="fair_reminder",
            params={"fair": fair.title, "when": _when(fair.starts_at), "venue": fair.venue or fair.online_url},
            link=f"/careers/fairs/{fair.pk}",
        )
        sent += 1
    rows.update(reminded_on=timezone.localdate())
    return sent
