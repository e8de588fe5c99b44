"""The placement workflow, one function per transition:

    pending ─teacher approves→ approved ─company confirms→ confirmed ─paperwork→ ready ─start→ active ─→ completed
    pending ─company accepts→ accepted ─teacher approves→ confirmed        (schools with company-first order)
    pending/approved/accepted → rejected (teacher) | declined (company) | withdrawn (student)
    active → ended_early (the student asks, the teacher decides)

Who may make which move from which state, under which approval order and guards, is declared once in
placements/transitions.py: each function here asks it (`authorize`, then `move` on the locked row) and only
carries the move out. An illegal move is a DomainError (HTTP 409) naming the current state."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.inspections import inspection_is_current
from companies.listing import delisted_error, refuse_if_delisted
from core.errors import DomainError
from placements.choices import (
    FILLING_STATUSES,
    GRADE_POINTS,
    ON_POST_STATUSES,
    OPEN_APPLICATION_STATUSES,
    AssessorRole,
    DocumentKind,
    Grade,
    InternshipKind,
    PlacementStatus,
    SlotStatus,
)
from placements.models import Placement, Slot
from placements.rules import BASES, cite, ineligibility, rule
from placements.selectors import policy_for
from placements.services.common import record, require_reason
from placements.services.consent import consent_given, paper_consents
from placements.transitions import authorize, move
from schools.choices import Province
from schools.models import Student

S = PlacementStatus


def _locked(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("slot__company", "slot__mentor", "student__advisor", "mentor", "teacher")
        .get(pk=placement.pk)
    )


def _refuse_if_full(slot: Slot) -> int:
    """The slot_full refusal, at application and at confirmation alike (no waiting list); the places taken."""
    filled = Placement.objects.filter(slot=slot, status__in=FILLING_STATUSES).count()
    if filled >= slot.capacity:
        raise DomainError(
            _("The slot is full: all %(n)d places are confirmed.") % {"n": slot.capacity},
            code="slot_full",
            extra={"capacity": slot.capacity, "filled": filled},
        )
    return filled


def application_submit(*, actor: Actor, slot: Slot, statement: str = "", rank: int | None = None) -> Placement:
    """A student applies to an open slot, as one of their ranked choices for the term."""
    if not actor.is_student:
        raise PermissionDenied(_("Only students apply to slots."))
    with transaction.atomic():
        # of=("self",): PostgreSQL cannot lock the nullable side of an outer join (the cohort).
        student = (
            Student.objects.select_for_update(of=("self",))
            .select_related("cohort__major", "institution")
            .get(pk=actor.student_id)
        )
        if student.archived_at is not None:
            raise DomainError(_("Your school has archived your record: you cannot apply any more."), code="archived")
        slot = Slot.objects.select_related("company", "base").get(pk=slot.pk)
        if slot.status != SlotStatus.OPEN:
            raise DomainError(_("This slot is not open for applications."), extra={"slot_status": slot.status})
        if slot.application_deadline < timezone.localdate():
            raise DomainError(_("The application deadline of this slot has passed."), code="deadline_passed")
        _refuse_if_full(slot)
        refuse_if_delisted(institution=student.institution, company=slot.company)
        reasons = ineligibility(student, slot)
        if reasons:
            raise ValidationError({"slot": reasons})
        live = Placement.objects.filter(student=student, term=slot.term).exclude(
            status__in=[S.WITHDRAWN, S.REJECTED, S.DECLINED]
        )
        if live.filter(slot=slot).exists():
            raise ValidationError({"slot": [_("You have already applied to this slot.")]})
        if live.filter(status__in=FILLING_STATUSES).exists():
            raise ValidationError({"slot": [_("You already have a confirmed placement this term.")]})
        open_choices = live.filter(status__in=OPEN_APPLICATION_STATUSES)
        limit = policy_for(student.institution_id).max_choices
        if open_choices.count() >= limit:
            raise ValidationError(
                {"slot": [_("You can hold at most %(n)d choices in a term; withdraw one first.") % {"n": limit}]}
            )
        next_rank = open_choices.count() + 1
        rank = next_rank if rank is None else max(1, min(rank, next_rank))
        # Make room at the chosen rank: later choices move down one.
        open_choices.filter(rank__gte=rank).update(rank=F("rank") + 1)
        placement = Placement.objects.create(
            student=student, slot=slot, rank=rank, statement=(statement or "").strip(), term=slot.term
        )
        _default_supervisors(placement)
        record(placement, user=actor.user, action="applied", data={"rank": rank})
    return placement


def _default_supervisors(placement: Placement) -> None:
    """A placement's mentor is its slot's and its teacher the student's advisor until someone names another
    (COMPLIANCE.md: a school teacher and a company mentor for every placement)."""
    changed = []
    mentor = placement.slot.mentor
    if placement.mentor_id is None and mentor is not None and mentor.archived_at is None:
        placement.mentor = mentor
        changed.append("mentor")
    advisor = placement.student.advisor
    if (
        placement.teacher_id is None
        and advisor is not None
        and advisor.archived_at is None
        and advisor.institution_id == placement.student.institution_id
    ):
        placement.teacher = advisor
        changed.append("teacher")
    if changed:
        placement.save(update_fields=[*changed, "updated_at"])


def _compact_ranks(student_id: int, term: str) -> None:
    choices = Placement.objects.filter(student_id=student_id, term=term, status__in=OPEN_APPLICATION_STATUSES)
    for i, placement in enumerate(choices.order_by("rank", "created_at"), start=1):
        if placement.rank != i:
            Placement.objects.filter(pk=placement.pk).update(rank=i)


def application_withdraw(*, actor: Actor, placement: Placement, reason: str = "") -> Placement:
    authorize("withdraw", actor, placement)
    with transaction.atomic():
        placement = _locked(placement)
        row = move("withdraw", placement)
        previous = placement.status
        placement.status = row.target
        placement.save(update_fields=["status", "updated_at"])
        record(placement, user=actor.user, action="withdrawn", from_status=previous, reason=reason)
        _compact_ranks(placement.student_id, placement.term)
    return placement


def _fill(placement: Placement, *, user, action: str, previous: str, reason: str = "") -> None:
    """Reach CONFIRMED: the slot row is locked, so concurrent confirmations queue and never over-fill it; the
    regulation's intern-share caps (rule 8) are checked at the same moment."""
    # The company row is locked too: its 10% intern share spans all its slots.
    slot = Slot.objects.select_for_update(of=("self", "company")).select_related("company").get(pk=placement.slot_id)
    if slot.status == SlotStatus.CANCELLED:
        raise DomainError(_("The slot has been cancelled."), code="slot_cancelled", extra={"slot_status": slot.status})
    filled = _refuse_if_full(slot)
    post_cap = int(slot.post_headcount * rule("POST_INTERN_SHARE"))
    if filled + 1 > post_cap:
        raise DomainError(
            cite(
                "intern_share",
                _("interns may be at most %(pct)d%% of the staff on this post (%(n)d).")
                % {"pct": round(rule("POST_INTERN_SHARE") * 100), "n": post_cap},
            ),
            code="intern_share_post",
        )
    on_post = Placement.objects.filter(slot__company=slot.company, status__in=ON_POST_STATUSES).count()
    company_cap = int(slot.company.headcount * rule("COMPANY_INTERN_SHARE"))
    if on_post + 1 > company_cap:
        raise DomainError(
            cite(
                "intern_share",
                _("interns may be at most %(pct)d%% of the company's staff (%(n)d).")
                % {"pct": round(rule("COMPANY_INTERN_SHARE") * 100), "n": company_cap},
            ),
            code="intern_share_company",
        )
    if Placement.objects.filter(
        student_id=placement.student_id, term=placement.term, status__in=FILLING_STATUSES
    ).exists():
        raise DomainError(_("The student already has a confirmed placement this term."), code="already_placed")
    placement.status = S.CONFIRMED
    placement.decision_reason = reason[:500] or placement.decision_reason
    placement.save(
        update_fields=["status", "teacher_decided_by", "company_decided_by", "decision_reason", "updated_at"]
    )
    record(placement, user=user, action=action, from_status=previous, reason=reason)
    # The student holds one placement a term: their other open choices end here.
    for other in Placement.objects.select_for_update().filter(
        student_id=placement.student_id, term=placement.term, status__in=OPEN_APPLICATION_STATUSES
    ):
        before = other.status
        other.status = S.WITHDRAWN
        other.save(update_fields=["status", "updated_at"])
        record(other, user=user, action="withdrawn", from_status=before, reason=str(_("Placed at another slot.")))
    _refresh_ready(placement, user=user)


