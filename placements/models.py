from __future__ import annotations

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.models import Company, CompanyMember, JobCluster, TrainingBase
from config import bounds
from placements.choices import (
    ApprovalOrder,
    AssessorRole,
    BreachKind,
    BreachStatus,
    DocumentKind,
    Grade,
    HoursExceptionKind,
    HoursExceptionStatus,
    InsurancePayer,
    InternshipKind,
    JournalStatus,
    PayCycle,
    PlacementStatus,
    ShiftPattern,
    SlotReviewDecision,
    SlotStatus,
    WorkHazard,
)
from schools.choices import District, Province
from schools.models import Institution, Major, Student, Teacher

# The weekly report's sections when a school has not set its own (本周工作 / 收获 / 问题 / 下周计划): the school's
# admin renames, adds or removes them in the policy settings; a journal keeps the titles it was written under.
DEFAULT_JOURNAL_SECTIONS = ("本周工作", "收获", "问题", "下周计划")
JOURNAL_SECTIONS_MAX = 8
JOURNAL_SECTION_TITLE_MAX = 20


def default_journal_sections() -> list[str]:
    return list(DEFAULT_JOURNAL_SECTIONS)


def validate_journal_sections(value) -> None:
    """One to eight distinct, non-empty section titles of at most 20 characters."""
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or not all(isinstance(title, str) for title in value):
        raise ValidationError(_("Give the sections as a list of titles."))
    titles = [title.strip() for title in value]
    if not 1 <= len(titles) <= JOURNAL_SECTIONS_MAX:
        raise ValidationError(_("A weekly report has between 1 and %(max)d sections.") % {"max": JOURNAL_SECTIONS_MAX})
    if any(not title or len(title) > JOURNAL_SECTION_TITLE_MAX for title in titles):
        raise ValidationError(
            _("Each section needs a title of at most %(max)d characters.") % {"max": JOURNAL_SECTION_TITLE_MAX}
        )
    if len(set(titles)) != len(titles):
        raise ValidationError(_("Two sections have the same title."))


