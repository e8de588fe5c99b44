"""Demo slots and placements for seed_demo: generated (and flagged: Slot.is_demo) openings at the real companies' bases,
and a spread of generated students' applications in every state, so each role's home has real work to show.
Goes through the services, so the audit trail looks like real use."""

from __future__ import annotations

import io
import random
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.actor import actor_for
from companies.models import Company, TrainingBase
from core.calendar import intake_in_year, term_of, upcoming_term
from placements import services
from placements.choices import DocumentKind
from placements.models import Placement, Slot
from placements.selectors import places_left
from schools.models import Major, Student

TITLES = {
    "production": ["新能源汽车总装实习", "电池包装配实习", "整车检测线实习"],
    "rd": ["试验验证助理实习", "电控标定助理实习"],
    "aftersales": ["新能源汽车售后服务实习", "高压系统维修实习"],
}
JOURNAL_TEXT = "本周在导师指导下完成了装配与检测任务，学习了高压安全规范。（演示）"
# The demo world is built around the day it is loaded: placements are under way in the term of today, and the
# next term (starting at least six weeks away) has open slots and a match round taking preferences.
UPCOMING_LEAD_DAYS = 45
DEADLINE_BEFORE_START_DAYS = 30  # so applications stay open for at least two weeks after loading
ROUND_DEADLINE_BEFORE_APPLICATIONS_DAYS = 5


def demo_terms(today: date | None = None) -> tuple[tuple[date, date, date], tuple[date, date, date]]:
    """(start, end, application deadline) of the upcoming term's slots and of the current term's."""
    today = today or timezone.localdate()
    upcoming = upcoming_term(today, lead_days=UPCOMING_LEAD_DAYS)
    current = term_of(today)
    return (
        (upcoming.start, upcoming.end, upcoming.start - timedelta(days=DEADLINE_BEFORE_START_DAYS)),
        (current.start, current.end, current.start - timedelta(days=12)),
    )


def final_year_entry(today: date | None = None) -> int:
    """The intake in the third and final year of 高职 today: the demo's students on placement and in the round
    (post internships fill the final year)."""
    return intake_in_year(3, today or timezone.localdate())


