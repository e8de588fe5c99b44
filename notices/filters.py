"""The query filters of the notices API."""

from __future__ import annotations

from django_filters import rest_framework as filters

from notices.models import Notice


class NoticeFilter(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="unread")

    class Meta:
        model = Notice
        fields = ["unread"]