class SchoolPolicy(models.Model):
    """What each school decides for itself: who decides first, how many choices a student has per term, how
    often journals are due (COMPLIANCE.md rule 16 leaves journals to schools)."""

    institution = models.OneToOneField(
        Institution, on_delete=models.CASCADE, related_name="placement_policy", verbose_name=_("institution")
    )
    approval_order = models.CharField(
        _("approval order"), max_length=16, choices=ApprovalOrder.choices, default=ApprovalOrder.TEACHER_FIRST
    )
    max_choices = models.PositiveSmallIntegerField(
        _("choices per term"), default=8, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    journal_cadence_days = models.PositiveSmallIntegerField(
        _("journal every (days)"), default=7, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    journal_min_count = models.PositiveSmallIntegerField(
        _("journals required for a six-month post internship"), default=12, validators=[MaxValueValidator(200)]
    )
    journal_sections = models.JSONField(
        _("weekly report sections"), default=default_journal_sections, validators=[validate_journal_sections]
    )
    # Checks a school outside the internship regulation (an ordinary undergraduate university) runs as its own
    # policy and may relax (rules.RELAXABLE); read only while the school is outside it, refused for one inside.
    relax_age = models.BooleanField(
        _("relax the minimum age"), default=False, help_text=_("Accept students under 16 for post internships.")
    )
    relax_first_year = models.BooleanField(
        _("relax the first-year rule"), default=False, help_text=_("Accept first-year students for post internships.")
    )
    relax_major = models.BooleanField(
        _("relax the major match"), default=False, help_text=_("Accept students of another major category.")
    )

    class Meta:
        verbose_name = _("school placement policy")
        verbose_name_plural = _("school placement policies")

    def __str__(self) -> str:
        return str(self.institution)


def default_rest_days() -> list[int]:
    return [6, 7]


class Slot(models.Model):
    """A placement opening a company posts at one of its bases (实习岗位). Opening it checks the internship
    regulation (rules 6, 7, 8, 10, 11); the numbers are settings."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="slots", verbose_name=_("company"))
    base = models.ForeignKey(TrainingBase, on_delete=models.PROTECT, related_name="slots", verbose_name=_("base"))
    title = models.CharField(_("title"), max_length=120)
    job_cluster = models.ForeignKey(
        JobCluster, on_delete=models.PROTECT, related_name="slots", verbose_name=_("job cluster")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=InternshipKind.choices, default=InternshipKind.POST)
    description = models.TextField(_("description"), blank=True)
    majors = models.ManyToManyField(Major, related_name="slots", verbose_name=_("accepted majors"))
    required_certificates = models.JSONField(
        _("required certificates"),
        default=list,
        blank=True,
        help_text=_("Programme and minimum level pairs; enforced once certificates are on the platform."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=bounds.between(1, bounds.MAX_PLACES))
    post_headcount = models.PositiveIntegerField(
        _("staff on this post"),
        help_text=_("Regular staff on the post; the intern cap of rule 8 is a share of it."),
        validators=bounds.between(0, bounds.MAX_HEADCOUNT),
    )
    start_date = models.DateField(_("start date"), validators=[bounds.RECENT_OR_COMING])
    end_date = models.DateField(_("end date"), validators=[bounds.RECENT_OR_COMING])
    term = models.CharField(_("term"), max_length=12, db_index=True, editable=False)
    # Art. 17: regular hours are a daily window outside the night, less a break, on some days of the week with at
    # least one rest day; rules.working_time_violations checks them. Night, overtime and holiday work exist only as
    # HoursException records the school approves and files (never a free-text field on the slot).
    work_starts = models.TimeField(_("work starts"), default=time(9, 0))
    work_ends = models.TimeField(_("work ends"), default=time(18, 0))
    break_minutes = models.PositiveSmallIntegerField(
        _("unpaid break (minutes)"), default=60, validators=bounds.between(0, 240)
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("working days a week"), default=5, validators=bounds.between(1, 7)
    )
    rest_days = models.JSONField(
        _("rest days"), default=default_rest_days, blank=True, help_text=_("Weekdays, 1 (Monday) to 7 (Sunday).")
    )
    # Computed by the slot services from the window and the break (rules.regular_daily_hours).
    daily_hours = models.DecimalField(
        _("hours per day"), max_digits=4, decimal_places=1, validators=bounds.between(1, 24), editable=False
    )
    shift_pattern = models.CharField(_("shift pattern"), max_length=12, choices=ShiftPattern.choices, default="day")
    banned_work = models.JSONField(
        _("declared work categories"),
        default=list,
        blank=True,
        help_text=_("Any category the regulation bans; a slot that declares one cannot open."),
    )
    # Art. 17: required, no default; a high-risk class is refused (rules.slot_violations).
    work_hazard = models.CharField(
        _("work classification"),
        max_length=16,
        choices=WorkHazard.choices,
        help_text=_(
            "Art. 17 bans high-risk work (at height, underground, radioactive, toxic, flammable or explosive, "
            "physical labour of level IV); only ordinary work can open."
        ),
    )
    post_wage = models.DecimalField(
        _("regular wage of the post (CNY/month)"),
        max_digits=8,
        decimal_places=2,
        validators=bounds.between(0, bounds.MAX_MONEY),
    )
    probation_wage = models.DecimalField(
        _("probation-period wage of the post (CNY/month)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MAX_MONEY),
        # xgettext:no-python-format
        help_text=_("Art. 18: the stipend is at least 80% of it; empty if the post has no probation period."),
    )
    stipend = models.DecimalField(
        _("intern stipend (CNY/month)"), max_digits=8, decimal_places=2, validators=bounds.between(0, bounds.MAX_MONEY)
    )
    insurance_paid_by = models.CharField(
        _("insurance premiums paid by"), max_length=10, choices=InsurancePayer.choices, default=InsurancePayer.COMPANY
    )
    pay_cycle = models.CharField(_("pay cycle"), max_length=12, choices=PayCycle.choices, default=PayCycle.MONTHLY)
    paid_directly = models.BooleanField(_("paid in money directly to the student"), default=True)
    charges_fees = models.BooleanField(_("charges deposits or fees"), default=False)
    holds_documents = models.BooleanField(_("holds ID or student cards"), default=False)
    mentor = models.ForeignKey(
        CompanyMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_slots",
        verbose_name=_("mentor"),
    )
    application_deadline = models.DateField(_("application deadline"), validators=[bounds.RECENT_OR_COMING])
    status = models.CharField(_("status"), max_length=10, choices=SlotStatus.choices, default=SlotStatus.DRAFT)
    # The high-risk work screen (placements/hazards.py): what the title and description name, the schools that
    # review it, and their decision. An approval covers the terms it saw (`hazard_approved`); an edit that names
    # another sends the slot back to review.
    hazard_matches = models.JSONField(_("high-risk terms found"), default=list, blank=True, editable=False)
    hazard_approved = models.JSONField(_("high-risk terms approved"), default=list, blank=True, editable=False)
    review_schools = models.ManyToManyField(
        Institution, blank=True, related_name="slots_to_review", verbose_name=_("reviewing schools")
    )
    review_decision = models.CharField(
        _("school review"), max_length=10, choices=SlotReviewDecision.choices, blank=True, editable=False
    )
    review_reason = models.CharField(_("reason of the school review"), max_length=500, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    # Generated by seed_demo: lists, details and exports show a 演示 tag from this flag (never words in the title).
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("posted by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="slot_dates_ordered"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="slot_capacity_positive"),
        ]
        indexes = [models.Index(fields=["status", "term"], name="slot_status_term_idx")]

    def __str__(self) -> str:
        return self.title


class Placement(models.Model):
    """A student's choice of a slot, from the application to the end of the placement (申请 → 实习安排).
    Its status changes only through placements.services, which record every change as a PlacementEvent."""

    # PROTECT: a placement is history (its events are the audit trail); a student with placements is archived.
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="placements", verbose_name=_("student"))
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="placements", verbose_name=_("slot"))
    rank = models.PositiveSmallIntegerField(_("choice rank"), default=1)
    statement = models.TextField(_("statement"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlacementStatus.choices, default=PlacementStatus.PENDING
    )
    term = models.CharField(_("term"), max_length=12, editable=False)
    teacher_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    company_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_requested_at = models.DateTimeField(_("early end requested"), null=True, blank=True)
    end_request_reason = models.CharField(_("reason for ending early"), max_length=500, blank=True)
    # A teacher may complete a placement short of the school's journal count, saying why (never silently).
    journals_waived_at = models.DateTimeField(_("journal count waived"), null=True, blank=True)
    journals_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    journals_waived_reason = models.CharField(_("reason for waiving the journal count"), max_length=500, blank=True)
    final_grade = models.CharField(_("final grade"), max_length=10, choices=Grade.choices, blank=True)
    # Every placement has a company mentor and a school teacher for its whole length: the mentor is the slot's
    # unless the company's HR names another (confirmation needs one), the teacher the student's advisor unless
    # the school names another (the start needs both).
    mentor = models.ForeignKey(
        CompanyMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_placements",
        verbose_name=_("company mentor"),
    )
    teacher = models.ForeignKey(
        Teacher,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_placements",
        verbose_name=_("school teacher"),
    )
    # A self-arranged placement (SelfArrangedProposal) at a company with nobody on the platform names its mentor
    # here, as the student proposed and the school approved; the mentor gate accepts it in place of `mentor`.
    external_mentor_name = models.CharField(_("company mentor (not on the platform)"), max_length=60, blank=True)
    external_mentor_phone = models.CharField(_("company mentor's phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "slot"],
                condition=~models.Q(status__in=["withdrawn", "rejected", "declined"]),
                name="placement_one_live_per_student_slot",
            ),
        ]
        indexes = [
            models.Index(fields=["slot", "status"], name="placement_slot_status_idx"),
            models.Index(fields=["student", "term", "status"], name="placement_student_term_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.slot}"


class PlacementEvent(models.Model):
    """The audit trail: who changed what, when, from which state to which, and why."""

    # PROTECT: audit events never disappear with the placement they describe.
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement event")
        verbose_name_plural = _("placement events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"


def document_path(instance: PlacementDocument, filename: str) -> str:
    # The stored name never reuses the uploaded one.
    import uuid

    return f"placements/{instance.placement_id}/{instance.kind}-{uuid.uuid4().hex}.{instance.extension}"


class PlacementDocument(models.Model):
    """A paper a placement needs before it starts (rules 2, 3, 13): signed agreement, consent, insurance."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    extension = models.CharField(max_length=5, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveIntegerField(editable=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=[bounds.RECENT_OR_COMING])
    policy_number = models.CharField(_("policy number"), max_length=60, blank=True)
    insurer = models.CharField(_("insurer"), max_length=100, blank=True)
    covers_from = models.DateField(_("covers from"), null=True, blank=True, validators=[bounds.RECENT_OR_COMING])
    covers_to = models.DateField(_("covers to"), null=True, blank=True, validators=[bounds.RECENT_OR_COMING])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The school's check of a paper that needs one (services/documents.NEEDS_CHECK: the guardian's consent): a
    # paper counts for the start only once its school's staff checked it; one they uploaded is checked at upload.
    # A returned paper stays on file with the reason, and counts for nothing.
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_reason = models.CharField(_("reason for returning"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("placement document")
        verbose_name_plural = _("placement documents")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.placement_id})"


class SafetyTraining(models.Model):
    """The safety training a student had before the placement starts, and whether they passed its check
    (未经培训不得上岗): who delivered it, when, for how long and on what. The school or the company records it; the
    student reads it. A placement starts only with a passed one (placements.services.lifecycle)."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="safety_trainings")
    delivered_by = models.CharField(_("delivered by"), max_length=100)
    delivered_on = models.DateField(_("date"), validators=[bounds.PAST_RECORD])
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(200)],
    )
    content = models.TextField(_("content"), max_length=4000)
    passed = models.BooleanField(_("passed the safety check"))
    check_note = models.CharField(_("about the check"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("safety training")
        verbose_name_plural = _("safety trainings")
        ordering = ["-delivered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.delivered_on}"


class Journal(models.Model):
    """A student's periodic report during the placement (实习周记): written in the school's sections, kept as a
    draft while typed, then submitted; the teacher comments (and may score it), the company mentor comments too.

    `sections` is the report as written ([{"title", "text"}] under the school's template); `body` stays the whole
    text (the sections rendered as 【title】 paragraphs) so that earlier journals and API clients that send or read
    only `body` keep working."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="journals")
    # A draft holds the number its submission will take (one draft per placement, the next number).
    period = models.PositiveSmallIntegerField(_("period"), validators=bounds.between(1, 1000))
    status = models.CharField(
        _("status"), max_length=10, choices=JournalStatus.choices, default=JournalStatus.SUBMITTED
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    body = models.TextField(_("what I did and learned"), max_length=10000, blank=True)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    teacher_comment = models.TextField(_("teacher's comment"), blank=True, max_length=4000)
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commented_at = models.DateTimeField(null=True, blank=True)
    # The teacher's optional score, 0-100 (the school's usual percentage marks; none when only commented).
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True, validators=bounds.between(0, 100))
    mentor_comment = models.TextField(_("mentor's comment"), blank=True, max_length=4000)
    mentor_commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentor_commented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("journal")
        verbose_name_plural = _("journals")
        ordering = ["placement_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "period"], name="journal_one_per_period"),
            models.UniqueConstraint(
                fields=["placement"], condition=models.Q(status="draft"), name="journal_one_draft_per_placement"
            ),
        ]

    def __str__(self) -> str:
        return self.title


def journal_photo_path(instance: JournalPhoto, filename: str) -> str:
    import uuid

    return f"journals/{instance.journal_id}/{uuid.uuid4().hex}.{instance.extension}"


class JournalPhoto(models.Model):
    """A photo in a weekly report, through the upload pipeline (verified, re-encoded, EXIF stripped, bounded)."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=journal_photo_path, max_length=200)
    extension = models.CharField(max_length=5, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journal photo")
        verbose_name_plural = _("journal photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.journal_id}: {self.pk}"


class JournalRead(models.Model):
    """That a reviewer (the teacher or the mentor) has opened a journal: the review list shows unread first."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journal read")
        verbose_name_plural = _("journal reads")
        constraints = [models.UniqueConstraint(fields=["journal", "user"], name="journalread_once_per_user")]

    def __str__(self) -> str:
        return f"{self.journal_id} read by {self.user_id}"


class Assessment(models.Model):
    """The teacher's and the company mentor's assessment of a placement (rule 15: four bands). A company with
    nobody on the platform assesses on paper; the school then records it, with the scan (`paper_scan`)."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="assessments")
    role = models.CharField(_("assessor"), max_length=10, choices=AssessorRole.choices)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    comments = models.TextField(_("comments"), max_length=4000, blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The company's assessment of a placement whose company has nobody on the platform, recorded by the school
    # (the assessor: the placement's teacher or a school admin; created_at: when) from the paper form the company
    # signed: its scan, and the name of who signed it (placements.services.assessments.paper_assessment_record).
    paper_scan = models.OneToOneField(
        PlacementDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_assessment",
        verbose_name=_("scan of the signed paper form"),
    )
    paper_signed_by = models.CharField(_("signed on paper by"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [models.UniqueConstraint(fields=["placement", "role"], name="assessment_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_grade_display()}"


class BreachReport(models.Model):
    """A student reports a breach of the rules (fees, overtime, night shifts, unpaid stipend ...) to their
    school, which answers it."""

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="breach_reports")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="breach_reports")
    placement = models.ForeignKey(Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="breaches")
    company = models.ForeignKey(Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="breaches")
    kind = models.CharField(_("kind"), max_length=16, choices=BreachKind.choices)
    description = models.TextField(_("what happened"), max_length=4000)
    status = models.CharField(_("status"), max_length=10, choices=BreachStatus.choices, default=BreachStatus.OPEN)
    response = models.TextField(_("school's answer"), max_length=4000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("breach report")
        verbose_name_plural = _("breach reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.student})"


class MatchRound(models.Model):
    """A school's term-wide allocation: students rank slots, companies may rank their applicants, and the
    engine (placements.matching) assigns everyone at once. Immutable once published: its inputs, seed and
    result are kept, and re-running them gives the same result."""

    class Mechanism(models.TextChoices):
        DEFERRED_ACCEPTANCE = "deferred_acceptance", _("Deferred acceptance (stable, student-optimal)")
        SERIAL_DICTATORSHIP = "serial_dictatorship", _("Serial dictatorship by score (平行志愿)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for preferences")
        CLOSED = "closed", _("Preferences closed")
        PUBLISHED = "published", _("Published")

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="match_rounds", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=120)
    mechanism = models.CharField(
        _("mechanism"), max_length=24, choices=Mechanism.choices, default=Mechanism.DEFERRED_ACCEPTANCE
    )
    slots = models.ManyToManyField(Slot, related_name="match_rounds", verbose_name=_("slots"))
    cohorts = models.ManyToManyField("schools.Cohort", related_name="match_rounds", verbose_name=_("classes"))
    preference_deadline = models.DateTimeField(_("preference deadline"))
    max_choices = models.PositiveSmallIntegerField(
        _("choices per student"), default=8, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    seed = models.PositiveIntegerField(_("lottery seed"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    inputs = models.JSONField(_("inputs of the last run"), default=dict, blank=True, editable=False)
    result = models.JSONField(_("result of the last run"), default=dict, blank=True, editable=False)
    ran_at = models.DateTimeField(_("last run"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("match round")
        verbose_name_plural = _("match rounds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class RoundPreference(models.Model):
    """One slot on a student's ranked list in a round (1 = most wanted)."""

    round = models.ForeignKey(MatchRound, on_delete=models.CASCADE, related_name="preferences")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="round_preferences")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="round_preferences")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("round preference")
        verbose_name_plural = _("round preferences")
        ordering = ["round_id", "student_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "student", "slot"], name="roundpref_unique_slot"),
            models.UniqueConstraint(fields=["round", "student", "rank"], name="roundpref_unique_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id}: {self.rank}. {self.slot_id}"


class RoundPriority(models.Model):
    """A company's own order of the students who ranked one of its slots (1 = first choice). Where a company
    ranks none, the published score decides."""

    round = models.ForeignKey(MatchRound, on_delete=models.CASCADE, related_name="priorities")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="round_priorities")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="round_priorities")
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("round priority")
        verbose_name_plural = _("round priorities")
        ordering = ["round_id", "slot_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "slot", "student"], name="roundprio_unique_student"),
        ]

    def __str__(self) -> str:
        return f"{self.slot_id}: {self.position}. {self.student_id}"


