"""Demo careers: graduate jobs posted by the demo world's real companies (the jobs themselves are generated and
flagged demo), and final-year students' applications at every stage, each made through the services a user's
click goes through: apply, interview proposed and picked, offer, not hired, withdrawn, declined, and an offer
accepted by a student interning at that company, recorded as a graduate outcome that the school's admin confirms.

The demo login student (student@example.com) is left without applications: the browser tests and a visitor start
their own from an open job."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.actor import actor_for
from alumni.services import outcome_confirm
from careers import services
from careers.models import Job
from careers.selectors import in_final_year_or_graduated
from companies.demo import HR_LOGIN_COMPANY
from companies.models import Company
from placements.choices import PlacementStatus
from placements.models import Placement
from schools.models import Major, Student, Teacher

TITLES = [
    ("新能源汽车装调技术员（演示）", 5000, 7500),
    ("动力电池检测技术员（演示）", 5500, 8000),
    ("售后服务技师（演示）", 4800, 7000),
    ("智能网联测试助理（演示）", 6000, 9000),
]
STATEMENT = "演示：在校期间完成新能源汽车整车装调与动力电池检测实训，持有相关 1+X 证书，希望毕业后留在武汉工作。"


def _hr(company: Company):
    member = company.members.filter(role="hr", archived_at__isnull=True).select_related("user").first()
    return actor_for(member.user) if member else None


def seed_careers() -> None:
    if Job.objects.filter(is_demo=True).exists():
        return
    today = timezone.localdate()
    now = timezone.now()
    nev = Major.objects.filter(code="460702", institution__name="武汉城市职业学院").first()
    # Final-year students with accounts (the placements demo gave them one), the demo login aside.
    students = list(
        Student.objects.filter(user__isnull=False, cohort__major=nev, archived_at__isnull=True)
        .exclude(user__username="student")
        .select_related("institution")
        .order_by("student_number")
    )
    students = [s for s in students if in_final_year_or_graduated(s, today)]
    if not students:
        return
    interning = {
        p.student_id: p.slot.company_id
        for p in Placement.objects.filter(student__in=students, status=PlacementStatus.ACTIVE).select_related("slot")
    }
    companies = [Company.objects.filter(name=HR_LOGIN_COMPANY).first()]
    companies += list(
        Company.objects.filter(pk__in=set(interning.values()), vetting_status="approved")
        .exclude(name=HR_LOGIN_COMPANY)
        .order_by("pk")[:3]
    )
    free = [s for s in students if s.pk not in interning]
    for n, company in enumerate(c for c in companies if c is not None):
        hr = _hr(company)
        if hr is None:
            continue
        title, low, high = TITLES[n % len(TITLES)]
        job = services.job_create(
            actor=hr, company_id=company.pk, title=title, district=company.district or "hannan", zone=company.zone,
            salary_min=low, salary_max=high, headcount=3, closing_date=today + timedelta(days=30 + 7 * n),
            description="演示数据：面向毕业年级学生和已毕业校友的就业岗位，五险一金，提供岗前培训。",
            majors=[nev] if nev else [], is_demo=True,
        )  # fmt: skip
        services.job_publish(actor=hr, job=job)
        # its own interns first: the offer accepted goes to one of them (from internship to a job)
        interns = [s for s in students if interning.get(s.pk) == company.pk]
        cast = interns[:1] + [free.pop(0) for _ in range(7 if n == 0 else 2) if free]
        for role, student in enumerate(cast):
            _story(job, hr, student, stage=_stage(role, has_intern=bool(interns)), now=now)


def _stage(role: int, *, has_intern: bool) -> str:
    order = ["accepted", "submitted", "interview", "scheduled", "offered", "rejected", "withdrawn", "declined"]
    if not has_intern:
        order = [*order[1:], "accepted"]
    return order[role % len(order)]


def _story(job: Job, hr, student: Student, *, stage: str, now) -> None:
    me = actor_for(student.user)
    services.resume_update(
        actor=me, student=student, statement=STATEMENT, skills=["整车装调", "动力电池检测", "高压安全"]
    )
    application = services.application_submit(actor=me, job=job, note="希望加入贵公司（演示）。", is_demo=True)
    if stage == "submitted":
        return
    if stage == "withdrawn":
        services.application_withdraw(actor=me, application=application, reason="已另有安排（演示）")
        return
    if stage == "rejected":
        services.application_reject(actor=hr, application=application, reason="岗位已招满（演示）")
        return
    if stage in ("interview", "scheduled", "accepted"):
        day = (now + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
        interview = services.interview_propose(
            actor=hr, application=application, times=[day, day + timedelta(days=1)],
            location="公司人力资源部面试室（演示）", note="请携带身份证与证书原件（演示）",
        )  # fmt: skip
        if stage == "interview":
            return
        services.interview_pick(actor=me, interview=interview, slot_id=interview.slots.first().pk)
        if stage == "scheduled":
            return
    services.application_offer(
        actor=hr, application=application, start_date=timezone.localdate() + timedelta(days=200),
        salary=job.salary_min, note="演示：试用期三个月，转正后按岗位工资。",
    )  # fmt: skip
    if stage == "offered":
        return
    if stage == "declined":
        services.offer_decline(actor=me, application=application, reason="选择继续升学（演示）")
        return
    application = services.offer_accept(actor=me, application=application, is_demo=True)
    admin = Teacher.objects.filter(
        institution_id=student.institution_id, role=Teacher.Role.ADMIN, archived_at__isnull=True
    ).first()
    if admin is not None and application.outcome is not None:
        outcome_confirm(actor=actor_for(admin.user), outcome=application.outcome)
