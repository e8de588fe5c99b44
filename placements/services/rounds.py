"""Match rounds: a school opens a round over a term's slots and some classes, students rank slots, companies
may rank their applicants, the engine (placements.matching) assigns everyone, the school reviews a dry run and
publishes it, which turns the result into applications that enter the normal approval flow.

The priority a slot gives a student, where its company has not ranked them itself, is the published score:
  10 points when the student's major is one the slot names, 5 when only its major category (专业大类) matches;
ties (most of them) are broken by the round's lottery (placements.matching.lottery: one number per student,
dealt from the round's seed). Serial dictatorship takes students in score order, the student's score being
the sum, over the certificate programmes they hold, of their highest verified level (初级 1, 中级 2, 高级 3),
ties again by the lottery. The seed is kept, so anyone can recompute a published round."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import VettingStatus
from core.errors import DomainError
from notices.services import notice_send
from placements import matching
from placements.choices import FILLING_STATUSES, OPEN_APPLICATION_STATUSES, PlacementStatus, SlotStatus
from placements.models import MatchRound, Placement, PlacementEvent, RoundPreference, RoundPriority, Slot
from placements.notify import notify_round_published
from placements.rules import ineligibility
from placements.selectors import full_slots
from schools.models import Student

R = MatchRound.Status
SCORE_MAJOR = 10
SCORE_CATEGORY = 5


def _require_staff(actor: Actor, institution_id: int) -> None:
    if institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only teachers and administrators of the school run its match rounds."))


def _illegal(round: MatchRound, action) -> DomainError:
    return DomainError(
        _("This cannot be done now: the round is “%(status)s”.") % {"status": round.get_status_display()},
        code="illegal_transition",
        extra={"current_status": round.status, "action": str(action)},
    )


def _check_scope(institution, slots, cohorts) -> None:
    errors: dict[str, list] = {}
    if not slots:
        errors["slots"] = [_("Choose the slots of the round.")]
    else:
        bad = [
            s.title for s in slots if s.status != SlotStatus.OPEN or s.company.vetting_status != VettingStatus.APPROVED
        ]
        if bad:
            errors["slots"] = [_("Only open slots of approved companies: %(slots)s.") % {"slots": "、".join(bad)}]
        elif len({s.term for s in slots}) > 1:
            errors["slots"] = [_("All slots of a round must be in one term.")]
    if not cohorts:
        errors["cohorts"] = [_("Choose the classes whose students take part.")]
    elif any(c.major.institution_id != institution.pk for c in cohorts):
        errors["cohorts"] = [_("Only classes of your school.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_create(*, actor: Actor, institution, slots, cohorts, **fields) -> MatchRound:
    _require_staff(actor, institution.pk)
    _check_scope(institution, slots, cohorts)
    round = MatchRound.objects.create(
        institution=institution, seed=secrets.randbelow(2**31), created_by=actor.user, **fields
    )
    round.slots.set(slots)
    round.cohorts.set(cohorts)
    return round


@transaction.atomic
def round_update(*, actor: Actor, round: MatchRound, slots=None, cohorts=None, **fields) -> MatchRound:
    _require_staff(actor, round.institution_id)
    round = MatchRound.objects.select_for_update().get(pk=round.pk)
    if round.status == R.PUBLISHED:
        raise _illegal(round, _("edit"))
    for name, value in fields.items():
        setattr(round, name, value)
    slots = list(slots) if slots is not None else list(round.slots.select_related("company"))
    cohorts = list(cohorts) if cohorts is not None else list(round.cohorts.select_related("major"))
    _check_scope(round.institution, slots, cohorts)
    round.save()
    round.slots.set(slots)
    round.cohorts.set(cohorts)
    # Preferences for slots that left the round no longer count.
    RoundPreference.objects.filter(round=round).exclude(slot__in=slots).delete()
    return round


def round_students(round: MatchRound):
    """The students taking part: in the round's classes, with an account, and not already placed this term."""
    term = round.slots.values_list("term", flat=True).first()
    placed = Placement.objects.filter(term=term, status__in=FILLING_STATUSES).values("student_id")
    return (
        Student.objects.filter(cohort__in=round.cohorts.all(), user__isnull=False)
        .exclude(pk__in=placed)
        .select_related("cohort__major")
    )


