"""What the certificate report answers, as serializers for the OpenAPI schema (the view builds plain dicts)."""

from __future__ import annotations

from rest_framework import serializers

from certificates.models import Registration
from config.serializers import KeyField

REPORT_GROUPS = ("program", "level", "major", "cohort")


class CertificateReportRowSerializer(serializers.Serializer):
    key = KeyField()
    name = serializers.CharField()
    certificates = serializers.IntegerField(help_text="Verified certificates.")
    holders = serializers.IntegerField(help_text="Distinct students holding one.")
    sat = serializers.IntegerField(help_text="Assessments sat (absences not counted).")
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True, help_text="0..1; null when nobody sat.")


class CertificateReportSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=REPORT_GROUPS)
    rows = CertificateReportRowSerializer(many=True)


class MyRegistrationSerializer(serializers.Serializer):
    """The signed-in student's registration for a session (null when they have none)."""

    id = serializers.IntegerField()
    result = serializers.ChoiceField(choices=Registration.Result.choices)
    score = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
