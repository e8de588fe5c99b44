from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.credit_code import validate_credit_code
from config import bounds
from schools.choices import District, Province, Zone
from schools.models import Institution


class Segment(models.TextChoices):
    """Where a company sits in the NEV industry chain."""

    VEHICLE = "vehicle", _("Vehicle manufacturer")
    THREE_ELECTRIC = "three_electric", _("Battery, motor and electronic control")
    PARTS = "parts", _("Parts and components")
    ICV = "icv", _("Intelligent connected vehicles")
    HYDROGEN = "hydrogen", _("Hydrogen and fuel cells")
    MATERIALS = "materials", _("Materials and chemicals")
    AFTERMARKET = "aftermarket", _("Sales, service and aftermarket")
    OTHER = "other", _("Other")


class VettingStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")


class Company(models.Model):
    """An employer that hosts placements. Only approved companies may post slots; a school admin vets them."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    zone = models.CharField(_("functional zone"), max_length=20, choices=Zone.choices, blank=True)
    park = models.CharField(_("industrial park"), max_length=100, blank=True)
    segment = models.CharField(_("industry segment"), max_length=20, choices=Segment.choices)
    headcount = models.PositiveIntegerField(
        _("headcount"),
        help_text=_("Staff on post, as the company declares."),
        # At least one: rule 8 caps a company's interns at 10% of it.
        validators=bounds.between(1, bounds.MAX_HEADCOUNT),
    )
    # Art. 18: where a post has no probation-period wage, a stipend is at least 80% of the lowest wage grade.
    lowest_wage_grade = models.DecimalField(
        _("lowest wage grade (CNY/month)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MAX_MONEY),
        # xgettext:no-python-format
        help_text=_("The company's lowest monthly wage grade; interns' stipends are at least 80% of it."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    vetting_status = models.CharField(
        _("vetting status"), max_length=10, choices=VettingStatus.choices, default=VettingStatus.PENDING
    )
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vetted by"),
    )
    vetted_at = models.DateTimeField(_("vetted at"), null=True, blank=True)
    data_note = models.CharField(
        _("data note"), max_length=200, blank=True, help_text=_("Marks generated demo values.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["vetting_status", "district"], name="company_status_district_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CompanyMember(models.Model):
    """A person on a company's staff who uses the platform: HR (posts slots, confirms) or a mentor."""

    class Role(models.TextChoices):
        HR = "hr", _("HR")
        MENTOR = "mentor", _("Mentor")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="members", verbose_name=_("company"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_roles",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.HR)
    title = models.CharField(_("job title"), max_length=60, blank=True)
    archived_at = models.DateTimeField(
        _("left the company at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The membership ended: no access to the company any more, the record stays for history."),
    )

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")
        ordering = ["company_id", "id"]
        constraints = [models.UniqueConstraint(fields=["company", "user"], name="companymember_unique_user")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


class JobCluster(models.Model):
    """The three job clusters the specialty group trains for (岗位群)."""

    code = models.CharField(max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=40)
    name_en = models.CharField(_("English name"), max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("job cluster")
        verbose_name_plural = _("job clusters")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class TrainingBase(models.Model):
    """Where placements happen: an on-campus base co-built by a school with a partner brand, or an off-campus
    base at a company. Post internships need a current site inspection by a school (SiteInspection, COMPLIANCE.md
    rule 14); the company never records it."""

    class Kind(models.TextChoices):
        ON_CAMPUS = "on_campus", _("On-campus training base")
        OFF_CAMPUS = "off_campus", _("Off-campus internship base")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    host_institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hosted_bases",
        verbose_name=_("host institution"),
    )
    partner_brand = models.CharField(_("partner brand"), max_length=60, blank=True)
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bases",
        verbose_name=_("company"),
    )
    institutions = models.ManyToManyField(
        Institution, blank=True, related_name="partner_bases", verbose_name=_("cooperating institutions")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    # A base outside Hubei hosts cross-province placements (跨省实习), which the school approves one by one.
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, default=Province.HUBEI)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    zone = models.CharField(_("functional zone"), max_length=20, choices=Zone.choices, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        help_text=_("Students the base can host at once."),
        validators=bounds.between(1, bounds.MAX_PLACES),
    )
    job_clusters = models.ManyToManyField(JobCluster, blank=True, related_name="bases", verbose_name=_("job clusters"))
    agreement_start = models.DateField(_("agreement starts"), null=True, blank=True, validators=[bounds.AGREEMENT_DATE])
    agreement_end = models.DateField(_("agreement ends"), null=True, blank=True, validators=[bounds.AGREEMENT_DATE])
    is_active = models.BooleanField(_("active"), default=True)
    description = models.TextField(_("description"), blank=True)
    data_note = models.CharField(_("data note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="on_campus", host_institution__isnull=False, company__isnull=True)
                    | models.Q(kind="off_campus", company__isnull=False, host_institution__isnull=True)
                ),
                name="trainingbase_owner_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(agreement_end__isnull=True)
                | models.Q(agreement_start__isnull=True)
                | models.Q(agreement_end__gte=models.F("agreement_start")),
                name="trainingbase_agreement_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "kind", "district"], name="base_active_kind_district_idx")]

    def __str__(self) -> str:
        return self.name


def inspection_report_path(instance: SiteInspection, filename: str) -> str:
    import uuid

    return f"companies/bases/{instance.base_id}/inspection-{uuid.uuid4().hex}.{instance.report_extension}"


class SiteInspection(models.Model):
    """A school's on-site inspection of a training base and its written report (COMPLIANCE.md rule 14: the
    inspection is the school's act, never the company's). A school inspects a base before it works with it
    (companies.bases.base_link_school), and the start of a post internship reads the latest inspection of the base
    by the student's school (companies.inspections.inspection_is_current). The company's HR reads them and cannot
    write them."""

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    base = models.ForeignKey(TrainingBase, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("base"))
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="site_inspections", verbose_name=_("inspecting school")
    )
    inspected_on = models.DateField(_("inspected on"), validators=[bounds.PAST_RECORD])
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("inspector")
    )
    findings = models.TextField(_("findings"), max_length=4000)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    report = models.FileField(_("written report"), upload_to=inspection_report_path, max_length=200)
    report_extension = models.CharField(max_length=5, editable=False)
    report_content_type = models.CharField(max_length=40, editable=False)
    report_size = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("site inspection")
        verbose_name_plural = _("site inspections")
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["base", "-inspected_on"], name="inspection_base_date_idx")]

    def __str__(self) -> str:
        return f"{self.base} {self.inspected_on} ({self.get_outcome_display()})"