def _move(actor: Actor, round: MatchRound, allowed: tuple, to: str, action) -> MatchRound:
    _require_staff(actor, round.institution_id)
    with transaction.atomic():
        round = MatchRound.objects.select_for_update().get(pk=round.pk)
        if round.status not in allowed:
            raise _illegal(round, action)
        round.status = to
        round.save(update_fields=["status"])
        if to == R.OPEN:
            notice_send(
                recipients=round_students(round).values_list("user_id", flat=True),
                kind="round_opened",
                params={
                    "round": round.name,
                    "deadline": timezone.localtime(round.preference_deadline).strftime("%Y-%m-%d %H:%M"),
                },
                link=f"/rounds/{round.pk}",
            )
    return round


def round_open(*, actor: Actor, round: MatchRound) -> MatchRound:
    return _move(actor, round, (R.DRAFT, R.CLOSED), R.OPEN, _("open"))


def round_close(*, actor: Actor, round: MatchRound) -> MatchRound:
    return _move(actor, round, (R.OPEN,), R.CLOSED, _("close"))


def _accepting_preferences(round: MatchRound) -> None:
    if round.status != R.OPEN:
        raise _illegal(round, _("rank slots"))
    if round.preference_deadline < timezone.now():
        raise DomainError(_("The deadline for preferences has passed."), code="deadline_passed")


def require_participant(actor: Actor, round: MatchRound) -> Student:
    if not actor.student_id:
        raise PermissionDenied(_("Only students rank slots."))
    student = Student.objects.select_related("cohort__major").get(pk=actor.student_id)
    if not round_students(round).filter(pk=student.pk).exists():
        term = round.slots.values_list("term", flat=True).first()
        if Placement.objects.filter(student=student, term=term, status__in=FILLING_STATUSES).exists():
            # The usual case (issue 14): say why, so the page can show it instead of a bare "no permission".
            raise PermissionDenied(_("You already have a confirmed placement this term."))
        raise PermissionDenied(
            _("You do not take part in this round (not in its classes, or already placed this term).")
        )
    return student


def preferences_set(*, actor: Actor, round: MatchRound, slot_ids: list[int]) -> list[RoundPreference]:
    """A student replaces their ranked list (most wanted first). Only slots of the round they may apply to."""
    student = require_participant(actor, round)
    _accepting_preferences(round)
    errors = []
    if len(slot_ids) != len(set(slot_ids)):
        errors.append(str(_("A slot appears twice in your list.")))
    if len(slot_ids) > round.max_choices:
        errors.append(str(_("At most %(n)d choices in this round.") % {"n": round.max_choices}))
    slots = {s.pk: s for s in round.slots.prefetch_related("majors")}
    full = set(full_slots(round.slots.all()).values_list("pk", flat=True))
    for slot_id in slot_ids:
        slot = slots.get(slot_id)
        if slot is None:
            errors.append(str(_("Slot %(id)s is not in this round.") % {"id": slot_id}))
            continue
        if slot.status != SlotStatus.OPEN:
            errors.append(str(_("“%(slot)s” is no longer open.") % {"slot": slot.title}))
            continue
        if slot_id in full:  # no waiting list: a full slot is not a choice
            full_text = _("The slot is full: all %(n)d places are confirmed.") % {"n": slot.capacity}
            errors.append(f"{slot.title}: {full_text}")
            continue
        for reason in ineligibility(student, slot):
            errors.append(f"{slot.title}: {reason}")
    if errors:
        raise ValidationError({"slots": errors})
    with transaction.atomic():
        RoundPreference.objects.filter(round=round, student=student).delete()
        return RoundPreference.objects.bulk_create(
            [RoundPreference(round=round, student=student, slot_id=s, rank=i) for i, s in enumerate(slot_ids, 1)]
        )


