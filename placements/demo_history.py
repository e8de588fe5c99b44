"""Last term in the demo world: post internships that ran their whole length and were completed, so the paths
that start from a finished placement (a job offer from the same company, the student's review, the
internship-to-hire conversion) have something real to start from.

They are replayed through the services on the days they happened: the clock is moved back (time-machine) to
each step, so every gate holds as it would have held then — the school's inspection of the base before the term,
the slot published before its deadline, applications approved and confirmed, agreement, consent, insurance,
safety training and the school's filing before the start, the start on the slot's first day, a weekly journal
(or, for one student, a teacher's waiver with the reason recorded), both assessments and the completion on the
last day. Everything is generated and flagged as demo data (slot, documents, filing, inspection findings)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.actor import Actor, actor_for
from companies.demo import DEMO_REPORT, HR_LOGIN_COMPANY
from companies.inspections import inspection_record
from companies.models import CompanyMember
from core.calendar import term_of
from placements import services
from placements.choices import DocumentKind, PlacementStatus
from placements.demo import JOURNAL_TEXT, _demo_consent_and_filing, _scan, _school_checks_consent
from placements.models import Placement, Slot
from placements.services.journals import journal_summary, journals_waive
from schools.models import Student, Teacher

# How many of last term's interns each company took: the HR login's company five (so its published rating, which
# needs five reviews, shows), two more companies two each.
INTERNS = (5, 2, 2)
WAIVED = 4  # the fifth intern of the first company fell three journals short; the teacher waived them


@contextmanager
def on(day: date, hour: int = 9) -> Iterator[None]:
    """Run the block as if it were `day` at `hour` (local time), the clock standing still."""
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    with time_machine.travel(moment, tick=False):
        yield


def _past_term(today: date):
    return term_of(term_of(today).start - timedelta(days=1))


def _templates(today: date) -> list[Slot]:
    """This term's demo slot of each company with an HR login, the HR login's company first: last term's slot at
    the company copies its base, post and terms."""
    current = term_of(today)
    slots = {}
    for slot in (
        Slot.objects.filter(is_demo=True, start_date=current.start, kind="post")
        .select_related("company", "base", "mentor")
        .order_by("id")
    ):
        slots.setdefault(slot.company_id, slot)
    ordered = sorted(slots.values(), key=lambda s: (s.company.name != HR_LOGIN_COMPANY, s.id))
    return ordered[: len(INTERNS)]


def _students(today: date, count: int) -> list[Student]:
    """Final-year students of the demo class who have an account and no job application yet (the careers demo
    cast others), are not placed this term, the demo login aside; from the end of the roll."""
    from careers.selectors import in_final_year_or_graduated

    busy = Placement.objects.filter(
        status__in=[PlacementStatus.CONFIRMED, PlacementStatus.READY, PlacementStatus.ACTIVE]
    ).values("student_id")
    candidates = (
        Student.objects.filter(
            user__isnull=False, cohort__major__code="460702", archived_at__isnull=True, job_applications__isnull=True
        )
        .exclude(user__username="student")
        .exclude(pk__in=busy)
        .select_related("institution", "advisor__user")
        .order_by("-student_number")
    )
    return [s for s in candidates if in_final_year_or_graduated(s, today)][:count]


def seed_completed_placements(*, teacher_user) -> list[Placement]:
    """Last term's completed post internships (idempotent: made once)."""
    today = timezone.localdate()
    past = _past_term(today)
    if Slot.objects.filter(is_demo=True, start_date=past.start).exists():
        return []
    templates = _templates(today)
    students = _students(today, sum(INTERNS))
    completed: list[Placement] = []
    for template, count in zip(templates, INTERNS, strict=False):
        cast, students = students[:count], students[count:]
        if cast:
            completed += _replay(template, cast, past, teacher_user=teacher_user)
    return completed


def _school_admin(student: Student) -> Actor | None:
    admin = Teacher.objects.filter(
        institution_id=student.institution_id, role=Teacher.Role.ADMIN, user__isnull=False, archived_at__isnull=True
    ).first()
    return actor_for(admin.user) if admin else None


