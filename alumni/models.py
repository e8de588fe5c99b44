from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from schools.choices import District, Zone
from schools.models import Cohort, Institution, Major, Student


class OutcomeStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed or started a business")
    FURTHER_STUDY = "further_study", _("Further study")
    MILITARY = "military", _("Military service")
    NOT_SEEKING = "not_seeking", _("Not seeking work")
    SEEKING = "seeking", _("Seeking work")
    UNKNOWN = "unknown", _("Unknown")


WORKING = (OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED)


class SalaryBand(models.TextChoices):
    UNDER_3000 = "lt3000", _("Under ¥3,000 a month")
    FROM_3000 = "3000", _("¥3,000–4,999")
    FROM_5000 = "5000", _("¥5,000–6,999")
    FROM_7000 = "7000", _("¥7,000–9,999")
    FROM_10000 = "10000", _("¥10,000 or more")


class OutcomeSource(models.TextChoices):
    SURVEY = "survey", _("Graduate survey")
    IMPORT = "import", _("School's employment report")
    EMPLOYER = "employer", _("Confirmed by the employer")
    SELF = "self", _("Reported by the graduate")


class GraduateOutcome(models.Model):
    """Where a graduate went (毕业去向), one record per graduate and graduation year. Every graduate of the year
    has one (status unknown when nothing is known), so the records are also the denominator of the report."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="outcomes")
    student = models.ForeignKey(
        Student, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes", verbose_name=_("student")
    )
    student_number = models.CharField(_("student number"), max_length=32)
    full_name = models.CharField(_("name"), max_length=64)
    major = models.ForeignKey(Major, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes")
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes")
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"))
    status = models.CharField(_("status"), max_length=16, choices=OutcomeStatus.choices, default=OutcomeStatus.UNKNOWN)
    employer = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="hires", verbose_name=_("employer")
    )
    employer_name = models.CharField(_("employer name"), max_length=120, blank=True)
    employer_credit_code = models.CharField(_("employer's credit code"), max_length=18, blank=True)
    work_city = models.CharField(_("city of work"), max_length=40, blank=True)
    in_wuhan = models.BooleanField(_("in Wuhan"), default=False)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    zone = models.CharField(_("functional zone"), max_length=20, choices=Zone.choices, blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    cluster_965 = models.CharField(_("965 industry cluster"), max_length=60, blank=True)
    fits_major = models.BooleanField(_("fits the major"), null=True, blank=True)
    salary_band = models.CharField(_("monthly salary"), max_length=8, choices=SalaryBand.choices, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=OutcomeSource.choices, default=OutcomeSource.IMPORT)
    reported_on = models.DateField(_("reported on"))
    confirmed = models.BooleanField(_("confirmed by the school"), default=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("graduate outcome")
        verbose_name_plural = _("graduate outcomes")
        ordering = ["-graduation_year", "institution_id", "student_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "student_number", "graduation_year"], name="outcome_one_per_graduate_year"
            ),
        ]
        indexes = [
            models.Index(fields=["graduation_year", "institution", "status"], name="outcome_year_inst_status_idx"),
            models.Index(fields=["employer", "graduation_year"], name="outcome_employer_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} {self.graduation_year}: {self.get_status_display()}"


class TalentRule(models.Model):
    """One line of the enterprise talent-points model (积分). The platform's own model, not official policy:
    city analysts edit the points."""

    code = models.CharField(max_length=32, primary_key=True)
    label = models.CharField(_("what earns points"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    points = models.IntegerField(_("points each"))
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("talent-points rule")
        verbose_name_plural = _("talent-points rules")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.label