def _scan(text: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(image).text((20, 20), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("demo.png", buffer.getvalue(), content_type="image/png")


def seed_placements(*, hr_user, teacher_user) -> None:
    if Slot.objects.filter(is_demo=True).exists():
        return  # idempotent: the demo slots are made once
    rng = random.Random(2027)  # a fixed seed (not a date): the same demo world every time
    nev = Major.objects.get(code="460702")
    companies = list(Company.objects.filter(vetting_status="approved", data_note__contains="来源").order_by("id"))[:12]
    today = timezone.localdate()
    upcoming, current = demo_terms(today)
    slots = []
    for i, company in enumerate(companies):
        base = TrainingBase.objects.filter(company=company, kind="off_campus").first()
        if base is None:
            continue
        hr = company.members.filter(role="hr").select_related("user").first()
        if hr is None:
            continue
        clusters = [c.code for c in base.job_clusters.all()] or ["production"]
        for j, (start, end, deadline) in enumerate((upcoming, current) if i < 4 else (upcoming,)):
            cluster = clusters[(i + j) % len(clusters)]
            wage = rng.randrange(4200, 6500, 100)
            slot = services.slot_create(
                actor=actor_for(hr.user),
                company=company,
                majors=[nev],
                base=base,
                title=rng.choice(TITLES[cluster]),
                is_demo=True,  # shown as a 演示 tag in lists, details and exports
                job_cluster_id=cluster,
                kind="post",
                work_hazard="ordinary",  # art. 17: none of the demo's work is high-risk
                description="在导师指导下参与生产与服务一线工作。岗位为生成的演示数据。",
                capacity=min(rng.choice((3, 5, 8, 10)), company.headcount // 10),
                post_headcount=rng.randrange(60, 300, 10),
                start_date=start,
                end_date=end,
                # Art. 17: 08:30–17:30 less an hour's lunch, five days, the weekend off (8 a day, 40 a week).
                work_starts=time(8, 30),
                work_ends=time(17, 30),
                break_minutes=60,
                days_per_week=5,
                rest_days=[6, 7],
                post_wage=wage,
                # Art. 18: the stipend is at least 80% of the probation-period wage (90% of the post's here).
                probation_wage=round(wage * 0.9, -1),
                stipend=round(wage * rng.choice((0.8, 0.85, 0.9)), -1),
                application_deadline=deadline,
                mentor=hr,  # a small company's HR person also mentors its interns (every placement needs one)
                # The current term's slots took their applications before the term began: their deadline has
                # passed, so they could not be opened today; they are drafted and replayed below.
                publish=start == upcoming[0],
            )
            slots.append(slot)
    # Generated final-year students apply; their stories end in different states.
    spring = [s for s in slots if s.start_date == upcoming[0]]
    autumn = [s for s in slots if s.start_date == current[0]]
    # Replayed "as if on time": open, taking applications until today, then closed again at their real deadline.
    Slot.objects.filter(pk__in=[s.pk for s in autumn]).update(status="open", application_deadline=today)
    for slot in autumn:
        slot.refresh_from_db()
    students = list(
        Student.objects.filter(entry_year=final_year_entry(today), cohort__major=nev, user__isnull=True).order_by(
            "student_number"
        )[:60]
    )
    from django.contrib.auth import get_user_model

    left_waiting = False  # one student's consent paper left for the school to check
    for n, student in enumerate(students):
        user = get_user_model().objects.create_user(
            username=f"demo-student-{student.student_number}", full_name=student.full_name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        student.user = user
        student.save(update_fields=["user"])
        actor = actor_for(user)
        pool = autumn if n < 12 and autumn else spring
        # A full slot takes no applications (no waiting list): the next one in turn with a place left.
        turn = pool[n % len(pool) :] + pool[: n % len(pool)]
        slot = next((s for s in turn if places_left(s) > 0), None)
        if slot is None:
            continue
        placement = services.application_submit(actor=actor, slot=slot, statement="希望到贵公司实习。")
        teacher = student.advisor.user if student.advisor else teacher_user
        teacher_actor = actor_for(teacher)
        stage = n % 6 if n >= 12 else 5
        if stage >= 1:
            services.placement_approve(actor=teacher_actor, placement=placement)
        if stage >= 2:
            hr = slot.company.members.filter(role="hr").first().user
            try:
                services.placement_confirm(actor=actor_for(hr), placement=placement)
            except Exception:  # full: the story ends approved
                continue
        if stage >= 5:
            hr = slot.company.members.filter(role="hr").first().user
            services.document_upload(
                actor=actor_for(hr),
                placement=placement,
                kind=DocumentKind.TRIPARTITE,
                upload=_scan("三方协议（演示）"),
                signed_on=slot.start_date - timedelta(days=10),
            )
            services.document_upload(
                actor=actor,
                placement=placement,
                kind=DocumentKind.CONSENT,
                upload=_scan("知情同意书（演示）"),
                signed_on=slot.start_date - timedelta(days=9),
            )
            # the school checks the student's paper, but for one placement still to start: the teacher's to-do
            if slot.start_date <= today or left_waiting:
                _school_checks_consent(teacher_actor, placement)
            else:
                left_waiting = True
            services.document_upload(actor=teacher_actor, placement=placement,
                                     kind=DocumentKind.INSURANCE, upload=_scan("实习责任保险（演示）"),
                                     policy_number=f"DEMO-{student.student_number}", insurer="演示保险公司",
                                     covers_from=slot.start_date, covers_to=slot.end_date)  # fmt: skip
            services.safety_training_record(
                actor=teacher_actor,
                placement=placement,
                delivered_by="校企联合安全培训（演示）",
                delivered_on=min(today, slot.start_date - timedelta(days=3)),
                hours=8,
                content="岗位安全操作规程、高压电安全防护、消防与应急疏散（演示）。",
                passed=True,
                check_note="安全考核合格（演示）",
            )
            if slot.start_date <= today:
                _demo_consent_and_filing(teacher_actor, placement, online=n % 2 == 0)
                services.placement_start(actor=teacher_actor, placement=placement)
                started = timezone.make_aware(datetime.combine(slot.start_date, time(9)))
                Placement.objects.filter(pk=placement.pk).update(started_at=started)
                weeks = (today - slot.start_date).days // 7
                for w in range(1, max(0, weeks - rng.randint(0, 3)) + 1):
                    placement.refresh_from_db()
                    services.journal_submit(
                        actor=actor, placement=placement, title=f"第{w}周实习周记", body=JOURNAL_TEXT
                    )
    for slot in autumn:
        # Applications for the current term ended before it began: the company has closed the slot (已截止), so
        # no open slot of the demo world reads 招募中 with its deadline behind it.
        Slot.objects.filter(pk=slot.pk).update(application_deadline=current[2])
        hr = slot.company.members.filter(role="hr").select_related("user").first()
        services.slot_close(actor=actor_for(hr.user), slot=slot)
    if spring:
        # One working-time exception awaiting the school (art. 17): holiday work the company asks for on an
        # upcoming slot, so the school's page has a decision to make; none of its placements has started.
        slot = spring[-1]
        hr = slot.company.members.filter(role="hr").select_related("user").first()
        services.hours_exception_propose(
            actor=actor_for(hr.user),
            slot=slot,
            kind="holiday",
            reason="春节期间新车交付高峰，申请安排实习生在法定节假日轮岗（演示数据）。",
        )


def _school_checks_consent(teacher_actor, placement: Placement) -> None:
    """The school checks the consent papers the student handed in (services/documents.document_check), as a
    teacher does before the start: a student's paper alone opens no gate."""
    from placements.services.documents import check_state, document_check

    for document in placement.documents.filter(kind=DocumentKind.CONSENT):
        if check_state(document) == "waiting":
            document_check(actor=teacher_actor, document=document)


def _demo_consent_and_filing(teacher_actor, placement: Placement, *, online: bool) -> None:
    """What a school does before a demo post internship starts, through the same services: the guardian's consent
    online for every other one (the link is made but no text is sent; the paper form is on file for all), and the
    school admin's filing with the education authority (备案). Both are flagged is_demo (演示数据)."""
    from placements.services.consent import guardian_consent_decide, guardian_consent_send
    from placements.services.filing import filing_record
    from schools.models import Teacher

    student = placement.student
    if online:
        sent = guardian_consent_send(
            actor=teacher_actor,
            placement=placement,
            guardian_name=f"{student.full_name[:1]}家长（演示）",
            relation="mother",
            phone=f"1390000{student.pk % 10000:04d}",
            is_demo=True,
        )
        guardian_consent_decide(token=sent.token, code=sent.code, agree=True)
    admin = Teacher.objects.filter(
        institution_id=student.institution_id, role=Teacher.Role.ADMIN, user__isnull=False, archived_at__isnull=True
    ).first()
    if admin is not None:
        filing_record(
            actor=actor_for(admin.user),
            placements=[placement.pk],
            filed_on=min(timezone.localdate(), placement.slot.start_date - timedelta(days=5)),
            authority="武汉市教育局（演示）",
            reference=f"演示备案-{student.student_number}",
            is_demo=True,
        )


def seed_round(*, teacher_user) -> None:
    """An open match round over the upcoming term's slots for two final-year classes, so students have
    preferences to rank (generated demo data)."""
    from placements.models import MatchRound
    from placements.services import rounds
    from schools.models import Cohort

    if MatchRound.objects.exists():
        return
    (start, _end, deadline), _current = demo_terms()
    entry = final_year_entry()
    slots = list(Slot.objects.filter(status="open", start_date=start).select_related("company"))
    cohorts = list(
        Cohort.objects.filter(name__in=[f"新能源汽车技术{entry}级1班", f"新能源汽车技术{entry}级2班"]).select_related(
            "major"
        )
    )
    if not slots or not cohorts:
        return
    actor = actor_for(teacher_user)
    round = rounds.round_create(
        actor=actor,
        institution=cohorts[0].major.institution,
        name=f"{term_of(start).label()}岗位实习志愿匹配（演示）",
        mechanism="deferred_acceptance",
        slots=slots,
        cohorts=cohorts,
        preference_deadline=timezone.make_aware(
            datetime.combine(deadline - timedelta(days=ROUND_DEADLINE_BEFORE_APPLICATIONS_DAYS), time(18))
        ),
        max_choices=8,
    )
    rounds.round_open(actor=actor, round=round)
