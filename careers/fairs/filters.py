"""The recruitment fairs' list filters (careers/api/fairs.py's views declare them; the schema lists them)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from careers.fairs.models import Booth, BoothStatus, Fair, FairRegistration, FairStatus
from careers.fairs.selectors import in_status
from config.filters import BooleanParamFilter, IdFilter


class FairFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=FairStatus.choices, method="filter_status", label="Status (an open fair that has ended is closed)"
    )
    mine = BooleanParamFilter(method="filter_mine", label="Fairs I organise, registered for or have a booth at")

    class Meta:
        model = Fair
        fields = ["status"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(in_status(value)) if value else queryset

    def filter_mine(self, queryset, name, value):
        from accounts.actor import actor_for
        from careers.fairs.selectors import organised_by

        if not value or self.request is None:
            return queryset
        actor = actor_for(self.request.user)
        condition = organised_by(actor) | Q(booths__company_id__in=actor.company_ids)
        if actor.student_id:
            condition |= Q(registrations__student_id=actor.student_id, registrations__cancelled_at__isnull=True)
        return queryset.filter(condition).distinct()


class BoothFilter(django_filters.FilterSet):
    fair = IdFilter(field_name="fair_id")
    status = django_filters.ChoiceFilter(choices=BoothStatus.choices)

    class Meta:
        model = Booth
        fields = ["fair", "status"]


class RegistrationFilter(django_filters.FilterSet):
    fair = IdFilter(field_name="fair_id")
    checked_in = BooleanParamFilter(
        field_name="checked_in_at", lookup_expr="isnull", exclude=True, label="Checked in (false: registered, not come)"
    )
    cancelled = BooleanParamFilter(
        field_name="cancelled_at", lookup_expr="isnull", exclude=True, label="Cancelled by the student"
    )

    class Meta:
        model = FairRegistration
        fields = ["fair"]
