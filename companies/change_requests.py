"""Changes to the facts a company was vetted on. While a company is still under review its HR edits them
directly; once a school has vetted it, a change of name, credit code, headcount or district is a request with
evidence that a school decides, and until then the old values hold (the rule-8 caps of live placements are
computed from the headcount).

Who decides: an administrator of a school that works with the company, that is a school linked to one of its
bases; a company no school has linked yet is decided by any school admin, as its vetting was."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.credit_code import normalize, validate_credit_code
from companies.models import Company, CompanyChangeRequest, CompanyMember, VettingStatus
from config.uploads import clean_upload
from core.errors import DomainError
from notices.messages import translatable
from notices.services import notice_send
from schools.models import Institution, Teacher

VETTED_FIELDS = CompanyChangeRequest.FIELDS
REQUEST_ENDPOINT = "/api/v1/company-change-requests/"


def deciding_schools(company: Company) -> QuerySet[Institution] | None:
    """The schools whose admins decide the company's requests; None when no school is linked (any admin)."""
    linked = Institution.objects.filter(partner_bases__company=company).distinct()
    return linked if linked.exists() else None


def may_decide(actor: Actor, company: Company) -> bool:
    if not actor.admin_school_ids:
        return False
    schools = deciding_schools(company)
    return schools is None or schools.filter(pk__in=actor.admin_school_ids).exists()


def company_update_check(*, company: Company, fields: dict) -> None:
    """A vetted company's HR cannot change the vetted facts by editing: refuse with a pointer to the request."""
    if company.vetting_status == VettingStatus.PENDING:
        return
    message = _(
        "The schools vetted the company on this value: ask for the change with evidence "
        "(POST %(endpoint)s); the current value holds until a school approves it."
    ) % {"endpoint": REQUEST_ENDPOINT}
    errors = {name: [message] for name in VETTED_FIELDS if name in fields and fields[name] != getattr(company, name)}
    if errors:
        raise ValidationError(errors)


def _clean_changes(company: Company, changes: dict) -> dict:
    out: dict = {}
    errors: dict[str, list] = {}
    name = (changes.get("name") or "").strip()
    if name and name != company.name:
        if Company.objects.filter(name=name).exclude(pk=company.pk).exists():
            errors["name"] = [_("A company with this name is already registered.")]
        out["name"] = name
    code = normalize(changes.get("credit_code") or "")
    if code and code != company.credit_code:
        try:
            validate_credit_code(code)
        except ValidationError as error:
            errors["credit_code"] = error.messages
        if Company.objects.filter(credit_code=code).exclude(pk=company.pk).exists():
            errors["credit_code"] = [_("A company with this credit code is already registered.")]
        out["credit_code"] = code
    headcount = changes.get("headcount")
    if headcount is not None and headcount != company.headcount:
        if headcount < 1:
            errors["headcount"] = [_("The headcount must be at least 1.")]
        out["headcount"] = headcount
    district = changes.get("district") or ""
    if district and district != company.district:
        out["district"] = district
    if errors:
        raise ValidationError(errors)
    if not out:
        raise ValidationError({"non_field_errors": [_("The request changes nothing: give at least one new value.")]})
    return out


def _admins_of(company: Company) -> QuerySet:
    schools = deciding_schools(company)
    admins = Teacher.objects.filter(role=Teacher.Role.ADMIN, archived_at__isnull=True)
    if schools is not None:
        admins = admins.filter(institution__in=schools)
    return admins.values_list("user_id", flat=True)


def change_request_submit(
    *, actor: Actor, company: Company, changes: dict, evidence, note: str = ""
) -> CompanyChangeRequest:
    """The company's HR asks to change vetted facts, with evidence (a PDF, JPEG or PNG checked by its content);
    the school admins who decide hear of it."""
    if company.pk not in actor.hr_company_ids:
        raise PermissionDenied(_("Only the company's HR asks for changes to it."))
    if company.vetting_status == VettingStatus.PENDING:
        raise DomainError(
            _("The company is still under review: correct its details directly."), code="company_under_review"
        )
    cleaned = _clean_changes(company, changes)
    clean = clean_upload(evidence, max_bytes=settings.PLACEMENT_UPLOAD_MAX_BYTES, field="evidence")
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=company.pk)  # one pending request at a time, in order
        if CompanyChangeRequest.objects.filter(company=company, status=CompanyChangeRequest.Status.PENDING).exists():
            raise DomainError(
                _("A change request of this company is already waiting for a decision."), code="request_pending"
            )
        request = CompanyChangeRequest(
            company=company,
            requested_by=actor.user,
            previous={name: getattr(company, name) for name in VETTED_FIELDS},
            note=(note or "").strip(),
            evidence_extension=clean.extension,
            evidence_content_type=clean.content_type,
            **cleaned,
        )
        request.evidence.save(f"evidence.{clean.extension}", clean.content, save=False)
        request.save()
        notice_send(
            recipients=_admins_of(company),
            kind="company_change_requested",
            params={"company": company.name},
            link="/companies/change-requests",
        )
    return request


def change_request_decide(
    *, actor: Actor, request: CompanyChangeRequest, approve: bool, reason: str = ""
) -> CompanyChangeRequest:
    """A school admin approves the request (the new values take effect at once) or rejects it with a reason;
    the company's HR hears of it."""
    reason = (reason or "").strip()
    with transaction.atomic():
        request = CompanyChangeRequest.objects.select_for_update().select_related("company").get(pk=request.pk)
        company = Company.objects.select_for_update().get(pk=request.company_id)
        if not may_decide(actor, company):
            raise PermissionDenied(_("Only an administrator of a school working with the company decides."))
        if not approve and not reason:
            raise ValidationError({"reason": [_("Give a reason; the company sees it.")]})
        if request.status != CompanyChangeRequest.Status.PENDING:
            raise DomainError(_("This request is already decided."), extra={"current_status": request.status})
        if approve:
            changes = request.changes()
            _clean_changes(company, changes)  # a name or code may have been taken since
            for name, value in changes.items():
                setattr(company, name, value)
            company.save(update_fields=list(changes))
        request.status = CompanyChangeRequest.Status.APPROVED if approve else CompanyChangeRequest.Status.REJECTED
        request.decided_by = actor.user
        request.decided_at = timezone.now()
        request.reason = reason[:500]
        request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        notice_send(
            recipients=CompanyMember.objects.filter(
                company=company, role=CompanyMember.Role.HR, archived_at__isnull=True
            ).values_list("user_id", flat=True),
            kind="company_change_decided",
            params={
                "company": company.name,
                "status": translatable(CompanyChangeRequest.Status(request.status).label),
                "reason": request.reason,
            },
            link=f"/companies/{company.pk}",
        )
    return request