def priorities_set(*, actor: Actor, round: MatchRound, slot: Slot, student_ids: list[int]) -> None:
    """Company HR orders the students who ranked one of its slots; an empty list hands the order back to the
    published score."""
    if slot.company_id not in actor.hr_company_ids:
        raise PermissionDenied(_("Only HR staff of the company rank its applicants."))
    if not round.slots.filter(pk=slot.pk).exists():
        raise ValidationError({"slot": [_("This slot is not in the round.")]})
    _accepting_preferences(round)
    applicants = set(RoundPreference.objects.filter(round=round, slot=slot).values_list("student_id", flat=True))
    if len(student_ids) != len(set(student_ids)) or not set(student_ids) <= applicants:
        raise ValidationError({"students": [_("Rank only students who ranked this slot, each once.")]})
    with transaction.atomic():
        RoundPriority.objects.filter(round=round, slot=slot).delete()
        RoundPriority.objects.bulk_create(
            [RoundPriority(round=round, slot=slot, student_id=s, position=i) for i, s in enumerate(student_ids, 1)]
        )


def score(student: Student, slot: Slot, slot_major_ids: set[int], slot_categories: set[str]) -> int:
    major = student.cohort.major if student.cohort_id else None
    if major is None:
        return 0
    if major.pk in slot_major_ids:
        return SCORE_MAJOR
    return SCORE_CATEGORY if major.category in slot_categories else 0


def round_inputs(round: MatchRound) -> dict:
    """Everything the engine needs, as plain data (kept with the result, so a run can be repeated)."""
    students = {
        pk: (major_id, category)
        for pk, major_id, category in round_students(round).values_list(
            "pk", "cohort__major_id", "cohort__major__category"
        )
    }
    slots = list(round.slots.prefetch_related("majors").order_by("pk"))
    filled = dict(
        Placement.objects.filter(slot__in=slots, status__in=FILLING_STATUSES)
        .values_list("slot_id")
        .annotate(n=Count("id"))
    )
    preferences: dict[int, list[int]] = {}
    rows = (
        RoundPreference.objects.filter(round=round).order_by("student_id", "rank").values_list("student_id", "slot_id")
    )
    for sid, slot_id in rows:
        if sid in students:
            preferences.setdefault(sid, []).append(slot_id)
    company_orders: dict[int, list[int]] = {}
    for slot_id, sid in (
        RoundPriority.objects.filter(round=round).order_by("slot_id", "position").values_list("slot_id", "student_id")
    ):
        company_orders.setdefault(slot_id, []).append(sid)
    slot_majors = {s.pk: ({m.pk for m in s.majors.all()}, {m.category for m in s.majors.all()}) for s in slots}
    scores: dict[int, dict[int, int]] = {s.pk: {} for s in slots}
    for sid, listed in preferences.items():  # one pass over the preferences
        major_id, category = students[sid]
        for slot_id in listed:
            major_ids, categories = slot_majors.get(slot_id, (set(), set()))
            scores.setdefault(slot_id, {})[sid] = (
                SCORE_MAJOR if major_id in major_ids else SCORE_CATEGORY if category in categories else 0
            )
    from certificates.models import LEVEL_ORDER, StudentCertificate

    student_scores: dict[int, int] = {}
    best: dict[tuple[int, int], int] = {}
    for sid, program_id, level in StudentCertificate.objects.filter(
        student_id__in=students, status=StudentCertificate.Status.VERIFIED
    ).values_list("student_id", "program_id", "level"):
        best[(sid, program_id)] = max(best.get((sid, program_id), 0), LEVEL_ORDER.get(level, 0))
    for (sid, _program), points in best.items():
        student_scores[sid] = student_scores.get(sid, 0) + points
    return {
        "mechanism": round.mechanism,
        "seed": round.seed,
        "student_scores": [[sid, student_scores.get(sid, 0)] for sid in sorted(students)],
        "students": sorted(students),
        "preferences": [[sid, listed] for sid, listed in sorted(preferences.items())],
        # A slot that is no longer open offers no places (so cancelling one after a run changes the inputs).
        "capacities": [
            [s.pk, max(0, s.capacity - filled.get(s.pk, 0)) if s.status == SlotStatus.OPEN else 0] for s in slots
        ],
        "company_orders": [[slot_id, order] for slot_id, order in sorted(company_orders.items())],
        "scores": [[slot_id, [[s, v] for s, v in sorted(by.items())]] for slot_id, by in sorted(scores.items())],
    }


