"""`make bench`, Students Stay in Wuhan: the whole report over 200,000 graduate outcomes on PostgreSQL, timed
through the API (printed, never asserted): `.venv/bin/python tests/bench/stay_report.py`.

The database: with DATABASE_URL pointing at PostgreSQL, a new database on that server (migrated here, dropped at
the end); otherwise a throwaway PostgreSQL cluster started the way .ci/run starts one (as root through the
`postgres` user, loopback only, fsync off), on a free port in a temporary folder, stopped and removed at the end;
without PostgreSQL binaries, SQLite in a temporary folder (and the output says so).

The data (bulk-created in batches of 5,000, not timed): 4 institutions with 3 majors of 4 classes each, 60
companies with a base each, 200,000 outcomes over 10 graduation years (2017-2026) in the demo's proportions
(about 70 % employed, half of those working in Wuhan, 2 % unconfirmed self-reports), and, for the conversion,
a third of the last two years' graduates on the platform as students who completed a placement (half of those
employed were hired where they interned).

Timed, as an analyst through the Django test client (in-process, no network), median of 5 after one warm-up:
the full report, that is GET /api/v1/stay-report/?by=... for each of the 8 breakdowns (each answer also holds the
summary, the trend, the flow and the years) and GET /api/v1/stay-report/conversion/. Target: ≤ 500 ms on
PostgreSQL. Over the target, the slowest SQL statement (of the warm-up round) is run again under EXPLAIN ANALYZE
and printed; when its plan sorts the outcomes, the index that would give that order is created in the throwaway
database, the plan printed again and the full report timed with it (the application's code is not changed).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUTCOMES = 200_000
YEARS = list(range(2017, 2027))
INSTITUTIONS = 4
MAJORS_PER_INSTITUTION = 3
COHORTS_PER_MAJOR = 4
COMPANIES = 60
BATCH = 5_000
ROUNDS = 5
TARGET_MS = 500
SEED = 20_260_701
BREAKDOWNS = ["year", "institution", "major", "cohort", "district", "zone", "industry", "employer"]

DISTRICTS = ["jiangan", "jianghan", "qiaokou", "hanyang", "wuchang", "qingshan", "hongshan", "dongxihu", "hannan",
             "caidian", "jiangxia", "huangpi", "xinzhou"]  # fmt: skip
ZONES = ["", "", "wedz", "east_lake_hitech", "airport", "new_port"]
INDUSTRIES = ["汽车制造业", "汽车零部件制造", "汽车销售与维修", "新能源电池", "智能网联", "其他制造业", "信息技术服务"]
OTHER_CITIES = ["深圳", "广州", "上海", "长沙", "襄阳", "宜昌", "十堰", "合肥", "西安", "杭州"]
STATUSES = [("employed", 70), ("self_employed", 3), ("further_study", 12), ("military", 2), ("seeking", 5),
            ("not_seeking", 2), ("unknown", 6)]  # fmt: skip


# -- the database ------------------------------------------------------------------------------------------------


from tests.bench.database import Database, choose_database, use_prefix  # noqa: E402

use_prefix("stay")


# -- the data ----------------------------------------------------------------------------------------------------


def build(rng: random.Random):
    """Bulk-create the schools, the companies, the students with their placements and the 200,000 outcomes."""
    from django.utils import timezone

    from accounts.models import User
    from alumni.models import GraduateOutcome
    from companies.credit_code import make_demo_credit_code
    from companies.models import Company, TrainingBase
    from placements.models import Placement, Slot
    from schools.models import Cohort, Institution, Major, Student

    institutions = Institution.objects.bulk_create(
        [
            Institution(name=f"基准职业学院{i}", short_name=f"基准{i}", kind="higher_vocational")
            for i in range(INSTITUTIONS)
        ]
    )
    majors = Major.objects.bulk_create(
        [
            Major(institution=inst, code=f"46{i}{k:03d}", name=f"专业{i}-{k}", category="46")
            for i, inst in enumerate(institutions)
            for k in range(MAJORS_PER_INSTITUTION)
        ]
    )
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(major=m, entry_year=2023, name=f"{m.name}级{k + 1}班")
            for m in majors
            for k in range(COHORTS_PER_MAJOR)
        ]
    )
    cohorts_of = {inst.pk: [c for c in cohorts if c.major.institution_id == inst.pk] for inst in institutions}
    companies = Company.objects.bulk_create(
        [
            Company(name=f"基准汽车有限公司{i}", credit_code=make_demo_credit_code(800_000 + i),
                    district=DISTRICTS[i % len(DISTRICTS)], segment="parts", headcount=3000)
            for i in range(COMPANIES)
        ]
    )  # fmt: skip
    bases = TrainingBase.objects.bulk_create(
        [
            TrainingBase(name=f"基准实习基地{i}", kind="off_campus", company=c, district=c.district, capacity=500,
                         last_inspection_date=date(2026, 3, 1))
            for i, c in enumerate(companies)
        ]
    )  # fmt: skip
    slots = Slot.objects.bulk_create(
        [
            Slot(company=c, base=b, title=f"岗位实习{i}", job_cluster_id="production", kind="post", capacity=200,
                 post_headcount=2000, start_date=date(2025, 3, 1), end_date=date(2025, 8, 31), term="2024-2025-2",
                 daily_hours=8, post_wage=5000, stipend=4000, application_deadline=date(2025, 2, 15), status="closed")
            for i, (c, b) in enumerate(zip(companies, bases, strict=True))
        ]
    )  # fmt: skip
    User.objects.create(username="analyst", full_name="城市分析员", password="!", is_city_analyst=True)

    statuses, weights = zip(*STATUSES, strict=True)
    names = {c.pk: c.name for c in companies}
    per_year = OUTCOMES // len(YEARS)
    student_years = set(YEARS[-2:])
    students_made = placements_made = created = 0
    rows: list = []

    def flush() -> None:
        nonlocal created
        GraduateOutcome.objects.bulk_create(rows, batch_size=BATCH)
        created += len(rows)
        rows.clear()

    for year in YEARS:
        stay_share = 0.40 + 0.02 * (year - YEARS[0])
        # The last two years' graduates who interned (a third) are on the platform as students, with their placement.
        interns = [seat for seat in range(per_year) if year in student_years and rng.random() < 1 / 3]
        year_students = {
            seat: Student(institution=institutions[seat % INSTITUTIONS], student_number=f"{year - 3}{seat:07d}",
                          full_name=f"学生{year}-{seat}", birth_date=date(year - 21, 5, 1), entry_year=year - 3,
                          cohort=rng.choice(cohorts_of[institutions[seat % INSTITUTIONS].pk]))
            for seat in interns
        }  # fmt: skip
        Student.objects.bulk_create(list(year_students.values()), batch_size=BATCH)
        students_made += len(year_students)
        interned: dict[int, int] = {}
        placements = []
        ended = timezone.make_aware(datetime(year - 1, 8, 31, 17))
        for seat, student in year_students.items():
            slot = rng.choice(slots)
            interned[seat] = slot.company_id
            placements.append(Placement(student=student, slot=slot, rank=1, status="completed", term=slot.term,
                                        started_at=ended - timedelta(days=180), ended_at=ended,
                                        final_grade=rng.choice(["excellent", "good", "pass"])))  # fmt: skip
        Placement.objects.bulk_create(placements, batch_size=BATCH)
        placements_made += len(placements)

        for seat in range(per_year):
            institution = institutions[seat % INSTITUTIONS]
            cohort = rng.choice(cohorts_of[institution.pk])
            student = year_students.get(seat)
            status = rng.choices(statuses, weights)[0]
            confirmed = rng.random() >= 0.02
            row = GraduateOutcome(
                institution=institution, student=student,
                student_number=student.student_number if student else f"{year - 3}{seat:07d}",
                full_name=f"毕业生{year}-{seat}", major_id=cohort.major_id, cohort=cohort, graduation_year=year,
                status=status, source="import" if confirmed else "self", confirmed=confirmed,
                reported_on=date(year, 8, 31) if rng.random() < 0.8 else date(year + 1, 9, 1),
            )  # fmt: skip
            if status in ("employed", "self_employed"):
                in_wuhan = rng.random() < stay_share
                company_id = None
                if status == "employed" and seat in interned and rng.random() < 0.5:
                    company_id = interned[seat]  # hired where they interned
                    in_wuhan = rng.random() < 0.8
                elif status == "employed" and in_wuhan and rng.random() < 0.5:
                    company_id = rng.choice(companies).pk
                row.employer_id = company_id
                row.employer_name = names[company_id] if company_id else f"用人单位{rng.randint(1, 900)}"
                row.in_wuhan = in_wuhan
                row.work_city = "武汉" if in_wuhan else rng.choice(OTHER_CITIES)
                if in_wuhan:
                    row.district, row.zone = rng.choice(DISTRICTS), rng.choice(ZONES)
                row.industry = rng.choice(INDUSTRIES)
                row.salary_band = rng.choice(["lt3000", "3000", "5000", "7000", "10000"])
            rows.append(row)
            if len(rows) >= BATCH:
                flush()
    flush()
    return created, students_made, placements_made


# -- the figures -------------------------------------------------------------------------------------------------


def report_urls() -> list[str]:
    return [f"/api/v1/stay-report/?by={by}" for by in BREAKDOWNS] + ["/api/v1/stay-report/conversion/"]


def full_report(client, timer=None) -> dict[str, float]:
    """One full report: every URL once; milliseconds per URL. With `timer`, every SQL statement is timed too."""
    from django.db import connection

    timings = {}
    for url in report_urls():
        started = time.perf_counter()
        if timer is None:
            response = client.get(url)
        else:
            timer.url = url
            with connection.execute_wrapper(timer):
                response = client.get(url)
        timings[url] = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: {response.status_code} {response.content[:300]!r}")
    return timings


class StatementTimer:
    """An execute wrapper that keeps (ms, sql, params, url) of every statement."""

    def __init__(self) -> None:
        self.url = ""
        self.seen: list[tuple[float, str, tuple, str]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seen.append(((time.perf_counter() - started) * 1000, sql, params, self.url))


def plan(sql: str, params, postgres: bool) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}" if postgres else f"EXPLAIN QUERY PLAN {sql}", params)
        return [" ".join(str(v) for v in row) for row in cursor.fetchall()]


def candidate_index(sql: str, lines: list[str]) -> str | None:
    """An index that would spare the plan its sort: the sort key of the outcomes, with the statement's filter on
    `confirmed` as the index's condition. None when the plan does not sort the outcomes' own columns."""
    keys = [line.split("Sort Key:", 1)[1].strip() for line in lines if "Sort Key:" in line]
    if not keys or " JOIN " in sql:
        return None
    columns = [c.strip().replace("alumni_graduateoutcome.", "") for c in keys[0].split(",")]
    if not all(c.split()[0].isidentifier() for c in columns):
        return None
    where = " WHERE confirmed" if '"alumni_graduateoutcome"."confirmed"' in sql else ""
    return f"CREATE INDEX bench_whatif_idx ON alumni_graduateoutcome ({', '.join(columns)}){where}"


def bench(db: Database, migrate_s: float, build_s: float, outcomes: int, students: int, placements: int) -> None:
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from alumni.models import GraduateOutcome

    print(f"database: {db.label}")
    print(f"migrate {migrate_s:.1f} s; building the data {build_s:.1f} s (bulk_create, batches of {BATCH:,})")
    confirmed = GraduateOutcome.objects.filter(confirmed=True).count()
    print(f"data: {outcomes:,} outcomes ({confirmed:,} confirmed), {len(YEARS)} graduation years "
          f"{YEARS[0]}-{YEARS[-1]}, {INSTITUTIONS} institutions, {students:,} students, "
          f"{placements:,} completed placements, {COMPANIES} companies")  # fmt: skip

    client = Client()
    client.force_login(User.objects.get(username="analyst"))
    timer = StatementTimer()
    full_report(client, timer)  # the warm-up (connection, caches, first plans), its statements timed
    rounds = [full_report(client) for _ in range(ROUNDS)]
    totals = [sum(r.values()) for r in rounds]
    print(
        f"\nGET as an analyst, median of {ROUNDS} (a stay-report answer holds summary, breakdown, trend, flow, years)"
    )
    for url in report_urls():
        on_outcomes = sum(1 for s in timer.seen if s[3] == url and '"alumni_graduateoutcome"' in s[1])
        median = statistics.median(r[url] for r in rounds)
        print(f"  {url:<44} {median:8.1f} ms   {on_outcomes} statements over the outcomes")
    page = [r["/api/v1/stay-report/?by=institution"] + r["/api/v1/stay-report/conversion/"] for r in rounds]
    print(f"  {'the page as it opens (by=institution + conversion)':<44} {statistics.median(page):8.1f} ms")
    median = statistics.median(totals)
    verdict = "within" if median <= TARGET_MS else "OVER"
    target = f"target ≤ {TARGET_MS} ms on PostgreSQL" + ("" if db.postgres else "; this is SQLite, not the target's")
    print(f"\nfull report (8 breakdowns + conversion): median {median:.0f} ms "
          f"(min {min(totals):.0f}, max {max(totals):.0f}) — {verdict} the {target}")  # fmt: skip

    slowest = sorted(timer.seen, key=lambda s: -s[0])
    print("\nslowest SQL statements of the full report (warm-up round):")
    for ms, sql, _params, url in slowest[:5]:
        print(f"  {ms:7.1f} ms  {url:<40} {' '.join(sql.split())[:140]}")
    if median <= TARGET_MS:
        return
    ms, sql, params, url = slowest[0]
    lines = plan(sql, params, db.postgres)
    kind = "EXPLAIN (ANALYZE, BUFFERS)" if db.postgres else "EXPLAIN QUERY PLAN"
    print(f"\n{kind} of the slowest ({ms:.1f} ms, {url}):\n  {' '.join(sql.split())}")
    print("\n".join("    " + line for line in lines))
    if not db.postgres:
        print("\n(the what-if index runs on PostgreSQL only)")
        return
    index = candidate_index(sql, lines)
    if index is None:
        print("\nno index candidate: the plan does not sort the outcomes' own columns")
        return
    with connection.cursor() as cursor:
        cursor.execute(index)
        cursor.execute("ANALYZE alumni_graduateoutcome")
    try:
        print(f"\nwhat if (in this throwaway database only): {index}")
        print("\n".join("    " + line for line in plan(sql, params, db.postgres)))
        again = [sum(full_report(client).values()) for _ in range(3)]
        print(f"full report with that index: median of 3 {statistics.median(again):.0f} ms (was {median:.0f} ms)")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX bench_whatif_idx")


def main() -> None:
    db = choose_database()
    started = time.perf_counter()
    try:
        os.environ["DATABASE_URL"] = db.url
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
        os.environ["DJANGO_DEBUG"] = "0"  # no query log
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        db.cleanup.append(connections.close_all)
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_s = time.perf_counter() - t
        t = time.perf_counter()
        outcomes, students, placements = build(random.Random(SEED))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if db.postgres else "ANALYZE")
        build_s = time.perf_counter() - t
        bench(db, migrate_s, build_s, outcomes, students, placements)
    finally:
        db.close()
    print(f"bench finished in {time.perf_counter() - started:.0f} s (database and temporary files removed)")


if __name__ == "__main__":
    main()
