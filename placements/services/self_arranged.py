"""Self-arranged placements (自行选择实习单位, COMPLIANCE.md row 3): a student who, with their guardian, declines
the school's arrangement proposes a company and a post; the school's admin vets the company and approves.

The approval builds what any placement has, so every gate of the start applies unchanged: the company (found by
its credit code or added, then vetted through companies.services.company_vet), an off-campus base for the
address, a closed slot of one place with the proposed terms (checked by the same slot rules: hours, pay, high-risk
work, intern shares) and a confirmed placement, whose start still waits for the tripartite agreement, the
guardian's consent (the link is texted to the guardian the student named), insurance, the safety training, the
school's filing and a current inspection of the base. Before the approval there is no placement to start."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.credit_code import normalize, validate_credit_code
from companies.listing import refuse_if_delisted
from companies.models import Company, Segment, TrainingBase, VettingStatus
from companies.services import company_vet
from core.calendar import term_for
from core.errors import DomainError
from placements.choices import FILLING_STATUSES, InternshipKind, PlacementStatus, SlotStatus
from placements.models import GuardianConsent, Placement, SelfArrangedProposal, Slot
from placements.rules import ineligibility, regular_daily_hours, slot_violations
from placements.services.common import record
from placements.services.consent import MOBILE
from schools.choices import Province
from schools.models import Student

P = SelfArrangedProposal.Status
# What a demo proposal's company and base say of themselves (seed_demo: the name is true, the rest generated).
DEMO_NOTE = "企业名称来自来源文件；信用代码、地址、人数为演示数据 / name true; code, address, headcount demo"
# The proposal's fields that become the slot's terms, checked by the slot rules (placements.rules).
SLOT_TERMS = (
    "job_cluster", "post_headcount", "work_hazard", "start_date", "end_date", "work_starts", "work_ends",
    "break_minutes", "days_per_week", "rest_days", "post_wage", "probation_wage", "stipend",
)  # fmt: skip


def proposals_visible_to(
    actor: Actor, queryset: QuerySet[SelfArrangedProposal] | None = None
) -> QuerySet[SelfArrangedProposal]:
    """The student their own; staff of the student's school (teachers and admins) their school's."""
    qs = queryset if queryset is not None else SelfArrangedProposal.objects.all()
    mine = Q(student_id=actor.student_id) if actor.student_id else Q(pk__in=[])
    return qs.filter(mine | Q(student__institution_id__in=actor.school_ids))


def _slot_values(fields: dict, *, company_headcount: int, lowest_wage_grade=None) -> dict[str, list[str]]:
    """What the slot rules say of these terms: the same checks as a company's slot (capacity one place)."""
    values = {name: fields.get(name) for name in SLOT_TERMS}
    values |= {
        "capacity": 1,
        "banned_work": [],
        "shift_pattern": "day",
        "insurance_paid_by": "company",
        "pay_cycle": "monthly",
        "paid_directly": True,
        "charges_fees": False,
        "holds_documents": False,
        "company_lowest_wage_grade": lowest_wage_grade,
    }
    return slot_violations(values, company_headcount=company_headcount)


