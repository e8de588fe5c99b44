"""Changing résumés, graduate jobs, applications and interviews. One function per transition, each taking the
`actor`, checking the rule, changing the locked row inside a transaction, recording the move and sending notices
after commit.

An application's stages:

    submitted ─company→ interview ─company→ offered ─student→ accepted (→ a graduate outcome the school confirms)
    submitted/interview ─company→ offered | rejected          offered ─student→ declined
    submitted/interview ─student→ withdrawn

`MOVES` declares every legal move once; any other is a DomainError (HTTP 409) naming the current stage."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from alumni.services import outcome_record_offer
from careers.models import (
    Interview,
    InterviewSlot,
    InterviewStatus,
    Job,
    JobApplication,
    JobStatus,
    Resume,
    ResumeSection,
    Stage,
    StageEvent,
)
from careers.selectors import graduation_year, in_final_year_or_graduated
from certificates.models import StudentCertificate
from companies.models import CompanyMember, VettingStatus
from companies.vetting import company_require_vetted
from config.uploads import clean_upload
from core.errors import DomainError
from notices.messages import translatable
from notices.services import notice_send
from schools.models import Student

MAX_SKILLS = 20
MAX_INTERVIEW_TIMES = 5

# Every legal move of an application: the action, the stages it leaves, the stage it reaches, who makes it.
MOVES: dict[str, tuple[frozenset[str], str, str]] = {
    "interview": (frozenset({Stage.SUBMITTED, Stage.INTERVIEW}), Stage.INTERVIEW, "company"),
    "offer": (frozenset({Stage.SUBMITTED, Stage.INTERVIEW}), Stage.OFFERED, "company"),
    "reject": (frozenset({Stage.SUBMITTED, Stage.INTERVIEW}), Stage.REJECTED, "company"),
    "withdraw": (frozenset({Stage.SUBMITTED, Stage.INTERVIEW}), Stage.WITHDRAWN, "student"),
    "accept": (frozenset({Stage.OFFERED}), Stage.ACCEPTED, "student"),
    "decline": (frozenset({Stage.OFFERED}), Stage.DECLINED, "student"),
}


def allowed_moves(application: JobApplication, actor: Actor) -> list[str]:
    """The moves this viewer may make now (the pages show only these buttons)."""
    side = _side(application, actor)
    return [name for name, (sources, _to, who) in MOVES.items() if who == side and application.stage in sources]


def _side(application: JobApplication, actor: Actor) -> str | None:
    if actor.student_id is not None and application.student_id == actor.student_id:
        return "student"
    if application.job.company_id in actor.hr_company_ids:
        return "company"
    return None


def application_require_party(*, actor: Actor, application: JobApplication, action: str) -> None:
    """Whether this viewer is the side that makes `action` at all (asked before the form is read, so a
    school's staff get a 403, not a 400 for a missing reason); the move itself is checked by its service."""
    who = MOVES[action][2]
    if _side(application, actor) != who:
        if who == "student":
            raise PermissionDenied(_("Only the student who applied makes this move."))
        raise PermissionDenied(_("Only the company's HR staff move applications to its jobs."))


def interview_require_party(*, actor: Actor, interview: Interview, student_only: bool = False) -> None:
    side = _side(interview.application, actor)
    if side is None or (student_only and side != "student"):
        if student_only:
            raise PermissionDenied(_("Only the student who applied picks the interview time."))
        raise PermissionDenied(_("Only the student or the company's HR staff cancel an interview."))


def _hr_user_ids(company_id: int) -> list[int]:
    return list(
        CompanyMember.objects.filter(
            company_id=company_id, role=CompanyMember.Role.HR, archived_at__isnull=True
        ).values_list("user_id", flat=True)
    )


def _require_hr(actor: Actor, company_id: int) -> None:
    company_require_vetted(actor=actor, company_id=company_id)
    if company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only the company's HR staff manage its jobs and applications."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason; the other side sees it.")]})
    return reason[:500]


# -- résumé ---------------------------------------------------------------------------------------------------


def resume_for(student: Student) -> Resume:
    """The student's résumé, created empty (visible to the companies they apply to) on first use."""
    resume, _created = Resume.objects.get_or_create(student=student)
    return resume


@transaction.atomic
def resume_update(*, actor: Actor, student: Student, **fields) -> Resume:
    """The student edits what they add to their résumé and what companies may see."""
    if actor.student_id != student.pk:
        raise PermissionDenied(_("Only the student edits their résumé."))
    resume = Resume.objects.select_for_update().get(pk=resume_for(student).pk)
    if "skills" in fields:
        skills = [str(s).strip()[:40] for s in fields["skills"] or [] if str(s).strip()]
        if len(skills) > MAX_SKILLS:
            raise ValidationError({"skills": [_("At most %(n)d skills.") % {"n": MAX_SKILLS}]})
        fields["skills"] = list(dict.fromkeys(skills))
    if "shared_sections" in fields:
        valid = {s.value for s in ResumeSection}
        unknown = [s for s in fields["shared_sections"] or [] if s not in valid]
        if unknown:
            raise ValidationError({"shared_sections": [_("Unknown part: %(part)s.") % {"part": unknown[0]}]})
        fields["shared_sections"] = [s.value for s in ResumeSection if s.value in set(fields["shared_sections"])]
    for name, value in fields.items():
        setattr(resume, name, value)
    try:
        resume.full_clean(exclude=["student", "photo"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    resume.save()
    return resume


@transaction.atomic
def resume_photo_set(*, actor: Actor, student: Student, upload) -> Resume:
    """A photo for the résumé: checked by content, re-encoded and stripped of EXIF like every uploaded image."""
    if actor.student_id != student.pk:
        raise PermissionDenied(_("Only the student edits their résumé."))
    clean = clean_upload(upload, max_bytes=5 * 1024 * 1024, allow_pdf=False)
    resume = Resume.objects.select_for_update().get(pk=resume_for(student).pk)
    if resume.photo:
        resume.photo.delete(save=False)
    resume.photo_extension, resume.photo_content_type = clean.extension, clean.content_type
    resume.photo.save("photo", clean.content, save=False)
    resume.save()
    return resume


# -- jobs -----------------------------------------------------------------------------------------------------

JOB_FIELDS = ("title", "description", "district", "zone", "salary_min", "salary_max", "headcount", "closing_date")


def _check_job(job: Job, *, majors=None, certificates=None) -> None:
    errors: dict[str, list] = {}
    try:
        job.full_clean(exclude=["company", "created_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if job.salary_min is not None and job.salary_max is not None and job.salary_min > job.salary_max:
        errors.setdefault("salary_max", []).append(_("The highest salary is below the lowest."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def job_create(
    *, actor: Actor, company_id: int, majors=(), required_certificates=(), is_demo: bool = False, **fields
) -> Job:
    """A vetted company's HR posts a graduate job, as a draft until published (`is_demo`: seed_demo's)."""
    _require_hr(actor, company_id)
    job = Job(company_id=company_id, created_by=actor.user, is_demo=is_demo,
              **{k: v for k, v in fields.items() if k in JOB_FIELDS})  # fmt: skip
    _check_job(job)
    job.save()
    job.majors.set(majors)
    job.required_certificates.set(required_certificates)
    return job


@transaction.atomic
def job_update(*, actor: Actor, job: Job, majors=None, required_certificates=None, **fields) -> Job:
    _require_hr(actor, job.company_id)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status == JobStatus.CLOSED:
        raise DomainError(_("This job is closed; post a new one."), code="job_closed")
    for name, value in fields.items():
        if name in JOB_FIELDS:
            setattr(job, name, value)
    _check_job(job)
    job.save()
    if majors is not None:
        job.majors.set(majors)
    if required_certificates is not None:
        job.required_certificates.set(required_certificates)
    return job


@transaction.atomic
def job_publish(*, actor: Actor, job: Job) -> Job:
    """Draft → open: students can find it and apply until the closing date."""
    _require_hr(actor, job.company_id)
    job = Job.objects.select_for_update().select_related("company").get(pk=job.pk)
    if job.status != JobStatus.DRAFT:
        raise DomainError(_("Only a draft job can be published."), extra={"status": job.status})
    if job.company.vetting_status != VettingStatus.APPROVED:
        raise DomainError(_("A suspended company cannot publish jobs."), code="company_suspended")
    if job.closing_date < timezone.localdate():
        raise ValidationError({"closing_date": [_("The closing date has passed.")]})
    job.status = JobStatus.OPEN
    job.save(update_fields=["status", "updated_at"])
    return job


@transaction.atomic
def job_close(*, actor: Actor, job: Job) -> Job:
    """Open → closed: no more applications; those in progress go on."""
    _require_hr(actor, job.company_id)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.OPEN:
        raise DomainError(_("Only an open job can be closed."), extra={"status": job.status})
    job.status = JobStatus.CLOSED
    job.save(update_fields=["status", "updated_at"])
    return job


# -- applications ---------------------------------------------------------------------------------------------


def _record(application: JobApplication, *, actor: Actor, from_stage: str, reason: str = "") -> None:
    StageEvent.objects.create(
        application=application, from_stage=from_stage, to_stage=application.stage, actor=actor.user, reason=reason
    )


def _locked(application: JobApplication) -> JobApplication:
    return (
        JobApplication.objects.select_for_update(of=("self",))
        .select_related("job__company", "student__institution", "student__user")
        .get(pk=application.pk)
    )


def _move(application: JobApplication, *, actor: Actor, action: str, reason: str = "") -> str:
    """Check the move against MOVES for this actor and carry it out on the locked row; the stage it left."""
    sources, target, _who = MOVES[action]
    application_require_party(actor=actor, application=application, action=action)
    if application.stage not in sources:
        raise DomainError(
            _("This application is “%(stage)s”; it cannot move to “%(target)s”.")
            % {"stage": Stage(application.stage).label, "target": Stage(target).label},
            code="illegal_stage_move",
            extra={"stage": application.stage},
        )
    before = application.stage
    application.stage = target
    if reason:
        application.reason = reason
    return before


def _tell_student(application: JobApplication, kind: str, **params) -> None:
    if application.student.user_id:
        notice_send(
            recipients=[application.student.user_id],
            kind=kind,
            params={"job": application.job.title, "company": application.job.company.name, **params},
            link=f"/careers/applications/{application.pk}",
        )


def _tell_company(application: JobApplication, kind: str, **params) -> None:
    notice_send(
        recipients=_hr_user_ids(application.job.company_id),
        kind=kind,
        params={"job": application.job.title, "student": application.student.full_name, **params},
        link=f"/careers/applications/{application.pk}",
    )


@transaction.atomic
def application_submit(*, actor: Actor, job: Job, note: str = "", is_demo: bool = False) -> JobApplication:
    """A final-year student or a graduate applies to an open job with their résumé."""
    if not actor.is_student:
        raise PermissionDenied(_("Only students and graduates apply to jobs."))
    student = Student.objects.select_for_update(of=("self",)).select_related("institution").get(pk=actor.student_id)
    job = Job.objects.select_related("company").get(pk=job.pk)
    if job.status != JobStatus.OPEN or job.company.vetting_status != VettingStatus.APPROVED:
        raise DomainError(_("This job is not open for applications."), extra={"status": job.status})
    today = timezone.localdate()
    if job.closing_date < today:
        raise DomainError(_("The closing date of this job has passed."), code="deadline_passed")
    if not in_final_year_or_graduated(student, today):
        raise DomainError(
            _("Graduate jobs are for students in their final year and for graduates."), code="not_final_year"
        )
    if JobApplication.objects.filter(job=job, student=student).exists():
        raise DomainError(_("You have already applied to this job."), code="already_applied")
    required = list(job.required_certificates.all())
    held = set(
        StudentCertificate.objects.filter(
            student=student, status=StudentCertificate.Status.VERIFIED, program__in=required
        ).values_list("program_id", flat=True)
    )
    missing = [p.name for p in required if p.pk not in held]
    if missing:
        raise DomainError(
            _("This job requires a verified certificate you do not hold: %(names)s.") % {"names": "、".join(missing)},
            code="certificate_missing",
            extra={"missing": missing},
        )
    resume_for(student)
    application = JobApplication.objects.create(job=job, student=student, note=(note or "")[:1000], is_demo=is_demo)
    _record(application, actor=actor, from_stage="")
    _tell_company(application, "job_applied")
    return application


@transaction.atomic
def application_reject(*, actor: Actor, application: JobApplication, reason: str) -> JobApplication:
    """The company does not hire the applicant (未录用), saying why."""
    application = _locked(application)
    reason = _require_reason(reason)
    before = _move(application, actor=actor, action="reject", reason=reason)
    application.save()
    _record(application, actor=actor, from_stage=before, reason=reason)
    _cancel_open_interviews(application, actor=actor, reason=reason)
    _tell_student(application, "job_application_moved", stage=translatable(Stage.REJECTED.label), reason=reason)
    return application


@transaction.atomic
def application_offer(
    *, actor: Actor, application: JobApplication, start_date: date, salary: int | None = None, note: str = ""
) -> JobApplication:
    """The company offers the job (录用): the start date (and the monthly salary) the outcome will carry."""
    application = _locked(application)
    errors = {}
    if start_date is None:
        errors["start_date"] = [_("Give the start date.")]
    elif start_date < timezone.localdate() - timedelta(days=366):
        errors["start_date"] = [_("The start date is more than a year ago.")]
    job = application.job
    if salary is not None and not 0 < salary <= 1_000_000:
        errors["salary"] = [_("Enter a monthly salary between 1 and 1,000,000.")]
    if errors:
        raise ValidationError(errors)
    before = _move(application, actor=actor, action="offer")
    application.offer_start_date = start_date
    application.offer_salary = salary if salary is not None else job.salary_min
    application.offer_note = (note or "")[:1000]
    application.save()
    _record(application, actor=actor, from_stage=before)
    _tell_student(application, "job_offered", start=start_date.isoformat())
    return application


@transaction.atomic
def application_withdraw(*, actor: Actor, application: JobApplication, reason: str = "") -> JobApplication:
    application = _locked(application)
    before = _move(application, actor=actor, action="withdraw", reason=(reason or "").strip()[:500])
    application.save()
    _record(application, actor=actor, from_stage=before, reason=application.reason)
    _cancel_open_interviews(application, actor=actor, reason=str(_("The application was withdrawn.")))
    _tell_company(application, "job_application_withdrawn")
    return application


@transaction.atomic
def offer_accept(*, actor: Actor, application: JobApplication, is_demo: bool = False) -> JobApplication:
    """The student accepts the offer: it becomes their graduate outcome (employed by the company, in the job's
    district, from the start date), which their school then confirms."""
    application = _locked(application)
    if (
        actor.student_id == application.student_id
        and JobApplication.objects.filter(student_id=application.student_id, stage=Stage.ACCEPTED)
        .exclude(pk=application.pk)
        .exists()
    ):
        raise DomainError(_("You have already accepted another offer."), code="offer_already_accepted")
    before = _move(application, actor=actor, action="accept")
    student = application.student
    job = application.job
    application.outcome = outcome_record_offer(
        student=student,
        employer=job.company,
        graduation_year=graduation_year(student),
        district=job.district,
        zone=job.zone,
        start_date=application.offer_start_date,
        monthly_salary=application.offer_salary,
        is_demo=is_demo or application.is_demo,
    )
    application.save()
    _record(application, actor=actor, from_stage=before)
    _tell_company(application, "job_offer_answered", answer=translatable(Stage.ACCEPTED.label))
    return application


@transaction.atomic
def offer_decline(*, actor: Actor, application: JobApplication, reason: str = "") -> JobApplication:
    application = _locked(application)
    before = _move(application, actor=actor, action="decline", reason=(reason or "").strip()[:500])
    application.save()
    _record(application, actor=actor, from_stage=before, reason=application.reason)
    _tell_company(application, "job_offer_answered", answer=translatable(Stage.DECLINED.label))
    return application


# -- interviews -----------------------------------------------------------------------------------------------


def _cancel_open_interviews(application: JobApplication, *, actor: Actor, reason: str) -> None:
    application.interviews.filter(status__in=(InterviewStatus.PROPOSED, InterviewStatus.SCHEDULED)).update(
        status=InterviewStatus.CANCELLED, cancel_reason=reason[:500], cancelled_by=actor.user
    )


@transaction.atomic
def interview_propose(
    *, actor: Actor, application: JobApplication, times: list[datetime], location: str, minutes: int = 30,
    note: str = "",
) -> Interview:  # fmt: skip
    """The company proposes one to five times for an interview; the application moves to 面试."""
    application = _locked(application)
    now = timezone.now()
    times = sorted(set(times or []))
    errors: dict[str, list] = {}
    if not times:
        errors["times"] = [_("Propose at least one time.")]
    elif len(times) > MAX_INTERVIEW_TIMES:
        errors["times"] = [_("Propose at most %(n)d times.") % {"n": MAX_INTERVIEW_TIMES}]
    elif any(t <= now for t in times):
        errors["times"] = [_("Every proposed time must be in the future.")]
    if not (location or "").strip():
        errors["location"] = [_("Give the place or the meeting link.")]
    if not 10 <= (minutes or 0) <= 480:
        errors["minutes"] = [_("Between 10 and 480 minutes.")]
    if errors:
        raise ValidationError(errors)
    before = _move(application, actor=actor, action="interview")
    if application.interviews.filter(status__in=(InterviewStatus.PROPOSED, InterviewStatus.SCHEDULED)).exists():
        raise DomainError(
            _("An interview is already proposed or scheduled; cancel it first."), code="interview_pending"
        )
    application.save()
    if before != application.stage:
        _record(application, actor=actor, from_stage=before)
    interview = Interview.objects.create(
        application=application, location=location.strip()[:200], minutes=minutes, note=(note or "")[:500],
        created_by=actor.user,
    )  # fmt: skip
    InterviewSlot.objects.bulk_create([InterviewSlot(interview=interview, starts_at=t) for t in times])
    _tell_student(application, "interview_proposed", count=len(times))
    return interview


def _locked_interview(interview: Interview) -> Interview:
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__job__company", "application__student")
        .get(pk=interview.pk)
    )


@transaction.atomic
def interview_pick(*, actor: Actor, interview: Interview, slot_id: int) -> Interview:
    """The student picks one of the proposed times: the interview is scheduled and both sides are told."""
    interview = _locked_interview(interview)
    application = interview.application
    if actor.student_id != application.student_id:
        raise PermissionDenied(_("Only the student who applied picks the interview time."))
    if interview.status != InterviewStatus.PROPOSED:
        raise DomainError(
            _("This interview is not waiting for a time to be picked."), extra={"status": interview.status}
        )
    slot = interview.slots.filter(pk=slot_id).first()
    if slot is None:
        raise ValidationError({"slot": [_("Pick one of the proposed times.")]})
    if slot.starts_at <= timezone.now():
        raise ValidationError({"slot": [_("This time has passed; pick a later one.")]})
    interview.status = InterviewStatus.SCHEDULED
    interview.starts_at = slot.starts_at
    interview.save(update_fields=["status", "starts_at"])
    when = timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")
    _tell_company(application, "interview_scheduled", when=when)
    _tell_student(application, "interview_scheduled_student", when=when)
    return interview


@transaction.atomic
def interview_cancel(*, actor: Actor, interview: Interview, reason: str) -> Interview:
    """Either side cancels a proposed or scheduled interview, saying why; the other side is told."""
    interview = _locked_interview(interview)
    application = interview.application
    side = _side(application, actor)
    if side is None:
        raise PermissionDenied(_("Only the student or the company's HR staff cancel an interview."))
    reason = _require_reason(reason)
    if interview.status == InterviewStatus.CANCELLED:
        raise DomainError(_("This interview is already cancelled."), code="interview_cancelled")
    interview.status = InterviewStatus.CANCELLED
    interview.cancel_reason = reason
    interview.cancelled_by = actor.user
    interview.save(update_fields=["status", "cancel_reason", "cancelled_by"])
    if side == "student":
        _tell_company(application, "interview_cancelled", reason=reason)
    else:
        _tell_student(application, "interview_cancelled", reason=reason)
    return interview


@transaction.atomic
def remind_interviews_tomorrow(*, today: date | None = None) -> int:
    """The day-before reminder to both sides of each interview scheduled for tomorrow (once per interview, so a
    second run sends nothing); run each morning with the other reminders."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    due = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__job__company", "application__student")
        .filter(status=InterviewStatus.SCHEDULED, starts_at__date=tomorrow, reminded_on__isnull=True)
    )
    count = 0
    for interview in due:
        application = interview.application
        when = timezone.localtime(interview.starts_at).strftime("%Y-%m-%d %H:%M")
        _tell_student(application, "interview_reminder", when=when)
        _tell_company(application, "interview_reminder", when=when)
        interview.reminded_on = today
        interview.save(update_fields=["reminded_on"])
        count += 1
    return count
