from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.actor import Actor
from certificates.models import Level
from companies.models import CompanyMember, JobCluster, TrainingBase
from companies.vetting import company_require_vetted
from config import bounds
from config.params import IdParam
from config.serializers import CanEditField, ClockField, label_field
from placements import rules, transitions
from placements.api.responses import RoundSummarySerializer
from placements.choices import (
    FILLING_STATUSES,
    AssessorRole,
    BannedWork,
    BreachStatus,
    DocumentKind,
    HoursExceptionKind,
    HoursExceptionStatus,
    InternshipKind,
    PlacementStatus,
    SlotStatus,
    WorkHazard,
)
from placements.models import (
    Assessment,
    BreachReport,
    HazardTerm,
    HoursException,
    Journal,
    JournalPhoto,
    MatchRound,
    Placement,
    PlacementDocument,
    PlacementEvent,
    SafetyTraining,
    SchoolPolicy,
    Slot,
)
from placements.rounds_report import round_summary
from placements.selectors import places_left, policy_for
from schools.models import Cohort, Institution, Major, Teacher


class BasisSerializer(serializers.Serializer):
    """What a check rests on (placements.rules.BASES): the article (null: cited by the regulation's name)."""

    key = serializers.CharField()
    article = serializers.IntegerField(allow_null=True)
    citation = serializers.CharField()
    clause = serializers.CharField()
    source = serializers.ChoiceField(
        choices=["regulation", "platform_policy"],
        help_text="regulation: the check cites the regulation; platform_policy: the student's school is outside it "
        "(an ordinary undergraduate university) and the check is the school's own placement policy.",
    )


class MissingSerializer(serializers.Serializer):
    """A paper a placement still lacks before it may start (placements.services.missing_paperwork)."""

    code = serializers.CharField()
    label = serializers.CharField()
    basis = BasisSerializer()


class JournalSummarySerializer(serializers.Serializer):
    """The journal count of a placement (placements.services.JournalSummary)."""

    cadence_days = serializers.IntegerField()
    required = serializers.IntegerField()
    due = serializers.IntegerField()
    submitted = serializers.IntegerField()
    overdue = serializers.IntegerField()
    waived = serializers.BooleanField()
    next_due = serializers.DateField(allow_null=True)


class RequiredCertificateSerializer(serializers.Serializer):
    """One certificate a slot asks for: a catalogue programme at a minimum level."""

    program = serializers.IntegerField()
    min_level = serializers.ChoiceField(choices=Level.choices)


class RatingField(serializers.Serializer):
    """A published average of students' ratings (fieldwork.reviews): shown from five ratings up."""

    average = serializers.FloatField()
    count = serializers.IntegerField()


@extend_schema_field(RequiredCertificateSerializer(many=True))
class RequiredCertificatesField(serializers.JSONField):
    """The model's JSON list, described to the schema as what validate_required_certificates accepts."""


class HazardMatchSerializer(serializers.Serializer):
    """A term of the high-risk work list that the slot's title or description names (placements/hazards.py)."""

    term = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    category_label = serializers.SerializerMethodField()
    institution = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The school whose term it is; null: the platform's."
    )

    def get_category_label(self, match) -> str:
        return str(WorkHazard(match["category"]).label) if match["category"] in WorkHazard.values else match["category"]


class HoursExceptionSummarySerializer(serializers.ModelSerializer):
    """A slot's night, overtime or holiday work as the slot shows it: what, how much, and how far the school got."""

    kind_label = label_field("kind")
    status_label = label_field("status")

    class Meta:
        model = HoursException
        fields = [
            "id", "kind", "kind_label", "overtime_hours_per_day", "overtime_hours_per_month", "status",
            "status_label", "filed_on", "filing_authority", "filing_reference",
        ]  # fmt: skip
        read_only_fields = fields


