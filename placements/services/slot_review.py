"""The high-risk work screen (art. 17) in use: a slot whose title or description names a term of the list goes to
the schools it is offered to for review instead of opening; their admins approve it (it opens) or refuse it (back
to draft), with a reason the company reads. An approval covers the terms it saw: an edit that names another sends
the slot back. Schools keep their own terms beside the platform's (HazardTerm)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from placements.choices import SlotReviewDecision, SlotStatus
from placements.hazards import SCREENED_FIELDS, Term, find_terms, normalise, unapproved
from placements.models import HazardTerm, Slot
from schools.models import Institution, Teacher


def slot_schools(slot: Slot) -> list[int]:
    """The schools a slot is offered to: those cooperating with its base; for a base no school has linked itself
    to yet, the school whose admin vetted the company (someone must be able to review it)."""
    ids = list(slot.base.institutions.values_list("pk", flat=True)) if slot.base_id else []
    if not ids and slot.company.vetted_by_id:
        ids = list(
            Teacher.objects.filter(
                user_id=slot.company.vetted_by_id, role=Teacher.Role.ADMIN, archived_at__isnull=True
            ).values_list("institution_id", flat=True)
        )
    return sorted(set(ids))


def hazard_terms_for(school_ids: list[int]) -> list[Term]:
    """The platform's terms and those of these schools (the platform's first, so its category wins a tie)."""
    rows = HazardTerm.objects.filter(Q(institution__isnull=True) | Q(institution_id__in=school_ids)).order_by(
        "institution_id", "id"
    )
    return [Term(r.term, r.category, r.institution_id) for r in rows]


def slot_screen(slot: Slot, school_ids: list[int] | None = None) -> list[dict]:
    """What the slot's words name from the list of the schools it is offered to."""
    if school_ids is None:
        school_ids = slot_schools(slot)
    return find_terms([getattr(slot, f) or "" for f in SCREENED_FIELDS], hazard_terms_for(school_ids))


def screen_before_save(slot: Slot, *, opening: bool) -> list[int] | None:
    """Record on the (locked, unsaved) slot what its words name. When it is about to open (`opening`) or is open
    and an edit names a term no school approved, it goes to review instead: the slot's status becomes REVIEW and
    the reviewing schools are returned (for after_save). None: nothing to review."""
    schools = slot_schools(slot)
    slot.hazard_matches = slot_screen(slot, schools)
    if slot.status == SlotStatus.REVIEW:
        return schools  # still under review: the schools read the slot as it is now
    if (opening or slot.status == SlotStatus.OPEN) and unapproved(slot.hazard_matches, slot.hazard_approved):
        slot.status = SlotStatus.REVIEW
        slot.review_decision, slot.review_reason, slot.reviewed_by, slot.reviewed_at = "", "", None, None
        return schools
    return None


def after_save(slot: Slot, schools: list[int] | None, *, newly_held: bool) -> None:
    """Name the reviewing schools of a held slot and tell their admins (after commit, through notices)."""
    if schools is None:
        return
    slot.review_schools.set(schools)
    if newly_held:
        from notices.services import notice_send

        admins = Teacher.objects.filter(
            institution_id__in=schools, role=Teacher.Role.ADMIN, archived_at__isnull=True
        ).values_list("user_id", flat=True)
        notice_send(
            recipients=list(admins),
            kind="slot_review_requested",
            params={
                "company": slot.company.name,
                "slot": slot.title,
                "terms": "、".join(m["term"] for m in unapproved(slot.hazard_matches, slot.hazard_approved)),
            },
            link=f"/slots/{slot.pk}",
        )


def can_review(actor: Actor, slot: Slot) -> bool:
    """An admin of a school the slot is offered to (while under review: of a school named to review it)."""
    if not actor.admin_school_ids:
        return False
    under_review = slot.status == SlotStatus.REVIEW
    schools = {s.pk for s in slot.review_schools.all()} if under_review else set(slot_schools(slot))
    return bool(schools & actor.admin_school_ids)


def _decide(actor: Actor, slot: Slot, reason: str, decision: str) -> Slot:
    from placements.notify import notify_slot_opened
    from placements.services.slots import _check_rules, _require_company_approved

    with transaction.atomic():
        slot = Slot.objects.select_for_update().select_related("company", "base").get(pk=slot.pk)
        if not can_review(actor, slot):
            raise PermissionDenied(_("Only the admins of a school the slot is offered to review it."))
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": [_("Give a reason; the company reads it.")]})
        if slot.status != SlotStatus.REVIEW:
            raise DomainError(
                _("This cannot be done now: the slot is “%(status)s”.") % {"status": slot.get_status_display()},
                code="illegal_transition",
                extra={"current_status": slot.status},
            )
        if decision == SlotReviewDecision.APPROVED:
            _require_company_approved(slot)
            _check_rules(slot, list(slot.majors.all()))  # the review lifts the screen, never a rule
            slot.hazard_matches = slot_screen(slot)
            seen = [m["normalized"] for m in slot.hazard_matches]
            slot.hazard_approved = sorted(set(slot.hazard_approved) | set(seen))
            slot.status = SlotStatus.OPEN
        else:
            slot.status = SlotStatus.DRAFT
        slot.review_decision, slot.review_reason = decision, reason[:500]
        slot.reviewed_by, slot.reviewed_at = actor.user, timezone.now()
        slot.save()
        from companies.models import CompanyMember
        from notices.messages import translatable
        from notices.services import notice_send

        hr = CompanyMember.objects.filter(
            company_id=slot.company_id, role=CompanyMember.Role.HR, archived_at__isnull=True
        )
        notice_send(
            recipients=[uid for uid in hr.values_list("user_id", flat=True) if uid != actor.user_id],
            kind="slot_review_decided",
            params={
                "slot": slot.title,
                "status": translatable(SlotReviewDecision(decision).label),
                "reason": reason,
            },
            link=f"/slots/{slot.pk}",
        )
        if slot.status == SlotStatus.OPEN:
            notify_slot_opened(slot)
    return slot


