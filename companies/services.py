"""Operations that change companies, their staff and training bases."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from accounts.actor import Actor
from companies.models import Company, CompanyMember, VettingStatus
from config.api import DomainError
from notices.messages import translatable
from notices.services import notice_send
from schools.services import staff_user_get_or_create


@transaction.atomic
def company_register(*, actor: Actor, user, **fields) -> Company:
    """Someone registers a company: it starts pending review. The person registering becomes its HR unless
    they are a school admin entering it for a partner."""
    if actor.is_student:
        raise PermissionDenied(_("Students cannot register companies."))
    company = Company(vetting_status=VettingStatus.PENDING, **fields)
    company.full_clean()
    company.save()
    if not actor.is_school_admin:
        CompanyMember.objects.create(company=company, user=user, role=CompanyMember.Role.HR)
    return company


@transaction.atomic
def company_vet(*, actor: Actor, user, company: Company, status: str) -> Company:
    """A school admin approves, suspends or returns a company to review. Only approved companies post slots."""
    if not actor.is_school_admin:
        raise PermissionDenied(_("Only school administrators vet companies."))
    if status not in VettingStatus.values:
        raise DomainError(_("Unknown vetting status."), code="invalid_status")
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.vetting_status == status:
        raise DomainError(
            _("The company is already in this state."),
            extra={"current_status": company.vetting_status},
        )
    company.vetting_status = status
    company.vetted_by = user
    company.vetted_at = timezone.now()
    company.save(update_fields=["vetting_status", "vetted_by", "vetted_at"])
    notice_send(
        recipients=company.members.values_list("user_id", flat=True),
        kind="company_vetted",
        params={"company": company.name, "status": translatable(VettingStatus(company.vetting_status).label)},
        link=f"/companies/{company.pk}",
    )
    return company


@transaction.atomic
def company_member_add(*, company: Company, email: str, full_name: str, role: str, title: str = "") -> CompanyMember:
    """Company HR adds a colleague by e-mail; a new person gets an invitation to set a password."""
    from django.core.exceptions import ValidationError

    user, _created = staff_user_get_or_create(email=email, full_name=full_name)
    if CompanyMember.objects.filter(company=company, user=user).exists():
        raise ValidationError({"email": [_("This person is already a member of the company.")]})
    return CompanyMember.objects.create(company=company, user=user, role=role, title=title)