def evidence_path(instance: CompanyChangeRequest, filename: str) -> str:
    import uuid

    return f"companies/{instance.company_id}/change-{uuid.uuid4().hex}.{instance.evidence_extension}"


class CompanyChangeRequest(models.Model):
    """A vetted company asks to change the facts the schools vetted it on (name, credit code, headcount,
    district), with evidence such as the social-insurance headcount document. Until a school admin approves it
    the old values hold: the rule-8 caps of live placements are computed from the headcount."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # The fields a request may change; blank / null means "unchanged".
    FIELDS = ("name", "credit_code", "headcount", "district")

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="change_requests", verbose_name=_("company")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    name = models.CharField(_("new name"), max_length=120, blank=True)
    credit_code = models.CharField(_("new unified social credit code"), max_length=18, blank=True)
    headcount = models.PositiveIntegerField(
        _("new headcount"), null=True, blank=True, validators=bounds.between(1, bounds.MAX_HEADCOUNT)
    )
    district = models.CharField(_("new district"), max_length=16, choices=District.choices, blank=True)
    previous = models.JSONField(_("values when requested"), default=dict, editable=False)
    note = models.TextField(_("explanation"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=200)
    evidence_extension = models.CharField(max_length=5, editable=False)
    evidence_content_type = models.CharField(max_length=40, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company change request")
        verbose_name_plural = _("company change requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=models.Q(status="pending"), name="companychange_one_pending_per_company"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_status_display()})"

    def changes(self) -> dict:
        return {name: getattr(self, name) for name in self.FIELDS if getattr(self, name) not in ("", None)}


class ListedCompany(models.Model):
    """A company on one school's list of placement companies (实习单位名单): the school decides it, collectively,
    after its on-site assessment with a written report (rule 14), and publishes the list to everyone at the school.
    One school's decision never puts a company on another school's list. Which off-campus bases serve a school
    follows from it: a base is linked to a school only while its company is on that school's list
    (companies.listing). A company taken off the list keeps its row, with who removed it and why."""

    class Source(models.TextChoices):
        DECISION = "decision", _("The school's decision")
        MIGRATION = "migration", _("Carried over from the bases the school already worked with")

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="listed_companies", verbose_name=_("school")
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="school_listings", verbose_name=_("company")
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DECISION)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"))
    decision = models.CharField(
        _("decision"),
        max_length=300,
        blank=True,
        help_text=_("How the school decided, e.g. the meeting and its minutes' reference."),
    )
    assessment = models.ForeignKey(
        SiteInspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listings",
        verbose_name=_("on-site assessment"),
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("listed placement company")
        verbose_name_plural = _("the school's list of placement companies")
        ordering = ["institution_id", "company__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "company"],
                condition=models.Q(removed_at__isnull=True),
                name="listedcompany_one_current_per_school",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} @ {self.institution}"
