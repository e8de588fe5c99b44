"""Who hears about each placement event. Called from the audit record, so every recorded change notifies the
people concerned, inside the same transaction (a rolled-back change notifies no one)."""

from __future__ import annotations

from companies.models import CompanyMember
from notices.messages import translatable
from notices.services import notice_send
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
    actor_id = getattr(user, "pk", None)
    targets = [uid for uid in recipients(placement, audience) if uid != actor_id]
    if not targets:
        return
    data = data or {}
    params = {
        "student": placement.student.full_name,
        "slot": placement.slot.title,
        "company": placement.slot.company.name,
        "actor": getattr(user, "display_name", "") if user is not None else "",
        "reason": reason,
    }
    if action == "completed":
        params["grade"] = translatable(Grade(placement.final_grade).label)
    if action == "document_uploaded" and data.get("kind"):
        from placements.choices import DocumentKind

        params["document"] = translatable(DocumentKind(data["kind"]).label)
    notice_send(recipients=targets, kind=action, params=params, link=f"/placements/{placement.pk}")


def notify_slot_opened(slot) -> None:
    """Tell the students who could apply: those of the schools that linked themselves to the base (a school's
    decision, companies/bases.py), in a fitting major, old enough and (for post internships) past their first
    year, who have activated their accounts and are not archived."""
    from datetime import date

    from placements.choices import InternshipKind
    from placements.rules import rule
    from schools.models import Student

    majors = list(slot.majors.all())
    if not majors:
        return
    start = slot.start_date
    students = Student.objects.filter(
        user__isnull=False,
        archived_at__isnull=True,
        institution__in=slot.base.institutions.all(),
        cohort__major__category__in={m.category for m in majors},
    )
    try:
        born_by = start.replace(year=start.year - rule("MIN_AGE"))
    except ValueError:
        born_by = date(start.year - rule("MIN_AGE"), 2, 28)
    students = students.filter(birth_date__lte=born_by)
    if slot.kind == InternshipKind.POST:
        students = students.filter(entry_year__lte=start.year + (1 if start.month >= 9 else 0) - 2)
    notice_send(
        recipients=list(students.values_list("user_id", flat=True)[:5000]),
        kind="slot_opened",
        params={"company": slot.company.name, "slot": slot.title, "start": start.isoformat()},
        link=f"/slots/{slot.pk}",
    )