def run_inputs_priorities(inputs: dict) -> dict[int, list[int]]:
    """Each slot's priority list: the company's own order of those it ranked, then the rest by the published
    score, ties broken by the round's lottery."""
    scores = {slot: dict(pairs) for slot, pairs in inputs["scores"]}
    by_score = matching.priorities_from_scores(scores, inputs["seed"], draw_order=inputs["students"]) if scores else {}
    company = {slot: order for slot, order in inputs["company_orders"]}
    priorities = {}
    for slot, _cap in inputs["capacities"]:
        ranked_by_company = [s for s in company.get(slot, []) if s in scores.get(slot, {})]
        chosen = set(ranked_by_company)
        priorities[slot] = ranked_by_company + [s for s in by_score.get(slot, []) if s not in chosen]
    return priorities


def run_inputs(inputs: dict) -> matching.Result:
    """Run the engine on stored inputs (pure: the same inputs always give the same result)."""
    preferences = {sid: listed for sid, listed in inputs["preferences"]}
    capacities = {slot: cap for slot, cap in inputs["capacities"]}
    priorities = run_inputs_priorities(inputs)
    instance = matching.Instance(preferences=preferences, capacities=capacities, priorities=priorities)
    if inputs["mechanism"] == MatchRound.Mechanism.SERIAL_DICTATORSHIP:
        # Every participant draws a lottery number (the same numbers as the slots' tie-break), then those who
        # ranked slots take their turns in score order.
        scores = {sid: score for sid, score in inputs.get("student_scores", [])}
        everyone = {sid: scores.get(sid, 0) for sid in inputs["students"]}
        ordered = matching.order_from_scores(everyone, inputs["seed"], draw_order=inputs["students"])
        order = [s for s in ordered if s in preferences]
        return matching.serial_dictatorship(instance, order)
    return matching.deferred_acceptance(instance)


def summarize(result: matching.Result, inputs: dict) -> dict:
    """What the school reviews and each student reads: fill, cutoffs, unmatched, and every explanation."""
    listed = {sid: listed for sid, listed in inputs["preferences"]}
    explanations = {}
    for sid in listed:
        e = result.explanations[sid]
        explanations[str(sid)] = {
            "slot": e.slot,
            "choice": None if e.choice is None else e.choice + 1,
            "rank": None if e.rank is None else e.rank + 1,
            "above": [
                {"slot": r.slot, "choice": r.choice + 1, "reason": str(r.reason), "capacity": r.capacity,
                 "rank": r.rank + 1, "cutoff": None if r.cutoff is None else r.cutoff + 1,
                 "turn": None if r.turn is None else r.turn + 1,
                 "turn_cutoff": None if r.turn_cutoff is None else r.turn_cutoff + 1}
                for r in e.ranked_above
            ],
        }  # fmt: skip
    return {
        "mechanism": result.mechanism,
        "students": len(inputs["students"]),
        "ranked": len(listed),
        "matched": result.matched,
        "unmatched": [s for s in result.unmatched],
        "did_not_rank": [s for s in inputs["students"] if s not in listed],
        "first_choice_share": round(result.first_choice_share, 4),
        "fill": {str(slot): list(v) for slot, v in result.fill.items()},
        "cutoffs": {str(slot): (None if c is None else c + 1) for slot, c in result.cutoffs.items()},
        "assignment": {str(s): slot for s, slot in result.assignment.items()},
        "explanations": explanations,
    }


