"""The placement lists' filters (slots, placements, journals): the query parameters each list accepts, so a bad
value is a 400 and every parameter appears in the API schema."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from accounts.actor import actor_for
from placements.choices import ApprovalOrder, PlacementStatus
from placements.models import BreachReport, Journal, MatchRound, Placement, SchoolPolicy, Slot
from placements.selectors import slots_eligible_for
from schools.models import Student


class SlotFilter(filters.FilterSet):
    district = filters.CharFilter(field_name="base__district")
    zone = filters.CharFilter(field_name="base__zone")
    job_cluster = filters.CharFilter(field_name="job_cluster__code")
    major = filters.NumberFilter(field_name="majors")
    eligible = filters.BooleanFilter(method="filter_eligible", label=_("eligible for me"))

    class Meta:
        model = Slot
        fields = ["status", "kind", "company", "base", "term", "district", "zone", "job_cluster", "major"]

    def filter_eligible(self, queryset, name, value):
        actor = actor_for(self.request.user)
        if not value or not actor.student_id:
            return queryset
        student = Student.objects.select_related("cohort__major").get(pk=actor.student_id)
        # What the student can apply to today: eligible, and its application deadline not yet passed.
        return slots_eligible_for(student, queryset.exclude(application_deadline__lt=timezone.localdate()))


def awaiting_decision(party: str) -> Q:
    """Placements waiting for `party` ("school" or "company") to decide, by the approval order of the student's
    school (transitions.TABLE): teacher first, the school decides `pending` and the company `approved`; company
    first, the company decides `pending` and the school `accepted`. A school without saved settings decides first."""
    company_first = Q(
        student__institution_id__in=SchoolPolicy.objects.filter(approval_order=ApprovalOrder.COMPANY_FIRST).values(
            "institution_id"
        )
    )
    if party == "school":
        return (Q(status=PlacementStatus.PENDING) & ~company_first) | (
            Q(status=PlacementStatus.ACCEPTED) & company_first
        )
    return (Q(status=PlacementStatus.APPROVED) & ~company_first) | (Q(status=PlacementStatus.PENDING) & company_first)


class PlacementFilter(filters.FilterSet):
    company = filters.NumberFilter(field_name="slot__company")
    status = filters.MultipleChoiceFilter(choices=PlacementStatus.choices)
    cohort = filters.NumberFilter(field_name="student__cohort")
    advisor = filters.NumberFilter(field_name="student__advisor")
    mine = filters.BooleanFilter(method="filter_mine", label=_("my advisees"))
    mentored = filters.BooleanFilter(method="filter_mentored", label=_("my interns (I am their company mentor)"))
    awaiting = filters.ChoiceFilter(
        choices=[("school", _("the school")), ("company", _("the company"))],
        method="filter_awaiting",
        label=_("awaiting the decision of"),
    )

    class Meta:
        model = Placement
        fields = ["status", "slot", "student", "term", "company", "cohort", "advisor"]

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(student__advisor__user=self.request.user)

    def filter_mentored(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(mentor__user=self.request.user, mentor__archived_at__isnull=True)

    def filter_awaiting(self, queryset, name, value):
        return queryset.filter(awaiting_decision(value)) if value else queryset


class JournalFilter(filters.FilterSet):
    commented = filters.BooleanFilter(field_name="commented_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Journal
        fields = ["placement", "commented"]


class BreachReportFilter(filters.FilterSet):
    class Meta:
        model = BreachReport
        fields = ["status", "kind", "company"]


class MatchRoundFilter(filters.FilterSet):
    class Meta:
        model = MatchRound
        fields = ["status", "institution"]
