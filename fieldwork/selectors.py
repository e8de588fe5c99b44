"""Read queries of the fieldwork app, scoped to what a viewer may see, and the facts other apps ask of it (how
much approved leave a placement had, for the journal count)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from fieldwork.models import CheckIn, FieldWork, FieldworkPolicy, LeaveRequest, LeaveStatus
from placements.models import Placement


def fieldwork_policy_for(institution_id: int | None) -> FieldworkPolicy:
    """The school's fieldwork policy, or the defaults (unsaved) for a school that never changed it."""
    policy = FieldworkPolicy.objects.filter(institution_id=institution_id).first()
    return policy or FieldworkPolicy(institution_id=institution_id)


def _placement_condition(actor: Actor, prefix: str = "placement__") -> Q:
    """A placement's records are the student's, their school's staff's, the host company's HR's and the
    placement's own mentor's: another mentor of the company reads no one else's check-ins or leave (a leave may
    carry a doctor's note)."""
    condition = Q(**{f"{prefix}student__institution_id__in": actor.school_ids}) | Q(
        **{f"{prefix}slot__company_id__in": actor.hr_company_ids}
    )
    if actor.company_ids and actor.user_id:
        condition |= Q(
            **{f"{prefix}slot__company_id__in": actor.company_ids, f"{prefix}mentor__user_id": actor.user_id}
        )
    if actor.student_id:
        condition |= Q(**{f"{prefix}student_id": actor.student_id})
    return condition


def checkins_visible_to(actor: Actor, queryset: QuerySet[CheckIn] | None = None) -> QuerySet[CheckIn]:
    qs = queryset if queryset is not None else CheckIn.objects.all()
    return qs.filter(_placement_condition(actor))


def field_work_visible_to(actor: Actor, queryset: QuerySet[FieldWork] | None = None) -> QuerySet[FieldWork]:
    qs = queryset if queryset is not None else FieldWork.objects.all()
    return qs.filter(_placement_condition(actor))


def leave_visible_to(actor: Actor, queryset: QuerySet[LeaveRequest] | None = None) -> QuerySet[LeaveRequest]:
    qs = queryset if queryset is not None else LeaveRequest.objects.all()
    return qs.filter(_placement_condition(actor))


def attendance_placements_for(actor: Actor, queryset: QuerySet[Placement] | None = None) -> QuerySet[Placement]:
    """Placements whose attendance the viewer reads: a teacher their school's students', company staff their
    interns', a student their own."""
    qs = queryset if queryset is not None else Placement.objects.all()
    return qs.filter(_placement_condition(actor, prefix=""))


# -- what approved leave does to the journals -------------------------------------------------------------------


def _covered_days(placement: Placement, spans, until: date | None) -> int:
    slot = placement.slot
    last = min(slot.end_date, until) if until else slot.end_date
    covered: set[date] = set()
    for start, end in spans:
        day = max(start, slot.start_date)
        while day <= min(end, last):
            covered.add(day)
            day += timedelta(days=1)
    return len(covered)


def _approved_spans(placement: Placement) -> list[tuple[date, date]]:
    return list(
        LeaveRequest.objects.filter(placement=placement, status=LeaveStatus.APPROVED).values_list(
            "start_date", "end_date"
        )
    )


def leave_days(placement: Placement, *, until: date | None = None) -> int:
    """Calendar days of the placement covered by approved leave (overlapping requests counted once), up to
    `until` (inclusive) when given, within the slot's dates."""
    return _covered_days(placement, _approved_spans(placement), until)


def leave_weeks(placement: Placement) -> int:
    """Whole weeks of approved leave: the journal count a school requires is lowered by this many."""
    return leave_days(placement) // 7


def leave_relief(placement: Placement, *, until: date) -> tuple[int, int]:
    """What approved leave does to the journals, in one query: (whole weeks of leave over the placement, which
    lower the required count; days of leave up to `until`, which push the due dates back)."""
    from placements.choices import PlacementStatus

    if placement.pk is None or placement.status not in (
        PlacementStatus.ACTIVE,
        PlacementStatus.COMPLETED,
        PlacementStatus.ENDED_EARLY,
    ):
        return 0, 0  # leave is asked for on a placement under way only
    spans = _approved_spans(placement)
    if not spans:
        return 0, 0
    return _covered_days(placement, spans, None) // 7, _covered_days(placement, spans, until)


# -- what waits for the viewer (the lists' `to_decide` filter and the to-do badges) -----------------------------


def _mentor_of(actor: Actor) -> Q:
    """Placements the viewer decides for as the mentor (fieldwork.services.common.is_mentor_of)."""
    own = Q(placement__mentor__user_id=actor.user_id, placement__mentor__archived_at__isnull=True) & Q(
        placement__slot__company_id__in=actor.company_ids
    )
    return own | Q(placement__slot__company_id__in=actor.hr_company_ids)


def _teacher_of(actor: Actor) -> Q:
    """Placements the viewer decides for as the teacher (fieldwork.services.common.is_teacher_of)."""
    mine = Q(placement__teacher__user_id=actor.user_id) | Q(placement__student__advisor__user_id=actor.user_id)
    return Q(placement__student__institution_id__in=actor.admin_school_ids) | (
        Q(placement__student__institution_id__in=actor.teacher_school_ids) & mine
    )


def leave_to_decide(actor: Actor, queryset: QuerySet[LeaveRequest]) -> QuerySet[LeaveRequest]:
    return queryset.filter(
        (Q(status=LeaveStatus.PENDING_MENTOR) & _mentor_of(actor))
        | (Q(status=LeaveStatus.PENDING_TEACHER) & _teacher_of(actor))
    )


def field_work_to_confirm(actor: Actor, queryset: QuerySet[FieldWork]) -> QuerySet[FieldWork]:
    from fieldwork.models import FieldWorkStatus

    return queryset.filter(Q(status=FieldWorkStatus.PENDING) & _mentor_of(actor))
