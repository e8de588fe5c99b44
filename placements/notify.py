"""Who hears about each placement event. Called from the audit record, so every recorded change notifies the
people concerned, inside the same transaction (a rolled-back change notifies no one)."""

from __future__ import annotations

from companies.models import CompanyMember
from notices.messages import translatable
from notices.services import notice_send, notices_send_many
from placements.choices import Grade
from placements.models import Placement

STUDENT, ADVISOR, COMPANY, MENTOR = "student", "advisor", "company", "mentor"
AUDIENCE = {
    "applied": {ADVISOR, COMPANY},
    "matched": {STUDENT, ADVISOR},
    "approved": {STUDENT, COMPANY},
    "accepted": {STUDENT, ADVISOR},
    "confirmed": {STUDENT, ADVISOR, COMPANY, MENTOR},
    "rejected": {STUDENT, COMPANY},
    "declined": {STUDENT, ADVISOR},
    "withdrawn": {ADVISOR, COMPANY},
    "paperwork_complete": {STUDENT, ADVISOR, COMPANY},
    "document_uploaded": {STUDENT, ADVISOR, COMPANY},
    # the school's check of a consent paper the student handed in (services/documents.py)
    "document_checked": {STUDENT},
    "document_returned": {STUDENT},
    "started": {STUDENT, ADVISOR, COMPANY, MENTOR},
    "end_requested": {ADVISOR},
    "ended_early": {STUDENT, COMPANY, MENTOR},
    "end_request_refused": {STUDENT},
    "assessed": {STUDENT},
    "completed": {STUDENT, ADVISOR, COMPANY, MENTOR},
}


def recipients(placement: Placement, audience: set[str]) -> list[int]:
    ids: list[int | None] = []
    student = placement.student
    if STUDENT in audience:
        ids.append(student.user_id)
    if ADVISOR in audience and student.advisor_id:
        ids.append(student.advisor.user_id)
    slot = placement.slot
    if COMPANY in audience:
        ids.extend(
            CompanyMember.objects.filter(company_id=slot.company_id, role=CompanyMember.Role.HR).values_list(
                "user_id", flat=True
            )
        )
    if MENTOR in audience and slot.mentor_id:
        ids.append(slot.mentor.user_id)
    return [i for i in ids if i is not None]


def notify_event(placement: Placement, *, action: str, user, reason: str = "", data: dict | None = None) -> None:
    audience = AUDIENCE.get(action)
    if not audience:
        return
    data = data or {}
    if data.get("to_check"):  # the school side hears of it as a paper to check instead (documents._ask_check)
        audience = audience - {ADVISOR}
    actor_id = getattr(user, "pk", None)
    targets = [uid for uid in recipients(placement, audience) if uid != actor_id]
    if not targets:
        return
    params = {
        "student": placement.student.full_name,
        "slot": placement.slot.title,
        "company": placement.slot.company.name,
        "actor": getattr(user, "display_name", "") if user is not None else "",
        "reason": reason,
    }
    if action == "completed":
        params["grade"] = translatable(Grade(placement.final_grade).label)
    if action in ("document_uploaded", "document_checked", "document_returned") and data.get("kind"):
        from placements.choices import DocumentKind

        params["document"] = translatable(DocumentKind(data["kind"]).label)
    notice_send(recipients=targets, kind=action, params=params, link=f"/placements/{placement.pk}")


def notify_slot_opened(slot) -> None:
    """Tell the students who could apply (selectors.students_eligible_for, the same verdict as
    rules.ineligibility()) among those of the schools that linked themselves to the base (a school's decision,
    companies/bases.py), who have activated their accounts and are not archived."""
    from placements.selectors import students_eligible_for
    from schools.models import Student

    if not slot.majors.exists():
        return  # a slot opens only with its majors named (services/slots.py); nothing to announce to
    students = students_eligible_for(
        slot,
        Student.objects.filter(
            user__isnull=False, archived_at__isnull=True, institution__in=slot.base.institutions.all()
        ),
    )
    notice_send(
        recipients=list(students.values_list("user_id", flat=True)[:5000]),
        kind="slot_opened",
        params={"company": slot.company.name, "slot": slot.title, "start": slot.start_date.isoformat()},
        link=f"/slots/{slot.pk}",
    )


def notify_round_published(round, *, matched: dict[int, int], students: dict, slots: dict) -> None:
    """A published match round (its kept result): each student their result, the slot they were matched to
    (`matched`: student id to slot id) or none; each advisor how many of their advisees were matched; each HR of a
    company in the round one summary. `students` and `slots` by id, with advisor__user and company. One batch."""
    items = []
    per_advisor: dict[int, int] = {}
    for sid, slot_id in matched.items():
        student = students[sid]
        slot = slots[slot_id]
        if student.user_id:
            items.append((student.user_id, "matched", {"student": student.full_name, "slot": slot.title,
                          "company": slot.company.name}, "/placements"))  # fmt: skip
        if student.advisor_id:
            per_advisor[student.advisor.user_id] = per_advisor.get(student.advisor.user_id, 0) + 1
    for sid in round.result["unmatched"]:
        if students[sid].user_id:
            items.append((students[sid].user_id, "round_unmatched", {"round": round.name}, "/slots"))
    for advisor_user, n in per_advisor.items():
        items.append((advisor_user, "round_advisees_matched", {"round": round.name, "matched": n}, "/placements"))
    hr = CompanyMember.objects.filter(company_id__in={s.company_id for s in slots.values()}, role=CompanyMember.Role.HR)
    for uid in set(hr.values_list("user_id", flat=True)):
        items.append((uid, "round_published", {"round": round.name, "matched": round.result["matched"]}, "/placements"))
    notices_send_many(items)