def placement_approve(*, actor: Actor, placement: Placement, reason: str = "") -> Placement:
    """The teacher says yes. Teacher-first schools: pending → approved; company-first: accepted → confirmed."""
    authorize("approve", actor, placement)
    with transaction.atomic():
        placement = _locked(placement)
        _default_supervisors(placement)
        row = move("approve", placement)  # the school may have taken the company off its list: `delisted_refusal`
        previous = placement.status
        placement.teacher_decided_by = actor.user
        placement.decision_reason = reason[:500]
        if row.target == S.CONFIRMED:
            _fill(placement, user=actor.user, action="approved", previous=previous, reason=reason)
        else:
            placement.status = row.target
            placement.save(update_fields=["status", "teacher_decided_by", "decision_reason", "updated_at"])
            record(placement, user=actor.user, action="approved", from_status=previous, reason=reason)
    return placement


def _say_no(action: str, actor: Actor, placement: Placement, reason: str, *, decided_by: str) -> Placement:
    """Reject (teacher) or decline (company): an open application ends with the reason the student reads."""
    authorize(action, actor, placement)
    reason = require_reason(reason)
    with transaction.atomic():
        placement = _locked(placement)
        row = move(action, placement)
        previous = placement.status
        placement.status = row.target
        setattr(placement, decided_by, actor.user)
        placement.decision_reason = reason
        placement.save(update_fields=["status", decided_by, "decision_reason", "updated_at"])
        # The event is named after the state reached: rejected, declined.
        record(placement, user=actor.user, action=row.target, from_status=previous, reason=reason)
        _compact_ranks(placement.student_id, placement.term)
    return placement


