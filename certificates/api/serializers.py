"""The certificates API's serializers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates.api.responses import MyRegistrationSerializer
from certificates.models import AssessmentSession, CertificateProgram, Level, Registration, StudentCertificate
from config import bounds
from config.params import IdParam
from config.serializers import CanEditField, label_field
from schools.models import Institution, Major


class ProgramSerializer(serializers.ModelSerializer):
    kind_label = label_field("kind")
    level_labels = serializers.SerializerMethodField()
    majors = serializers.PrimaryKeyRelatedField(many=True, queryset=Major.objects.all(), required=False)
    levels = serializers.ListField(child=serializers.ChoiceField(choices=Level.choices), allow_empty=False)
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), required=False, allow_null=True, default=None
    )
    can_edit = CanEditField()

    class Meta:
        model = CertificateProgram
        fields = ["id", "name", "code", "kind", "kind_label", "organisation", "levels", "level_labels", "majors", "url",
                  "description", "institution", "data_note", "can_edit"]  # fmt: skip
        read_only_fields = ["data_note"]

    def validate_institution(self, institution):
        """The school that adds a programme owns it; it cannot be handed to another school afterwards."""
        admin_of = self.context["actor"].admin_school_ids
        if self.instance is not None:
            return self.instance.institution
        if institution is None:
            if len(admin_of) != 1:
                raise serializers.ValidationError(_("Choose the school adding the programme."))
            return Institution.objects.get(pk=next(iter(admin_of)))
        if institution.pk not in admin_of:
            raise serializers.ValidationError(_("You can only add programmes for a school you administer."))
        return institution

    def get_level_labels(self, program) -> list[str]:
        return [str(Level(level).label) for level in program.levels if level in Level.values]


class CertificateSerializer(serializers.ModelSerializer):
    program_name = serializers.CharField(source="program.name", read_only=True)
    level_label = label_field("level")
    status_label = label_field("status")
    source_label = label_field("source")
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    student_number = serializers.CharField(source="student.student_number", read_only=True)
    verified_by_name = serializers.CharField(source="verified_by.display_name", read_only=True, default=None)
    scan_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = StudentCertificate
        fields = ["id", "student", "student_name", "student_number", "program", "program_name", "level", "level_label",
                  "number", "issue_date", "score", "status", "status_label", "reason", "source", "source_label",
                  "verified_by_name", "verified_at", "scan_url", "thumbnail_url", "created_at"]  # fmt: skip
        read_only_fields = fields

    def get_scan_url(self, c) -> str | None:
        return f"/api/v1/student-certificates/{c.pk}/scan/" if c.scan else None

    def get_thumbnail_url(self, c) -> str | None:
        return f"/api/v1/student-certificates/{c.pk}/thumbnail/" if c.thumbnail else None


class CertificateUploadSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=CertificateProgram.objects.all())
    level = serializers.ChoiceField(choices=Level.choices)
    number = serializers.CharField(max_length=60)
    issue_date = serializers.DateField(validators=[bounds.PAST_RECORD])
    score = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, min_value=0, max_value=bounds.MAX_SCORE
    )
    file = serializers.FileField()


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class SessionSerializer(serializers.ModelSerializer):
    program_name = serializers.CharField(source="program.name", read_only=True)
    level_label = label_field("level")
    status_label = label_field("status")
    base_name = serializers.CharField(source="base.name", read_only=True)
    registered = serializers.IntegerField(read_only=True, default=0)
    mine = serializers.SerializerMethodField()
    can_edit = CanEditField()

    class Meta:
        model = AssessmentSession
        fields = ["id", "program", "program_name", "level", "level_label", "base", "base_name", "date", "seats",
                  "registered", "status", "status_label", "mine", "can_edit"]  # fmt: skip
        read_only_fields = ["status"]

    @extend_schema_field(MyRegistrationSerializer(allow_null=True))
    def get_mine(self, session) -> dict | None:
        actor = self.context.get("actor")
        if actor is None or not actor.student_id:
            return None
        reg = next((r for r in session.registrations.all() if r.student_id == actor.student_id), None)
        return {"id": reg.pk, "result": reg.result, "score": reg.score} if reg else None


class RegistrationSerializer(serializers.ModelSerializer):
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    student_number = serializers.CharField(source="student.student_number", read_only=True)
    result_label = label_field("result")

    class Meta:
        model = Registration
        fields = ["id", "student", "student_name", "student_number", "result", "result_label", "score"]


class ResultRowSerializer(serializers.Serializer):
    registration = IdParam(required=True, allow_null=False)
    result = serializers.ChoiceField(choices=Registration.Result.choices)
    score = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, min_value=0, max_value=bounds.MAX_SCORE
    )
    number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    issue_date = serializers.DateField(required=False, allow_null=True, validators=[bounds.PAST_RECORD])


class ResultsSerializer(serializers.Serializer):
    results = ResultRowSerializer(many=True)
