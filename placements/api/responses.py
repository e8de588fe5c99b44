"""What the match-round and slot endpoints that build their answer by hand return, as serializers: the OpenAPI
schema (and so the app's generated types) read them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.schema import AnyOfShapes
from placements.choices import InternshipKind
from placements.matching.result import RejectionReason


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why not, in the reader's language.")


class RoundVerifySerializer(serializers.Serializer):
    same_result = serializers.BooleanField(help_text="The kept inputs and seed give the kept result again.")
    seed = serializers.IntegerField()


class RoundSlotSerializer(serializers.Serializer):
    """A slot of the round; the last four fields only for a student."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    company_name = serializers.CharField()
    base_name = serializers.CharField()
    district_label = serializers.CharField()
    kind = serializers.ChoiceField(choices=InternshipKind.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    stipend = serializers.DecimalField(max_digits=8, decimal_places=2)
    capacity = serializers.IntegerField(help_text="Places left for the round.")
    ranked_by = serializers.IntegerField(help_text="How many students have it on their list.")
    eligible = serializers.BooleanField(required=False)
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    fit = serializers.IntegerField(required=False)
    why = serializers.ListField(child=serializers.CharField(), required=False)


class ApplicantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    student_number = serializers.CharField()
    institution = serializers.CharField()
    major = serializers.CharField(allow_null=True)


class PrioritiesResultSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    company_ranked = serializers.BooleanField(
        help_text="The company set its own order (else the published score and lottery)."
    )
    students = ApplicantSerializer(many=True)


class RejectionSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    slot_title = serializers.CharField(allow_null=True, required=False)
    choice = serializers.IntegerField(help_text="1-based position on the student's list.")
    reason = serializers.ChoiceField(choices=[(r.value, r.name) for r in RejectionReason])
    capacity = serializers.IntegerField()
    rank = serializers.IntegerField(help_text="The student's 1-based position in the slot's priority list.")
    cutoff = serializers.IntegerField(allow_null=True, help_text="The last admitted position (null: nobody).")
    turn = serializers.IntegerField(allow_null=True, required=False)
    turn_cutoff = serializers.IntegerField(allow_null=True, required=False)


class StudentExplanationSerializer(serializers.Serializer):
    slot = serializers.IntegerField(allow_null=True)
    choice = serializers.IntegerField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    above = RejectionSerializer(many=True)


class NamedStudentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField(allow_null=True)


@extend_schema_field({"type": "boolean", "enum": [True]})
class _TrueField(serializers.BooleanField):
    """Always true in this shape: the schema says so, so the app tells the shapes apart by it."""


@extend_schema_field({"type": "boolean", "enum": [False]})
class _FalseField(serializers.BooleanField):
    """Always false in this shape."""


class RoundStaffSlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(allow_null=True)
    company = serializers.CharField()
    admitted = serializers.IntegerField(help_text="How many were admitted.")
    capacity = serializers.IntegerField()
    cutoff = serializers.IntegerField(allow_null=True)


class RoundCompanySlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(allow_null=True)
    cutoff = serializers.IntegerField(allow_null=True)
    admitted = NamedStudentSerializer(many=True)


class RoundStudentRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField(allow_null=True)
    slot = serializers.IntegerField(allow_null=True)
    slot_title = serializers.CharField(allow_null=True)
    choice = serializers.IntegerField(allow_null=True)


class RoundSummarySerializer(serializers.Serializer):
    students = serializers.IntegerField()
    ranked = serializers.IntegerField()
    matched = serializers.IntegerField()
    unmatched = serializers.IntegerField()
    did_not_rank = serializers.IntegerField()
    first_choice_share = serializers.FloatField(help_text="0..1")


class RoundNotRunSerializer(serializers.Serializer):
    """The round has not run yet."""

    ran = _FalseField()


class RoundStaffResultSerializer(serializers.Serializer):
    """School staff: the summary, every slot's fill, the students and every explanation (a dry run too)."""

    ran = _TrueField()
    published = serializers.BooleanField()
    summary = RoundSummarySerializer()
    slots = RoundStaffSlotSerializer(many=True)
    unmatched = NamedStudentSerializer(many=True)
    students = RoundStudentRowSerializer(many=True)
    explanations = serializers.DictField(child=StudentExplanationSerializer(), help_text="By student id.")


class RoundStudentResultSerializer(serializers.Serializer):
    """A student: nothing more before publication; then whether they took part, their slot and why not higher."""

    ran = _TrueField()
    published = serializers.BooleanField()
    took_part = serializers.BooleanField(required=False)
    slot = serializers.IntegerField(allow_null=True, required=False)
    slot_title = serializers.CharField(allow_null=True, required=False)
    choice = serializers.IntegerField(allow_null=True, required=False)
    above = RejectionSerializer(many=True, required=False)


class RoundCompanyResultSerializer(serializers.Serializer):
    """Company staff: nothing more before publication; then who was admitted to their slots."""

    ran = _TrueField()
    published = serializers.BooleanField()
    slots = RoundCompanySlotSerializer(many=True, required=False)


class RoundResultSerializer(AnyOfShapes):
    """A round's result; its shape depends on who asks."""

    shapes = (
        RoundNotRunSerializer,
        RoundStaffResultSerializer,
        RoundStudentResultSerializer,
        RoundCompanyResultSerializer,
    )
