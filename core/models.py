"""Background jobs (后台任务): a long import or export that leaves the request, with its progress, its outcome and
the file it made. The rows are what the owner's progress bar and the school admin's list read; the work itself
is a Celery task (core/tasks.py) driven by core/jobs.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One run of a long import or export, started by a person for one school (or none). A failed job keeps its
    error for the owner and the school's admins; a result file is kept for the owner to download, and deleted
    after settings.JOBS_RESULT_DAYS. A job whose outcome is credentials (the activation codes of an import) keeps
    no file at all: the codes are made when the owner asks for them, once (core.jobs.job_codes_deliver)."""

    class Kind(models.TextChoices):
        STUDENT_IMPORT = "student_import", _("Student import")
        PLACEMENTS_EXPORT = "placements_export", _("Placement list export")
        FILINGS_EXPORT = "filings_export", _("Post internship filing export")
        COHORT_ARCHIVE = "cohort_archive", _("Class internship archive")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("started by")
    )
    institution = models.ForeignKey(
        "schools.Institution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("institution"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    # What the job was asked: the export's filters, the import's options. Never credentials.
    params = models.JSONField(default=dict, blank=True)
    # The language of the request that started it: the file's headers and the errors are in it.
    language = models.CharField(max_length=16, blank=True)
    # The uploaded sheet of an import, kept only until the job ends.
    input = models.FileField(upload_to="jobs/input/%Y/%m/", blank=True)
    result = models.FileField(upload_to="jobs/results/%Y/%m/", blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    # Counts the owner sees (rows, created, updated); errors by row when an import was refused.
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_rows = models.JSONField(default=list, blank=True)
    # Records the job created, for what is handed over later (an import's students, for their codes).
    created_ids = models.JSONField(default=list, blank=True, editable=False)
    codes_delivered_at = models.DateTimeField(_("codes handed over"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="job_owner_recent"),
            models.Index(fields=["institution", "status"], name="job_school_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
