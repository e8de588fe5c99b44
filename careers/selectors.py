"""Who may see which jobs, applications and interviews, and which parts of a résumé."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from careers.models import Interview, Job, JobApplication, JobStatus, Resume, ResumeSection, ResumeVisibility
from companies.models import VettingStatus
from core.calendar import academic_year
from schools.choices import InstitutionKind
from schools.models import Student

# How long a programme runs, by the kind of school: a 高职专科 or 中职 programme three years, a bachelor's four.
PROGRAMME_YEARS = {
    InstitutionKind.SECONDARY_VOCATIONAL: 3,
    InstitutionKind.HIGHER_VOCATIONAL: 3,
    InstitutionKind.VOCATIONAL_UNDERGRADUATE: 4,
    InstitutionKind.ORDINARY_UNDERGRADUATE: 4,
}


def graduation_year(student: Student) -> int:
    """The summer the student graduates (or graduated): entry year plus the programme's length."""
    return student.entry_year + PROGRAMME_YEARS.get(student.institution.kind, 3)


def in_final_year_or_graduated(student: Student, today: date) -> bool:
    """Graduate jobs are for students in their final year and for graduates (who keep their account after
    graduating, archived by the school: they still sign in)."""
    return student.archived_at is not None or academic_year(today) >= graduation_year(student) - 1


def jobs_visible_to(actor: Actor, queryset: QuerySet[Job] | None = None) -> QuerySet[Job]:
    """Open jobs for everyone with a role on the platform; a company's staff also see its drafts and closed
    jobs; a student also the jobs they applied to (closed since)."""
    qs = queryset if queryset is not None else Job.objects.all()
    condition = Q(company_id__in=actor.company_ids)
    if actor.roles and (
        actor.is_student or actor.school_ids or actor.company_ids or actor.is_city_analyst or actor.is_city_staff
    ):
        # a suspended company's jobs leave the lists as its slots do (its own staff still see them)
        condition |= Q(status=JobStatus.OPEN, company__vetting_status=VettingStatus.APPROVED)
    if actor.student_id:
        condition |= Q(applications__student_id=actor.student_id)
    return qs.filter(condition).distinct()


def applications_visible_to(actor: Actor, queryset: QuerySet[JobApplication] | None = None) -> QuerySet:
    """A student their own; a company's HR the applications to its own jobs; a school's staff their students'."""
    qs = queryset if queryset is not None else JobApplication.objects.all()
    condition = Q(job__company_id__in=actor.hr_company_ids) | Q(student__institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(student_id=actor.student_id)
    return qs.filter(condition)


def interviews_visible_to(actor: Actor, queryset: QuerySet[Interview] | None = None) -> QuerySet[Interview]:
    qs = queryset if queryset is not None else Interview.objects.all()
    return qs.filter(application__in=applications_visible_to(actor))


def resume_sections_for(actor: Actor, student: Student, resume: Resume | None) -> set[str] | None:
    """The résumé sections this viewer may read: all for the student and their school's staff; for a company's
    staff those the student shares, when the student's visibility lets this company see it; None when the
    viewer may see no résumé at all (name, school, major and class still go with an application)."""
    if actor.student_id == student.pk or student.institution_id in actor.school_ids:
        return {s.value for s in ResumeSection}
    if not actor.company_ids or resume is None or resume.visibility == ResumeVisibility.HIDDEN:
        return None
    if (
        resume.visibility == ResumeVisibility.APPLIED
        and not JobApplication.objects.filter(student=student, job__company_id__in=actor.company_ids).exists()
    ):
        return None
    return set(resume.shared_sections or [])
