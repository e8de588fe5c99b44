"""Who may see which certificates and sessions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from certificates.models import AssessmentSession, StudentCertificate


def certificates_visible_to(actor: Actor, queryset: QuerySet[StudentCertificate] | None = None):
    """The student's own; their school's staff; companies the student applied to (to judge an application).
    City analysts read the certificate report's figures, never certificates or their scans."""
    qs = queryset if queryset is not None else StudentCertificate.objects.all()
    condition = Q(student__institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(student_id=actor.student_id)
    if actor.company_ids:
        condition |= Q(student__placements__slot__company_id__in=actor.company_ids)
    return qs.filter(condition).distinct()


def sessions_visible_to(actor: Actor, queryset: QuerySet[AssessmentSession] | None = None):
    """A school's sessions, for its staff and students (their registrations name students: not the analyst's)."""
    qs = queryset if queryset is not None else AssessmentSession.objects.all()
    schools = set(actor.school_ids)
    if actor.student_institution_id:
        schools.add(actor.student_institution_id)
    return qs.filter(base__host_institution_id__in=schools)
