"""The query filters of the alumni API: the list of outcomes (numbers bounded to 64 bits by config.filters' backend)
and the Stay-in-Wuhan report's filters, which the conversion figures share (StayFilter).

StayFilter is applied to whatever the report reads (alumni.report.apply_filters): the raw outcomes, or the
rollup the report picks for the filtered and grouped dimensions (alumni.rollups.table_for), whose key columns
carry the outcome's field names. So every filter names a column both have, and `confirmed_only` applies to the
raw outcomes only (a rollup counts confirmed outcomes alone). The report views read it with
config.filters.read_filters (a bad value is a translated 400 in the one error shape) and list it in the schema
with config.filters.filterset_parameters. The parameters that choose the answer rather than the rows (`by`,
`table`, `format`, and the talent points' `year`) stay a serializer: alumni/api/params.py says why."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from alumni.models import GraduateOutcome
from config.filters import BooleanParamFilter, IdFilter, YearsFilter


class OutcomeFilter(filters.FilterSet):
    class Meta:
        model = GraduateOutcome
        fields = ["graduation_year", "institution", "status", "confirmed", "in_wuhan", "district", "employer", "cohort"]


class StayFilter(filters.FilterSet):
    """The report's filters; they compose."""

    year = YearsFilter(field_name="graduation_year", help_text=_("graduation year (repeatable)"))
    institution = IdFilter(field_name="institution_id")
    major = IdFilter(field_name="major_id")
    cohort = IdFilter(field_name="cohort_id")
    employer = IdFilter(field_name="employer_id")
    district = filters.CharFilter(max_length=16)
    zone = filters.CharFilter(max_length=20)
    industry = filters.CharFilter(max_length=60)
    confirmed_only = BooleanParamFilter(method="filter_confirmed_only", initial=False)

    class Meta:
        model = GraduateOutcome
        fields: list[str] = []

    def filter_confirmed_only(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if value and queryset.model is GraduateOutcome:  # the rollups count confirmed outcomes only
            return queryset.filter(confirmed=True)
        return queryset
