"""The list filters of the careers pages (the to-do counts run the same ones)."""

from __future__ import annotations

import django_filters

from careers.models import InterviewStatus, Job, JobApplication, JobStatus, Stage
from config.filters import BooleanParamFilter, IdFilter
from schools.choices import District, Zone


class JobFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=JobStatus.choices)
    district = django_filters.ChoiceFilter(choices=District.choices)
    zone = django_filters.ChoiceFilter(choices=Zone.choices)
    company = IdFilter(field_name="company_id")
    mine = BooleanParamFilter(method="filter_mine", label="Jobs of my own company")

    class Meta:
        model = Job
        fields = ["status", "district", "zone", "company"]

    def filter_mine(self, queryset, name, value):
        from accounts.actor import actor_for

        if value is None or self.request is None:
            return queryset
        ids = actor_for(self.request.user).company_ids
        return queryset.filter(company_id__in=ids) if value else queryset.exclude(company_id__in=ids)


class ApplicationFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices)
    job = IdFilter(field_name="job_id")
    interview = django_filters.ChoiceFilter(
        choices=InterviewStatus.choices, method="filter_interview", label="With an interview in this status"
    )

    class Meta:
        model = JobApplication
        fields = ["stage", "job"]

    def filter_interview(self, queryset, name, value):
        return queryset.filter(interviews__status=value).distinct() if value else queryset
