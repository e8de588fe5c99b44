"""Read queries of the schools directory, scoped to what a viewer may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from schools.models import Cohort, Student, Teacher


def students_visible_to(actor: Actor, queryset: QuerySet[Student] | None = None) -> QuerySet[Student]:
    """School staff see their school's students; a student sees their own record. City analysts see none: their
    role is for aggregate figures, never personal records."""
    qs = queryset if queryset is not None else Student.objects.all()
    condition = Q(institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(pk=actor.student_id)
    return qs.filter(condition)


def cohorts_visible_to(actor: Actor, queryset: QuerySet[Cohort] | None = None) -> QuerySet[Cohort]:
    qs = queryset if queryset is not None else Cohort.objects.all()
    condition = Q(major__institution_id__in=actor.school_ids)
    if actor.student_cohort_id:
        condition |= Q(pk=actor.student_cohort_id)
    return qs.filter(condition)


def teachers_visible_to(actor: Actor, queryset: QuerySet[Teacher] | None = None) -> QuerySet[Teacher]:
    """School staff see their colleagues; a student sees their advisor (analysts: none, see students)."""
    qs = queryset if queryset is not None else Teacher.objects.all()
    condition = Q(institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(advisees__pk=actor.student_id)
    return qs.filter(condition).distinct()