def placement_reject(*, actor: Actor, placement: Placement, reason: str) -> Placement:
    return _say_no("reject", actor, placement, reason, decided_by="teacher_decided_by")


def placement_confirm(*, actor: Actor, placement: Placement, reason: str = "") -> Placement:
    """The company says yes. Teacher-first schools: approved → confirmed; company-first: pending → accepted."""
    authorize("confirm", actor, placement)
    with transaction.atomic():
        placement = _locked(placement)
        _default_supervisors(placement)  # the slot may have named its mentor after the application
        row = move("confirm", placement)  # a mentor first (`mentor_refusal`), the company on the list
        previous = placement.status
        placement.company_decided_by = actor.user
        if row.target == S.CONFIRMED:
            _fill(placement, user=actor.user, action="confirmed", previous=previous, reason=reason)
        else:
            placement.status = row.target
            placement.save(update_fields=["status", "company_decided_by", "updated_at"])
            record(placement, user=actor.user, action="accepted", from_status=previous, reason=reason)
    return placement


def placement_decline(*, actor: Actor, placement: Placement, reason: str) -> Placement:
    return _say_no("decline", actor, placement, reason, decided_by="company_decided_by")


def _missing(code: str, label, basis: str) -> dict:
    return {"code": code, "label": str(label), "basis": BASES[basis].as_dict()}