def _replay(template: Slot, cast: list[Student], past, *, teacher_user) -> list[Placement]:
    company = template.company
    hr_member = company.members.filter(role=CompanyMember.Role.HR, archived_at__isnull=True).first()
    hr = actor_for(hr_member.user)
    admin = _school_admin(cast[0])
    start, end = past.start, past.end
    with on(start - timedelta(days=45)):
        # The school inspected the base on site before last term (this term's inspection came later).
        if admin is not None:
            inspection_record(
                actor=admin, base=template.base, institution=cast[0].institution, inspected_on=timezone.localdate(),
                findings="演示：学校实地检查记录，场地、安全设施与带教安排符合要求。", outcome="passed",
                report=SimpleUploadedFile("inspection.pdf", DEMO_REPORT, content_type="application/pdf"),
            )  # fmt: skip
        slot = services.slot_create(
            actor=hr, company=company, majors=list(template.majors.all()), base=template.base,
            title=template.title, is_demo=True, job_cluster_id=template.job_cluster_id, kind="post",
            work_hazard="ordinary", description=template.description, capacity=max(len(cast), 3),
            post_headcount=max(template.post_headcount, 10 * len(cast)), start_date=start, end_date=end,
            work_starts=template.work_starts, work_ends=template.work_ends, break_minutes=template.break_minutes,
            days_per_week=template.days_per_week, rest_days=template.rest_days, post_wage=template.post_wage,
            probation_wage=template.probation_wage, stipend=template.stipend,
            application_deadline=start - timedelta(days=20), mentor=template.mentor or hr_member, publish=True,
        )  # fmt: skip
    placements = []
    with on(start - timedelta(days=30)):
        for student in cast:
            me = actor_for(student.user)
            placement = services.application_submit(actor=me, slot=slot, statement="希望到贵公司岗位实习。（演示）")
            teacher = actor_for(student.advisor.user if student.advisor else teacher_user)
            services.placement_approve(actor=teacher, placement=placement)
            services.placement_confirm(actor=hr, placement=placement)
            placements.append((placement, me, teacher))
    with on(start - timedelta(days=12)):
        for n, (placement, me, teacher) in enumerate(placements):
            number = placement.student.student_number
            services.document_upload(
                actor=hr, placement=placement, kind=DocumentKind.TRIPARTITE, upload=_scan("三方协议（演示）"),
                signed_on=timezone.localdate(),
            )  # fmt: skip
            services.document_upload(
                actor=me, placement=placement, kind=DocumentKind.CONSENT, upload=_scan("知情同意书（演示）"),
                signed_on=timezone.localdate(),
            )  # fmt: skip
            _school_checks_consent(teacher, placement)  # the student's paper counts once the school checked it
            services.document_upload(
                actor=teacher, placement=placement, kind=DocumentKind.INSURANCE, upload=_scan("实习责任保险（演示）"),
                policy_number=f"DEMO-P-{number}", insurer="演示保险公司", covers_from=start, covers_to=end,
            )  # fmt: skip
            services.safety_training_record(
                actor=teacher, placement=placement, delivered_by="校企联合安全培训（演示）",
                delivered_on=timezone.localdate(), hours=8,
                content="岗位安全操作规程、高压电安全防护、消防与应急疏散（演示）。", passed=True,
                check_note="安全考核合格（演示）",
            )  # fmt: skip
            _demo_consent_and_filing(teacher, placement, online=n % 2 == 1)
    with on(start):
        placements = [(services.placement_start(actor=t, placement=p), me, t) for p, me, t in placements]
    # A weekly journal on each Friday evening of the term, as many as the school asks for.
    first = placements[0][0]
    first.refresh_from_db()
    required = journal_summary(first).required
    week_ends = [start + timedelta(days=7 * w + 4) for w in range(required)]
    for w, day in enumerate(week_ends, start=1):
        with on(day, hour=18):
            for n, (placement, me, _teacher) in enumerate(placements):
                if n == WAIVED and w > required - 3:
                    continue
                services.journal_submit(actor=me, placement=placement, title=f"第{w}周实习周记", body=JOURNAL_TEXT)
    done = []
    with on(end, hour=10):
        for n, (placement, _me, teacher) in enumerate(placements):
            placement.refresh_from_db()
            grade = ("excellent", "good", "good", "pass", "excellent")[n % 5]
            services.assessment_submit(
                actor=hr, placement=placement, role="company", grade=grade, comments="演示：工作认真，按时完成任务。"
            )
            services.assessment_submit(
                actor=teacher,
                placement=placement,
                role="teacher",
                grade="good",
                comments="演示：周记完整，实习表现良好。",
            )
            if journal_summary(placement).submitted < required:
                journals_waive(
                    actor=teacher, placement=placement,
                    reason="演示：学生因参加技能竞赛集训缺交三篇周记，已由带教导师书面说明。",
                )  # fmt: skip
            done.append(services.placement_complete(actor=teacher, placement=placement))
        services.slot_close(actor=hr, slot=slot)
    return done