class HoursExceptionSerializer(serializers.ModelSerializer):
    """A working-time exception with its decision and filing (placements.services.hours)."""

    slot_title = serializers.CharField(source="slot.title", read_only=True)
    company_name = serializers.CharField(source="slot.company.name", read_only=True)
    kind_label = label_field("kind")
    status_label = label_field("status")
    proposed_by_name = serializers.CharField(source="proposed_by.display_name", read_only=True, default=None)
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True, default=None)
    filed_by_name = serializers.CharField(source="filed_by.display_name", read_only=True, default=None)
    can_decide = serializers.SerializerMethodField()
    can_file = serializers.SerializerMethodField()

    class Meta:
        model = HoursException
        fields = [
            "id", "slot", "slot_title", "company_name", "kind", "kind_label", "reason", "overtime_hours_per_day",
            "overtime_hours_per_month", "status", "status_label", "proposed_by_name", "proposed_at",
            "decided_by_name", "decided_at", "decision_reason", "filed_by_name", "filed_on", "filing_authority",
            "filing_reference", "can_decide", "can_file",
        ]  # fmt: skip
        read_only_fields = fields

    def _school_staff(self) -> bool:
        # The list is scoped to the slots of the viewer's schools, so school staff may act on every row.
        actor = self.context.get("actor")
        return bool(actor and actor.school_ids)

    def get_can_decide(self, exception) -> bool:
        return self._school_staff() and exception.status == HoursExceptionStatus.PROPOSED

    def get_can_file(self, exception) -> bool:
        return self._school_staff() and exception.status == HoursExceptionStatus.APPROVED


class HoursExceptionCreateSerializer(serializers.Serializer):
    slot = serializers.PrimaryKeyRelatedField(queryset=Slot.objects.all())
    kind = serializers.ChoiceField(choices=HoursExceptionKind.choices)
    reason = serializers.CharField(max_length=2000)
    overtime_hours_per_day = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=Decimal(0), max_value=Decimal(24), required=False, allow_null=True
    )
    overtime_hours_per_month = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal(0), max_value=Decimal(744), required=False, allow_null=True
    )

    def validate_slot(self, slot: Slot) -> Slot:
        if slot.company_id not in self.context["actor"].hr_company_ids:
            raise serializers.ValidationError(_("Choose one of your company's slots."))
        return slot


class HoursExceptionDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=500)


class HoursExceptionFileSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    authority = serializers.CharField(max_length=100)
    reference = serializers.CharField(max_length=100)


class SlotSerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)
    district = serializers.CharField(source="base.district", read_only=True)
    district_label = serializers.CharField(source="base.get_district_display", read_only=True)
    zone_label = serializers.CharField(source="base.get_zone_display", read_only=True)
    job_cluster = serializers.SlugRelatedField(slug_field="code", queryset=JobCluster.objects.all())
    job_cluster_label = serializers.SerializerMethodField()
    kind_label = label_field("kind")
    status_label = label_field("status")
    shift_pattern_label = label_field("shift_pattern")
    pay_cycle_label = label_field("pay_cycle")
    majors = serializers.PrimaryKeyRelatedField(many=True, queryset=Major.objects.all())
    major_names = serializers.SerializerMethodField()
    banned_work = serializers.ListField(
        child=serializers.ChoiceField(choices=BannedWork.choices), required=False, allow_empty=True
    )
    mentor_name = serializers.CharField(source="mentor.user.display_name", read_only=True, default=None)
    work_starts = ClockField(label=_("work starts"), required=False)
    work_ends = ClockField(label=_("work ends"), required=False)
    rest_days = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=7), required=False, allow_empty=True, max_length=7
    )
    hours_exceptions = HoursExceptionSummarySerializer(many=True, read_only=True)
    insurance_paid_by_label = label_field("insurance_paid_by")
    work_hazard_label = label_field("work_hazard")
    hazard_matches = HazardMatchSerializer(many=True, read_only=True)
    review_decision_label = label_field("review_decision")
    review_school_names = serializers.SerializerMethodField()
    can_review = serializers.SerializerMethodField()
    applicant_count = serializers.IntegerField(read_only=True, default=0)
    filled_count = serializers.IntegerField(read_only=True, default=0)
    places_left = serializers.SerializerMethodField()
    is_full = serializers.SerializerMethodField()
    deadline_passed = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()
    # Students' published averages (fieldwork.reviews: from five ratings, k-anonymous), for students and schools.
    company_rating = serializers.SerializerMethodField()
    base_rating = serializers.SerializerMethodField()
    required_certificates = RequiredCertificatesField(required=False)
    publish = serializers.BooleanField(write_only=True, required=False, default=False)
    can_edit = CanEditField()

    class Meta:
        model = Slot
        fields = [
            "id", "company", "company_name", "base", "base_name", "district", "district_label", "zone_label",
            "title", "job_cluster", "job_cluster_label", "kind", "kind_label", "description", "majors",
            "major_names", "required_certificates", "capacity", "post_headcount", "start_date", "end_date", "term",
            "work_starts", "work_ends", "break_minutes", "days_per_week", "rest_days", "daily_hours",
            "shift_pattern", "shift_pattern_label", "hours_exceptions", "banned_work", "work_hazard",
            "work_hazard_label", "hazard_matches",
            "review_decision", "review_decision_label", "review_reason", "reviewed_at", "review_school_names",
            "can_review", "post_wage", "probation_wage", "stipend", "insurance_paid_by", "insurance_paid_by_label",
            "pay_cycle", "pay_cycle_label",
            "paid_directly", "charges_fees", "holds_documents", "mentor", "mentor_name", "application_deadline",
            "status", "status_label", "applicant_count", "filled_count", "places_left", "is_full", "deadline_passed",
            "warnings", "company_rating", "base_rating",
            "publish", "created_at", "can_edit", "is_demo",
        ]  # fmt: skip
        read_only_fields = ["company", "term", "status", "created_at", "is_demo", "review_reason", "reviewed_at"]

    def _rating(self, subject: str, object_id: int) -> dict | None:
        """One query per response for all published averages; none for the company's own staff."""
        actor = self.context.get("actor")
        if actor is None or not (actor.is_student or actor.school_ids):
            return None
        if "_ratings" not in self.context:
            from fieldwork.reviews import all_published_ratings

            self.context["_ratings"] = all_published_ratings()
        return self.context["_ratings"].get((subject, object_id))

    @extend_schema_field(RatingField(allow_null=True))
    def get_company_rating(self, slot) -> dict | None:
        return self._rating("company", slot.company_id)

    @extend_schema_field(RatingField(allow_null=True))
    def get_base_rating(self, slot) -> dict | None:
        return self._rating("base", slot.base_id)

    def get_review_school_names(self, slot) -> list[str]:
        """The schools reviewing the slot for high-risk work (while it awaits them)."""
        if slot.status != SlotStatus.REVIEW:
            return []
        return [school.name for school in slot.review_schools.all()]

    def get_can_review(self, slot) -> bool:
        """The signed-in user is an admin of a school that reviews this slot now (approve-review / refuse-review)."""
        actor = self.context.get("actor")
        if actor is None or slot.status != SlotStatus.REVIEW or not actor.admin_school_ids:
            return False
        return any(school.pk in actor.admin_school_ids for school in slot.review_schools.all())

    def get_job_cluster_label(self, slot) -> str:
        from django.utils.translation import get_language

        cluster = slot.job_cluster
        return cluster.name_en if (get_language() or "").startswith("en") else cluster.name

    def get_places_left(self, slot) -> int:
        return places_left(slot)

    def get_is_full(self, slot) -> bool:
        """All places confirmed: the slot recruits no more (there is no waiting list)."""
        return places_left(slot) == 0

    def get_deadline_passed(self, slot) -> bool:
        """An open slot past its application deadline takes no applications: it reads 报名已截止, not 招募中."""
        return slot.status == SlotStatus.OPEN and slot.application_deadline < timezone.localdate()

    def get_major_names(self, slot) -> list[str]:
        return [m.name for m in slot.majors.all()]

    def get_warnings(self, slot) -> list[str]:
        return rules.slot_warnings({"kind": slot.kind, "start_date": slot.start_date, "end_date": slot.end_date})

    def validate_required_certificates(self, value):
        """[{"program": id, "min_level": "junior|intermediate|senior"}]: catalogue programmes at levels they offer."""
        from certificates.models import CertificateProgram, Level

        if not isinstance(value, list):
            raise serializers.ValidationError(_("Give a list of required certificates."))
        if any(
            not isinstance(v, dict) or not isinstance(v.get("program"), int) or isinstance(v.get("program"), bool)
            for v in value
        ):
            raise serializers.ValidationError(_("Choose certificates from the catalogue."))
        programs = {p.pk: p for p in CertificateProgram.objects.filter(pk__in=[v["program"] for v in value])}
        cleaned = []
        for item in value:
            program = programs.get(item.get("program")) if isinstance(item, dict) else None
            level = item.get("min_level") if isinstance(item, dict) else None
            if program is None:
                raise serializers.ValidationError(_("Choose certificates from the catalogue."))
            if level not in Level.values or (program.levels and level not in program.levels):
                raise serializers.ValidationError(
                    _("%(program)s has no level “%(level)s”.")
                    % {"program": program.name, "level": Level(level).label if level in Level.values else level}
                )
            cleaned.append({"program": program.pk, "min_level": level})
        if len({c["program"] for c in cleaned}) != len(cleaned):
            raise serializers.ValidationError(_("Name each certificate once."))
        return cleaned

    def validate_base(self, base: TrainingBase) -> TrainingBase:
        company_require_vetted(actor=self.context["actor"], company_id=base.company_id)
        if base.company_id not in self.context["actor"].hr_company_ids:
            raise serializers.ValidationError(_("Choose one of your company's off-campus bases."))
        return base

    def validate_mentor(self, mentor: CompanyMember | None):
        if mentor is not None and mentor.company_id not in self.context["actor"].hr_company_ids:
            raise serializers.ValidationError(_("The mentor must be on your company's staff."))
        return mentor


class StudentSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    student_number = serializers.CharField()
    institution = serializers.CharField(source="institution.name")
    cohort = serializers.CharField(source="cohort.name", default=None, allow_null=True, read_only=True)
    major = serializers.CharField(source="cohort.major.name", default=None, allow_null=True, read_only=True)
    entry_year = serializers.IntegerField()
    advisor = serializers.CharField(source="advisor.user.display_name", default=None, allow_null=True, read_only=True)


class SlotSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=InternshipKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    company_id = serializers.IntegerField()
    company_name = serializers.CharField(source="company.name")
    base_name = serializers.CharField(source="base.name")
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    stipend = serializers.DecimalField(max_digits=8, decimal_places=2)
    status = serializers.ChoiceField(choices=SlotStatus.choices)
    is_demo = serializers.BooleanField()


class DocumentSerializer(serializers.ModelSerializer):
    kind_label = label_field("kind")
    uploaded_by_name = serializers.CharField(source="uploaded_by.display_name", read_only=True, default=None)
    url = serializers.SerializerMethodField()
    checked_by_name = serializers.CharField(source="checked_by.display_name", read_only=True, default=None)
    returned_by_name = serializers.CharField(source="returned_by.display_name", read_only=True, default=None)
    check_state = serializers.SerializerMethodField(
        help_text="For a paper the school checks (the guardian's consent): waiting, checked or returned; else null."
    )
    needs_check = serializers.SerializerMethodField(help_text="The paper waits for the school's check.")

    class Meta:
        model = PlacementDocument
        fields = [
            "id", "kind", "kind_label", "content_type", "size", "signed_on", "policy_number", "insurer",
            "covers_from", "covers_to", "uploaded_by_name", "uploaded_at", "url", "check_state", "needs_check",
            "checked_at", "checked_by_name", "returned_at", "returned_by_name", "return_reason",
        ]  # fmt: skip

    def get_url(self, document) -> str:
        return f"/api/v1/placement-documents/{document.pk}/file/"

    @extend_schema_field(serializers.ChoiceField(choices=["waiting", "checked", "returned"], allow_null=True))
    def get_check_state(self, document) -> str | None:
        from placements.services.documents import check_state

        return check_state(document)

    def get_needs_check(self, document) -> bool:
        from placements.services.documents import check_state

        return check_state(document) == "waiting"


class DocumentReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the paper is returned; the student reads it.")


class DocumentUploadSerializer(serializers.Serializer):
    # The company's paper assessment comes only with its grade (PaperAssessmentSerializer).
    kind = serializers.ChoiceField(choices=[c for c in DocumentKind.choices if c[0] != DocumentKind.COMPANY_ASSESSMENT])
    file = serializers.FileField()
    signed_on = serializers.DateField(required=False, allow_null=True, validators=[bounds.RECENT_OR_COMING])
    policy_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    insurer = serializers.CharField(required=False, allow_blank=True, max_length=100)
    covers_from = serializers.DateField(required=False, allow_null=True, validators=[bounds.RECENT_OR_COMING])
    covers_to = serializers.DateField(required=False, allow_null=True, validators=[bounds.RECENT_OR_COMING])


class EventSerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(source="actor.display_name", read_only=True, default=None)
    from_label = serializers.SerializerMethodField()
    to_label = serializers.SerializerMethodField()

    class Meta:
        model = PlacementEvent
        fields = [
            "id",
            "action",
            "from_status",
            "from_label",
            "to_status",
            "to_label",
            "reason",
            "actor_name",
            "at",
            "data",
        ]

    def _label(self, value: str) -> str:
        return str(PlacementStatus(value).label) if value in PlacementStatus.values else ""

    def get_from_label(self, event) -> str:
        return self._label(event.from_status)

    def get_to_label(self, event) -> str:
        return self._label(event.to_status)


