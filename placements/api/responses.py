"""What the match-round and slot endpoints that build their answer by hand return, as serializers: the OpenAPI
schema (and so the app's generated types) read them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from placements.choices import InternshipKind


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
    reason = serializers.CharField()
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


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "description": "School staff: how many were admitted."},
            {"type": "array", "items": {"$ref": "#/components/schemas/NamedStudent"}, "description": "Company staff"},
        ]
    }
)
class _AdmittedField(serializers.Field):
    pass


class RoundResultSlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(allow_null=True)
    company = serializers.CharField(required=False, help_text="School staff only.")
    capacity = serializers.IntegerField(required=False, help_text="School staff only.")
    cutoff = serializers.IntegerField(allow_null=True)
    admitted = _AdmittedField()


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


class RoundResultSerializer(serializers.Serializer):
    """A round's result; which fields come depends on who asks. Not yet run: `ran` alone. School staff: the
    summary, every slot's fill, the students and every explanation. A student (once published): whether they took
    part, their slot and why not higher. Company staff (once published): who was admitted to their slots."""

    ran = serializers.BooleanField()
    published = serializers.BooleanField(required=False)
    summary = RoundSummarySerializer(required=False, allow_null=True)
    slots = RoundResultSlotSerializer(many=True, required=False)
    unmatched = NamedStudentSerializer(many=True, required=False)
    students = RoundStudentRowSerializer(many=True, required=False)
    explanations = serializers.DictField(child=StudentExplanationSerializer(), required=False)
    took_part = serializers.BooleanField(required=False)
    slot = serializers.IntegerField(allow_null=True, required=False)
    slot_title = serializers.CharField(allow_null=True, required=False)
    choice = serializers.IntegerField(allow_null=True, required=False)
    above = RejectionSerializer(many=True, required=False)
