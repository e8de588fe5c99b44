"""Filing (备案) of a school's post-internship arrangements with the education authority, and the school's approval
of cross-province placements (COMPLIANCE.md, missing rows: arrangements are filed before they start; placements
outside the province need approval).

A school's admins export the arrangements (students, companies, posts, dates, hours exceptions, insurance,
agreement) for the authority, then record the filing (date, authority, reference) for the placements it covered,
one or a batch. A post internship starts only once its school recorded a filing covering it, and, at a base outside
Hubei, once the school approved it explicitly (lifecycle.missing_paperwork)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import SiteInspection
from config import bounds
from core.errors import DomainError
from placements.choices import DocumentKind, InternshipKind, PlacementStatus
from placements.models import CrossProvinceApproval, Filing, GuardianConsent, Placement, PlacementDocument
from schools.choices import Province

HOME_PROVINCE = Province.HUBEI
# Arrangements worth filing: from the school's approval until the placement ends (a rejected, declined or
# withdrawn application is no arrangement).
ARRANGED = (
    PlacementStatus.APPROVED,
    PlacementStatus.ACCEPTED,
    PlacementStatus.CONFIRMED,
    PlacementStatus.READY,
    PlacementStatus.ACTIVE,
    PlacementStatus.COMPLETED,
    PlacementStatus.ENDED_EARLY,
)
# Filing and cross-province approval are recorded before the start: once a placement started, its record stands.
BEFORE_START = (PlacementStatus.APPROVED, PlacementStatus.ACCEPTED, PlacementStatus.CONFIRMED, PlacementStatus.READY)


def require_school_admin(actor: Actor) -> None:
    if not actor.admin_school_ids:
        raise PermissionDenied(_("Only a school's administrators record filings and cross-province approvals."))


def is_cross_province(placement: Placement) -> bool:
    return placement.slot.base.province != HOME_PROVINCE


def arrangements_for(actor: Actor) -> QuerySet[Placement]:
    """The post internships of the admin's own school(s), arranged (approved or later), with what the filing and
    the export read prefetched: filings, cross-province approvals, papers, the slot's hours exceptions."""
    return (
        Placement.objects.filter(
            student__institution_id__in=actor.admin_school_ids,
            slot__kind=InternshipKind.POST,
            status__in=ARRANGED,
        )
        .select_related(
            "student__institution", "student__cohort__major", "slot__company", "slot__base", "teacher", "mentor"
        )
        .prefetch_related(
            Prefetch("filings", queryset=Filing.objects.order_by("-filed_on", "-id")),
            "cross_province_approvals",
            Prefetch("documents", queryset=PlacementDocument.objects.order_by("-uploaded_at")),
            "guardian_consents",
            "slot__hours_exceptions",
            Prefetch("slot__base__inspections", queryset=SiteInspection.objects.order_by("-inspected_on", "-id")),
            "safety_trainings",
        )
        .order_by("slot__start_date", "student__student_number", "id")
    )


