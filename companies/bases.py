"""Training bases: who creates and changes them, and which schools a base serves.

An on-campus base belongs to its host school (its admins manage it, co-built with a partner brand); an off-campus
base belongs to its company (its HR manages it, once a school has vetted the company). The kind of a base never
changes. Which schools an off-campus base serves is each school's decision, never the company's: a school admin
adds or removes their own school, and slot notices at the base reach only the students of the schools linked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.inspections import latest_inspection
from companies.models import SiteInspection, TrainingBase
from companies.selectors import base_is_owned_by
from companies.vetting import company_require_vetted
from core.errors import DomainError
from placements.rules import cite
from schools.choices import Province
from schools.models import Institution

MANY_TO_MANY = ("job_clusters",)


def _check(*, actor: Actor, base: TrainingBase | None, fields: dict[str, Any]) -> None:
    """The ownership and consistency rules of a base as it would be after `fields` are applied to `base` (None:
    a new base). All field errors at once, as a ValidationError; a company still under review is a DomainError."""

    def current(name: str):
        return fields.get(name, getattr(base, name, None) if base is not None else None)

    kind = current("kind")
    errors: dict[str, list] = {}
    if base is not None and "kind" in fields and fields["kind"] != base.kind:
        errors["kind"] = [_("The kind of a base cannot change; create a new base instead.")]
    if kind == TrainingBase.Kind.ON_CAMPUS:
        host = current("host_institution")
        if host is None:
            errors["host_institution"] = [_("An on-campus base needs its host school.")]
        elif host.pk not in actor.admin_school_ids:
            errors["host_institution"] = [_("You can only manage bases of a school you administer.")]
        if not current("partner_brand"):
            errors["partner_brand"] = [_("Name the brand the base is co-built with.")]
        if current("company") is not None:
            errors["company"] = [_("An on-campus base belongs to a school, not a company.")]
    elif kind == TrainingBase.Kind.OFF_CAMPUS:
        company = current("company")
        if company is None:
            errors["company"] = [_("An off-campus base needs its company.")]
        else:
            company_require_vetted(actor=actor, company_id=company.pk)
            if company.pk not in actor.hr_company_ids:
                errors["company"] = [_("You can only manage bases of your own company.")]
        if current("host_institution") is not None:
            errors["host_institution"] = [_("An off-campus base belongs to a company, not a school.")]
    start, end = current("agreement_start"), current("agreement_end")
    if start and end and end < start:
        errors["agreement_end"] = [_("The agreement cannot end before it starts.")]
    touches_location = base is None or "district" in fields or "zone" in fields or "province" in fields
    # Wuhan's districts and zones: a base outside Hubei (a cross-province placement) names its province instead.
    in_hubei = (current("province") or Province.HUBEI) == Province.HUBEI
    if (
        kind == TrainingBase.Kind.OFF_CAMPUS
        and touches_location
        and in_hubei
        and not current("district")
        and not current("zone")
    ):
        errors["district"] = [_("Give the district or the functional zone (or both).")]
    if errors:
        raise ValidationError(errors)


def _set_many(base: TrainingBase, fields: dict[str, Any]) -> None:
    for name in MANY_TO_MANY:
        if name in fields:
            getattr(base, name).set(fields[name])


@transaction.atomic
def base_create(*, actor: Actor, **fields: Any) -> TrainingBase:
    """A school admin adds an on-campus base for a school they administer, or a vetted company's HR an
    off-campus base for their company. `fields` are the base's fields (job_clusters a list of clusters)."""
    if not (actor.is_school_admin or actor.hr_company_ids or actor.pending_hr_company_ids):
        raise PermissionDenied(_("Your role cannot add records here."))
    _check(actor=actor, base=None, fields=fields)
    base = TrainingBase.objects.create(**{k: v for k, v in fields.items() if k not in MANY_TO_MANY})
    _set_many(base, fields)
    return base


@transaction.atomic
def base_update(*, actor: Actor, base: TrainingBase, **changes: Any) -> TrainingBase:
    """The base's owner changes it (the host school's admins, or its company's HR); the kind and the owner's
    side stay as the rules allow. The row is locked while the rules are checked against its current values."""
    base = TrainingBase.objects.select_for_update().get(pk=base.pk)
    if not base_is_owned_by(base, actor):
        raise PermissionDenied(_("You may read this record but not change it."))
    _check(actor=actor, base=base, fields=changes)
    for name, value in changes.items():
        if name not in MANY_TO_MANY:
            setattr(base, name, value)
    if any(name not in MANY_TO_MANY for name in changes):
        base.save(update_fields=[name for name in changes if name not in MANY_TO_MANY])
    _set_many(base, changes)
    return base


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
        # Rule 14: the school assesses the company on site, with a written report, before it joins the list.
        assessed = latest_inspection(base, institution_id=institution.pk)
        if assessed is None or assessed.outcome != SiteInspection.Outcome.PASSED:
            raise DomainError(
                cite(
                    "inspection",
                    _("your school records a passing on-site inspection of the base, with its report, first."),
                ),
                code="inspection_missing",
            )
        # The school's list decides which companies' bases serve it (companies.listing).
        from companies.listing import require_listed

        require_listed(institution_id=institution.pk, company_id=base.company_id)
        base.institutions.add(institution)
    else:
        base.institutions.remove(institution)
    return base
