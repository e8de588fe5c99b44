"""Each school's placement policy (SchoolPolicy). Every school has one from the day it is created (with the
defaults), so reading a policy never writes; its admins change it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from placements.models import SchoolPolicy


def policy_create_default(*, institution) -> SchoolPolicy:
    """The new school's policy, with the defaults (called when a school is created; a no-op if it has one)."""
    policy, _created = SchoolPolicy.objects.get_or_create(institution=institution)
    return policy


@transaction.atomic
def policy_update(*, actor: Actor, policy: SchoolPolicy, **fields) -> SchoolPolicy:
    """A school admin changes their school's policy (who decides first, choices per term, the journal count)."""
    if policy.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only the school's administrators change its placement policy."))
    policy = SchoolPolicy.objects.select_for_update().get(pk=policy.pk)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    return policy
