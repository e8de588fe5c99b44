"""The query filters of the accounts API's lists."""

from __future__ import annotations

from django_filters import rest_framework as filters

from accounts.models import Invitation


class InvitationFilter(filters.FilterSet):
    open = filters.BooleanFilter(method="filter_open", label="pending or expired (not accepted, not revoked)")

    class Meta:
        model = Invitation
        fields = ["institution", "company", "status"]

    def filter_open(self, queryset, name, value):
        open_statuses = [Invitation.Status.PENDING, Invitation.Status.EXPIRED]
        return queryset.filter(status__in=open_statuses) if value else queryset.exclude(status__in=open_statuses)
