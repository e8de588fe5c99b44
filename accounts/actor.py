"""Who is asking: the memberships of the signed-in user, loaded once per request and used by every scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accounts.roles import Role

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    is_city_analyst: bool = False
    # the city's employment-service staff: organise fairs (careers) and keep the policy page; not the analyst
    is_city_staff: bool = False
    student_id: int | None = None
    student_institution_id: int | None = None
    student_cohort_id: int | None = None
    teacher_school_ids: frozenset[int] = field(default_factory=frozenset)
    admin_school_ids: frozenset[int] = field(default_factory=frozenset)
    # Companies a school has vetted (approved, or suspended after approval): only these memberships act.
    hr_company_ids: frozenset[int] = field(default_factory=frozenset)
    mentor_company_ids: frozenset[int] = field(default_factory=frozenset)
    # Memberships of a company still under review (self-registered): its staff read and edit its profile and
    # nothing else, until a school admin approves it.
    pending_hr_company_ids: frozenset[int] = field(default_factory=frozenset)
    pending_company_ids: frozenset[int] = field(default_factory=frozenset)
    # The signed-in user itself, for the services that record who acted (decided_by, uploaded_by...): one
    # argument carries both who is asking and what they may do.
    user: User | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def school_ids(self) -> frozenset[int]:
        """Schools where the user is on the staff (teacher or admin)."""
        return self.teacher_school_ids | self.admin_school_ids

    @property
    def company_ids(self) -> frozenset[int]:
        return self.hr_company_ids | self.mentor_company_ids

    @property
    def own_company_ids(self) -> frozenset[int]:
        """Every company the user is on the staff of, vetted or not: for reading one's own company."""
        return self.company_ids | self.pending_company_ids

    @property
    def is_school_admin(self) -> bool:
        return bool(self.admin_school_ids)

    @property
    def is_student(self) -> bool:
        return self.student_id is not None

    @property
    def roles(self) -> list[str]:
        roles = []
        if self.is_student:
            roles.append(Role.STUDENT.value)
        if self.teacher_school_ids:
            roles.append(Role.TEACHER.value)
        if self.admin_school_ids:
            roles.append(Role.SCHOOL_ADMIN.value)
        if self.hr_company_ids or self.pending_hr_company_ids:
            roles.append(Role.COMPANY_HR.value)
        if self.mentor_company_ids:
            roles.append(Role.COMPANY_MENTOR.value)
        if self.is_city_analyst:
            roles.append(Role.CITY_ANALYST.value)
        if self.is_city_staff:
            roles.append(Role.CITY_STAFF.value)
        return roles


ANONYMOUS = Actor(user_id=None)


def actor_for(user: User | None) -> Actor:
    """Build (and cache on the user object) the actor for this user."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_actor_cache", None)
    if cached is not None:
        return cached

    from companies.models import CompanyMember, VettingStatus
    from schools.models import Student, Teacher

    teacher_ids: set[int] = set()
    admin_ids: set[int] = set()
    # An archived membership (the person left the school or company) grants nothing.
    for institution_id, role in Teacher.objects.filter(user=user, archived_at__isnull=True).values_list(
        "institution_id", "role"
    ):
        (admin_ids if role == Teacher.Role.ADMIN else teacher_ids).add(institution_id)
    hr_ids: set[int] = set()
    mentor_ids: set[int] = set()
    pending_hr_ids: set[int] = set()
    pending_ids: set[int] = set()
    memberships = CompanyMember.objects.filter(user=user, archived_at__isnull=True).values_list(
        "company_id", "role", "company__vetting_status"
    )
    for company_id, role, vetting_status in memberships:
        if vetting_status == VettingStatus.PENDING:
            pending_ids.add(company_id)
            if role == CompanyMember.Role.HR:
                pending_hr_ids.add(company_id)
        else:
            (hr_ids if role == CompanyMember.Role.HR else mentor_ids).add(company_id)
    student = Student.objects.filter(user=user).values("id", "institution_id", "cohort_id").first()

    actor = Actor(
        user=user,
        user_id=user.pk,
        is_city_analyst=user.is_city_analyst,
        is_city_staff=user.is_city_staff,
        student_id=student["id"] if student else None,
        student_institution_id=student["institution_id"] if student else None,
        student_cohort_id=student["cohort_id"] if student else None,
        teacher_school_ids=frozenset(teacher_ids),
        admin_school_ids=frozenset(admin_ids),
        hr_company_ids=frozenset(hr_ids),
        mentor_company_ids=frozenset(mentor_ids),
        pending_hr_company_ids=frozenset(pending_hr_ids),
        pending_company_ids=frozenset(pending_ids),
    )
    user._actor_cache = actor
    return actor
