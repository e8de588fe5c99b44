"""Who sees which fairs, booths and registrations; and which students a fair is for."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.actor import Actor
from careers.fairs.models import Booth, BoothStatus, Fair, FairRegistration, FairStatus
from careers.selectors import PROGRAMME_YEARS, graduation_year
from schools.models import Student, Teacher

PUBLISHED = (FairStatus.OPEN, FairStatus.CLOSED, FairStatus.CANCELLED)


def in_status(status: str) -> Q:
    """The fairs whose status reads as `status` (Fair.effective_status): an open fair whose end has passed is
    closed even before the scheduled job writes it down."""
    now = timezone.now()
    if status == FairStatus.OPEN:
        return Q(status=FairStatus.OPEN, ends_at__gt=now)
    if status == FairStatus.CLOSED:
        return Q(status=FairStatus.CLOSED) | Q(status=FairStatus.OPEN, ends_at__lte=now)
    return Q(status=status)


def organised_by(actor: Actor) -> Q:
    """The fairs this person organises: the city's (any city staff) or their own school's (its admins)."""
    condition = Q(pk__in=[])
    if actor.is_city_staff:
        condition |= Q(institution__isnull=True)
    if actor.admin_school_ids:
        condition |= Q(institution_id__in=actor.admin_school_ids)
    return condition


def is_organiser(actor: Actor, fair: Fair) -> bool:
    if fair.institution_id is None:
        return actor.is_city_staff
    return fair.institution_id in actor.admin_school_ids


def is_desk_staff(actor: Actor, fair: Fair) -> bool:
    """Who checks students in at the door: the organisers, and for a school's fair its teachers too."""
    return is_organiser(actor, fair) or (fair.institution_id is not None and fair.institution_id in actor.school_ids)


def _audience_for_school(institution_ids) -> Q:
    through = Fair.schools.through
    named = Exists(through.objects.filter(fair_id=OuterRef("pk")))
    mine = Exists(through.objects.filter(fair_id=OuterRef("pk"), institution_id__in=institution_ids))
    return ~named | mine


def audience_for_student(student: Student) -> Q:
    """The fairs whose audience includes this student: each of schools, majors and years empty or naming theirs."""
    major_through = Fair.majors.through
    any_major = ~Exists(major_through.objects.filter(fair_id=OuterRef("pk")))
    major_id = student.cohort.major_id if student.cohort_id else None
    their_major = Exists(major_through.objects.filter(fair_id=OuterRef("pk"), major_id=major_id))
    year = graduation_year(student)
    return (
        _audience_for_school([student.institution_id])
        & (any_major | their_major)
        & (Q(graduation_years="") | Q(graduation_years__contains=f",{year},"))
    )


def fairs_visible_to(actor: Actor, queryset: QuerySet[Fair] | None = None) -> QuerySet[Fair]:
    """Organisers see their fairs in every state; students the published fairs for them (and those they
    registered for); vetted companies' staff every published fair (to apply for a booth) and those they have a
    booth at; a school's staff the published fairs for their school; the city's analyst and staff every
    published fair (the analyst reads only its figures)."""
    qs = queryset if queryset is not None else Fair.objects.all()
    condition = organised_by(actor)
    published = Q(status__in=PUBLISHED)
    if actor.is_city_analyst or actor.is_city_staff or actor.company_ids:
        condition |= published
    if actor.company_ids:
        condition |= Q(booths__company_id__in=actor.company_ids)
    if actor.school_ids:
        condition |= published & _audience_for_school(actor.school_ids)
    if actor.student_id:
        student = Student.objects.select_related("institution", "cohort").get(pk=actor.student_id)
        condition |= published & audience_for_student(student)
        condition |= Q(registrations__student_id=actor.student_id)
    return qs.filter(condition).distinct()


def booths_visible_to(actor: Actor, queryset: QuerySet[Booth] | None = None) -> QuerySet[Booth]:
    """A company's staff see their own booths; organisers every booth of their fairs; everyone who sees a
    published fair its approved booths."""
    qs = queryset if queryset is not None else Booth.objects.all()
    condition = Q(company_id__in=actor.company_ids | actor.pending_company_ids) | Q(
        fair__in=Fair.objects.filter(organised_by(actor))
    )
    visible = fairs_visible_to(actor).filter(status__in=PUBLISHED).values("pk")
    condition |= Q(status=BoothStatus.APPROVED, fair__in=visible)
    return qs.filter(condition).distinct()


def pending_booths_for(actor: Actor) -> QuerySet[Booth]:
    """Booths waiting for this organiser's decision, at the open fairs they organise."""
    return Booth.objects.filter(
        status=BoothStatus.PENDING,
        fair__status=FairStatus.OPEN,
        fair__ends_at__gt=timezone.now(),
        fair__in=Fair.objects.filter(organised_by(actor)),
    )


def registrations_visible_to(actor: Actor, queryset=None) -> QuerySet[FairRegistration]:
    """A student sees their own registrations; the fair's desk staff (organisers, and a school fair's teachers)
    the registrations of its fairs. Nobody else: not the companies, not the analyst (figures only)."""
    qs = queryset if queryset is not None else FairRegistration.objects.all()
    condition = Q(student_id=actor.student_id) if actor.student_id else Q(pk__in=[])
    condition |= Q(fair__in=Fair.objects.filter(organised_by(actor)))
    if actor.school_ids:
        condition |= Q(fair__institution_id__in=actor.school_ids)
    return qs.filter(condition)


def eligible_students(fair: Fair) -> QuerySet[Student]:
    """The students with an account whose audience the fair is (the notice that it opened goes to them)."""
    qs = Student.objects.filter(user__isnull=False, user__is_active=True)
    schools = list(fair.schools.values_list("pk", flat=True))
    if fair.institution_id and not schools:
        schools = [fair.institution_id]
    if schools:
        qs = qs.filter(institution_id__in=schools)
    majors = list(fair.majors.values_list("pk", flat=True))
    if majors:
        qs = qs.filter(cohort__major_id__in=majors)
    years = fair.years
    if years:
        by_kind = Q(pk__in=[])
        for kind, length in PROGRAMME_YEARS.items():
            by_kind |= Q(institution__kind=kind, entry_year__in=[y - length for y in years])
        qs = qs.filter(by_kind)
    return qs


def desk_staff_user_ids(fair: Fair) -> list[int]:
    """Who hears of a booth to decide: the city's staff for its fairs, the school's admins for a school's."""
    from accounts.models import User

    if fair.institution_id is None:
        return list(User.objects.filter(is_city_staff=True, is_active=True).values_list("pk", flat=True))
    return list(
        Teacher.objects.filter(
            institution_id=fair.institution_id, role=Teacher.Role.ADMIN, archived_at__isnull=True
        ).values_list("user_id", flat=True)
    )
