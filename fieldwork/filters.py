from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from accounts.actor import actor_for
from fieldwork.models import CheckIn, FieldWork, FieldWorkStatus, LeaveRequest, LeaveStatus
from fieldwork.selectors import field_work_to_confirm, leave_to_decide


class LeaveRequestFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=LeaveStatus.choices)
    to_decide = filters.BooleanFilter(method="filter_to_decide", label=_("waiting for me"))

    class Meta:
        model = LeaveRequest
        fields = ["status", "placement"]

    def filter_to_decide(self, queryset, name, value):
        if value is None:
            return queryset
        mine = leave_to_decide(actor_for(self.request.user), queryset)
        return mine if value else queryset.exclude(pk__in=mine.values("pk"))


class FieldWorkFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=FieldWorkStatus.choices)
    to_decide = filters.BooleanFilter(method="filter_to_decide", label=_("waiting for me"))

    class Meta:
        model = FieldWork
        fields = ["status", "placement"]

    def filter_to_decide(self, queryset, name, value):
        if value is None:
            return queryset
        mine = field_work_to_confirm(actor_for(self.request.user), queryset)
        return mine if value else queryset.exclude(pk__in=mine.values("pk"))


class CheckInFilter(filters.FilterSet):
    day_from = filters.DateFilter(field_name="day", lookup_expr="gte")
    day_to = filters.DateFilter(field_name="day", lookup_expr="lte")

    class Meta:
        model = CheckIn
        fields = ["placement"]
