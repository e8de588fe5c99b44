"""Self-arranged placements in the demo world (自行选择实习单位, issue 15): three final-year students who found their
own company, made through the services a student and a school go through, on the days they happened (the clock is
moved back as in demo_history):

- last term, at 武汉新能源车及零部件检测中心 (named in the source document), a placement the school approved, started
  with every paper, training, filing and an inspection of the new base, and completed on its last day; the company
  has nobody on the platform, so the student's teacher recorded its assessment from the signed paper form (scan);
- this term, at 东风悦享 (WUHAN.md: it worked with the school on ICV training), one approved and running;
- for the coming term, at 湖北恒信 (a partner company on the platform), one waiting for the school's decision.

The companies' names are true; everything else (credit codes of the companies not on the platform, addresses,
headcounts, mentors, guardians, wages, journals, papers) is generated and flagged: the proposals, slots and
consents carry is_demo, the new companies and bases a data note, the texts say 演示."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.actor import actor_for
from companies.credit_code import make_demo_credit_code
from companies.demo import DEMO_REPORT
from companies.inspections import inspection_record
from companies.models import Company, JobCluster
from core.calendar import term_of
from placements import services
from placements.choices import DocumentKind
from placements.demo import JOURNAL_TEXT, _demo_consent_and_filing, _scan
from placements.demo_history import _past_term, _school_admin, on
from placements.models import Placement, SelfArrangedProposal
from placements.services.assessments import paper_assessment_record
from placements.services.journals import journal_summary
from placements.services.self_arranged import self_arranged_approve, self_arranged_propose
from schools.models import Student

COMPLETED_AT = "武汉新能源车及零部件检测中心"  # source document: an innovation platform of the "多点"
RUNNING_AT = "东风悦享"  # WUHAN.md: worked with 武汉城市职业学院 on ICV training (2022)
PENDING_AT = "湖北恒信"  # source document: an off-campus base partner; on the platform in the demo
CREDIT_SERIALS = {COMPLETED_AT: 900001, RUNNING_AT: 900002}  # generated codes, never a real company's


def _students(count: int) -> list[Student]:
    """Final-year students of the demo class who have no account yet (so nothing of another demo story is theirs),
    from the end of the roll; each is given an account as placements.demo gives its applicants (no password)."""
    from django.contrib.auth import get_user_model

    from placements.demo import final_year_entry

    students = list(
        Student.objects.filter(
            entry_year=final_year_entry(), cohort__major__code="460702", user__isnull=True, archived_at__isnull=True
        )
        .exclude(pk__in=Placement.objects.values("student_id"))
        .select_related("institution", "advisor__user")
        .order_by("-student_number")[:count]
    )
    for student in students:
        user = get_user_model().objects.create_user(
            username=f"demo-student-{student.student_number}", full_name=student.full_name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        student.user = user
        student.save(update_fields=["user"])
    return students


def _terms(student: Student, *, company: str, start: date, end: date, n: int) -> dict:
    credit = Company.objects.filter(name=company).values_list("credit_code", flat=True).first()
    return {
        "reason": "学生与家长商定在家附近自行联系实习单位，家长书面同意。（演示）",
        "company_name": company,
        "credit_code": credit or make_demo_credit_code(CREDIT_SERIALS[company]),
        "company_address": "武汉市（演示地址）",
        "district": "hannan" if company == RUNNING_AT else "hongshan",
        "company_headcount": 300,
        "post_title": ("新能源汽车检测助理实习", "智能网联汽车测试助理实习", "新能源汽车售后服务实习")[n],
        "post_description": "在企业导师指导下参与车辆检测与数据记录工作。岗位为演示数据。",
        "job_cluster": JobCluster.objects.get(code="aftersales"),
        "post_headcount": 40,
        "work_hazard": "ordinary",
        "start_date": start,
        "end_date": end,
        "days_per_week": 5,
        "rest_days": [6, 7],
        "post_wage": 5000,
        "probation_wage": 4500,
        "stipend": 4000,
        "mentor_name": ("钱工（演示）", "孙工（演示）", "周经理（演示）")[n],
        "mentor_phone": f"1390001{n:04d}",
        "guardian_name": f"{student.full_name[:1]}家长（演示）",
        "guardian_relation": "mother",
        "guardian_phone": f"1390002{student.pk % 10000:04d}",
        "is_demo": True,
    }


def _approve_and_start(student: Student, *, company: str, start: date, end: date, n: int) -> tuple[Placement, object]:
    """Proposed and approved six weeks before the start; papers, training, filing and the school's inspection of
    the new base before it; started on the first day. Returns the placement and its teacher (as an actor)."""
    me = actor_for(student.user)
    admin = _school_admin(student)
    with on(start - timedelta(days=45)):
        proposal = self_arranged_propose(actor=me, **_terms(student, company=company, start=start, end=end, n=n))
        proposal = self_arranged_approve(
            actor=admin, proposal=proposal, reason="演示：家长书面同意，企业资质与岗位经学校核实。"
        )
        placement = proposal.placement
        inspection_record(
            actor=admin, base=placement.slot.base, institution=student.institution, inspected_on=timezone.localdate(),
            findings="演示：学校实地检查记录，场地、安全设施与带教安排符合要求。", outcome="passed",
            report=SimpleUploadedFile("inspection.pdf", DEMO_REPORT, content_type="application/pdf"),
        )  # fmt: skip
    placement.refresh_from_db()
    teacher = actor_for(placement.teacher.user) if placement.teacher else admin
    with on(start - timedelta(days=12)):
        # The company has nobody on the platform: the school uploads the papers it signed, as it may any.
        for kind, text in ((DocumentKind.TRIPARTITE, "三方协议（演示）"), (DocumentKind.CONSENT, "知情同意书（演示）")):
            services.document_upload(
                actor=teacher, placement=placement, kind=kind, upload=_scan(text), signed_on=timezone.localdate()
            )
        services.document_upload(
            actor=teacher, placement=placement, kind=DocumentKind.INSURANCE, upload=_scan("实习责任保险（演示）"),
            policy_number=f"DEMO-S-{student.student_number}", insurer="演示保险公司", covers_from=start, covers_to=end,
        )  # fmt: skip
        services.safety_training_record(
            actor=teacher, placement=placement, delivered_by="学校安全培训（演示）", delivered_on=timezone.localdate(),
            hours=8, content="岗位安全操作规程、高压电安全防护、消防与应急疏散（演示）。", passed=True,
            check_note="安全考核合格（演示）",
        )  # fmt: skip
        _demo_consent_and_filing(teacher, placement, online=False)
    with on(start):
        placement = services.placement_start(actor=teacher, placement=placement)
    return placement, teacher


def _journals(placement: Placement, *, until: date) -> None:
    """A weekly journal each Friday evening from the start, up to `until` and the school's count."""
    me = actor_for(placement.student.user)
    required = journal_summary(placement).required
    start = placement.slot.start_date
    for week in range(1, required + 1):
        day = start + timedelta(days=7 * (week - 1) + 4)
        if day > until:
            break
        with on(day, hour=18):
            services.journal_submit(actor=me, placement=placement, title=f"第{week}周实习周记", body=JOURNAL_TEXT)


