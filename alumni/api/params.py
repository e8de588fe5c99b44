"""The query parameters of the Stay-in-Wuhan report, the conversion figures and the talent points that are not
filters, declared: validated (a translated 400 in the one error shape) and documented in the OpenAPI schema.

The filters (years, school, major, class, employer, district, zone, industry, confirmed only) are a FilterSet,
alumni.filters.StayFilter, applied to the outcomes or rollups the report reads. What stays here chooses the answer,
not the rows, so a FilterSet has nothing to apply it to:
- `by` picks the breakdown's grouping (and with it the rollup read), `table` which table a download holds, and
  `format` JSON or a file;
- the talent points' `year` is the year the board is for, counted over placements, mentors, breach reports and
  hires alike (alumni.points), with a default (this year) that a filter, which only narrows rows, cannot have.
The views validate these and the FilterSet in one go (config.filters.read_query), so a request
with both kinds of bad value names every bad field in one 400."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from alumni import report
from config.params import YearField

FORMATS = ["json", "xlsx", "csv"]


class ReportParams(serializers.Serializer):
    by = serializers.ChoiceField(choices=list(report.BREAKDOWNS), default="institution")
    table = serializers.ChoiceField(choices=["breakdown", "trend", "flow"], default="breakdown")
    format = serializers.ChoiceField(choices=FORMATS, default="json")


class ConversionParams(serializers.Serializer):
    table = serializers.ChoiceField(choices=["companies", "bases"], default="companies")
    format = serializers.ChoiceField(choices=FORMATS, default="json")


class TalentPointsParams(serializers.Serializer):
    year = YearField(past=30, future=1, required=False, allow_null=True, help_text=_("default: this year"))
    format = serializers.ChoiceField(choices=FORMATS, default="json")
