"""Operations that change companies, their staff and training bases."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from accounts.models import Invitation
from accounts.services import invitation_create
from companies.models import Company, CompanyMember, VettingStatus
from core.errors import DomainError
from notices.messages import translatable
from notices.services import notice_send


@transaction.atomic
def company_register(*, actor: Actor, **fields) -> Company:
    """Someone registers a company: it starts pending review. The person registering becomes its HR unless
    they are a school admin entering it for a partner. A self-registered account must first confirm its
    e-mail address, so the school vetting the company has a contact that is known to be real."""
    if actor.is_student:
        raise PermissionDenied(_("Students cannot register companies."))
    if not actor.is_school_admin and not _has_verified_email(actor.user):
        raise DomainError(_("Confirm your e-mail address before registering a company."), code="email_unverified")
    company = Company(vetting_status=VettingStatus.PENDING, **fields)
    company.full_clean()
    company.save()
    if not actor.is_school_admin:
        CompanyMember.objects.create(company=company, user=actor.user, role=CompanyMember.Role.HR)
    return company


def company_require_vetter(*, actor: Actor) -> None:
    """Only school admins vet companies (the view asks before it reads the body, so others get a 403, not a 400)."""
    if not actor.is_school_admin:
        raise PermissionDenied(_("Only school administrators vet companies."))


@transaction.atomic
def company_vet(*, actor: Actor, company: Company, status: str) -> Company:
    """A school admin approves, suspends or returns a company to review. Only approved companies post slots."""
    company_require_vetter(actor=actor)
    if status not in VettingStatus.values:
        raise DomainError(_("Unknown vetting status."), code="invalid_status")
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.vetting_status == status:
        raise DomainError(
            _("The company is already in this state."),
            extra={"current_status": company.vetting_status},
        )
    company.vetting_status = status
    company.vetted_by = actor.user
    company.vetted_at = timezone.now()
    company.save(update_fields=["vetting_status", "vetted_by", "vetted_at"])
    notice_send(
        recipients=company.members.values_list("user_id", flat=True),
        kind="company_vetted",
        params={"company": company.name, "status": translatable(VettingStatus(company.vetting_status).label)},
        link=f"/companies/{company.pk}",
    )
    return company


def _has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def company_member_invite(
    *, actor: Actor, company: Company, email: str, full_name: str, role: str, title: str = ""
) -> Invitation:
    """Company HR invites a colleague by e-mail. They join only when they accept (accounts.services); until then
    the company sees the address and the name HR typed, nothing of any account."""
    return invitation_create(actor=actor, company=company, email=email, full_name=full_name, role=role, title=title)
