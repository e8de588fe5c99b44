"""The careers app's models: a student's résumé, the graduate jobs vetted companies post, applications to them
with their stages, interviews with proposed times, and the offer that becomes a graduate outcome.

A recruitment fair (later) attaches jobs through its booths (a booth's many-to-many to Job), so nothing here
names a fair."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateProgram
from companies.models import Company
from config import bounds
from schools.choices import District, Zone
from schools.models import Major, Student


class ResumeVisibility(models.TextChoices):
    HIDDEN = "hidden", _("Hidden from companies")
    APPLIED = "applied", _("Visible to companies I apply to")
    VETTED = "vetted", _("Visible to all vetted companies")


class ResumeSection(models.TextChoices):
    """The parts of a résumé a student may share; name, school, major and class always go with an application."""

    CONTACT = "contact", _("Contact details")
    PHOTO = "photo", _("Photo")
    STATEMENT = "statement", _("Personal statement")
    SKILLS = "skills", _("Skills")
    CERTIFICATES = "certificates", _("Verified certificates")
    PLACEMENTS = "placements", _("Completed placements")
    GRADES = "grades", _("Placement grades")


def default_sections() -> list[str]:
    return [s.value for s in ResumeSection if s not in (ResumeSection.CONTACT, ResumeSection.PHOTO)]


def photo_path(resume: Resume, filename: str) -> str:
    return f"resumes/{resume.student_id}/photo.{resume.photo_extension or 'jpg'}"


class Resume(models.Model):
    """A student's résumé: the verified records (school, major, class, certificates, placements) are read live
    from their own tables; this holds what the student adds and what they let companies see, and when."""

    student = models.OneToOneField(Student, on_delete=models.CASCADE, related_name="resume")
    statement = models.TextField(_("personal statement"), max_length=1000, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    photo = models.FileField(_("photo"), upload_to=photo_path, max_length=200, blank=True)
    photo_extension = models.CharField(max_length=5, blank=True, editable=False)
    photo_content_type = models.CharField(max_length=40, blank=True, editable=False)
    visibility = models.CharField(
        _("who may see it"), max_length=8, choices=ResumeVisibility.choices, default=ResumeVisibility.APPLIED
    )
    shared_sections = models.JSONField(_("parts companies may see"), default=default_sections, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")

    def __str__(self) -> str:
        return f"Resume of {self.student_id}"


class JobStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Job(models.Model):
    """A graduate job (就业岗位) a vetted company posts: not an internship, so none of the internship rules apply;
    final-year students and graduates apply with their résumé."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("company"))
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    district = models.CharField(_("district"), max_length=16, choices=District.choices)
    zone = models.CharField(_("functional zone"), max_length=20, choices=Zone.choices, blank=True)
    salary_min = models.PositiveIntegerField(
        _("lowest monthly salary (CNY)"), validators=bounds.between(0, bounds.MAX_MONEY)
    )
    salary_max = models.PositiveIntegerField(
        _("highest monthly salary (CNY)"), validators=bounds.between(0, bounds.MAX_MONEY)
    )
    headcount = models.PositiveIntegerField(_("openings"), validators=bounds.between(1, 10_000))
    majors = models.ManyToManyField(Major, blank=True, related_name="jobs", verbose_name=_("majors wanted"))
    required_certificates = models.ManyToManyField(
        CertificateProgram, blank=True, related_name="jobs", verbose_name=_("required certificates")
    )
    closing_date = models.DateField(_("closing date"), validators=[bounds.RECENT_OR_COMING])
    status = models.CharField(_("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.DRAFT)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("graduate job")
        verbose_name_plural = _("graduate jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "closing_date"], name="job_status_closing_idx")]

    def __str__(self) -> str:
        return self.title


class Stage(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    INTERVIEW = "interview", _("Interview")
    OFFERED = "offered", _("Offered")
    REJECTED = "rejected", _("Not hired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACCEPTED = "accepted", _("Offer accepted")
    DECLINED = "declined", _("Offer declined")


OPEN_STAGES = (Stage.SUBMITTED, Stage.INTERVIEW, Stage.OFFERED)


class JobApplication(models.Model):
    """A student's application to a job, moved through its stages by the company (interview, offer, not hired)
    and by the student (withdraw, accept or decline the offer). An accepted offer records a graduate outcome."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications", verbose_name=_("job"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="job_applications")
    note = models.TextField(_("note to the company"), max_length=1000, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.SUBMITTED)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    offer_salary = models.PositiveIntegerField(
        _("offered monthly salary (CNY)"), null=True, blank=True, validators=bounds.between(0, bounds.MAX_MONEY)
    )
    offer_start_date = models.DateField(_("start date"), null=True, blank=True)
    offer_note = models.TextField(_("offer details"), max_length=1000, blank=True)
    outcome = models.ForeignKey(
        "alumni.GraduateOutcome", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "student"], name="job_application_one_per_student")]
        indexes = [models.Index(fields=["stage"], name="job_application_stage_idx")]

    def __str__(self) -> str:
        return f"{self.student_id} → {self.job_id}: {self.stage}"


class StageEvent(models.Model):
    """Every move of an application: who, when, from, to, why."""

    application = models.ForeignKey(JobApplication, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(max_length=10, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=10, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class InterviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("Times proposed")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Interview(models.Model):
    """An interview the company proposes as a few times; the student picks one (it is then scheduled); either
    side can cancel with a reason."""

    application = models.ForeignKey(JobApplication, on_delete=models.CASCADE, related_name="interviews")
    location = models.CharField(_("place or meeting link"), max_length=200)
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=30, validators=bounds.between(10, 480))
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.PROPOSED)
    starts_at = models.DateTimeField(_("chosen time"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Interview {self.pk}: {self.status}"


class InterviewSlot(models.Model):
    """One of the times a company proposes for an interview."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["interview", "starts_at"], name="interview_slot_unique")]

    def __str__(self) -> str:
        return str(self.starts_at)


class Policy(models.Model):
    """A talent policy of the city for graduates who stay in Wuhan (政策信息, issue 18): the source document asks
    the city to give vocational colleges "政策信息" as a public service. Each says in plain words what it offers
    and, only where its source says so, who is eligible and where to apply; its source and the source's date are
    always kept, so a reader can check it there. Kept by the city's staff; an outdated one is archived."""

    title = models.CharField(_("title"), max_length=120)
    offers = models.TextField(_("what it offers"), max_length=2000)
    eligibility = models.TextField(_("who is eligible"), max_length=2000, blank=True)
    how_to_apply = models.TextField(_("where to apply"), max_length=2000, blank=True)
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)
    # As precise as the source is: a year ("2017"), a period ("2017–2021") or a day.
    source_date = models.CharField(_("date of the source"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order on the page"), default=0)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("talent policy")
        verbose_name_plural = _("talent policies")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title
