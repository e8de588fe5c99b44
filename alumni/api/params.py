"""The query parameters of the Stay-in-Wuhan report, the conversion figures and the talent points, declared:
validated (ids and years bounded) and documented in the OpenAPI schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from alumni import report
from config.params import IdParam, YearField

FORMATS = ["json", "xlsx", "csv"]


class ReportFilters(serializers.Serializer):
    """The filters of report.apply_filters; they compose."""

    year = serializers.ListField(
        child=YearField(), required=False, max_length=100, help_text=_("graduation year (repeatable)")
    )
    institution = IdParam()
    major = IdParam()
    cohort = IdParam()
    employer = IdParam()
    district = serializers.CharField(required=False, allow_blank=True, max_length=16)
    zone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    industry = serializers.CharField(required=False, allow_blank=True, max_length=60)
    confirmed_only = serializers.BooleanField(required=False, default=False)
    format = serializers.ChoiceField(choices=FORMATS, default="json")


class ReportParams(ReportFilters):
    by = serializers.ChoiceField(choices=list(report.BREAKDOWNS), default="institution")
    table = serializers.ChoiceField(choices=["breakdown", "trend", "flow"], default="breakdown")


class ConversionParams(ReportFilters):
    table = serializers.ChoiceField(choices=["companies", "bases"], default="companies")


class TalentPointsParams(serializers.Serializer):
    year = YearField(past=30, future=1, required=False, allow_null=True, help_text=_("default: this year"))
    format = serializers.ChoiceField(choices=FORMATS, default="json")
