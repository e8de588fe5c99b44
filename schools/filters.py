"""The query filters of the schools API's lists (numbers bounded to 64 bits by config.filters' backend)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher


class InstitutionFilter(filters.FilterSet):
    class Meta:
        model = Institution
        fields = ["kind", "district"]


class SpecialtyGroupFilter(filters.FilterSet):
    class Meta:
        model = SpecialtyGroup
        fields = ["institution"]


class MajorFilter(filters.FilterSet):
    class Meta:
        model = Major
        fields = ["institution", "specialty_group", "category"]


class CohortFilter(filters.FilterSet):
    class Meta:
        model = Cohort
        fields = ["major", "entry_year", "major__institution"]


class TeacherFilter(filters.FilterSet):
    class Meta:
        model = Teacher
        fields = ["institution", "role"]


class StudentFilter(filters.FilterSet):
    major = filters.NumberFilter(field_name="cohort__major")
    activated = filters.BooleanFilter(field_name="user", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Student
        fields = ["institution", "cohort", "entry_year", "advisor", "major", "activated"]
