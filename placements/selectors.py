"""Read queries of slots and placements, scoped to what a viewer may see."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from accounts.actor import Actor
from companies.models import VettingStatus
from placements.choices import FILLING_STATUSES, InternshipKind, JournalStatus, PlacementStatus, SlotStatus
from placements.models import BreachReport, Journal, JournalRead, Placement, SchoolPolicy, Slot
from placements.rules import (
    RELAXABLE,
    born_by,
    latest_entry_year_for_post,
    old_enough_from,
    post_allowed_from,
    rule,
    rules_for,
)
from schools.choices import REGULATED_KINDS
from schools.models import Student

LIVE = ~Q(placements__status__in=[PlacementStatus.WITHDRAWN, PlacementStatus.REJECTED, PlacementStatus.DECLINED])


def slots_visible_to(actor: Actor, queryset: QuerySet[Slot] | None = None) -> QuerySet[Slot]:
    """Open slots of approved companies are public to signed-in users; a company sees all of its own; school
    staff also see slots their students are placed at; a student, the slots they applied to."""
    qs = queryset if queryset is not None else Slot.objects.all()
    if actor.is_city_analyst:  # the city reads every posted slot; a draft stays the company's own
        return qs.filter(~Q(status=SlotStatus.DRAFT) | Q(company_id__in=actor.company_ids))
    condition = Q(status=SlotStatus.OPEN, company__vetting_status=VettingStatus.APPROVED) | Q(
        company_id__in=actor.company_ids
    )
    if actor.school_ids:
        condition |= Q(placements__student__institution_id__in=actor.school_ids)
    if actor.school_ids:  # a slot held for high-risk work, by the staff of the schools reviewing it
        condition |= Q(status=SlotStatus.REVIEW, review_schools__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(placements__student_id=actor.student_id)
    return qs.filter(condition).distinct()


def with_counts(queryset: QuerySet[Slot]) -> QuerySet[Slot]:
    return queryset.annotate(
        applicant_count=Count("placements", filter=LIVE, distinct=True),
        filled_count=Count("placements", filter=Q(placements__status__in=FILLING_STATUSES), distinct=True),
    )


def full_slots(queryset: QuerySet[Slot] | None = None) -> QuerySet[Slot]:
    """Slots whose places are all taken by confirmed (or later) placements: they recruit no more (no waiting list)."""
    qs = queryset if queryset is not None else Slot.objects.all()
    return qs.annotate(
        taken=Count("placements", filter=Q(placements__status__in=FILLING_STATUSES), distinct=True)
    ).filter(taken__gte=F("capacity"))


def places_left(slot: Slot) -> int:
    """The places of `slot` not yet taken; reads with_counts()'s filled_count when the row carries it."""
    filled = getattr(slot, "filled_count", None)
    if filled is None:
        filled = slot.placements.filter(status__in=FILLING_STATUSES).count()
    return max(0, slot.capacity - filled)


def placed_terms(student: Student) -> list[str]:
    """The terms in which the student already holds a confirmed (or later) placement."""
    return list(
        Placement.objects.filter(student=student, status__in=FILLING_STATUSES).values_list("term", flat=True).distinct()
    )


def slots_eligible_for(student: Student, queryset: QuerySet[Slot]) -> QuerySet[Slot]:
    """The database form of ineligibility() over slots (age, year of study, major, required certificates), for
    the "eligible for me" filter. The date cut-offs are rules.py's, so the verdict is the same."""
    qs = queryset
    if student.cohort_id is None:
        return qs.none()
    major = student.cohort.major
    school = rules_for(student)  # a school outside the regulation may have relaxed some of these
    # A slot naming no major turns nobody away for their major, as ineligibility() reads it.
    if school.applies("major"):
        qs = qs.filter(Q(majors__isnull=True) | Q(majors=major) | Q(majors__category=major.category))
    # Art. 16: at least MIN_AGE on the start date of a post internship (an observation visit takes anyone).
    if school.applies("age"):
        qs = qs.exclude(kind=InternshipKind.POST, start_date__lt=old_enough_from(student.birth_date, rule("MIN_AGE")))
    # Art. 16: no post internship in the first year of study.
    if school.applies("first_year"):
        qs = qs.exclude(kind=InternshipKind.POST, start_date__lt=post_allowed_from(student.entry_year))
    # A full slot takes no more applications (issue 14): it is not one the student can apply to.
    qs = qs.exclude(pk__in=full_slots().values("pk"))
    # A student placed for a term applies to nothing more in it (application_submit refuses it).
    qs = qs.exclude(term__in=placed_terms(student))
    # Required certificates (verified only): few slots have them, so check those in Python.
    from certificates.services import missing_requirements, verified_levels

    held = verified_levels(student.pk)
    demanding = Slot.objects.filter(pk__in=qs.values("pk")).exclude(required_certificates=[])
    lacking = [
        s.pk
        for s in demanding.only("pk", "required_certificates")
        if missing_requirements(student.pk, s.required_certificates, held)
    ]
    return qs.exclude(pk__in=lacking).distinct()