def slot_review_approve(*, actor: Actor, slot: Slot, reason: str) -> Slot:
    """A school admin has read the slot and finds the work is not high-risk (a 高空 in "高空俯瞰的办公室"): it opens,
    and the terms it names are approved for this slot."""
    return _decide(actor, slot, reason, SlotReviewDecision.APPROVED)


def slot_review_refuse(*, actor: Actor, slot: Slot, reason: str) -> Slot:
    """A school admin finds the slot names high-risk work: back to draft with the reason, for the company to change."""
    return _decide(actor, slot, reason, SlotReviewDecision.REFUSED)


# -- the schools' own terms ------------------------------------------------------------------------------------


def _require_admin(actor: Actor, institution: Institution) -> None:
    if institution.pk not in actor.admin_school_ids:
        raise PermissionDenied(_("Only the school's admins keep its list of high-risk work terms."))


def _check_term(term: str, institution: Institution, exclude: int | None = None) -> str:
    term = (term or "").strip()
    key = normalise(term)
    if len(key) < 2:
        raise ValidationError({"term": [_("A term has at least two characters.")]})
    clash = HazardTerm.objects.filter(Q(institution__isnull=True) | Q(institution=institution), normalized=key)
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"term": [_("This term is already on the list.")]})
    return term


def rescreen_open_slots(term: HazardTerm) -> list[int]:
    """A school's new (or reworded) term also reads the slots already open to that school: one that names it and
    no school approved goes to review, as an edit naming it would (its applications stay; new ones wait for the
    review). Returns the held slots' ids. Runs inside the caller's transaction."""
    new = [Term(term.term, term.category, term.institution_id)]
    offered = Q(base__institutions=term.institution_id) | Q(
        base__institutions__isnull=True, company__vetted_by__teacher_roles__institution_id=term.institution_id
    )
    held = []
    candidates = Slot.objects.filter(offered, status=SlotStatus.OPEN).distinct().values_list("pk", flat=True)
    for pk in candidates:
        slot = Slot.objects.select_for_update().select_related("company", "base").get(pk=pk)
        texts = [getattr(slot, f) or "" for f in SCREENED_FIELDS]
        if slot.status != SlotStatus.OPEN or not unapproved(find_terms(texts, new), slot.hazard_approved):
            continue
        if term.institution_id not in slot_schools(slot):
            continue  # vetted by someone of the school, but not offered to it: slot_schools decides who reviews
        schools = screen_before_save(slot, opening=False)
        slot.save()
        after_save(slot, schools, newly_held=True)
        held.append(slot.pk)
    return held


def hazard_term_create(*, actor: Actor, institution: Institution, term: str, category: str) -> HazardTerm:
    """A school adds a term to its own list: it screens the slots offered to that school from now on, and those
    already open to it (rescreen_open_slots)."""
    _require_admin(actor, institution)
    term = _check_term(term, institution)
    try:
        with transaction.atomic():
            created = HazardTerm.objects.create(
                institution=institution, term=term, category=category, created_by=actor.user
            )
            rescreen_open_slots(created)
            return created
    except IntegrityError:  # another admin added it a moment ago
        raise ValidationError({"term": [_("This term is already on the list.")]}) from None


def hazard_term_update(*, actor: Actor, hazard_term: HazardTerm, **fields) -> HazardTerm:
    """A school rewords or recategorises its own term (`fields`: term, category); a new wording also reads the
    slots already open to the school."""
    if hazard_term.institution_id is None:
        raise PermissionDenied(_("The platform's terms are kept by the platform."))
    _require_admin(actor, hazard_term.institution)
    if "term" in fields:
        hazard_term.term = _check_term(fields["term"], hazard_term.institution, exclude=hazard_term.pk)
    if "category" in fields:
        hazard_term.category = fields["category"]
    try:
        with transaction.atomic():
            hazard_term.save()
            if "term" in fields:
                rescreen_open_slots(hazard_term)
    except IntegrityError:  # another admin wrote the same term a moment ago
        raise ValidationError({"term": [_("This term is already on the list.")]}) from None
    return hazard_term


def hazard_term_delete(*, actor: Actor, term: HazardTerm) -> None:
    if term.institution_id is None:
        raise PermissionDenied(_("The platform's terms are kept by the platform."))
    _require_admin(actor, term.institution)
    term.delete()