def seed_self_arranged() -> None:
    """The three self-arranged stories (idempotent: made once)."""
    if SelfArrangedProposal.objects.filter(is_demo=True).exists():
        return
    students = _students(3)
    if len(students) < 3:
        return
    today = timezone.localdate()
    past, current = _past_term(today), term_of(today)
    # Last term, completed with the company's paper assessment.
    done, teacher = _approve_and_start(students[0], company=COMPLETED_AT, start=past.start, end=past.end, n=0)
    _journals(done, until=past.end)
    with on(past.end, hour=10):
        done.refresh_from_db()
        paper_assessment_record(
            actor=teacher, placement=done, grade="good", signed_on=timezone.localdate(), signed_by="钱工（演示）",
            comments="演示：纸质评价表——工作认真，检测记录规范。", upload=_scan("企业实习评价表（签字盖章，演示）"),
        )  # fmt: skip
        services.assessment_submit(
            actor=teacher, placement=done, role="teacher", grade="good", comments="演示：周记完整，实习表现良好。"
        )
        services.placement_complete(actor=teacher, placement=done)
    # This term, running (its start date has come).
    if current.start <= today:
        running, _teacher = _approve_and_start(
            students[1], company=RUNNING_AT, start=current.start, end=current.end, n=1
        )
        _journals(running, until=today - timedelta(days=1))
    # The coming term's, waiting for the school.
    from placements.demo import demo_terms

    (start, end, _deadline), _current = demo_terms(today)
    self_arranged_propose(
        actor=actor_for(students[2].user), **_terms(students[2], company=PENDING_AT, start=start, end=end, n=2)
    )