def students_eligible_for(slot: Slot, queryset: QuerySet[Student] | None = None) -> QuerySet[Student]:
    """The database form of ineligibility() over students: those who may apply to `slot` (a class whose major
    fits, old enough on its start date, past their first year for a post internship, holding its required
    certificates). The mirror of slots_eligible_for, on the same date cut-offs."""
    qs = (queryset if queryset is not None else Student.objects.all()).filter(cohort__isnull=False)
    categories = {m.category for m in slot.majors.all()}
    if categories:  # a slot naming no major turns nobody away for their major (as ineligibility() reads it)
        qs = qs.filter(Q(cohort__major__category__in=categories) | Q(institution_id__in=relaxing_schools("major")))
    start = slot.start_date
    if slot.kind == InternshipKind.POST:
        # Art. 16: at least MIN_AGE on the start date, and past the first year of study (post internships only).
        qs = qs.filter(
            Q(birth_date__lte=born_by(start, rule("MIN_AGE"))) | Q(institution_id__in=relaxing_schools("age"))
        )
        qs = qs.filter(
            Q(entry_year__lte=latest_entry_year_for_post(start)) | Q(institution_id__in=relaxing_schools("first_year"))
        )
    # Required certificates: a verified one of the programme at the minimum level or above (missing_requirements).
    from certificates.models import LEVEL_ORDER, StudentCertificate

    for requirement in slot.required_certificates or []:
        needed = LEVEL_ORDER.get(requirement.get("min_level"), 1)
        holding = StudentCertificate.objects.filter(
            status=StudentCertificate.Status.VERIFIED,
            program_id=requirement.get("program"),
            level__in=[level for level, order in LEVEL_ORDER.items() if order >= needed],
        )
        qs = qs.filter(pk__in=holding.values("student_id"))
    return qs


def relaxing_schools(key: str) -> QuerySet:
    """The ids of the schools outside the regulation whose policy relaxes check `key` (rules.RELAXABLE): the
    database form of rules.SchoolRules.applies()."""
    return (
        SchoolPolicy.objects.filter(**{RELAXABLE[key]: True})
        .exclude(institution__kind__in=REGULATED_KINDS)
        .values("institution_id")
    )


def policy_for(institution_id: int) -> SchoolPolicy:
    """A school's placement policy; the defaults, unsaved, for a school that has none (a read never writes)."""
    policy = SchoolPolicy.objects.filter(institution_id=institution_id).first()
    return policy or SchoolPolicy(institution_id=institution_id)


def placements_visible_to(actor: Actor, queryset: QuerySet[Placement] | None = None) -> QuerySet[Placement]:
    """A student sees their own; school staff their school's students'; company staff those on their slots.
    City analysts see none (their figures come from the reports)."""
    qs = queryset if queryset is not None else Placement.objects.all()
    condition = Q(student__institution_id__in=actor.school_ids) | Q(slot__company_id__in=actor.company_ids)
    if actor.student_id:
        condition |= Q(student_id=actor.student_id)
    return qs.filter(condition)


def journals_visible_to(actor: Actor, queryset: QuerySet[Journal] | None = None) -> QuerySet[Journal]:
    """Journals are between the student and their school, and the placement's company mentor reads (and comments)
    those of their interns; HR and the rest of the company do not. A draft is the student's alone."""
    qs = queryset if queryset is not None else Journal.objects.all()
    submitted = Q(status=JournalStatus.SUBMITTED)
    condition = submitted & Q(placement__student__institution_id__in=actor.school_ids)
    if actor.company_ids and actor.user_id:
        condition |= submitted & Q(
            placement__mentor__user_id=actor.user_id,
            placement__mentor__archived_at__isnull=True,
            placement__slot__company_id__in=actor.company_ids,
        )
    if actor.student_id:
        condition |= Q(placement__student_id=actor.student_id)
    return qs.filter(condition)


def journals_for_review(actor: Actor, queryset: QuerySet[Journal] | None = None) -> QuerySet[Journal]:
    """The reviewer's list: every submitted journal of the placements where they are the teacher (their advisees)
    or the company mentor, each with `unread` for this reviewer, unread first, then the newest."""
    qs = queryset if queryset is not None else Journal.objects.all()
    condition = Q(pk__in=[])
    if actor.school_ids and actor.user_id:
        condition |= Q(
            placement__teacher__user_id=actor.user_id, placement__student__institution_id__in=actor.school_ids
        )
    if actor.company_ids and actor.user_id:
        condition |= Q(
            placement__mentor__user_id=actor.user_id,
            placement__mentor__archived_at__isnull=True,
            placement__slot__company_id__in=actor.company_ids,
        )
    read = JournalRead.objects.filter(journal=OuterRef("pk"), user_id=actor.user_id)
    return (
        qs.filter(condition, status=JournalStatus.SUBMITTED)
        .annotate(unread=~Exists(read))
        .order_by("-unread", "-submitted_at", "-id")
    )


def breaches_visible_to(actor: Actor, queryset: QuerySet[BreachReport] | None = None) -> QuerySet[BreachReport]:
    """A report goes to the student's school, never to the company it is about (nor to the city's analysts)."""
    qs = queryset if queryset is not None else BreachReport.objects.all()
    condition = Q(institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(student_id=actor.student_id)
    return qs.filter(condition)
