"""A school's fieldwork settings (FieldworkPolicy): read by its staff and students, changed by its admins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from fieldwork.models import FieldworkPolicy

EDITABLE = ("checkin_enabled", "missing_days_alert", "leave_order", "visits_per_term", "incident_response_hours")


@transaction.atomic
def fieldwork_policy_update(*, actor: Actor, institution_id: int, **fields) -> FieldworkPolicy:
    """A school admin changes their school's settings; the row is made on the first change (until then the
    school has the defaults)."""
    if institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only the school's administrators change its fieldwork settings."))
    policy, _created = FieldworkPolicy.objects.select_for_update().get_or_create(institution_id=institution_id)
    for name, value in fields.items():
        if name in EDITABLE:
            setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    return policy