def _check(fields: dict) -> dict:
    """All field errors at once, as a ValidationError; returns the cleaned fields."""
    errors: dict[str, list] = {}
    for name in SLOT_TERMS:  # what the form left out takes the model's default, as the row would
        model_field = SelfArrangedProposal._meta.get_field(name)
        if fields.get(name) is None and model_field.has_default():
            fields[name] = model_field.get_default()
    for name in ("company_name", "company_address", "post_title", "mentor_name", "guardian_name"):
        fields[name] = (fields.get(name) or "").strip()
        if not fields[name]:
            errors[name] = [_("This field is required.")]
    code = normalize(fields.get("credit_code") or "")
    try:
        validate_credit_code(code)
        fields["credit_code"] = code
    except ValidationError as error:
        errors["credit_code"] = error.messages
    if (fields.get("province") or Province.HUBEI) == Province.HUBEI and not fields.get("district"):
        errors["district"] = [_("Give the district of the company's address.")]
    for name in ("mentor_phone", "guardian_phone"):
        phone = re.sub(r"[\s-]", "", fields.get(name) or "")
        fields[name] = phone
        if not phone or (name == "guardian_phone" and not MOBILE.match(phone)):
            errors[name] = [_("Give a mainland mobile number of 11 digits.")]
    if fields.get("guardian_relation") not in GuardianConsent.Relation.values:
        errors["guardian_relation"] = [_("Choose the guardian's relation to the student.")]
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        errors["end_date"] = [_("The placement cannot end before it starts.")]
    for name, messages in _slot_values(fields, company_headcount=fields.get("company_headcount") or 1).items():
        errors.setdefault(name if name != "capacity" else "company_headcount", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def self_arranged_propose(*, actor: Actor, **fields) -> SelfArrangedProposal:
    """The student proposes their own company and post, naming the guardian who consents with them. The terms
    are held to the slot rules at once (so a proposal the school could never approve is refused as it is made)."""
    if actor.student_id is None:
        raise PermissionDenied(_("Only a student proposes their own placement."))
    if Student.objects.filter(pk=actor.student_id, archived_at__isnull=False).exists():
        raise DomainError(_("Your school has archived your record: you cannot apply any more."), code="archived")
    fields = _check(dict(fields))
    if SelfArrangedProposal.objects.filter(student_id=actor.student_id, status=P.PENDING).exists():
        raise DomainError(
            _("You already have a proposal waiting for the school; withdraw it first."), code="proposal_pending"
        )
    return SelfArrangedProposal.objects.create(student_id=actor.student_id, **fields)


def _locked(proposal: SelfArrangedProposal) -> SelfArrangedProposal:
    return (
        SelfArrangedProposal.objects.select_for_update(of=("self",))
        .select_related("student__cohort")
        .get(pk=proposal.pk)
    )


def require_admin_of(actor: Actor, proposal: SelfArrangedProposal) -> None:
    if proposal.student.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only an administrator of the student's school decides on a self-arranged placement."))


def _require_pending(proposal: SelfArrangedProposal) -> None:
    if proposal.status != P.PENDING:
        raise DomainError(
            _("The proposal has already been decided."),
            code="illegal_transition",
            extra={"current_status": proposal.status},
        )


def _company_for(actor: Actor, proposal: SelfArrangedProposal) -> Company:
    """The proposed company, found by its credit code or added; the school's admin vets it (approves it) through
    the vetting service. A suspended company is not approved through a student's proposal."""
    company = Company.objects.filter(credit_code=proposal.credit_code).first()
    if company is None:
        if Company.objects.filter(name=proposal.company_name).exists():
            raise ValidationError(
                {"company_name": [_("A company of this name is on the platform with another credit code.")]}
            )
        company = Company.objects.create(
            name=proposal.company_name,
            credit_code=proposal.credit_code,
            district=proposal.district,
            address=proposal.company_address,
            segment=Segment.OTHER,
            headcount=proposal.company_headcount,
            data_note=DEMO_NOTE if proposal.is_demo else "",
        )
    if company.vetting_status == VettingStatus.SUSPENDED:
        raise DomainError(
            _("The company is suspended on the platform; the school cannot approve a placement there."),
            code="company_suspended",
        )
    if company.vetting_status != VettingStatus.APPROVED:
        company = company_vet(actor=actor, company=company, status=VettingStatus.APPROVED)
    return company


def _base_for(company: Company, proposal: SelfArrangedProposal) -> TrainingBase:
    base = TrainingBase.objects.filter(
        company=company, kind=TrainingBase.Kind.OFF_CAMPUS, address=proposal.company_address, is_active=True
    ).first()
    if base is not None:
        return base
    return TrainingBase.objects.create(
        name=f"{company.short_name or company.name}（{proposal.company_address}）"[:120],
        kind=TrainingBase.Kind.OFF_CAMPUS,
        company=company,
        address=proposal.company_address,
        province=proposal.province,
        district=proposal.district,
        capacity=1,
        description=str(_("Added for a self-arranged placement.")),
        data_note=DEMO_NOTE if proposal.is_demo else "",
    )


@transaction.atomic
def self_arranged_approve(*, actor: Actor, proposal: SelfArrangedProposal, reason: str = "") -> SelfArrangedProposal:
    """The school's admin vets the company and approves: the placement is made CONFIRMED (the school stands for
    the company's confirmation of a company with nobody on the platform), with the student's advisor as its
    teacher and the proposed mentor; the guardian named in the proposal is texted the consent link. Everything
    the start needs is then asked as for any placement."""
    proposal = _locked(proposal)
    require_admin_of(actor, proposal)
    _require_pending(proposal)
    student = proposal.student
    term = term_for(proposal.start_date)
    if Placement.objects.filter(student=student, term=term, status__in=FILLING_STATUSES).exists():
        raise DomainError(_("The student already has a confirmed placement this term."), code="already_placed")
    company = _company_for(actor, proposal)
    # A company the school took off its list is not brought back through a student's proposal.
    refuse_if_delisted(institution=student.institution, company=company)
    # Rechecked against the company as the platform knows it (its headcount and lowest wage grade).
    terms = {name: getattr(proposal, name) for name in SLOT_TERMS}
    errors = _slot_values(terms, company_headcount=company.headcount, lowest_wage_grade=company.lowest_wage_grade)
    if errors:
        raise ValidationError(errors)
    base = _base_for(company, proposal)
    slot = Slot(
        company=company,
        base=base,
        title=proposal.post_title,
        kind=InternshipKind.POST,
        description=proposal.post_description,
        capacity=1,
        application_deadline=proposal.start_date,
        status=SlotStatus.CLOSED,  # nobody applies to it: it is this student's
        created_by=actor.user,
        is_demo=proposal.is_demo,
        **terms,
    )
    slot.term = term
    slot.daily_hours = regular_daily_hours(slot.work_starts, slot.work_ends, slot.break_minutes)
    slot.save()
    # The student's own eligibility, as for an application (art. 16: age and year of study for a post
    # internship; a class and major on record): the school's approval never lifts it.
    reasons = ineligibility(student, slot)
    if reasons:
        raise ValidationError({"student": reasons})
    slot.majors.set([student.cohort.major_id])
    placement = Placement.objects.create(
        student=student,
        slot=slot,
        status=PlacementStatus.CONFIRMED,
        term=term,
        teacher=student.advisor if student.advisor and student.advisor.archived_at is None else None,
        teacher_decided_by=actor.user,
        decision_reason=(reason or "")[:500],
        external_mentor_name=proposal.mentor_name,
        external_mentor_phone=proposal.mentor_phone,
    )
    record(
        placement,
        user=actor.user,
        action="self_arranged_approved",
        reason=reason or "",
        proposal=proposal.pk,
    )
    proposal.status, proposal.company, proposal.placement = P.APPROVED, company, placement
    proposal.decided_by, proposal.decided_at = actor.user, timezone.now()
    proposal.decision_reason = (reason or "")[:500]
    proposal.save()
    # The guardian the student named is asked at once, as for any post internship (the same link and code).
    from placements.services.consent import guardian_consent_send

    guardian_consent_send(
        actor=actor,
        placement=placement,
        guardian_name=proposal.guardian_name,
        relation=proposal.guardian_relation,
        phone=proposal.guardian_phone,
        is_demo=proposal.is_demo,
    )
    return proposal


@transaction.atomic
def self_arranged_reject(*, actor: Actor, proposal: SelfArrangedProposal, reason: str) -> SelfArrangedProposal:
    proposal = _locked(proposal)
    require_admin_of(actor, proposal)
    _require_pending(proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason.")]})
    proposal.status, proposal.decided_by, proposal.decided_at = P.REJECTED, actor.user, timezone.now()
    proposal.decision_reason = reason[:500]
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return proposal


@transaction.atomic
def self_arranged_withdraw(*, actor: Actor, proposal: SelfArrangedProposal) -> SelfArrangedProposal:
    proposal = _locked(proposal)
    if proposal.student_id != actor.student_id:
        raise PermissionDenied(_("Only the student can do this."))
    _require_pending(proposal)
    proposal.status = P.WITHDRAWN
    proposal.save(update_fields=["status"])
    return proposal
