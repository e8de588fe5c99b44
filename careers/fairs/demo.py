"""Demo recruitment fairs, made through the services a user's clicks go through and flagged demo:

- 武汉城市职业学院's own fair for its final-year students, under way today: its admin (schooladmin@example.com)
  organised and opened it; the companies that posted the demo graduate jobs applied for booths with those jobs and
  their open placement slots, and the admin approved them; final-year students registered and most were checked
  in at the door, so its report shows the applications, interviews and offers of the careers demo.
- a city fair two weeks ahead organised by the city's staff (citystaff@example.com), open, with one booth waiting
  for them to decide.

The demo login student (student@example.com) is left unregistered: a visitor registers and sees the QR code."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.actor import actor_for
from accounts.models import User
from careers.fairs import services
from careers.fairs.models import Fair
from careers.models import Job
from careers.selectors import graduation_year, in_final_year_or_graduated
from companies.models import CompanyMember
from notices.services import notice_mark_read
from placements.models import Slot
from schools.demo import WCP
from schools.models import Institution, Student, Teacher

DESCRIPTION = (
    "演示数据：面向毕业年级学生的新能源汽车专场招聘会，参展企业带来就业岗位和实习岗位，现场可投递简历、约面试。"
)


def _hr(company_id: int):
    member = (
        CompanyMember.objects.filter(company_id=company_id, role=CompanyMember.Role.HR, archived_at__isnull=True)
        .select_related("user")
        .first()
    )
    return actor_for(member.user) if member else None


def seed_fairs() -> None:
    if Fair.objects.filter(is_demo=True).exists():
        return
    wcp = Institution.objects.filter(name=WCP).first()
    admin = Teacher.objects.filter(institution=wcp, role=Teacher.Role.ADMIN, user__username="schooladmin").first()
    city = User.objects.filter(username="citystaff", is_city_staff=True).first()
    if wcp is None or admin is None:
        return
    now = timezone.now()
    today = timezone.localdate()
    organiser = actor_for(admin.user)
    students = [
        s
        for s in Student.objects.filter(institution=wcp, user__isnull=False, archived_at__isnull=True)
        .exclude(user__username="student")
        .select_related("institution", "cohort")
        .order_by("student_number")[:400]
        if in_final_year_or_graduated(s, today)
    ]
    year = graduation_year(students[0]) if students else today.year
    fair = services.fair_create(
        actor=organiser, title=f"{year}届新能源汽车技术专场招聘会", description=DESCRIPTION,
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=5),
        venue="武汉城市职业学院 体育馆（演示）", graduation_years=[year], industries=["vehicle", "three_electric"],
        is_demo=True,
    )  # fmt: skip
    fair = services.fair_open(actor=organiser, fair=fair)
    companies = list(Job.objects.filter(is_demo=True).values_list("company_id", flat=True).distinct())
    for company_id in companies:
        hr = _hr(company_id)
        if hr is None:
            continue
        booth = services.booth_apply(
            actor=hr, fair=fair, company_id=company_id,
            jobs=list(Job.objects.filter(company_id=company_id, is_demo=True, status="open")),
            slots=list(Slot.objects.filter(company_id=company_id, status="open")[:2]),
            note="需要一张桌子和电源（演示）", is_demo=True,
        )  # fmt: skip
        services.booth_approve(actor=organiser, booth=booth)
    notice_mark_read(actor=organiser, kind="booth_applied")  # decided already: nothing waits in the admin's bell
    for n, student in enumerate(students[:24]):
        registration = services.registration_create(actor=actor_for(student.user), fair=fair, is_demo=True)
        if n % 4:  # three in four came
            services.registration_check_in(actor=organiser, fair=fair, code=registration.code)

    if city is None:
        return
    staff = actor_for(city)
    starts = (now + timedelta(days=14)).replace(hour=9, minute=0, second=0, microsecond=0)
    city_fair = services.fair_create(
        actor=staff, title="武汉市新能源汽车产业人才专场招聘会", description=DESCRIPTION,
        starts_at=starts, ends_at=starts + timedelta(hours=6), venue="武汉国际博览中心（演示）",
        industries=["vehicle", "three_electric", "parts"], is_demo=True,
    )  # fmt: skip
    services.fair_open(actor=staff, fair=city_fair)
    if companies:
        hr = _hr(companies[0])
        if hr is not None:
            services.booth_apply(
                actor=hr, fair=city_fair, company_id=companies[0],
                jobs=list(Job.objects.filter(company_id=companies[0], is_demo=True, status="open")), is_demo=True,
            )  # fmt: skip
