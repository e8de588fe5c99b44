"""A base's geofence: where it is and how far around it counts as at the base. Set by an admin of a school the
base works with (its cooperating schools, or the school hosting an on-campus base)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import TrainingBase
from fieldwork.models import BaseGeofence


def base_schools(base: TrainingBase) -> set[int]:
    schools = set(base.institutions.values_list("pk", flat=True))
    if base.host_institution_id:
        schools.add(base.host_institution_id)
    return schools


def can_set_geofence(actor: Actor, base: TrainingBase) -> bool:
    return bool(base_schools(base) & actor.admin_school_ids)


@transaction.atomic
def geofence_set(
    *, actor: Actor, base: TrainingBase, latitude: Decimal, longitude: Decimal, radius_m: int, is_demo: bool = False
) -> BaseGeofence:
    if not can_set_geofence(actor, base):
        raise PermissionDenied(_("Only an administrator of a school the base works with sets its location."))
    fence = BaseGeofence.objects.select_for_update().filter(base=base).first() or BaseGeofence(base=base)
    fence.latitude, fence.longitude, fence.radius_m = latitude, longitude, radius_m
    fence.set_by = actor.user
    fence.is_demo = is_demo
    fence.full_clean()
    fence.save()
    return fence
