"""Read queries of accounts: invitations, scoped to the people who may manage them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from accounts.models import Invitation


def invitations_visible_to(actor: Actor, queryset: QuerySet[Invitation] | None = None) -> QuerySet[Invitation]:
    """A school's admins see the invitations to their school, a vetted company's HR those to their company."""
    qs = queryset if queryset is not None else Invitation.objects.all()
    return qs.filter(Q(institution_id__in=actor.admin_school_ids) | Q(company_id__in=actor.hr_company_ids))
