"""The school's list of placement companies (实习单位名单): each school decides its own, after its on-site
assessment of the company with a written report (rule 14), and publishes it to its students and staff.

Which off-campus bases serve a school follows from the list: putting a company on it links the base the school
assessed; a base of a company on the list can be linked after its own passing inspection
(companies.bases.base_link_school); taking the company off the list unlinks all its bases from that school, and no
other school's list or links change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import Company, ListedCompany, SiteInspection, TrainingBase, VettingStatus
from core.errors import DomainError
from placements.rules import cite
from schools.models import Institution


def listings_visible_to(actor: Actor, queryset: QuerySet[ListedCompany] | None = None) -> QuerySet[ListedCompany]:
    """Published to everyone at the school: its students, teachers and admins read their school's list (current
    and removed entries); nobody reads another school's."""
    qs = queryset if queryset is not None else ListedCompany.objects.all()
    schools = set(actor.school_ids)
    if actor.student_institution_id:
        schools.add(actor.student_institution_id)
    return qs.filter(institution_id__in=schools)


def is_listed(*, institution_id: int, company_id: int) -> bool:
    return ListedCompany.objects.filter(
        institution_id=institution_id, company_id=company_id, removed_at__isnull=True
    ).exists()


def delisted(*, institution_id: int, company_id: int) -> ListedCompany | None:
    """The school's latest decision taking the company off its list, unless the company is back on it: its
    students then apply to and start nothing new there (placements.services.lifecycle). A company the school never
    listed is not delisted (a self-arranged placement's company, approved by the school, usually is not listed)."""
    if is_listed(institution_id=institution_id, company_id=company_id):
        return None
    return (
        ListedCompany.objects.filter(institution_id=institution_id, company_id=company_id, removed_at__isnull=False)
        .order_by("-removed_at", "-id")
        .first()
    )


def delisted_error(*, institution, company) -> DomainError | None:
    """The 409 company_delisted citing the school's list when the school took the company off it, else None."""
    removal = delisted(institution_id=institution.pk, company_id=company.pk)
    if removal is None:
        return None
    from placements.rules import school_rules

    text = _("your school took %(company)s off its list of placement companies on %(date)s (%(reason)s).") % {
        "company": company.name,
        "date": timezone.localtime(removal.removed_at).date().isoformat(),
        "reason": removal.removal_reason,
    }
    return DomainError(
        school_rules(institution).cite("company_list", text),
        code="company_delisted",
        extra={"company": company.pk},
    )


def refuse_if_delisted(*, institution, company) -> None:
    """Raise `delisted_error` when there is one."""
    error = delisted_error(institution=institution, company=company)
    if error is not None:
        raise error


def delisted_annotation(*, institution: str, company: str) -> ExpressionWrapper:
    """Whether the school at `institution` took the company at `company` (both outer references) off its list, as
    `delisted` says, for a queryset's annotate: one subquery a row, never a query a row."""
    rows = ListedCompany.objects.filter(institution_id=OuterRef(institution), company_id=OuterRef(company))
    return ExpressionWrapper(
        Exists(rows.filter(removed_at__isnull=False)) & ~Exists(rows.filter(removed_at__isnull=True)),
        output_field=BooleanField(),
    )


def listing_require_admin(*, actor: Actor) -> None:
    """Only a school's admins record its decisions (asked before the body is read: others get a 403)."""
    if not actor.admin_school_ids:
        raise PermissionDenied(_("Only an administrator of the school records its list of placement companies."))


@transaction.atomic
def listing_add(
    *, actor: Actor, institution: Institution, company: Company, assessment: SiteInspection, decision: str = ""
) -> ListedCompany:
    """The school admin records the school's decision to put a company on its list. The decision rests on the
    school's own passing on-site assessment of one of the company's bases, with its written report; the assessed
    base then serves the school."""
    if institution.pk not in actor.admin_school_ids:
        raise PermissionDenied(_("Only an administrator of the school records its list of placement companies."))
    errors: dict[str, list] = {}
    if company.vetting_status != VettingStatus.APPROVED:
        errors["company"] = [_("The company must be vetted (approved) before it joins a school's list.")]
    if (
        assessment.institution_id != institution.pk
        or assessment.base.company_id != company.pk
        or assessment.outcome != SiteInspection.Outcome.PASSED
    ):
        errors["assessment"] = [
            _("Choose your school's passing on-site assessment of one of this company's bases, with its report.")
        ]
    if len((decision or "").strip()) > 300:
        errors["decision"] = [_("At most 300 characters.")]
    if errors:
        raise ValidationError(errors)
    Institution.objects.select_for_update().get(pk=institution.pk)  # one decision at a time per school
    if is_listed(institution_id=institution.pk, company_id=company.pk):
        raise DomainError(_("The company is already on your school's list."), code="already_listed")
    listing = ListedCompany.objects.create(
        institution=institution,
        company=company,
        decided_by=actor.user,
        decided_at=timezone.now(),
        decision=(decision or "").strip(),
        assessment=assessment,
    )
    assessment.base.institutions.add(institution)
    return listing


@transaction.atomic
def listing_remove(*, actor: Actor, listing: ListedCompany, reason: str) -> ListedCompany:
    """The school admin takes a company off the school's list, with a reason: its bases stop serving the school
    (the school's other links and other schools' lists stay)."""
    listing = ListedCompany.objects.select_for_update().get(pk=listing.pk)
    if listing.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only an administrator of the school records its list of placement companies."))
    if listing.removed_at is not None:
        raise DomainError(_("The company was already taken off the list."), code="not_listed")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the company leaves the list.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("At most 500 characters.")]})
    listing.removed_at, listing.removed_by, listing.removal_reason = timezone.now(), actor.user, reason
    listing.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    for base in TrainingBase.objects.filter(company_id=listing.company_id, institutions=listing.institution_id):
        base.institutions.remove(listing.institution_id)
    return listing


def require_listed(*, institution_id: int, company_id: int) -> None:
    """A base of a company joins a school only while the company is on that school's list."""
    if not is_listed(institution_id=institution_id, company_id=company_id):
        raise DomainError(
            cite("company_list", _("your school puts the company on its list of placement companies first.")),
            code="company_not_listed",
        )