def missing_paperwork(placement: Placement) -> list[dict]:
    """What a placement still lacks before it may start (its teacher and mentor, safety training, agreement,
    consent, the school's filing and cross-province approval, insurance, inspection), as {code, label, basis}.
    Reads the placement's trainings, documents, consents, filings, approvals and base inspections through `.all()`,
    so a list that prefetched them asks no more."""
    missing = []
    slot = placement.slot
    if placement.teacher is None or placement.teacher.archived_at is not None:
        missing.append(_missing("teacher", _("The school teacher of the placement"), "supervision"))
    if not has_mentor(placement):
        missing.append(_missing("mentor", _("The company mentor of the placement"), "supervision"))
    if not any(t.passed for t in placement.safety_trainings.all()):
        missing.append(_missing("safety_training", _("Safety training with a passed check"), "safety_training"))
    docs = list(placement.documents.all())
    kinds = {d.kind for d in docs}
    if slot.kind == InternshipKind.POST:
        if DocumentKind.TRIPARTITE not in kinds:
            missing.append(_missing("tripartite", _("Signed tripartite agreement"), "agreement"))
        # the guardian's e-consent (services/consent.py) or a paper form on file that the school checked
        if not consent_given(placement):
            if paper_consents(placement)["waiting"]:
                missing.append(
                    _missing("consent_check", _("A paper consent of the guardian awaits the school's check"), "consent")
                )
            else:
                missing.append(_missing("consent", _("Consent of the guardian, online or on a paper form"), "consent"))
        school = placement.student.institution_id
        if not any(f.institution_id == school for f in placement.filings.all()):
            missing.append(_missing("filing", _("The school's filing with the education authority"), "filing"))
        if slot.base.province != Province.HUBEI and not list(placement.cross_province_approvals.all()):
            missing.append(
                _missing("cross_province", _("The school's approval of a placement outside Hubei"), "cross_province")
            )
        if not inspection_is_current(slot.base, slot.start_date, for_institution_id=placement.student.institution_id):
            missing.append(_missing("inspection", _("A current site inspection of the base"), "inspection"))
    covering = [
        d
        for d in docs
        if d.kind == DocumentKind.INSURANCE
        and d.covers_from
        and d.covers_to
        and d.covers_from <= slot.start_date
        and d.covers_to >= slot.end_date
    ]
    if not covering:
        missing.append(_missing("insurance", _("Liability insurance covering the placement's dates"), "insurance"))
    # Art. 17: night, overtime or holiday work on the slot only once the school approved and filed it.
    if any(e.status in ("proposed", "approved") for e in slot.hours_exceptions.all()):
        missing.append(
            _missing(
                "hours_exception",
                _("Working-time exceptions approved by the school and filed with the education authority"),
                "working_time",
            )
        )
    if not placement.student.institution.under_regulation:  # the school's own policy cites itself, not the regulation
        missing = [{**m, "basis": BASES[m["basis"]["key"]].as_dict(regulated=False)} for m in missing]
    return missing


def has_mentor(placement: Placement) -> bool:
    """A company mentor on the company's staff, or, for a self-arranged placement at a company with nobody on the
    platform, the mentor the school approved by name and phone (SelfArrangedProposal)."""
    if placement.mentor is not None and placement.mentor.archived_at is None:
        return True
    return bool(placement.external_mentor_name and placement.external_mentor_phone)


def mentor_refusal(placement: Placement) -> DomainError | None:
    """The confirmation's guard in the transition table: a company mentor is named first (the slot's, or one the
    company's HR names), and is still on the company's staff."""
    if has_mentor(placement):
        return None
    return DomainError(
        cite("supervision", _("name the company mentor of this placement before confirming it.")),
        code="mentor_missing",
        extra={"current_status": placement.status},
    )


def delisted_refusal(placement: Placement) -> DomainError | None:
    """The guard of approving, confirming and starting: nothing new at a company the student's school took off its
    list (companies.listing). The placement list and detail annotate `company_delisted`, so `actions` foresees it
    without a query a row; elsewhere it is read here."""
    if getattr(placement, "company_delisted", None) is False:
        return None
    return delisted_error(institution=placement.student.institution, company=placement.slot.company)


def paperwork_refusal(placement: Placement) -> DomainError | None:
    """The start's guard in the transition table: the 409 listing what is missing, or None when nothing is."""
    missing = missing_paperwork(placement)
    if not missing:
        return None
    return DomainError(
        _("The placement cannot start yet: %(items)s.") % {"items": "；".join(m["label"] for m in missing)},
        code="paperwork_missing",
        extra={"missing": missing, "current_status": placement.status},
    )


def assessments_refusal(placement: Placement) -> DomainError | None:
    """The completion's guard in the transition table (rule 15): both assessments first. Reads the assessments
    through `.all()`, so a list that prefetched them asks no more."""
    given = {a.role for a in placement.assessments.all()}
    missing = [str(label) for role, label in AssessorRole.choices if role not in given]
    if not missing:
        return None
    return DomainError(
        _("Both assessments are needed first; missing: %(who)s.") % {"who": "、".join(missing)},
        code="assessment_missing",
        extra={"current_status": placement.status},
    )


def start_date_refusal(placement: Placement) -> DomainError | None:
    """The start's date guard in the transition table: a placement starts on a day of its slot, never before the
    slot's start date (its insurance need only cover from then, see `missing_paperwork`), nor after its end."""
    today, slot = timezone.localdate(), placement.slot
    if today < slot.start_date:
        return DomainError(
            _("The placement cannot start before its start date, %(date)s.") % {"date": slot.start_date.isoformat()},
            code="before_start_date",
            extra={"start_date": slot.start_date.isoformat(), "current_status": placement.status},
        )
    if today > slot.end_date:
        return DomainError(
            _("The placement's dates are over (it was to end on %(date)s); it can no longer start.")
            % {"date": slot.end_date.isoformat()},
            code="after_end_date",
            extra={"end_date": slot.end_date.isoformat(), "current_status": placement.status},
        )
    return None


