"""The query filters of the certificates API's lists (numbers bounded to 64 bits by config.filters' backend).
The report's parameters are a serializer (certificates/api/params.py): it is not a list of records."""

from __future__ import annotations

from django_filters import rest_framework as filters

from certificates.models import AssessmentSession, CertificateProgram, StudentCertificate


class ProgramFilter(filters.FilterSet):
    class Meta:
        model = CertificateProgram
        fields = ["kind"]


class CertificateFilter(filters.FilterSet):
    class Meta:
        model = StudentCertificate
        fields = ["status", "student", "program", "level", "source"]


class SessionFilter(filters.FilterSet):
    class Meta:
        model = AssessmentSession
        fields = ["program", "level", "status", "base"]
