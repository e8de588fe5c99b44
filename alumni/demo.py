"""Demo graduate outcomes for the last eight graduating years (up to the summer before today), so the report has
years of shape. Every
figure here is generated and labelled demo data; the employers are the demo world's companies."""

from __future__ import annotations

import random
from datetime import date

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
    # Bulk-created, so the report's aggregates are recomputed: the same code as `stay_rollups --rebuild`.
    rollups.rebuild()