class AssessmentSerializer(serializers.ModelSerializer):
    role_label = label_field("role")
    grade_label = label_field("grade")
    assessor_name = serializers.CharField(source="assessor.display_name", read_only=True, default=None)
    # Recorded by the school (assessor_name, created_at) from the company's signed paper form, whose scan this is.
    recorded_from_paper = serializers.SerializerMethodField()
    paper_scan_url = serializers.SerializerMethodField()
    paper_signed_on = serializers.DateField(source="paper_scan.signed_on", read_only=True, default=None)

    class Meta:
        model = Assessment
        fields = [
            "id", "role", "role_label", "grade", "grade_label", "comments", "assessor_name", "created_at",
            "recorded_from_paper", "paper_signed_by", "paper_signed_on", "paper_scan_url",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def get_recorded_from_paper(self, assessment) -> bool:
        return assessment.paper_scan_id is not None

    def get_paper_scan_url(self, assessment) -> str | None:
        if assessment.paper_scan_id is None:
            return None
        return f"/api/v1/placement-documents/{assessment.paper_scan_id}/file/"


class JournalSectionSerializer(serializers.Serializer):
    """One section of a weekly report: a title of the school's template and what the student wrote under it."""

    title = serializers.CharField(max_length=20)
    text = serializers.CharField(max_length=4000, allow_blank=True)


class JournalPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = JournalPhoto
        fields = ["id", "url", "content_type", "size", "uploaded_at"]

    def get_url(self, photo) -> str:
        return f"/api/v1/journal-photos/{photo.pk}/file/"


class JournalSerializer(serializers.ModelSerializer):
    """A journal: `sections` as written under the school's template, `body` the same text in one piece (what
    earlier clients read); `score` is the teacher's optional 0-100; `unread` is the viewer's own (review list
    only, else null)."""

    student_name = serializers.CharField(source="placement.student.full_name", read_only=True)
    slot_title = serializers.CharField(source="placement.slot.title", read_only=True)
    company = serializers.IntegerField(source="placement.slot.company_id", read_only=True)
    company_name = serializers.CharField(source="placement.slot.company.name", read_only=True)
    cohort = serializers.IntegerField(source="placement.student.cohort_id", read_only=True, allow_null=True)
    cohort_name = serializers.CharField(source="placement.student.cohort.name", read_only=True, default=None)
    commented_by_name = serializers.CharField(source="commented_by.display_name", read_only=True, default=None)
    mentor_commented_by_name = serializers.CharField(
        source="mentor_commented_by.display_name", read_only=True, default=None
    )
    status_label = label_field("status")
    sections = JournalSectionSerializer(many=True, read_only=True)
    photos = JournalPhotoSerializer(many=True, read_only=True)
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Journal
        fields = [
            "id", "placement", "period", "status", "status_label", "title", "body", "sections", "photos",
            "submitted_at", "updated_at", "teacher_comment", "commented_by_name", "commented_at", "score",
            "mentor_comment", "mentor_commented_by_name", "mentor_commented_at", "unread", "student_name",
            "slot_title", "company", "company_name", "cohort", "cohort_name",
        ]  # fmt: skip
        read_only_fields = fields

    def get_unread(self, journal) -> bool | None:
        return getattr(journal, "unread", None)


class JournalDraftSerializer(serializers.Serializer):
    """The student's next journal: the school's section titles and the draft kept so far (null when none)."""

    template = serializers.ListField(child=serializers.CharField())
    draft = JournalSerializer(allow_null=True)


def cached_policy(institution_id: int, context: dict | None):
    """One policy lookup per school per request, not one per row of a list."""
    if context is None:
        return policy_for(institution_id)
    cache = context.setdefault("_policies", {})
    if institution_id not in cache:
        cache[institution_id] = policy_for(institution_id)
    return cache[institution_id]


def available_actions(placement: Placement, actor: Actor, context: dict | None = None) -> list[str]:
    """What the viewer can do next, so the app shows only the right buttons: the transition table's answer
    (placements/transitions.py), which the services obey too."""
    return transitions.allowed_actions(actor, placement, cached_policy(placement.student.institution_id, context))


class PlacementSerializer(serializers.ModelSerializer):
    student = StudentSummarySerializer(read_only=True)
    slot_detail = SlotSummarySerializer(source="slot", read_only=True)
    status_label = label_field("status")
    final_grade_label = label_field("final_grade")
    missing = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    mentor_name = serializers.CharField(source="mentor.user.display_name", read_only=True, default=None)
    teacher_name = serializers.CharField(source="teacher.user.display_name", read_only=True, default=None)

    class Meta:
        model = Placement
        fields = [
            "id", "student", "slot", "slot_detail", "rank", "statement", "status", "status_label", "term",
            "decision_reason", "started_at", "ended_at", "end_requested_at", "end_request_reason", "final_grade",
            "final_grade_label", "created_at", "updated_at", "missing", "actions", "journals_waived_at",
            "journals_waived_reason", "mentor", "mentor_name", "teacher", "teacher_name",
        ]  # fmt: skip
        read_only_fields = [f for f in fields if f not in ("slot", "statement", "rank")]

    @extend_schema_field(MissingSerializer(many=True))
    def get_missing(self, placement) -> list[dict]:
        from placements.services import missing_paperwork

        if placement.status in (PlacementStatus.CONFIRMED, PlacementStatus.READY):
            return missing_paperwork(placement)
        return []

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=transitions.ACTIONS)))
    def get_actions(self, placement) -> list[str]:
        return available_actions(placement, self.context["actor"], self.context)


class SafetyTrainingSerializer(serializers.ModelSerializer):
    recorded_by_name = serializers.CharField(source="recorded_by.display_name", read_only=True, default=None)

    class Meta:
        model = SafetyTraining
        fields = [
            "id", "delivered_by", "delivered_on", "hours", "content", "passed", "check_note", "recorded_by_name",
            "recorded_at",
        ]  # fmt: skip
        read_only_fields = ["recorded_at"]