def unfiled(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    """Those no filing of their student's school covers yet."""
    covered = Filing.objects.filter(placements=OuterRef("pk"), institution_id=OuterRef("student__institution_id"))
    return queryset.annotate(filed=Exists(covered)).filter(filed=False)


def to_file(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    """Those still to file: not started, and no filing of their school covers them."""
    return unfiled(queryset.filter(status__in=BEFORE_START))


def filings_to_record(actor: Actor) -> int:
    """The admin's to-do (the filing page's "unfiled" list): arranged post internships not started yet that no
    filing covers."""
    return to_file(arrangements_for(actor)).count()


def filed_by_school(placement: Placement) -> Filing | None:
    """The latest filing of the student's school covering the placement (through `.all()`: prefetchable)."""
    school = placement.student.institution_id
    return next((f for f in placement.filings.all() if f.institution_id == school), None)


def cross_province_approved(placement: Placement) -> bool:
    return bool(list(placement.cross_province_approvals.all()))


def _placements_of(actor: Actor, ids: list[int]) -> list[Placement]:
    ids = sorted({int(i) for i in ids})
    if not ids:
        raise ValidationError({"placements": [_("Choose at least one placement.")]})
    found = list(arrangements_for(actor).filter(pk__in=ids).select_for_update(of=("self",)))
    if len(found) != len(ids):
        raise ValidationError(
            {"placements": [_("Only arranged post internships of your own school can be filed here.")]}
        )
    return found


def filing_record(
    *, actor: Actor, placements: list[int], filed_on: date | None, authority: str, reference: str, is_demo: bool = False
) -> Filing:
    """A school admin records that the arrangements of these placements (their own school's post internships,
    not started) were filed with the education authority: when, with whom, under which reference."""
    require_school_admin(actor)
    errors: dict[str, list] = {}
    authority, reference = (authority or "").strip(), (reference or "").strip()
    if not authority:
        errors["authority"] = [_("Name the education authority it was filed with.")]
    if not reference:
        errors["reference"] = [_("Give the filing's reference.")]
    if filed_on is None:
        errors["filed_on"] = [_("Give the date it was filed.")]
    else:
        try:
            bounds.PAST_RECORD(filed_on)
        except ValidationError as error:
            errors["filed_on"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        chosen = _placements_of(actor, placements)
        started = [p for p in chosen if p.status not in BEFORE_START]
        if started:
            raise DomainError(
                _("A filing is recorded before the placements start; %(n)d of them have started.")
                % {"n": len(started)},
                code="already_started",
            )
        schools = {p.student.institution_id for p in chosen}
        if len(schools) != 1:
            raise ValidationError({"placements": [_("One filing covers the placements of one school.")]})
        filing = Filing.objects.create(
            institution_id=schools.pop(),
            filed_on=filed_on,
            authority=authority[:100],
            reference=reference[:100],
            recorded_by=actor.user,
            is_demo=is_demo,
        )
        filing.placements.set(chosen)
        _after(chosen, actor, "filing_recorded", reference=filing.reference)
    return filing


def cross_province_approve(
    *, actor: Actor, placement: Placement, reason: str, is_demo: bool = False
) -> CrossProvinceApproval:
    """A school admin approves, with a reason, a post internship at a base outside Hubei before it starts."""
    require_school_admin(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason.")]})
    with transaction.atomic():
        (placement,) = _placements_of(actor, [placement.pk])
        if not is_cross_province(placement):
            raise DomainError(
                _("The base is in Hubei: no cross-province approval is needed."), code="not_cross_province"
            )
        if placement.status not in BEFORE_START:
            raise DomainError(
                _("This cannot be done now: the placement is “%(status)s”.")
                % {"status": placement.get_status_display()},
                code="illegal_transition",
                extra={"current_status": placement.status},
            )
        if placement.cross_province_approvals.exists():
            raise DomainError(_("This placement is already approved."), code="already_approved")
        approval = CrossProvinceApproval.objects.create(
            placement=placement, reason=reason[:500], approved_by=actor.user, is_demo=is_demo
        )
        _after([placement], actor, "cross_province_approved")
    return approval


def _after(placements: list[Placement], actor: Actor, action: str, **data) -> None:
    from placements.services.common import record
    from placements.services.lifecycle import _refresh_ready

    for placement in placements:
        record(placement, user=actor.user, action=action, **data)
        # the paperwork may be complete now (fresh relations: the prefetched ones predate this change)
        fresh = Placement.objects.get(pk=placement.pk)
        _refresh_ready(fresh, user=actor.user)


# -- the export for the education authority --------------------------------------------------------------------


def export_rows(placements: list[Placement]) -> list[dict]:
    """One row per arrangement, as the authority reads it; demo rows are marked (演示数据)."""
    from placements.services.consent import consent_given, paper_consents

    demo = str(_("Demo data"))
    waiting = str(_("paper, awaiting the school's check"))
    yes, no = str(_("yes")), str(_("no"))
    rows = []
    for p in placements:
        slot, student = p.slot, p.student
        docs = list(p.documents.all())
        agreement = next((d for d in docs if d.kind == DocumentKind.TRIPARTITE), None)
        insurance = next((d for d in docs if d.kind == DocumentKind.INSURANCE), None)
        filing = filed_by_school(p)
        exceptions = "；".join(
            f"{e.get_kind_display()}（{e.get_status_display()}"
            + (f"，{e.filing_authority} {e.filing_reference}" if e.filing_reference else "")
            + "）"
            for e in slot.hours_exceptions.all()
            if e.status != "refused"
        )
        online = any(c.status == GuardianConsent.Status.AGREED for c in p.guardian_consents.all())
        rows.append(
            {
                "number": student.student_number,
                "student": student.full_name,
                "class": student.cohort.name if student.cohort else "",
                "major": student.cohort.major.name if student.cohort else "",
                "company": slot.company.name,
                "credit_code": slot.company.credit_code,
                "base": slot.base.name,
                "province": slot.base.get_province_display(),
                "cross_province": yes if is_cross_province(p) else no,
                "post": slot.title,
                "start": slot.start_date,
                "end": slot.end_date,
                "hours": f"{slot.work_starts:%H:%M}-{slot.work_ends:%H:%M}，{slot.daily_hours}h×{slot.days_per_week}",
                "exceptions": exceptions,
                "stipend": slot.stipend,
                "insurance": _insurance(insurance),
                "agreement": agreement.signed_on.isoformat()
                if agreement and agreement.signed_on
                else (yes if agreement else no),
                # a paper counts once the school checked it (services/documents.document_check)
                "consent": (str(_("online")) if online else str(_("paper")))
                if consent_given(p)
                else (waiting if paper_consents(p)["waiting"] else no),
                "teacher": p.teacher.full_name if p.teacher else "",
                "status": p.get_status_display(),
                "filing": f"{filing.filed_on} {filing.authority} {filing.reference}" if filing else "",
                "demo": demo if slot.is_demo else "",
            }
        )
    return rows


def _insurance(policy: PlacementDocument | None) -> str:
    if policy is None:
        return ""
    return f"{policy.insurer} {policy.policy_number} {policy.covers_from}~{policy.covers_to}".strip()


EXPORT_COLUMNS = [
    ("number", _("student number")),
    ("student", _("student")),
    ("class", _("class")),
    ("major", _("major")),
    ("company", _("company")),
    ("credit_code", _("unified social credit code")),
    ("base", _("base")),
    ("province", _("province")),
    ("cross_province", _("cross-province")),
    ("post", _("post")),
    ("start", _("start date")),
    ("end", _("end date")),
    ("hours", _("working hours")),
    ("exceptions", _("working-time exceptions")),
    ("stipend", _("stipend")),
    ("insurance", _("insurance")),
    ("agreement", _("tripartite agreement")),
    ("consent", _("guardian consent")),
    ("teacher", _("school teacher")),
    ("status", _("status")),
    ("filing", _("filing")),
    ("demo", _("demo data")),
]


def filing_state(placement: Placement) -> dict:
    """The filing page's columns for one arrangement (prefetched relations only)."""
    filing = filed_by_school(placement)
    cross = is_cross_province(placement)
    return {
        "filing": filing,
        "cross_province": cross,
        "cross_province_approved": cross_province_approved(placement) if cross else None,
    }


def visible_filings(actor: Actor) -> QuerySet[Filing]:
    """Filings of the viewer's schools (staff read them; admins record them)."""
    return Filing.objects.filter(institution_id__in=actor.school_ids)
