"""Which schools a training base serves. It is each school's decision, never the company's: a school admin adds
or removes their own school, and slot notices at the base reach only the students of the schools linked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import TrainingBase
from core.errors import DomainError
from schools.models import Institution


def base_link_require_admin(*, actor: Actor) -> None:
    """Only school admins link schools to bases (asked before the body is read: others get a 403, not a 400)."""
    if not actor.admin_school_ids:
        raise PermissionDenied(_("Only an administrator of the school decides which bases it works with."))


@transaction.atomic
def base_link_school(*, actor: Actor, base: TrainingBase, institution: Institution, linked: bool) -> TrainingBase:
    """A school admin links their school to an off-campus base (its students then hear of the base's slots), or
    ends the link. Each school only its own link."""
    if institution.pk not in actor.admin_school_ids:
        raise PermissionDenied(_("Only an administrator of the school decides which bases it works with."))
    base = TrainingBase.objects.select_for_update().get(pk=base.pk)
    if base.kind != TrainingBase.Kind.OFF_CAMPUS:
        raise DomainError(_("An on-campus base serves its host school."), code="on_campus_base")
    is_linked = base.institutions.filter(pk=institution.pk).exists()
    if is_linked == linked:
        message = _("Your school already works with this base.") if linked else _("Your school is not linked.")
        raise DomainError(message, code="already_linked" if linked else "not_linked")
    if linked:
        base.institutions.add(institution)
    else:
        base.institutions.remove(institution)
    return base
