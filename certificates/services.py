"""1+X certificates: students upload what they hold and teachers verify it; schools hold assessment sessions
at their on-campus bases (never more registrations than seats) and enter results, a pass creating the
certificate; evaluation organisations' result sheets are imported all-or-nothing."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from accounts.actor import Actor
from certificates.models import (
    LEVEL_ORDER,
    AssessmentSession,
    CertificateProgram,
    Level,
    Registration,
    StudentCertificate,
)
from companies.models import TrainingBase
from config.uploads import clean_upload
from core.errors import DomainError
from notices.messages import translatable
from notices.services import notice_send
from schools.models import Student

THUMB_EDGE = 320


def check_level(program: CertificateProgram, level: str) -> None:
    """The level is one the programme offers: for an upload, a session and an imported result alike."""
    if level not in Level.values or (program.levels and level not in program.levels):
        raise ValidationError({"level": [_("This programme does not offer that level.")]})


def _thumbnail(payload: bytes) -> ContentFile:
    with Image.open(io.BytesIO(payload)) as image:
        image = image.convert("RGB")
        image.thumbnail((THUMB_EDGE, THUMB_EDGE))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue())


def certificate_upload(
    *, actor: Actor, program: CertificateProgram, level: str, number: str, issue_date, upload, score=None
) -> StudentCertificate:
    """A student records a certificate they hold, with a scan (JPEG, PNG or PDF, checked by content, images
    re-encoded without EXIF); it waits for a teacher's verification."""
    if not actor.student_id:
        raise PermissionDenied(_("Only students upload their certificates."))
    check_level(program, level)
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = [_("Give the certificate number.")]
    elif StudentCertificate.objects.filter(program=program, number=number).exists():
        errors["number"] = [_("A certificate with this number is already recorded for this programme.")]
    if issue_date and issue_date > timezone.localdate():
        errors["issue_date"] = [_("The issue date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    clean = clean_upload(upload, max_bytes=settings.CERTIFICATE_UPLOAD_MAX_BYTES)
    student = Student.objects.select_related("advisor").get(pk=actor.student_id)
    certificate = StudentCertificate(
        student=student,
        program=program,
        level=level,
        number=number,
        issue_date=issue_date,
        score=score,
        scan_extension=clean.extension,
        scan_content_type=clean.content_type,
    )
    certificate.scan.save("scan", clean.content, save=False)
    try:
        if clean.extension != "pdf":
            certificate.thumbnail.save(
                "thumb", _thumbnail(clean.content.read() or clean.content.file.getvalue()), save=False
            )
        with transaction.atomic():
            certificate.save()
            if student.advisor_id:
                notice_send(
                    recipients=[student.advisor.user_id],
                    kind="certificate_uploaded",
                    params={"student": student.full_name, "program": program.name},
                    link="/certificates/verify",
                )
    except IntegrityError:
        certificate.scan.delete(save=False)
        certificate.thumbnail.delete(save=False)
        raise ValidationError(
            {"number": [_("A certificate with this number is already recorded for this programme.")]}
        ) from None
    except Exception:
        certificate.scan.delete(save=False)
        certificate.thumbnail.delete(save=False)
        raise
    return certificate


def certificate_require_decider(*, actor: Actor, certificate: StudentCertificate) -> None:
    """Only the student's school verifies or rejects (asked before a reason is read: others get a 403)."""
    if certificate.student.institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only teachers of the student's school verify certificates."))


def _decide(actor: Actor, certificate: StudentCertificate, status: str, reason: str) -> StudentCertificate:
    certificate_require_decider(actor=actor, certificate=certificate)
    with transaction.atomic():
        certificate = (
            StudentCertificate.objects.select_for_update(of=("self",))
            .select_related("student", "program")
            .get(pk=certificate.pk)
        )
        if certificate.status != StudentCertificate.Status.PENDING:
            raise DomainError(
                _("This certificate has already been decided."), extra={"current_status": certificate.status}
            )
        certificate.status = status
        certificate.reason = reason
        certificate.verified_by = actor.user
        certificate.verified_at = timezone.now()
        certificate.save(update_fields=["status", "reason", "verified_by", "verified_at"])
        notice_send(
            recipients=[certificate.student.user_id],
            kind="certificate_decided",
            params={
                "program": certificate.program.name,
                "status": translatable(StudentCertificate.Status(status).label),
                "reason": reason,
            },
            link="/certificates",
        )
    return certificate


def certificate_verify(*, actor: Actor, certificate: StudentCertificate) -> StudentCertificate:
    return _decide(actor, certificate, StudentCertificate.Status.VERIFIED, "")


def certificate_reject(*, actor: Actor, certificate: StudentCertificate, reason: str) -> StudentCertificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason; the student sees it.")]})
    return _decide(actor, certificate, StudentCertificate.Status.REJECTED, reason[:500])


def _check_session_base(actor: Actor, base: TrainingBase) -> None:
    if base.kind != TrainingBase.Kind.ON_CAMPUS or base.host_institution_id not in actor.school_ids:
        raise ValidationError({"base": [_("Choose one of your school's on-campus bases.")]})


def session_create(*, actor: Actor, program, level: str, base: TrainingBase, date, seats: int) -> AssessmentSession:
    """A school schedules an assessment at one of its on-campus bases."""
    _check_session_base(actor, base)
    check_level(program, level)
    if seats < 1:
        raise ValidationError({"seats": [_("At least one seat.")]})
    return AssessmentSession.objects.create(
        program=program, level=level, base=base, date=date, seats=seats, created_by=actor.user
    )


def session_update(*, actor: Actor, session: AssessmentSession, **changes) -> AssessmentSession:
    """Staff of the host school change a session under the rules of scheduling one: the base stays one of their
    school's on-campus bases (else the session would leave the school and nobody could edit it), the level one
    the programme offers, and the seats no fewer than the students already registered."""
    with transaction.atomic():
        session = AssessmentSession.objects.select_for_update(of=("self",)).select_related("base").get(pk=session.pk)
        if session.base.host_institution_id not in actor.school_ids:
            raise PermissionDenied(_("Only staff of the host school change a session."))
        program = changes.get("program", session.program)
        level = changes.get("level", session.level)
        if "base" in changes:
            _check_session_base(actor, changes["base"])
        if "program" in changes or "level" in changes:
            check_level(program, level)
        if "seats" in changes:
            taken = Registration.objects.filter(session=session).count()
            if changes["seats"] < 1:
                raise ValidationError({"seats": [_("At least one seat.")]})
            if changes["seats"] < taken:
                raise ValidationError(
                    {"seats": [_("%(n)d students are registered: keep at least as many seats.") % {"n": taken}]}
                )
        for name in ("program", "level", "base", "date", "seats"):
            if name in changes:
                setattr(session, name, changes[name])
        session.save()
    return session


def session_register(*, actor: Actor, session: AssessmentSession) -> Registration:
    """A student takes a seat. The session row is locked while seats are counted, so concurrent registrations
    queue and the seat limit holds."""
    if not actor.student_id:
        raise PermissionDenied(_("Only students register for assessments."))
    with transaction.atomic():
        session = AssessmentSession.objects.select_for_update(of=("self",)).select_related("base").get(pk=session.pk)
        if session.status != AssessmentSession.Status.OPEN:
            raise DomainError(_("Registration for this session is closed."), extra={"current_status": session.status})
        student = Student.objects.get(pk=actor.student_id)
        if session.base.host_institution_id != student.institution_id:
            raise PermissionDenied(_("This session is for another school's students."))
        if Registration.objects.filter(session=session, student=student).exists():
            raise ValidationError({"session": [_("You are already registered for this session.")]})
        taken = Registration.objects.filter(session=session).count()
        if taken >= session.seats:
            raise DomainError(
                _("All %(n)d seats of this session are taken.") % {"n": session.seats},
                code="session_full",
                extra={"seats": session.seats},
            )
        return Registration.objects.create(session=session, student=student)


def session_results(*, actor: Actor, session: AssessmentSession, results: list[dict]) -> int:
    """Staff enter results ({registration, result, score, number, issue_date}); a pass creates the verified
    certificate. All rows are checked before anything is written."""
    if session.base.host_institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only staff of the host school enter results."))
    if session.status == AssessmentSession.Status.RESULTS:
        raise DomainError(
            _("The results of this session are already entered."), extra={"current_status": session.status}
        )
    registrations = {r.pk: r for r in session.registrations.select_related("student")}
    errors: dict[str, list] = {}
    seen_numbers = set()
    seen_registrations = set()
    for i, row in enumerate(results):
        reg = registrations.get(row.get("registration"))
        if reg is None:
            errors[f"results.{i}.registration"] = [_("Not a registration of this session.")]
            continue
        if reg.pk in seen_registrations:
            errors[f"results.{i}.registration"] = [_("This registration is listed twice.")]
            continue
        seen_registrations.add(reg.pk)
        issued = row.get("issue_date")
        if issued and issued > timezone.localdate():
            errors[f"results.{i}.issue_date"] = [_("The issue date cannot be in the future.")]
        if row.get("result") not in Registration.Result.values:
            errors[f"results.{i}.result"] = [_("Choose a result.")]
        if row.get("result") == Registration.Result.PASS:
            number = (row.get("number") or "").strip()
            if not number:
                errors[f"results.{i}.number"] = [_("A pass needs its certificate number.")]
            elif (
                number in seen_numbers
                or StudentCertificate.objects.filter(program=session.program, number=number).exists()
            ):
                errors[f"results.{i}.number"] = [_("This certificate number is already used.")]
            seen_numbers.add(number)
    if errors:
        raise ValidationError(errors)
    created = 0
    with transaction.atomic():
        for row in results:
            reg = registrations[row["registration"]]
            reg.result = row["result"]
            reg.score = row.get("score")
            reg.save(update_fields=["result", "score"])
            if reg.result == Registration.Result.PASS:
                StudentCertificate.objects.create(
                    student=reg.student,
                    program=session.program,
                    level=session.level,
                    number=row["number"].strip(),
                    issue_date=row.get("issue_date") or session.date,
                    score=reg.score,
                    status=StudentCertificate.Status.VERIFIED,
                    source=StudentCertificate.Source.SESSION,
                    verified_by=actor.user,
                    verified_at=timezone.now(),
                )
                created += 1
        session.status = AssessmentSession.Status.RESULTS
        session.save(update_fields=["status"])
        notice_send(
            recipients=[r.student.user_id for r in registrations.values() if r.student.user_id],
            kind="assessment_results",
            params={"program": session.program.name, "date": session.date.isoformat()},
            link="/certificates",
        )
    return created


def verified_levels(student_id: int) -> dict[int, int]:
    """The highest verified level the student holds per programme (as LEVEL_ORDER numbers)."""
    best: dict[int, int] = {}
    for program_id, level in StudentCertificate.objects.filter(
        student_id=student_id, status=StudentCertificate.Status.VERIFIED
    ).values_list("program_id", "level"):
        best[program_id] = max(best.get(program_id, 0), LEVEL_ORDER.get(level, 0))
    return best


def missing_requirements(student_id: int, requirements: list[dict], held: dict[int, int] | None = None) -> list[dict]:
    """The slot's required certificates the student does not hold at the minimum level (verified only)."""
    held = verified_levels(student_id) if held is None else held
    return [r for r in requirements or [] if held.get(r.get("program"), 0) < LEVEL_ORDER.get(r.get("min_level"), 1)]
