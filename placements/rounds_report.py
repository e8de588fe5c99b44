"""What a match round shows each reader, as plain data the API serializes: its summary, its slots (for a student,
ranked by how well each fits them, with the reasons in words) and its result (the school's whole result, a
student's own, a company's admissions). Reads only; the writes are placements.services.rounds."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from accounts.actor import Actor
from placements.choices import SlotStatus
from placements.models import MatchRound, RoundPreference, RoundPriority, Slot
from placements.rules import ineligibility
from placements.services import rounds as services
from schools.models import Student

# A slot fewer students ranked than it has places adds this to its fit (a better chance of getting it).
UNDERSUBSCRIBED_BONUS = 2


def round_summary(round: MatchRound) -> dict | None:
    """The kept run's figures (None before the first run)."""
    r = round.result
    if not r:
        return None
    return {
        "students": r["students"],
        "ranked": r["ranked"],
        "matched": r["matched"],
        "unmatched": len(r["unmatched"]),
        "did_not_rank": len(r["did_not_rank"]),
        "first_choice_share": r["first_choice_share"],
    }


def slot_fit(student: Student, slot: Slot, *, places: int, demand: int) -> tuple[int, list[str]]:
    """How well a slot fits a student (the round's published score, plus a bonus when fewer students ranked
    it than it has places) and why, in the active language. The slot's majors are prefetched."""
    major_ids = {m.pk for m in slot.majors.all()}
    categories = {m.category for m in slot.majors.all()}
    fit = services.score(student, slot, major_ids, categories)
    why = []
    if fit == services.SCORE_MAJOR:
        why.append(_("Your major is one the slot names."))
    elif fit == services.SCORE_CATEGORY:
        why.append(_("The slot is for your major category."))
    if places and demand < places:
        why.append(_("Fewer students ranked it than it has places."))
        fit += UNDERSUBSCRIBED_BONUS
    return fit, why


def round_slots(round: MatchRound, student: Student | None) -> list[dict]:
    """The round's slots with their remaining places and how many students ranked each; for a student, whether
    they may rank it, how well it fits them and why, the eligible and best-fitting first (the recommendations).
    `student` with cohort__major, or None for any other reader."""
    ranked = dict(
        RoundPreference.objects.filter(round=round).values_list("slot_id").annotate(n=Count("student", distinct=True))
    )
    capacities = {slot: cap for slot, cap in services.round_inputs(round)["capacities"]}
    rows = []
    for slot in round.slots.select_related("company", "base", "job_cluster").prefetch_related("majors"):
        row = {
            "id": slot.pk,
            "title": slot.title,
            "company_name": slot.company.name,
            "base_name": slot.base.name,
            "district_label": slot.base.get_district_display(),
            "kind": slot.kind,
            "start_date": slot.start_date,
            "end_date": slot.end_date,
            "stipend": slot.stipend,
            "capacity": capacities.get(slot.pk, 0),
            "ranked_by": ranked.get(slot.pk, 0),
        }
        if student is not None:
            reasons = ineligibility(student, slot)
            if row["capacity"] == 0:  # full (or no longer open): offered, but not to be chosen, and why
                refusal = (
                    _("The slot is full: all %(n)d places are confirmed.") % {"n": slot.capacity}
                    if slot.status == SlotStatus.OPEN
                    else _("This slot is not open for applications.")
                )
                reasons = [refusal, *reasons]
            fit, why = slot_fit(student, slot, places=row["capacity"], demand=row["ranked_by"])
            row.update(eligible=not reasons, reasons=reasons, fit=fit, why=why)
        rows.append(row)
    if student is not None:
        rows.sort(key=lambda r: (not r["eligible"], -r["fit"], -float(r["stipend"]), r["id"]))
    return rows


def round_priorities(round: MatchRound, slot: Slot) -> dict:
    """The students who ranked `slot`, in the order the round will use (the company's own, else the published
    score), and whether the company ranked them itself."""
    order = services.run_inputs_priorities(services.round_inputs(round)).get(slot.pk, [])
    students = {s.pk: s for s in Student.objects.filter(pk__in=order).select_related("institution", "cohort__major")}
    return {
        "slot": slot.pk,
        "company_ranked": RoundPriority.objects.filter(round=round, slot=slot).exists(),
        "students": [
            {"id": sid, "full_name": students[sid].full_name, "student_number": students[sid].student_number,
             "institution": students[sid].institution.name,
             "major": students[sid].cohort.major.name if students[sid].cohort else None}
            for sid in order
        ],
    }  # fmt: skip


def round_result(round: MatchRound, actor: Actor) -> dict:
    """The result `actor` is entitled to read: the school's staff the whole result with names; a student their
    own result and why (once published); company staff who was admitted to their slots (once published)."""
    r = round.result
    if not r:
        return {"ran": False}
    published = round.status == MatchRound.Status.PUBLISHED
    slots = {s.pk: s for s in round.slots.select_related("company")}

    def slot_name(slot_id):
        return slots[slot_id].title if slot_id in slots else None

    if round.institution_id in actor.school_ids:
        ids = [int(s) for s in r["assignment"]]
        names = dict(Student.objects.filter(pk__in=ids).values_list("pk", "full_name"))
        return {
            "ran": True,
            "published": published,
            "summary": round_summary(round),
            "slots": [
                {"id": int(sid), "title": slot_name(int(sid)), "company": slots[int(sid)].company.name,
                 "admitted": fill[0], "capacity": fill[1], "cutoff": r["cutoffs"][sid]}
                for sid, fill in r["fill"].items()
            ],
            "unmatched": [{"id": s, "full_name": names.get(s)} for s in r["unmatched"]],
            "students": [
                {"id": int(s), "full_name": names.get(int(s)), "slot": slot, "slot_title": slot_name(slot),
                 "choice": r["explanations"][s]["choice"]}
                for s, slot in r["assignment"].items()
            ],
            "explanations": r["explanations"],
        }  # fmt: skip
    if not published:
        return {"ran": True, "published": False}  # a dry run is the school's to review
    if actor.student_id:
        mine = r["explanations"].get(str(actor.student_id))
        if mine is None:
            return {"ran": True, "published": True, "took_part": False}
        return {
            "ran": True,
            "published": True,
            "took_part": True,
            "slot": mine["slot"],
            "slot_title": slot_name(mine["slot"]),
            "choice": mine["choice"],
            "above": [{**a, "slot_title": slot_name(a["slot"])} for a in mine["above"]],
        }
    own = [sid for sid, s in slots.items() if s.company_id in actor.company_ids]
    admitted = {sid: [int(st) for st, slot in r["assignment"].items() if slot == sid] for sid in own}
    names = dict(
        Student.objects.filter(pk__in=[s for v in admitted.values() for s in v]).values_list("pk", "full_name")
    )
    return {
        "ran": True,
        "published": True,
        "slots": [
            {"id": sid, "title": slot_name(sid), "cutoff": r["cutoffs"].get(str(sid)),
             "admitted": [{"id": s, "full_name": names.get(s)} for s in ids]}
            for sid, ids in admitted.items()
        ],
    }  # fmt: skip