class SafetyTrainingWriteSerializer(serializers.Serializer):
    delivered_by = serializers.CharField(max_length=100)
    delivered_on = serializers.DateField(validators=[bounds.PAST_RECORD])
    hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=200)
    content = serializers.CharField(max_length=4000)
    passed = serializers.BooleanField()
    check_note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class MentorSerializer(serializers.Serializer):
    """A current member of the placement's company (the service checks which company)."""

    mentor = serializers.PrimaryKeyRelatedField(queryset=CompanyMember.objects.filter(archived_at__isnull=True))


class TeacherSerializer(serializers.Serializer):
    """A current teacher or admin of the student's school (the service checks which school)."""

    teacher = serializers.PrimaryKeyRelatedField(queryset=Teacher.objects.filter(archived_at__isnull=True))


class PlacementDetailSerializer(PlacementSerializer):
    safety_trainings = SafetyTrainingSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    journal = serializers.SerializerMethodField()

    class Meta(PlacementSerializer.Meta):
        fields = [*PlacementSerializer.Meta.fields, "safety_trainings", "documents", "assessments", "events", "journal"]

    @extend_schema_field(JournalSummarySerializer)
    def get_journal(self, placement) -> dict:
        from dataclasses import asdict

        from placements.services import journal_summary

        return asdict(journal_summary(placement))


class ApplySerializer(serializers.Serializer):
    slot = serializers.PrimaryKeyRelatedField(queryset=Slot.objects.all())
    statement = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    rank = serializers.IntegerField(required=False, min_value=1, max_value=30)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class RequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class HazardTermSerializer(serializers.ModelSerializer):
    """A term of the high-risk work list: the platform's (institution null, read-only) or a school's own. A new
    term is the school's of the admin adding it (`institution` names which, for an admin of several)."""

    category = serializers.ChoiceField(choices=HazardTerm._meta.get_field("category").choices)
    category_label = label_field("category")
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), required=False, allow_null=True, help_text="null: the platform's term."
    )
    institution_name = serializers.CharField(source="institution.name", read_only=True, default=None)
    can_edit = CanEditField()

    class Meta:
        model = HazardTerm
        fields = [
            "id", "term", "category", "category_label", "institution", "institution_name", "created_at", "can_edit",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def validate_institution(self, institution):
        if institution is None:
            return None  # the admin's own school
        if self.instance is not None and institution.pk != self.instance.institution_id:
            raise serializers.ValidationError(_("A term stays with its school."))
        if institution.pk not in self.context["actor"].admin_school_ids:
            raise serializers.ValidationError(_("Choose your own school."))
        return institution


class DecideEndSerializer(ReasonSerializer):
    approve = serializers.BooleanField()


class AssessSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=AssessorRole.choices)
    grade = serializers.ChoiceField(choices=Assessment._meta.get_field("grade").choices)
    comments = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class PaperAssessmentSerializer(serializers.Serializer):
    """The company's assessment from its signed paper form (multipart: the scan is `file`)."""

    grade = serializers.ChoiceField(choices=Assessment._meta.get_field("grade").choices)
    comments = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    signed_by = serializers.CharField(required=False, allow_blank=True, max_length=60)
    signed_on = serializers.DateField(validators=[bounds.RECENT_OR_COMING])
    file = serializers.FileField()


class JournalWriteSerializer(serializers.Serializer):
    """Submit a journal: in the school's sections, or (earlier clients) as one body."""

    title = serializers.CharField(max_length=120)
    body = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    sections = JournalSectionSerializer(many=True, required=False, max_length=8)


class JournalDraftWriteSerializer(serializers.Serializer):
    """What the student has typed so far (no minimum: it is a draft)."""

    title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    sections = JournalSectionSerializer(many=True, required=False, max_length=8, default=list)


class JournalPhotoUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=4000)


class JournalCommentSerializer(CommentSerializer):
    """The teacher's comment with an optional score (0-100), or the company mentor's comment (no score)."""

    score = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100, default=None)


