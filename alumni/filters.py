"""The query filters of the alumni API's list of outcomes (numbers bounded to 64 bits by config.filters' backend).
The reports' parameters (Stay-in-Wuhan, conversion, talent points) are serializers (alumni/api/params.py), as
the certificate report's are: they are not lists of records, and they also choose the breakdown, the table and
the download format; declared there, they are validated (a translated 400 in the one error shape) and listed in
the OpenAPI schema."""

from __future__ import annotations

from django_filters import rest_framework as filters

from alumni.models import GraduateOutcome


class OutcomeFilter(filters.FilterSet):
    class Meta:
        model = GraduateOutcome
        fields = ["graduation_year", "institution", "status", "confirmed", "in_wuhan", "district", "employer", "cohort"]
