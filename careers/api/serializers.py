from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from careers import services
from careers.models import (
    Interview,
    InterviewSlot,
    Job,
    JobApplication,
    Resume,
    ResumeSection,
    StageEvent,
)
from certificates.models import CertificateProgram
from config.serializers import label_field
from schools.models import Major


class ResumeCertificateSerializer(serializers.Serializer):
    program = serializers.CharField()
    level = serializers.CharField()
    issue_date = serializers.DateField()


class ResumePlacementSerializer(serializers.Serializer):
    company = serializers.CharField()
    title = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    grade = serializers.CharField(required=False)


class ResumeContentSerializer(serializers.Serializer):
    """A résumé as its viewer may read it: the application's facts always, each section only when shared."""

    student_id = serializers.IntegerField()
    full_name = serializers.CharField()
    institution = serializers.CharField()
    major = serializers.CharField()
    cohort = serializers.CharField()
    entry_year = serializers.IntegerField()
    visible = serializers.BooleanField(help_text="False: the student shares no résumé with this viewer.")
    sections = serializers.ListField(child=serializers.CharField(), help_text="The parts shared (ResumeSection).")
    phone = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    has_photo = serializers.BooleanField(required=False)
    statement = serializers.CharField(required=False)
    skills = serializers.ListField(child=serializers.CharField(), required=False)
    certificates = ResumeCertificateSerializer(many=True, required=False)
    placements = ResumePlacementSerializer(many=True, required=False)


class ResumeSerializer(serializers.ModelSerializer):
    """The student's own résumé: what they add and what they share; `content` is the whole as they see it."""

    visibility_label = label_field("visibility")
    shared_sections = serializers.ListField(
        child=serializers.ChoiceField(choices=ResumeSection.choices), required=False, max_length=10
    )
    skills = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=services.MAX_SKILLS
    )
    has_photo = serializers.SerializerMethodField()
    content = serializers.SerializerMethodField()

    class Meta:
        model = Resume
        fields = [
            "statement", "skills", "phone", "email", "visibility", "visibility_label", "shared_sections",
            "has_photo", "content", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["updated_at"]

    def get_has_photo(self, obj) -> bool:
        return bool(obj.photo)

    @extend_schema_field(ResumeContentSerializer)
    def get_content(self, obj) -> dict:
        from careers.documents import resume_content

        return resume_content(obj.student, obj, {s.value for s in ResumeSection})


class PhotoUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class JobSerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    district_label = label_field("district")
    zone_label = label_field("zone")
    status_label = label_field("status")
    majors = serializers.PrimaryKeyRelatedField(many=True, queryset=Major.objects.all(), required=False)
    major_names = serializers.SerializerMethodField()
    required_certificates = serializers.PrimaryKeyRelatedField(
        many=True, queryset=CertificateProgram.objects.all(), required=False
    )
    certificate_names = serializers.SerializerMethodField()
    application_count = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    my_application = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    my_stage = serializers.CharField(
        read_only=True, default=None, allow_null=True, help_text="the stage of the student's own application"
    )
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id", "company", "company_name", "title", "description", "district", "district_label", "zone",
            "zone_label", "salary_min", "salary_max", "headcount", "majors", "major_names", "required_certificates",
            "certificate_names", "closing_date", "status", "status_label", "is_demo", "application_count",
            "my_application", "my_stage", "can_edit", "created_at",
        ]  # fmt: skip
        read_only_fields = ["status", "is_demo", "created_at"]
        extra_kwargs = {"company": {"required": False}}

    def get_major_names(self, obj) -> list[str]:
        return [m.name for m in obj.majors.all()]

    def get_certificate_names(self, obj) -> list[str]:
        return [c.name for c in obj.required_certificates.all()]

    def get_can_edit(self, obj) -> bool:
        return obj.company_id in self.context["actor"].hr_company_ids


class InterviewSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterviewSlot
        fields = ["id", "starts_at"]


class InterviewSerializer(serializers.ModelSerializer):
    slots = InterviewSlotSerializer(many=True, read_only=True)
    status_label = label_field("status")
    job_title = serializers.CharField(source="application.job.title", read_only=True)
    company_name = serializers.CharField(source="application.job.company.name", read_only=True)
    student_name = serializers.CharField(source="application.student.full_name", read_only=True)

    class Meta:
        model = Interview
        fields = [
            "id", "application", "job_title", "company_name", "student_name", "location", "minutes", "note",
            "status", "status_label", "starts_at", "slots", "cancel_reason", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class StageEventSerializer(serializers.ModelSerializer):
    from_stage = serializers.CharField(read_only=True)
    to_stage = serializers.CharField(read_only=True)
    to_label = label_field("to_stage")

    class Meta:
        model = StageEvent
        fields = ["from_stage", "to_stage", "to_label", "reason", "at"]


class ApplicationSerializer(serializers.ModelSerializer):
    job_title = serializers.CharField(source="job.title", read_only=True)
    company = serializers.IntegerField(source="job.company_id", read_only=True)
    company_name = serializers.CharField(source="job.company.name", read_only=True)
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    institution_name = serializers.CharField(source="student.institution.name", read_only=True)
    major_name = serializers.CharField(source="student.cohort.major.name", read_only=True, default=None)
    stage_label = label_field("stage")
    moves = serializers.SerializerMethodField(help_text="The moves the viewer may make now.")
    outcome_confirmed = serializers.BooleanField(source="outcome.confirmed", read_only=True, default=None)

    class Meta:
        model = JobApplication
        fields = [
            "id", "job", "job_title", "company", "company_name", "student", "student_name", "institution_name",
            "major_name", "note", "stage", "stage_label", "reason", "offer_salary", "offer_start_date", "offer_note",
            "outcome", "outcome_confirmed", "is_demo", "moves", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_moves(self, obj) -> list[str]:
        return services.allowed_moves(obj, self.context["actor"])


class ApplicationDetailSerializer(ApplicationSerializer):
    interviews = InterviewSerializer(many=True, read_only=True)
    events = StageEventSerializer(many=True, read_only=True)
    resume = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "interviews", "events", "resume"]
        read_only_fields = fields

    @extend_schema_field(ResumeContentSerializer)
    def get_resume(self, obj) -> dict:
        from careers.documents import resume_content
        from careers.selectors import resume_sections_for

        resume = Resume.objects.filter(student_id=obj.student_id).first()
        return resume_content(obj.student, resume, resume_sections_for(self.context["actor"], obj.student, resume))


class JobApplySerializer(serializers.Serializer):
    job = serializers.PrimaryKeyRelatedField(queryset=Job.objects.all())
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class StageReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class StageRequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class OfferSerializer(serializers.Serializer):
    start_date = serializers.DateField()
    salary = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False, allow_null=True)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class ProposeSerializer(serializers.Serializer):
    times = serializers.ListField(child=serializers.DateTimeField(), min_length=1, max_length=5)
    location = serializers.CharField(max_length=200)
    minutes = serializers.IntegerField(min_value=10, max_value=480, default=30)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PickSerializer(serializers.Serializer):
    slot = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text=_("One of the proposed times."))