class BreachReportSerializer(serializers.ModelSerializer):
    kind_label = label_field("kind")
    status_label = label_field("status")
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True, default=None)
    responded_by_name = serializers.CharField(source="responded_by.display_name", read_only=True, default=None)

    class Meta:
        model = BreachReport
        fields = [
            "id", "student", "student_name", "placement", "company", "company_name", "kind", "kind_label",
            "description", "status", "status_label", "response", "responded_by_name", "responded_at", "created_at",
        ]  # fmt: skip
        read_only_fields = ["student", "company", "status", "response", "responded_at", "created_at"]


class BreachAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[BreachStatus.UPHELD, BreachStatus.DISMISSED])
    response = serializers.CharField(max_length=4000)


class SchoolPolicySerializer(serializers.ModelSerializer):
    approval_order_label = label_field("approval_order")
    # The weekly report's section titles (placements.models.validate_journal_sections checks them on save).
    journal_sections = serializers.ListField(
        child=serializers.CharField(max_length=20), min_length=1, max_length=8, required=False
    )
    can_edit = CanEditField()
    under_regulation = serializers.BooleanField(
        source="institution.under_regulation",
        read_only=True,
        help_text="The school is under the internship regulation: the relax_* switches are refused.",
    )

    class Meta:
        model = SchoolPolicy
        fields = [
            "id", "institution", "approval_order", "approval_order_label", "max_choices", "journal_cadence_days",
            "journal_min_count", "journal_sections", "under_regulation", "relax_age", "relax_first_year",
            "relax_major", "can_edit",
        ]  # fmt: skip
        read_only_fields = ["institution"]


# -- match rounds ----------------------------------------------------------------------------------------------


class MatchRoundSerializer(serializers.ModelSerializer):
    mechanism_label = label_field("mechanism")
    status_label = label_field("status")
    slots = serializers.PrimaryKeyRelatedField(many=True, queryset=Slot.objects.all())
    cohorts = serializers.PrimaryKeyRelatedField(many=True, queryset=Cohort.objects.all())
    summary = serializers.SerializerMethodField()
    taking_part = serializers.SerializerMethodField()
    can_edit = CanEditField()

    class Meta:
        model = MatchRound
        fields = [
            "id", "institution", "name", "mechanism", "mechanism_label", "slots", "cohorts", "preference_deadline",
            "max_choices", "seed", "status", "status_label", "ran_at", "published_at", "summary", "taking_part",
            "can_edit",
        ]  # fmt: skip
        read_only_fields = ["seed", "status", "ran_at", "published_at"]

    @extend_schema_field(RoundSummarySerializer(allow_null=True))
    def get_summary(self, round) -> dict | None:
        return round_summary(round)

    def get_taking_part(self, round) -> bool | None:
        """For a student: whether they may rank slots in this round; false once they hold a confirmed placement
        in its term (the round is then none of theirs). Null for everyone else."""
        actor = self.context.get("actor")
        if actor is None or not actor.student_id:
            return None
        if "placed_terms" not in self.context:  # once per response, not once per round
            self.context["placed_terms"] = set(
                Placement.objects.filter(student_id=actor.student_id, status__in=FILLING_STATUSES).values_list(
                    "term", flat=True
                )
            )
        terms = {slot.term for slot in round.slots.all()}
        return not (terms & self.context["placed_terms"])

    def validate_institution(self, institution):
        if institution.pk not in self.context["actor"].school_ids:
            raise serializers.ValidationError(_("Only rounds of your school."))
        return institution


class PreferencesSerializer(serializers.Serializer):
    slots = serializers.ListField(child=IdParam(required=True, allow_null=False), allow_empty=True, max_length=30)


class PrioritiesQuery(serializers.Serializer):
    slot = IdParam(required=True, allow_null=False)


class PrioritiesSerializer(serializers.Serializer):
    slot = IdParam(required=True, allow_null=False)
    students = serializers.ListField(child=IdParam(required=True, allow_null=False), allow_empty=True, max_length=5000)
