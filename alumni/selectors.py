"""Who may see which graduate outcomes."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from alumni.models import GraduateOutcome


def outcomes_visible_to(actor: Actor, queryset: QuerySet[GraduateOutcome] | None = None) -> QuerySet[GraduateOutcome]:
    """The records themselves: school staff see their own school's; a graduate their own. City analysts read
    the report's figures (alumni.report, from the aggregates) but no one's record."""
    qs = queryset if queryset is not None else GraduateOutcome.objects.all()
    condition = Q(institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(student_id=actor.student_id)
    return qs.filter(condition)