def round_run(*, actor: Actor, round: MatchRound) -> MatchRound:
    """A dry run: compute and keep the result for review. Nothing else changes."""
    _require_staff(actor, round.institution_id)
    if round.status not in (R.OPEN, R.CLOSED):
        raise _illegal(round, _("run"))
    inputs = round_inputs(round)
    result = run_inputs(inputs)
    with transaction.atomic():
        round = MatchRound.objects.select_for_update().get(pk=round.pk)
        round.inputs = inputs
        round.result = summarize(result, inputs)
        round.ran_at = timezone.now()
        round.save(update_fields=["inputs", "result", "ran_at"])
    return round


def round_publish(*, actor: Actor, round: MatchRound) -> MatchRound:
    """Turn the reviewed result into applications (status pending, in the normal approval flow), in one
    transaction, and tell every student, advisor and company concerned. Refused if the inputs changed since
    the reviewed run: the school reviews what it publishes."""
    _require_staff(actor, round.institution_id)
    with transaction.atomic():
        round = MatchRound.objects.select_for_update().get(pk=round.pk)
        if round.status != R.CLOSED:
            raise _illegal(round, _("publish"))
        if not round.ran_at:
            raise DomainError(_("Run the round and review the result before publishing."), code="not_run")
        current = round_inputs(round)
        if current != round.inputs:
            raise DomainError(
                _("Preferences, rankings or capacities changed since the last run. Run it again and review."),
                code="inputs_changed",
            )
        # The inputs are the reviewed ones, so the kept result is the one to publish (runs are deterministic).
        kept = round.result
        slots = {s.pk: s for s in round.slots.select_related("company")}
        students = {s.pk: s for s in Student.objects.filter(pk__in=current["students"]).select_related("advisor__user")}
        explanations = round.result["explanations"]
        matched = {int(sid): slot_id for sid, slot_id in kept["assignment"].items() if slot_id is not None}
        # Applications the students already hold for their matched slot are kept, whatever their open state.
        existing = {
            (p.student_id, p.slot_id): p
            for p in Placement.objects.filter(
                student_id__in=matched, slot_id__in=set(matched.values()), status__in=OPEN_APPLICATION_STATUSES
            )
        }
        statement = str(_("Assigned by match round “%(round)s”.") % {"round": round.name})
        new = [
            Placement(
                student_id=sid, slot_id=slot_id, rank=explanations[str(sid)]["choice"] or 1,
                statement=statement, term=slots[slot_id].term,
            )
            for sid, slot_id in matched.items()
            if (sid, slot_id) not in existing
        ]  # fmt: skip
        Placement.objects.bulk_create(new, batch_size=1000)
        placements = list(existing.values()) + list(
            Placement.objects.filter(student_id__in=[p.student_id for p in new], slot_id__in={p.slot_id for p in new})
            .exclude(pk__in=[p.pk for p in existing.values()])
            .filter(status=PlacementStatus.PENDING)
        )
        PlacementEvent.objects.bulk_create(
            [
                PlacementEvent(
                    placement=p, actor=actor.user, action="matched", to_status=p.status, data={"round": round.pk}
                )
                for p in placements
            ],
            batch_size=1000,
        )
        round.status = R.PUBLISHED
        round.published_at = timezone.now()
        round.published_by = actor.user
        round.save(update_fields=["status", "published_at", "published_by"])

        notify_round_published(round, matched=matched, students=students, slots=slots)
    return round


def round_verify(round: MatchRound) -> bool:
    """Re-run the kept inputs: the result must be the one kept."""
    if not round.inputs:
        return False
    return summarize(run_inputs(round.inputs), round.inputs)["assignment"] == round.result.get("assignment")
