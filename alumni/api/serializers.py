"""The alumni API's serializers: an outcome as the school records it and as a graduate reports it, and a
talent-points rule. What the reports answer is in responses.py (response shapes only); their query
parameters in params.py."""

from __future__ import annotations

from django.utils.translation import get_language
from rest_framework import serializers

from alumni.models import GraduateOutcome, OutcomeStatus, TalentRule
from config import bounds
from config.serializers import CanEditField, label_field


class OutcomeSerializer(serializers.ModelSerializer):
    status_label = label_field("status")
    district_label = label_field("district")
    zone_label = label_field("zone")
    salary_band_label = label_field("salary_band")
    source_label = label_field("source")
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    major_name = serializers.CharField(source="major.name", read_only=True, default=None)
    cohort_name = serializers.CharField(source="cohort.name", read_only=True, default=None)
    employer_on_platform = serializers.CharField(source="employer.name", read_only=True, default=None)
    can_edit = CanEditField()

    class Meta:
        model = GraduateOutcome
        fields = [
            "id", "institution", "institution_name", "student", "student_number", "full_name", "major", "major_name",
            "cohort", "cohort_name", "graduation_year", "status", "status_label", "employer", "employer_on_platform",
            "employer_name", "employer_credit_code", "work_city", "in_wuhan", "district", "district_label", "zone",
            "zone_label", "industry", "cluster_965", "fits_major", "salary_band", "salary_band_label", "source",
            "source_label", "reported_on", "confirmed", "can_edit",
        ]  # fmt: skip
        read_only_fields = ["student", "employer", "in_wuhan", "source", "confirmed"]
        extra_kwargs = {
            "reported_on": {"required": False, "validators": [bounds.PAST_RECORD]},
            "graduation_year": {"validators": [bounds.GRADUATION_YEAR]},
        }


class SelfReportSerializer(serializers.Serializer):
    graduation_year = serializers.IntegerField(validators=[bounds.GRADUATION_YEAR])
    status = serializers.ChoiceField(choices=OutcomeStatus.choices)
    employer_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    employer_credit_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    work_city = serializers.CharField(max_length=40, required=False, allow_blank=True)
    district = serializers.ChoiceField(
        choices=GraduateOutcome._meta.get_field("district").choices, required=False, allow_blank=True
    )
    zone = serializers.ChoiceField(
        choices=GraduateOutcome._meta.get_field("zone").choices, required=False, allow_blank=True
    )
    industry = serializers.CharField(max_length=60, required=False, allow_blank=True)
    fits_major = serializers.BooleanField(required=False, allow_null=True)
    salary_band = serializers.ChoiceField(
        choices=GraduateOutcome._meta.get_field("salary_band").choices, required=False, allow_blank=True
    )


class TalentRuleSerializer(serializers.ModelSerializer):
    label_text = serializers.SerializerMethodField()
    can_edit = CanEditField()

    class Meta:
        model = TalentRule
        fields = ["code", "label", "label_en", "label_text", "points", "order", "updated_at", "can_edit"]
        read_only_fields = ["code", "label", "label_en", "order", "updated_at"]
        extra_kwargs = {"points": {"min_value": -bounds.MAX_POINTS, "max_value": bounds.MAX_POINTS}}

    def get_label_text(self, rule) -> str:
        return rule.label_en if (get_language() or "").startswith("en") else rule.label
