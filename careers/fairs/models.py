"""A recruitment fair, its booths and its registrations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Company, Segment
from schools.models import Institution, Major, Student


class FairStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Fair(models.Model):
    """A recruitment fair (专场招聘会): organised by the city's staff (no school) or by a school (its admins). Its
    audience is who it is for: schools, majors and graduation years, each empty for "all"; the industries are
    the NEV segments of the companies it wants. Students see it once it opens, and then only if it is for them."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    # The organising school; none: a fair of the city, organised by its staff.
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fairs",
        verbose_name=_("organising school"),
    )
    schools = models.ManyToManyField(
        Institution, blank=True, related_name="fairs_for", verbose_name=_("for students of these schools")
    )
    majors = models.ManyToManyField(Major, blank=True, related_name="fairs", verbose_name=_("for these majors"))
    # Graduation years as ",2026,2027," (empty: every year), so a student's year is one portable lookup.
    graduation_years = models.CharField(_("for these graduation years"), max_length=60, blank=True)
    industries = models.JSONField(_("industries"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FairStatus.choices, default=FairStatus.DRAFT)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recruitment fair")
        verbose_name_plural = _("recruitment fairs")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["status", "starts_at"], name="fair_status_starts_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="fair_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.graduation_years.split(",") if y.strip()]

    @staticmethod
    def years_text(years) -> str:
        years = sorted({int(y) for y in years})
        return f",{','.join(str(y) for y in years)}," if years else ""

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def effective_status(self) -> str:
        """The status as everyone should read it: an open fair whose end has passed is closed, even in the hour
        before the scheduled job (services.close_ended_fairs) writes it down, and under `make run` where none runs."""
        return FairStatus.CLOSED if self.status == FairStatus.OPEN and self.has_ended else self.status

    def industry_labels(self) -> list[str]:
        return [str(Segment(i).label) for i in self.industries if i in Segment.values]


class BoothStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the organiser")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Booth(models.Model):
    """A company's booth at a fair: the company applies with the jobs and placement slots it brings, and the
    organiser approves or refuses it (with a reason the company reads). Only approved booths show to students."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="booths", verbose_name=_("fair"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="booths", verbose_name=_("company"))
    jobs = models.ManyToManyField("careers.Job", blank=True, related_name="booths", verbose_name=_("jobs"))
    slots = models.ManyToManyField(
        "placements.Slot", blank=True, related_name="booths", verbose_name=_("placement slots")
    )
    note = models.CharField(_("note to the organiser"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BoothStatus.choices, default=BoothStatus.PENDING)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["fair_id", "company__name", "id"]
        constraints = [models.UniqueConstraint(fields=["fair", "company"], name="booth_one_per_company")]

    def __str__(self) -> str:
        return f"{self.company} @ {self.fair}"


class FairRegistration(models.Model):
    """A student registered for a fair. The QR code carries `token` (unguessable); `code` is the short one to
    type when the camera cannot read it. The organiser's staff check the student in once."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("fair"))
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="fair_registrations", verbose_name=_("student")
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    code = models.CharField(_("check-in code"), max_length=8, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fair registration")
        verbose_name_plural = _("fair registrations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "student"], name="fair_registration_one_per_student"),
            models.UniqueConstraint(fields=["fair", "code"], name="fair_registration_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} @ {self.fair_id}"
