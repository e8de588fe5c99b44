"""Each school's placement policy (SchoolPolicy). Every school has one from the day it is created (with the
defaults), so reading a policy never writes; its admins change it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from placements.models import SchoolPolicy
from placements.rules import RELAXABLE


def policy_create_default(*, institution) -> SchoolPolicy:
    """The new school's policy, with the defaults (called when a school is created; a no-op if it has one)."""
    policy, _created = SchoolPolicy.objects.get_or_create(institution=institution)
    return policy


@transaction.atomic
def policy_update(*, actor: Actor, policy: SchoolPolicy, **fields) -> SchoolPolicy:
    """A school admin changes their school's policy (who decides first, choices per term, the journal count and,
    for a school outside the internship regulation only, the checks it relaxes)."""
    if policy.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only the school's administrators change its placement policy."))
    policy = SchoolPolicy.objects.select_for_update().select_related("institution").get(pk=policy.pk)
    if policy.institution.under_regulation:
        # The regulation binds a 中职 / 高职 school: its checks are not the school's to relax (COMPLIANCE.md, Scope).
        refused = {
            switch: [_("Your school is under the internship regulation: this check cannot be relaxed.")]
            for switch in RELAXABLE.values()
            if fields.get(switch)
        }
        if refused:
            raise ValidationError(refused)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    return policy
