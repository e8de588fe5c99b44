"""Demo graduate outcomes for the last eight graduating years (up to the summer before today), so the report has
years of shape. Every
figure here is generated and labelled demo data; the employers are the demo world's companies."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from alumni import rollups
from alumni.models import GraduateOutcome, OutcomeSource, OutcomeStatus
from companies.models import Company
from core.calendar import academic_year
from core.demo import person_name
from schools.models import Institution, Major

OTHER_CITIES = ["深圳", "广州", "上海", "长沙", "襄阳", "宜昌", "十堰", "合肥", "西安", "杭州"]
STATUSES = [
    (OutcomeStatus.EMPLOYED, 70), (OutcomeStatus.SELF_EMPLOYED, 3), (OutcomeStatus.FURTHER_STUDY, 12),
    (OutcomeStatus.MILITARY, 2), (OutcomeStatus.SEEKING, 5), (OutcomeStatus.NOT_SEEKING, 2), (OutcomeStatus.UNKNOWN, 6),
]  # fmt: skip
INDUSTRIES = ["汽车制造业", "汽车零部件制造", "汽车销售与维修", "新能源电池", "智能网联", "其他制造业", "信息技术服务"]


def seed_outcomes() -> None:
    if GraduateOutcome.objects.exists():
        return
    rng = random.Random(2019)  # a fixed seed (not a date): the same outcomes every time
    today = timezone.localdate()
    last = academic_year(today)  # the latest graduates left school the summer before this academic year
    first = last - 7
    wcp = Institution.objects.filter(name="武汉城市职业学院").first()
    wbu = Institution.objects.filter(name="武汉商学院").first()
    plans = []
    if wcp:
        plans.append((wcp, Major.objects.filter(institution=wcp, code="460702").first(), 3, 420))
    if wbu:
        plans.append((wbu, Major.objects.filter(institution=wbu, code="080208").first(), 4, 90))
    companies = list(Company.objects.filter(vetting_status="approved"))
    weights = [5 if "来源" in (c.data_note or "") else 1 for c in companies]
    statuses, status_weights = zip(*STATUSES, strict=True)
    rows = []
    for institution, major, years, size in plans:
        for graduation_year in range(first, last + 1):
            entry = graduation_year - years
            stay_share = 0.45 + 0.03 * (graduation_year - first)  # demo: a rising trend
            for seat in range(size):
                status = rng.choices(statuses, status_weights)[0]
                row = GraduateOutcome(
                    institution=institution,
                    student_number=f"{entry}{major.code if major else '000000'}{seat // 45 + 1:02d}{seat % 45 + 1:02d}",
                    full_name=person_name(rng) + "（演示）",
                    major=major,
                    graduation_year=graduation_year,
                    status=status,
                    source=OutcomeSource.IMPORT,
                    reported_on=date(graduation_year, 8, 31)
                    if rng.random() < 0.8
                    else min(date(graduation_year + 1, 9, 1), today),
                    confirmed=True,
                    is_demo=True,
                )
                if status in (OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED):
                    in_wuhan = rng.random() < stay_share
                    if status == OutcomeStatus.EMPLOYED and companies and in_wuhan and rng.random() < 0.6:
                        company = rng.choices(companies, weights)[0]
                        row.employer, row.employer_name = company, company.name
                        row.employer_credit_code = company.credit_code
                        row.district, row.zone = company.district, company.zone
                    elif status == OutcomeStatus.EMPLOYED:
                        row.employer_name = f"演示用人单位{rng.randint(1, 300):03d}"
                    row.in_wuhan = in_wuhan
                    row.work_city = "武汉" if in_wuhan else rng.choice(OTHER_CITIES)
                    if in_wuhan and not row.district and not row.zone:
                        row.district = rng.choice(
                            ["hongshan", "jiangxia", "hannan", "caidian", "wuchang", "jiangan", "dongxihu"]
                        )
                    row.industry = rng.choice(INDUSTRIES)
                    row.fits_major = rng.random() < 0.7
                    row.salary_band = rng.choices(["lt3000", "3000", "5000", "7000", "10000"], [5, 45, 35, 12, 3])[0]
                rows.append(row)
    GraduateOutcome.objects.bulk_create(rows, batch_size=2000)
    seed_conversions(last=last, today=today)
    # Bulk-created, so the report's aggregates are recomputed: the same code as `stay_rollups --rebuild`.
    rollups.rebuild()


CONVERSION_GRADUATES = 48  # the latest graduates of 武汉城市职业学院 who are also on the platform
HIRED_SHARE = 0.55  # demo: about half stay on where they did their post internship


def seed_conversions(*, last: int, today: date) -> None:
    """Internship-to-hire needs graduates who are on the platform with a completed placement: the latest
    graduates of 武汉城市职业学院 get their student record, their final-year post internship (completed, at one
    of the demo companies with slots) and, for about half, an outcome whose employer is that same company. All
    generated demo data, marked as such; the rest keep the employer they had."""
    from core.calendar import term_for
    from placements.choices import PlacementStatus, SlotStatus
    from placements.models import Placement, Slot
    from schools.models import Cohort, Student, Teacher

    wcp = Institution.objects.filter(name="武汉城市职业学院").first()
    nev = Major.objects.filter(institution=wcp, code="460702").first() if wcp else None
    # the demo slots of this term at the real companies (placements/demo.py): one slot per company to copy
    templates = {}
    for slot in Slot.objects.filter(company__vetting_status="approved").select_related("company").order_by("id"):
        templates.setdefault(slot.company_id, slot)
    if not nev or not templates:
        return
    advisors = list(Teacher.objects.filter(institution=wcp, role="teacher").order_by("id"))
    rng = random.Random(2020)  # a fixed seed (not a date)
    entry = last - 3
    cohort, _created = Cohort.objects.get_or_create(
        major=nev, name=f"新能源汽车技术{entry}级1班（已毕业）", defaults={"entry_year": entry}
    )
    start, end = date(last - 1, 9, 1), date(last, 2, 28)  # the final year's autumn term, before graduating
    slots = []
    for template in templates.values():
        majors = list(template.majors.all())
        past = Slot.objects.get(pk=template.pk)
        past.pk = None
        past.start_date, past.end_date = start, end
        past.application_deadline = start - timedelta(days=20)
        past.term = term_for(start)
        past.status = SlotStatus.CLOSED
        past.save()
        past.majors.set(majors)
        slots.append(past)
    outcomes = list(
        GraduateOutcome.objects.filter(
            institution=wcp, graduation_year=last, status=OutcomeStatus.EMPLOYED, student__isnull=True
        ).order_by("id")[:CONVERSION_GRADUATES]
    )
    started = timezone.make_aware(datetime.combine(start, time(9)))
    ended = timezone.make_aware(datetime.combine(end, time(17)))
    for n, outcome in enumerate(outcomes):
        slot = slots[n % len(slots)]
        student = Student.objects.create(
            institution=wcp,
            student_number=outcome.student_number,
            full_name=outcome.full_name,
            gender=rng.choice("fm"),
            birth_date=date(entry - 18, rng.randint(1, 12), rng.randint(1, 28)),
            entry_year=entry,
            cohort=cohort,
            advisor=advisors[n % len(advisors)] if advisors else None,
        )
        Placement.objects.create(
            student=student, slot=slot, term=slot.term, status=PlacementStatus.COMPLETED,
            started_at=started, ended_at=ended, final_grade=rng.choice(["excellent", "good", "good", "pass"]),
        )  # fmt: skip
        outcome.student = student
        if rng.random() < HIRED_SHARE:
            company = slot.company
            outcome.employer, outcome.employer_name = company, company.name
            outcome.employer_credit_code = company.credit_code
            outcome.district, outcome.zone = company.district, company.zone
            outcome.in_wuhan, outcome.work_city = True, "武汉"
        outcome.save()