class HazardTerm(models.Model):
    """A word that names high-risk work (art. 17) in a slot's title or description: a slot naming one goes to the
    school for review instead of opening. The platform's list (institution empty) is loaded by a data migration;
    a school adds its own, which screen the slots offered to it. Matched after hazards.normalise (width, case,
    spaces), so "ＸＹ" and "x y" are one term."""

    term = models.CharField(_("term"), max_length=40)
    normalized = models.CharField(max_length=40, editable=False)
    category = models.CharField(
        _("category"), max_length=16, choices=[c for c in WorkHazard.choices if c[0] != WorkHazard.ORDINARY]
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hazard_terms",
        verbose_name=_("school"),
        help_text=_("Empty: the platform's list."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("high-risk work term")
        verbose_name_plural = _("high-risk work terms")
        ordering = ["category", "normalized", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized"], condition=models.Q(institution__isnull=True), name="hazardterm_platform_unique"
            ),
            models.UniqueConstraint(fields=["institution", "normalized"], name="hazardterm_school_unique"),
        ]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        from placements.hazards import normalise

        self.normalized = normalise(self.term)
        super().save(*args, **kwargs)


class HoursException(models.Model):
    """Night, overtime or holiday work on a slot (art. 17): never part of regular hours, possible only where the
    major and post need it, as an exception the company proposes, a school of the slot approves with a reason,
    and the school records as filed with the education authority. A placement on the slot cannot start while
    one is not approved and filed; approved overtime stays within the Labour Law's limits."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="hours_exceptions", verbose_name=_("slot"))
    kind = models.CharField(_("kind"), max_length=10, choices=HoursExceptionKind.choices)
    reason = models.TextField(_("why the major and post need it"), max_length=2000)
    overtime_hours_per_day = models.DecimalField(
        _("overtime hours a day"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=bounds.between(0, 24),
    )
    overtime_hours_per_month = models.DecimalField(
        _("overtime hours a month"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=bounds.between(0, 744),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoursExceptionStatus.choices, default=HoursExceptionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.CharField(_("reason of the school's decision"), max_length=500, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True, validators=[bounds.PAST_RECORD])
    filing_authority = models.CharField(_("education authority filed with"), max_length=100, blank=True)
    filing_reference = models.CharField(_("filing reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("working-time exception")
        verbose_name_plural = _("working-time exceptions")
        ordering = ["slot_id", "kind", "-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "kind"],
                condition=~models.Q(status="refused"),
                name="hoursexception_one_live_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.slot_id})"


class GuardianConsent(models.Model):
    """The guardian's (法定监护人或家长) consent to a school-organised post internship, given online: the school
    enters the guardian's name, relation and phone, the platform texts them a one-time link and a short code, and
    they read what the student is to do (company, post, dates, hours, pay, insurance) and agree or refuse. One row
    per link sent: a new link supersedes the last. Only hashes of the link's token and of the code are kept. The
    start accepts an agreed one, or a paper consent form the school has checked (PlacementDocument)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, awaiting the guardian")
        AGREED = "agreed", _("Agreed")
        REFUSED = "refused", _("Refused")
        SUPERSEDED = "superseded", _("Replaced by a newer link")
        LOCKED = "locked", _("Locked after too many wrong codes")

    class Relation(models.TextChoices):
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")
        GUARDIAN = "guardian", _("Legal guardian")
        OTHER = "other", _("Other guardian")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="guardian_consents", verbose_name=_("placement")
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=50)
    relation = models.CharField(_("relation to the student"), max_length=10, choices=Relation.choices)
    phone = models.CharField(_("guardian's mobile phone"), max_length=11)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("link expires"))
    failed_attempts = models.PositiveSmallIntegerField(_("wrong codes entered"), default=0, editable=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(_("sent"))
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    note = models.CharField(_("the guardian's note"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement"], condition=models.Q(status="sent"), name="guardianconsent_one_live_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guardian_name} ({self.placement_id}, {self.status})"


class Filing(models.Model):
    """The school's record that it filed post-internship arrangements (备案) with the education authority: when,
    with which authority, under which reference, who recorded it, and which placements it covers (one or a
    batch). A post internship starts only once its school recorded a filing that covers it."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="filings", verbose_name=_("institution")
    )
    placements = models.ManyToManyField(Placement, related_name="filings", verbose_name=_("placements"))
    filed_on = models.DateField(_("filed on"), validators=[bounds.PAST_RECORD])
    authority = models.CharField(_("education authority filed with"), max_length=100)
    reference = models.CharField(_("filing reference"), max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        verbose_name = _("filing with the education authority")
        verbose_name_plural = _("filings with the education authority")
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.authority} {self.reference}"


class CrossProvinceApproval(models.Model):
    """The school's explicit approval of a post internship at a base outside Hubei (跨省实习): recorded with its
    reason before the placement may start."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="cross_province_approvals", verbose_name=_("placement")
    )
    reason = models.CharField(_("reason"), max_length=500)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        verbose_name = _("cross-province approval")
        verbose_name_plural = _("cross-province approvals")
        constraints = [models.UniqueConstraint(fields=["placement"], name="crossprovinceapproval_one_per_placement")]

    def __str__(self) -> str:
        return f"{self.placement_id}"


class SelfArrangedProposal(models.Model):
    """A student's own placement (自行选择实习单位, COMPLIANCE.md row 3): the student, with their guardian, declines
    the school's arrangement and proposes a company (which may not be on the platform yet) and a post. The school's
    admin vets the company (companies.services.company_vet) and approves; the approval makes the company's base, a
    closed slot of one place with the proposed terms and a confirmed placement, to which every gate of the start
    applies as to any other (hours, pay, insurance, documents, safety training, filing, the guardian's consent).
    Nothing of it can start before the approval: until then there is no placement."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the school")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    student = models.ForeignKey(
        Student, on_delete=models.PROTECT, related_name="self_arranged_proposals", verbose_name=_("student")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("why the student arranges their own placement"), max_length=2000, blank=True)
    company_name = models.CharField(_("company name"), max_length=120)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    company_address = models.CharField(_("address"), max_length=200)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, default=Province.HUBEI)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    company_headcount = models.PositiveIntegerField(
        _("company headcount"), validators=bounds.between(1, bounds.MAX_HEADCOUNT)
    )
    post_title = models.CharField(_("post"), max_length=120)
    post_description = models.TextField(_("what the work is"), max_length=4000, blank=True)
    job_cluster = models.ForeignKey(
        JobCluster, on_delete=models.PROTECT, related_name="+", verbose_name=_("job cluster")
    )
    post_headcount = models.PositiveIntegerField(
        _("staff on this post"), validators=bounds.between(0, bounds.MAX_HEADCOUNT)
    )
    work_hazard = models.CharField(
        _("work classification"), max_length=16, choices=WorkHazard.choices, default=WorkHazard.ORDINARY
    )
    start_date = models.DateField(_("start date"), validators=[bounds.RECENT_OR_COMING])
    end_date = models.DateField(_("end date"), validators=[bounds.RECENT_OR_COMING])
    work_starts = models.TimeField(_("work starts"), default=time(9, 0))
    work_ends = models.TimeField(_("work ends"), default=time(18, 0))
    break_minutes = models.PositiveSmallIntegerField(
        _("unpaid break (minutes)"), default=60, validators=bounds.between(0, 240)
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("working days a week"), default=5, validators=bounds.between(1, 7)
    )
    rest_days = models.JSONField(_("rest days"), default=default_rest_days, blank=True)
    post_wage = models.DecimalField(
        _("regular wage of the post (CNY/month)"),
        max_digits=8,
        decimal_places=2,
        validators=bounds.between(0, bounds.MAX_MONEY),
    )
    probation_wage = models.DecimalField(
        _("probation-period wage of the post (CNY/month)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MAX_MONEY),
    )
    stipend = models.DecimalField(
        _("intern stipend (CNY/month)"), max_digits=8, decimal_places=2, validators=bounds.between(0, bounds.MAX_MONEY)
    )
    mentor_name = models.CharField(_("company mentor"), max_length=60)
    mentor_phone = models.CharField(_("company mentor's phone"), max_length=20)
    guardian_name = models.CharField(_("guardian's name"), max_length=40)
    guardian_relation = models.CharField(_("relation"), max_length=10)
    guardian_phone = models.CharField(_("guardian's mobile"), max_length=11)
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    placement = models.OneToOneField(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="proposal", editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decision_reason = models.CharField(_("the school's reason"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    # seed_demo's proposals; the approval passes the flag on to what it makes (slot, consent, company's note).
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        verbose_name = _("self-arranged placement proposal")
        verbose_name_plural = _("self-arranged placement proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="selfarranged_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.company_name} ({self.get_status_display()})"
