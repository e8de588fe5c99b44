from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.models import TrainingBase
from config import bounds
from schools.models import Major, Student


class Level(models.TextChoices):
    """Vocational skill levels of the 1+X system, lowest first."""

    JUNIOR = "junior", _("Junior (初级)")
    INTERMEDIATE = "intermediate", _("Intermediate (中级)")
    SENIOR = "senior", _("Senior (高级)")


LEVEL_ORDER = {Level.JUNIOR: 1, Level.INTERMEDIATE: 2, Level.SENIOR: 3}


class CertificateProgram(models.Model):
    """A certificate students can earn: a 1+X vocational skill level certificate issued by a training evaluation
    organisation (培训评价组织), or a brand's own certification at a co-built base."""

    class Kind(models.TextChoices):
        ONE_X = "one_x", _("1+X vocational skill level certificate")
        ENTERPRISE = "enterprise", _("Enterprise certification")
        OTHER = "other", _("Other certificate")

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ONE_X)
    organisation = models.CharField(_("evaluation organisation"), max_length=120, blank=True)
    levels = models.JSONField(_("levels offered"), default=list)
    majors = models.ManyToManyField(Major, blank=True, related_name="certificate_programs", verbose_name=_("majors"))
    institution = models.ForeignKey(
        "schools.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by school"),
        help_text=_("The school that added the programme and alone may change it; empty for the national catalogue."),
    )
    url = models.URLField(_("page on the national platform"), blank=True)
    description = models.TextField(_("description"), blank=True)
    data_note = models.CharField(_("data note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate programme")
        verbose_name_plural = _("certificate programmes")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class AssessmentSession(models.Model):
    """An assessment of one programme at one level, held at an on-campus base on a date, with a seat limit
    that is never exceeded."""

    class Status(models.TextChoices):
        OPEN = "open", _("Registration open")
        CLOSED = "closed", _("Registration closed")
        RESULTS = "results", _("Results entered")

    program = models.ForeignKey(CertificateProgram, on_delete=models.PROTECT, related_name="sessions")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    base = models.ForeignKey(TrainingBase, on_delete=models.PROTECT, related_name="assessment_sessions")
    date = models.DateField(_("date"), validators=[bounds.RECENT_OR_COMING])
    seats = models.PositiveIntegerField(_("seats"), validators=bounds.between(1, bounds.MAX_PLACES))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("assessment session")
        verbose_name_plural = _("assessment sessions")
        ordering = ["-date", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(seats__gte=1), name="session_seats_positive")]

    def __str__(self) -> str:
        return f"{self.program} {self.get_level_display()} {self.date}"


class Registration(models.Model):
    """A student's seat at an assessment session, and its result."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Awaiting result")
        PASS = "pass", _("Passed")
        FAIL = "fail", _("Failed")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(AssessmentSession, on_delete=models.CASCADE, related_name="registrations")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="assessment_registrations")
    result = models.CharField(_("result"), max_length=8, choices=Result.choices, default=Result.PENDING)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MAX_SCORE),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session_id", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "student"], name="registration_once_per_session")]

    def __str__(self) -> str:
        return f"{self.student} @ {self.session}"


def scan_path(instance: StudentCertificate, filename: str) -> str:
    return f"certificates/{instance.student_id}/{uuid.uuid4().hex}.{instance.scan_extension}"


def thumb_path(instance: StudentCertificate, filename: str) -> str:
    return f"certificates/{instance.student_id}/{uuid.uuid4().hex}-thumb.jpg"


class StudentCertificate(models.Model):
    """A certificate a student holds. Only verified ones count (for slots' requirements and the matching)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded by the student")
        SESSION = "session", _("Passed at an assessment session")
        IMPORT = "import", _("Imported from the evaluation organisation's results")

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="certificates")
    program = models.ForeignKey(CertificateProgram, on_delete=models.PROTECT, related_name="certificates")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    number = models.CharField(_("certificate number"), max_length=60)
    issue_date = models.DateField(_("issue date"), validators=[bounds.PAST_RECORD])
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MAX_SCORE),
    )
    scan = models.FileField(_("scan"), upload_to=scan_path, max_length=200, blank=True)
    scan_extension = models.CharField(max_length=5, blank=True, editable=False)
    scan_content_type = models.CharField(max_length=40, blank=True, editable=False)
    thumbnail = models.FileField(upload_to=thumb_path, max_length=200, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.UPLOAD)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("student certificate")
        verbose_name_plural = _("student certificates")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="certificate_number_unique_in_program"),
        ]
        indexes = [models.Index(fields=["student", "status"], name="certificate_student_status_idx")]

    def __str__(self) -> str:
        return f"{self.program} {self.get_level_display()} ({self.number})"
