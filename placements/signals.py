"""Placements' part in creating a school: its placement policy exists from the start (with the defaults), so no
read has to create it."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from schools.models import Institution


@receiver(post_save, sender=Institution, dispatch_uid="placements_policy_for_new_school")
def school_created(sender, instance: Institution, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:  # not while loading fixtures: those carry their own rows
        from placements.services.policies import policy_create_default

        policy_create_default(institution=instance)
