"""What the certificate report answers, as serializers for the OpenAPI schema (the view builds plain dicts)."""

from __future__ import annotations

from rest_framework import serializers

from config.serializers import KeyField


class CertificateReportRowSerializer(serializers.Serializer):
    key = KeyField()
    name = serializers.CharField()
    certificates = serializers.IntegerField(help_text="Verified certificates.")
    holders = serializers.IntegerField(help_text="Distinct students holding one.")
    sat = serializers.IntegerField(help_text="Assessments sat (absences not counted).")
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True, help_text="0..1; null when nobody sat.")


class CertificateReportSerializer(serializers.Serializer):
    group_by = serializers.CharField()
    rows = CertificateReportRowSerializer(many=True)
