"""The query filters of the companies API's lists (numbers bounded to 64 bits by config.filters' backend)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from companies.models import Company, CompanyChangeRequest, CompanyMember, TrainingBase


class CompanyFilter(filters.FilterSet):
    class Meta:
        model = Company
        fields = ["district", "zone", "segment", "vetting_status"]


class CompanyMemberFilter(filters.FilterSet):
    class Meta:
        model = CompanyMember
        fields = ["company", "role"]


class BaseFilter(filters.FilterSet):
    job_cluster = filters.CharFilter(field_name="job_clusters__code")
    partner_brand = filters.CharFilter(field_name="partner_brand", lookup_expr="iexact")

    class Meta:
        model = TrainingBase
        fields = [
            "kind",
            "district",
            "zone",
            "company",
            "host_institution",
            "is_active",
            "job_cluster",
            "partner_brand",
        ]


class ChangeRequestFilter(filters.FilterSet):
    class Meta:
        model = CompanyChangeRequest
        fields = ["status", "company"]