def end_date_refusal(placement: Placement) -> DomainError | None:
    """The completion's date guard: not before the placement's end date. A placement that must stop sooner ends
    early through the student's request and the teacher's decision (`decide_end`), never by completing it."""
    end = placement.slot.end_date
    if timezone.localdate() < end:
        return DomainError(
            _(
                "The placement runs until %(date)s and can be completed from then on; to stop it sooner, the "
                "student asks to end early and the teacher decides."
            )
            % {"date": end.isoformat()},
            code="before_end_date",
            extra={"end_date": end.isoformat(), "current_status": placement.status},
        )
    return None


def _refresh_ready(placement: Placement, *, user) -> None:
    """CONFIRMED ⇄ READY as the paperwork becomes complete (or a document is replaced)."""
    if placement.status not in (S.CONFIRMED, S.READY):
        return
    target = S.READY if not missing_paperwork(placement) else S.CONFIRMED
    if placement.status != target:
        previous = placement.status
        placement.status = target
        placement.save(update_fields=["status", "updated_at"])
        record(
            placement,
            user=user,
            action="paperwork_complete" if target == S.READY else "paperwork_incomplete",
            from_status=previous,
        )


def placement_start(*, actor: Actor, placement: Placement) -> Placement:
    """The placement begins: refused, with the missing items listed (`paperwork_refusal`), until every gate is
    met."""
    authorize("start", actor, placement)
    with transaction.atomic():
        placement = _locked(placement)
        row = move("start", placement)  # papers, dates, and the company still on the school's list
        previous = placement.status
        placement.status = row.target
        placement.started_at = timezone.now()
        placement.save(update_fields=["status", "started_at", "updated_at"])
        record(placement, user=actor.user, action="started", from_status=previous)
    return placement


def placement_request_end(*, actor: Actor, placement: Placement, reason: str) -> Placement:
    """The student asks to end the placement early; their teacher decides."""
    authorize("request_end", actor, placement)
    reason = require_reason(reason)
    with transaction.atomic():
        placement = _locked(placement)
        move("request_end", placement)
        placement.end_requested_at = timezone.now()
        placement.end_request_reason = reason
        placement.save(update_fields=["end_requested_at", "end_request_reason", "updated_at"])
        record(placement, user=actor.user, action="end_requested", from_status=placement.status, reason=reason)
    return placement


def placement_decide_end(*, actor: Actor, placement: Placement, approve: bool, reason: str = "") -> Placement:
    authorize("decide_end", actor, placement)
    with transaction.atomic():
        placement = _locked(placement)
        row = move("decide_end", placement)
        previous = placement.status
        if approve:
            placement.status = row.target
            placement.ended_at = timezone.now()
            action = "ended_early"
        else:
            reason = require_reason(reason)
            placement.end_requested_at = None
            action = "end_request_refused"
        placement.save(update_fields=["status", "ended_at", "end_requested_at", "updated_at"])
        record(placement, user=actor.user, action=action, from_status=previous, reason=reason)
    return placement


def final_grade(grades: list[str]) -> str:
    """The mean of the two assessments' bands, rounded down (so one 不合格 never averages into a pass alone)."""
    if Grade.FAIL in grades:
        return Grade.FAIL
    points = sum(GRADE_POINTS[Grade(g)] for g in grades) // len(grades)
    return next(g for g, p in GRADE_POINTS.items() if p == points)


def placement_complete(*, actor: Actor, placement: Placement) -> Placement:
    """The teacher completes an active placement once both assessments are in; the final grade follows."""
    authorize("complete", actor, placement)
    with transaction.atomic():
        placement = _locked(placement)
        row = move("complete", placement)  # both assessments in: `assessments_refusal`
        grades = dict(placement.assessments.values_list("role", "grade"))
        previous = placement.status
        placement.status = row.target
        placement.final_grade = final_grade(list(grades.values()))
        placement.ended_at = timezone.now()
        placement.save(update_fields=["status", "final_grade", "ended_at", "updated_at"])
        record(placement, user=actor.user, action="completed", from_status=previous, grade=placement.final_grade)
    return placement
