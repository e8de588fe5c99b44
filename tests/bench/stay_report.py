"""`make bench`, Students Stay in Wuhan at city scale: the report over 4,000,000 graduate outcomes on PostgreSQL,
served from its aggregates (alumni/rollups.py), timed through the API and printed beside the raw query that
computes the same figures from the outcomes (printed, never asserted): `.venv/bin/python tests/bench/stay_report.py`.
STAY_BENCH_OUTCOMES=1000000 runs a smaller world; STAY_BENCH_CHECK=1 also times `stay_rollups --check`.

The database: tests/bench/database.py (a new database on DATABASE_URL's PostgreSQL, else a throwaway cluster,
else SQLite, said so in the output).

The data, realistic variety over 10 graduation years (the last ten up to this year): 20 institutions of
different sizes, 400 majors, 2,000 classes, 20,000 employers on the platform (hiring skewed: a few big ones
hire most), all 13 districts and the zones that lie in them, 40 industries (skewed), the demo's outcome
proportions (about 70 % employed, the share staying in Wuhan rising over the years, 2 % unconfirmed
self-reports), and 40,000 graduates of the last two years on the platform with a completed placement (half of
those employed in Wuhan hired where they interned). The outcomes go in with COPY (foreign-key triggers off while
loading); the rest with bulk_create; then `stay_rollups --rebuild` (the same code) fills the aggregates.

Timed as an analyst (and one school admin) through the Django test client (in-process, no network), 10 rounds
after a warm-up: every report request (the 8 breakdowns, filtered requests of each kind, the conversion) with
its median and p95 (target p95 ≤ 300 ms), the page as it opens (by=institution + conversion, target ≤ 500 ms),
all 8 breakdowns plus conversion (target ≤ 1 s); beside each, the raw query's time for the same figures (once:
at this size each takes seconds). Then an outcome changed through the outcome writer: how long the write takes
with its aggregates, and whether the next request shows it (the stated delay is zero: same transaction).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUTCOMES = int(os.environ.get("STAY_BENCH_OUTCOMES", 4_000_000))
INSTITUTIONS = 20
MAJORS_PER_INSTITUTION = 20  # 400 majors
COHORTS_PER_MAJOR = 5  # 2,000 classes
EMPLOYERS = 20_000
INDUSTRIES = [f"行业{i:02d}" for i in range(40)]
PLATFORM_STUDENTS = 40_000
BASES = 2_000  # the employers hosting placements
ROUNDS = 10
SEED = 20_260_701
BATCH = 5_000
TARGET_REQUEST_MS, TARGET_PAGE_MS, TARGET_ALL_MS = 300, 500, 1000
BREAKDOWNS = ["year", "institution", "major", "cohort", "district", "zone", "industry", "employer"]

DISTRICTS = ["jiangan", "jianghan", "qiaokou", "hanyang", "wuchang", "qingshan", "hongshan", "dongxihu", "hannan",
             "caidian", "jiangxia", "huangpi", "xinzhou"]  # fmt: skip
ZONE_OF = {"hannan": "wedz", "caidian": "wedz", "hongshan": "east_lake_hitech", "jiangxia": "east_lake_hitech",
           "wuchang": "east_lake_scenic", "qingshan": "chemical", "dongxihu": "airport", "huangpi": "airport",
           "xinzhou": "new_port"}  # fmt: skip
OTHER_CITIES = ["深圳", "广州", "上海", "长沙", "襄阳", "宜昌", "十堰", "合肥", "西安", "杭州"]
STATUSES = ["employed", "self_employed", "further_study", "military", "seeking", "not_seeking", "unknown"]
STATUS_WEIGHTS = [70, 3, 12, 2, 5, 2, 6]
BANDS = ["lt3000", "3000", "5000", "7000", "10000"]
NULL = "\\N"  # COPY's text format


from tests.bench.database import Database, choose_database, setup_django, use_prefix  # noqa: E402

use_prefix("stay")


def zipf(n: int, s: float = 1.0):
    import numpy as np

    weights = 1 / np.arange(1, n + 1) ** s
    return weights / weights.sum()


# -- the data ----------------------------------------------------------------------------------------------------


def build(years: list[int]) -> dict:
    """Reference data with bulk_create, the platform's students and placements, then the outcomes with COPY."""
    import numpy as np
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from companies.credit_code import make_demo_credit_code
    from companies.models import Company, TrainingBase
    from placements.models import Placement, Slot
    from schools.models import Cohort, Institution, Major, Student, Teacher

    rng = np.random.default_rng(SEED)
    timings = {}
    t = time.perf_counter()
    institutions = Institution.objects.bulk_create(
        [
            Institution(name=f"基准职业学院{i}", short_name=f"基准{i}", kind="higher_vocational")
            for i in range(INSTITUTIONS)
        ]
    )
    majors = Major.objects.bulk_create(
        [Major(institution=inst, code=f"{460000 + i * 100 + k}", name=f"专业{i}-{k}", category="46")
         for i, inst in enumerate(institutions) for k in range(MAJORS_PER_INSTITUTION)]
    )  # fmt: skip
    cohorts = Cohort.objects.bulk_create(
        [Cohort(major=m, entry_year=years[0] - 3 + 2 * k, name=f"{m.name}-{k + 1}班")
         for m in majors for k in range(COHORTS_PER_MAJOR)]
    )  # fmt: skip
    company_district = rng.choice(len(DISTRICTS), EMPLOYERS)
    company_zone = [ZONE_OF.get(DISTRICTS[d], "") if rng.random() < 0.6 else "" for d in company_district]
    company_industry = rng.choice(len(INDUSTRIES), EMPLOYERS, p=zipf(len(INDUSTRIES), 0.9))
    companies = Company.objects.bulk_create(
        [Company(name=f"基准用人单位{i:05d}", credit_code=make_demo_credit_code(800_000 + i),
                 district=DISTRICTS[company_district[i]], zone=company_zone[i], segment="parts", headcount=500,
                 vetting_status="approved") for i in range(EMPLOYERS)],
        batch_size=BATCH,
    )  # fmt: skip
    bases = TrainingBase.objects.bulk_create(
        [TrainingBase(name=f"基准实习基地{i}", kind="off_campus", company=companies[i], district=companies[i].district,
                      capacity=500) for i in range(BASES)],
        batch_size=BATCH,
    )  # fmt: skip
    term_start = date(years[-1] - 1, 3, 1)
    slots = Slot.objects.bulk_create(
        [Slot(company=b.company, base=b, title=f"岗位实习{i}", job_cluster_id="production", kind="post", capacity=200,
              post_headcount=2000, start_date=term_start, end_date=term_start.replace(month=8, day=31),
              term=f"{years[-1] - 2}-{years[-1] - 1}-2", daily_hours=8, post_wage=5000, stipend=4000,
              application_deadline=term_start.replace(month=2, day=15), status="closed")
         for i, b in enumerate(bases)],
        batch_size=BATCH,
    )  # fmt: skip
    User.objects.create(username="analyst", full_name="城市分析员", password="!", is_city_analyst=True)
    admin = User.objects.create(username="schooladmin", full_name="学校管理员", password="!")
    Teacher.objects.create(user=admin, institution=institutions[0], role="admin")
    timings["reference data (bulk_create)"] = time.perf_counter() - t

    # The outcomes, column by column.
    t = time.perf_counter()
    n = OUTCOMES
    year_weights = np.linspace(0.8, 1.2, len(years))  # more graduates in later years
    year_i = rng.choice(len(years), n, p=year_weights / year_weights.sum())
    inst_weights = np.linspace(0.5, 1.5, INSTITUTIONS)
    inst_i = rng.choice(INSTITUTIONS, n, p=inst_weights / inst_weights.sum())
    major_i = inst_i * MAJORS_PER_INSTITUTION + rng.choice(
        MAJORS_PER_INSTITUTION, n, p=zipf(MAJORS_PER_INSTITUTION, 0.5)
    )
    cohort_i = major_i * COHORTS_PER_MAJOR + rng.integers(0, COHORTS_PER_MAJOR, n)
    status_i = rng.choice(len(STATUSES), n, p=np.array(STATUS_WEIGHTS) / sum(STATUS_WEIGHTS))
    working = status_i < 2
    stay_share = 0.40 + 0.02 * year_i
    in_wuhan = working & (rng.random(n) < stay_share)
    employer_i = np.where(
        in_wuhan & (status_i == 0) & (rng.random(n) < 0.7), rng.choice(EMPLOYERS, n, p=zipf(EMPLOYERS)), -1
    )
    free_district = rng.choice(len(DISTRICTS), n)
    confirmed = rng.random(n) >= 0.02
    industry_free = rng.choice(len(INDUSTRIES), n, p=zipf(len(INDUSTRIES), 0.9))
    band_i = rng.choice(len(BANDS), n, p=[0.05, 0.45, 0.35, 0.12, 0.03])
    city_i = rng.integers(0, len(OTHER_CITIES), n)
    late = rng.random(n) < 0.2
    zone_coin = rng.random(n) < 0.5

    timings["the outcomes' columns (numpy)"] = time.perf_counter() - t
    t = time.perf_counter()
    # The platform's students: graduates of the last two years, each with a completed placement; half of those
    # employed in Wuhan were hired where they interned.
    recent = np.flatnonzero(year_i >= len(years) - 2)
    chosen = rng.choice(recent, min(PLATFORM_STUDENTS, len(recent)), replace=False)
    chosen.sort()
    students = Student.objects.bulk_create(
        [Student(institution=institutions[inst_i[i]], student_number=f"G{i}", full_name=f"毕业生{i}",
                 birth_date=date(years[year_i[i]] - 21, 5, 1), entry_year=years[year_i[i]] - 3,
                 cohort=cohorts[cohort_i[i]]) for i in chosen],
        batch_size=BATCH,
    )  # fmt: skip
    student_of = dict(zip(chosen.tolist(), (s.pk for s in students), strict=True))
    slot_i = rng.choice(len(slots), len(chosen), p=zipf(len(slots), 0.7))
    ended = timezone.now().replace(year=years[-1] - 1, month=8, day=31)
    Placement.objects.bulk_create(
        [Placement(student=s, slot=slots[k], rank=1, status="completed", term=slots[k].term,
                   started_at=ended.replace(month=3, day=1), ended_at=ended, final_grade="good")
         for s, k in zip(students, slot_i.tolist(), strict=True)],
        batch_size=BATCH,
    )  # fmt: skip
    hired_there = [i for i, k in zip(chosen.tolist(), slot_i.tolist(), strict=True)
                   if in_wuhan[i] and status_i[i] == 0 and rng.random() < 0.5]  # fmt: skip
    slot_company = {i: k for i, k in zip(chosen.tolist(), slot_i.tolist(), strict=True)}
    for i in hired_there:
        employer_i[i] = slot_company[i]  # bases belong to the first BASES companies, in order
    timings["students and placements (bulk_create)"] = time.perf_counter() - t

    t = time.perf_counter()
    company_ids = [c.pk for c in companies]
    company_names = [c.name for c in companies]
    inst_ids = [i.pk for i in institutions]
    major_ids = [m.pk for m in majors]
    cohort_ids = [c.pk for c in cohorts]
    today = timezone.localdate()
    now = timezone.now().isoformat()
    columns = ("institution_id, student_id, student_number, full_name, major_id, cohort_id, graduation_year, status, "
               "employer_id, employer_name, employer_credit_code, work_city, in_wuhan, district, zone, industry, "
               "cluster_965, fits_major, salary_band, source, reported_on, confirmed, is_demo, updated_at")  # fmt: skip
    rows = zip(year_i.tolist(), inst_i.tolist(), major_i.tolist(), cohort_i.tolist(), status_i.tolist(),
               working.tolist(), in_wuhan.tolist(), employer_i.tolist(), free_district.tolist(), confirmed.tolist(),
               industry_free.tolist(), band_i.tolist(), city_i.tolist(), late.tolist(), zone_coin.tolist(),
               strict=True)  # fmt: skip
    with connection.cursor() as cursor:
        replica = True
        try:
            cursor.execute("SET session_replication_role = replica")  # no FK trigger per row while loading
        except Exception:
            replica = False
        # Indexes are built after the load (one sort each) rather than kept up row by row during it.
        table = "alumni_graduateoutcome"
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
            "AND contype = 'u'",
            [table],
        )
        uniques = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        indexes = cursor.fetchall()
        for name, _definition in uniques:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        # Every piece of a line made once, looked up per row: the loop stays near 3 µs a row.
        inst_s, major_s, cohort_s = ([str(v) for v in ids] for ids in (inst_ids, major_ids, cohort_ids))
        head_s = [f"{years[y]}\t" for y in range(len(years))]
        status_s = [f"{s}\t" for s in STATUSES]
        emp_s = [f"{company_ids[e]}\t{company_names[e]}\t\t武汉\tt\t{DISTRICTS[company_district[e]]}\t"
                 f"{company_zone[e]}\t{INDUSTRIES[company_industry[e]]}\t\t" for e in range(EMPLOYERS)]  # fmt: skip
        tails = {
            (y, lt, conf): f"{'import' if conf else 'self'}\t"
            f"{min(date(years[y] + 1, 9, 1), today) if lt else date(years[y], 8, 31)}\t"
            f"{'t' if conf else 'f'}\tf\t{now}\n"
            for y in range(len(years)) for lt in (False, True) for conf in (False, True)
        }  # fmt: skip
        with cursor.cursor.copy(f"COPY alumni_graduateoutcome ({columns}) FROM STDIN") as copy:
            out: list[str] = []
            for i, (y, inst, major, cohort, status, work, wuhan, emp, dist, conf, ind, band, city, lt, zc) in enumerate(
                rows
            ):
                if emp >= 0:
                    where = emp_s[emp]
                elif work:
                    district = DISTRICTS[dist] if wuhan else ""
                    zone = ZONE_OF.get(district, "") if zc else ""
                    city_s = "武汉\tt" if wuhan else f"{OTHER_CITIES[city]}\tf"
                    name = f"用人单位{i % 900}" if status == 0 else ""
                    where = f"{NULL}\t{name}\t\t{city_s}\t{district}\t{zone}\t{INDUSTRIES[ind]}\t\t"
                else:
                    where = f"{NULL}\t\t\t\tf\t\t\t\t\t"
                student = student_of.get(i)
                out.append(
                    f"{inst_s[inst]}\t{student or NULL}\t{'G' if student else 'N'}{i}\t毕业生{i}\t{major_s[major]}\t"
                    f"{cohort_s[cohort]}\t{head_s[y]}{status_s[status]}{where}"
                    f"{'t' if work else NULL}\t{BANDS[band] if work else ''}\t{tails[y, lt, conf]}"
                )
                if len(out) == 100_000:
                    copy.write("".join(out))
                    out = []
            copy.write("".join(out))
        if replica:
            cursor.execute("SET session_replication_role = DEFAULT")
        timings[f"{OUTCOMES:,} outcomes (COPY{', FK triggers off' if replica else ''})"] = time.perf_counter() - t
        t = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for name, definition in uniques:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cursor.execute(definition)
        timings[f"the outcomes' {len(uniques) + len(indexes)} indexes, built after the load"] = time.perf_counter() - t
    return {"timings": timings, "students": len(students), "institution": inst_ids[0], "major": major_ids[0],
            "cohort": cohort_ids[0], "employer": company_ids[0]}  # fmt: skip


# -- the requests ------------------------------------------------------------------------------------------------


def requests(ids: dict, years: list[int]) -> list[tuple[str, str, dict]]:
    """(who, label, params) of every request timed; label names the kind of request."""
    last = years[-1]
    out = [("analyst", f"by={by}", {"by": by}) for by in BREAKDOWNS]
    out += [
        ("analyst", "year=last, by=major", {"year": [last], "by": "major"}),
        ("analyst", "institution, by=cohort", {"institution": ids["institution"], "by": "cohort"}),
        ("analyst", "district=hongshan, by=employer", {"district": "hongshan", "by": "employer"}),
        (
            "analyst",
            "industry + 2 years, by=district",
            {"industry": INDUSTRIES[0], "year": [last - 1, last], "by": "district"},
        ),
        ("analyst", "employer (largest), by=year", {"employer": ids["employer"], "by": "year"}),
        ("analyst", "cohort, by=district (every dimension)", {"cohort": ids["cohort"], "by": "district"}),
        ("analyst", "major + district, by=employer", {"major": ids["major"], "district": "hannan", "by": "employer"}),
        ("schooladmin", "a school's admin, by=major", {"by": "major"}),
        ("analyst", "conversion", {"conversion": True}),
        ("analyst", "conversion, year=last", {"conversion": True, "year": [last]}),
        ("schooladmin", "conversion, a school's admin", {"conversion": True}),
    ]
    return out


def url_of(params: dict) -> tuple[str, dict]:
    params = dict(params)
    path = "/api/v1/stay-report/conversion/" if params.pop("conversion", False) else "/api/v1/stay-report/"
    return path, params


def raw(who: str, params: dict, ids: dict) -> None:
    """The same figures computed from the outcomes (what the report did before its aggregates)."""
    from alumni import report
    from alumni.models import GraduateOutcome

    params = dict(params)
    conversion = params.pop("conversion", False)
    qs = GraduateOutcome.objects.filter(confirmed=True)
    school_ids = None
    if who == "schooladmin":
        school_ids = {ids["institution"]}
        qs = qs.filter(institution_id__in=school_ids)
    qs = report.apply_filters(qs, params)
    if conversion:
        report.conversion(qs, school_ids=school_ids)
        return
    by = params.get("by", "institution")
    report.breakdown(qs, "year")
    if by != "year":
        report.breakdown(qs, by)
    report.flow(qs)


def timed(client, path: str, params: dict) -> float:
    started = time.perf_counter()
    response = client.get(path, params)
    ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {path} {params}: {response.status_code} {response.content[:300]!r}")
    return ms


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def bench(db: Database, build_info: dict, years: list[int]) -> None:
    from django.test import Client

    from accounts.models import User
    from alumni import rollups, services
    from alumni.models import GraduateOutcome

    clients = {}
    for who in ("analyst", "schooladmin"):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=who))

    print(f"\nGET through the API, {ROUNDS} rounds after a warm-up; raw = the same figures from the outcomes, once")
    print(f"  {'request':<44} {'who':<12} {'median':>8} {'p95':>8} {'raw':>9} {'raw/p95':>8}")
    results = {}
    for who, label, params in requests(build_info, years):
        path, query = url_of(params)
        client = clients[who]
        timed(client, path, query)
        times = [timed(client, path, query) for _ in range(ROUNDS)]
        started = time.perf_counter()
        raw(who, params, build_info)
        raw_ms = (time.perf_counter() - started) * 1000
        results[label] = (times, raw_ms)
        mark = "" if p95(times) <= TARGET_REQUEST_MS else "  OVER"
        print(f"  {label:<44} {who:<12} {statistics.median(times):6.1f}ms {p95(times):6.1f}ms "
              f"{raw_ms:7.0f}ms {raw_ms / p95(times):7.0f}x{mark}")  # fmt: skip
    worst = max(p95(t) for t, _r in results.values())
    print(f"every request: worst p95 {worst:.1f} ms (target ≤ {TARGET_REQUEST_MS} ms)")

    def per_round(labels: list[str]) -> tuple[float, float]:
        totals = [sum(results[label][0][r] for label in labels) for r in range(ROUNDS)]
        return statistics.median(totals), sum(results[label][1] for label in labels)

    page, page_raw = per_round(["by=institution", "conversion"])
    print(f"the page as it opens (by=institution + conversion): median {page:.0f} ms (target ≤ {TARGET_PAGE_MS} ms); "
          f"raw {page_raw:.0f} ms")  # fmt: skip
    every, every_raw = per_round([f"by={by}" for by in BREAKDOWNS] + ["conversion"])
    print(f"all 8 breakdowns + conversion: median {every:.0f} ms (target ≤ {TARGET_ALL_MS} ms); raw {every_raw:.0f} ms")

    # An outcome changed through the writer: visible in the very next request (same transaction).
    client = clients["analyst"]
    before = client.get("/api/v1/stay-report/", {"by": "district"}).json()["summary"]
    outcome = GraduateOutcome.objects.filter(confirmed=True, status="unknown").order_by("pk").first()
    outcome.status, outcome.work_city, outcome.district = "employed", "武汉", "hongshan"
    outcome.employer_name = "某单位"
    services.fill_derived(outcome)
    started = time.perf_counter()
    services.outcome_store(outcome=outcome)
    write_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    after = client.get("/api/v1/stay-report/", {"by": "district"}).json()["summary"]
    read_ms = (time.perf_counter() - started) * 1000
    seen = (after["known"], after["working"], after["stayed"]) == (
        before["known"] + 1, before["working"] + 1, before["stayed"] + 1
    )  # fmt: skip
    shows = "shows it" if seen else "DOES NOT show it"
    print(f"\nan outcome changed through the writer: write with its aggregates {write_ms:.1f} ms; the next request "
          f"({read_ms:.0f} ms) {shows}: stated delay 0 (same transaction)")  # fmt: skip
    batch = list(GraduateOutcome.objects.filter(confirmed=True).order_by("-pk")[:1000])
    for o in batch:
        o.status = "seeking" if o.status != "seeking" else "unknown"
    started = time.perf_counter()
    services.outcomes_write(outcomes=batch, check=False)
    batch_ms = (time.perf_counter() - started) * 1000
    print(f"1,000 outcomes changed at once (an import): {batch_ms:.0f} ms with their aggregates")

    if os.environ.get("STAY_BENCH_CHECK"):
        started = time.perf_counter()
        found = rollups.drift()
        drifting = sum(len(d) for d in found.values())
        print(f"stay_rollups --check: {drifting} drifting keys, {time.perf_counter() - started:.1f} s")


def main() -> None:
    db = choose_database()
    started = time.perf_counter()
    try:
        setup_django(db)
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        from alumni import rollups

        print(f"database: {db.label}")
        if not db.postgres:
            print("the Stay-in-Wuhan benchmark loads its outcomes with PostgreSQL's COPY: skipped without PostgreSQL")
            return
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate {time.perf_counter() - t:.1f} s")
        last = timezone.localdate().year
        years = list(range(last - 9, last + 1))
        t = time.perf_counter()
        info = build(years)
        for step, seconds in info["timings"].items():
            print(f"  {step}: {seconds:.1f} s")
        print(f"building the data: {time.perf_counter() - t:.1f} s (target < 120 s)")
        t = time.perf_counter()
        sizes = rollups.rebuild()
        print(f"stay_rollups --rebuild: {time.perf_counter() - t:.1f} s; rows " + ", ".join(
            f"{name} {rows:,}" for name, rows in sizes.items()))  # fmt: skip
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if db.postgres else "ANALYZE")
        print(f"VACUUM ANALYZE {time.perf_counter() - t:.1f} s")
        print(f"data: {OUTCOMES:,} outcomes over {years[0]}-{years[-1]}, {INSTITUTIONS} institutions, "
              f"{INSTITUTIONS * MAJORS_PER_INSTITUTION} majors, "
              f"{INSTITUTIONS * MAJORS_PER_INSTITUTION * COHORTS_PER_MAJOR:,} classes, {EMPLOYERS:,} employers, "
              f"{len(DISTRICTS)} districts, {len(INDUSTRIES)} industries, {info['students']:,} platform students "
              "with a completed placement")  # fmt: skip
        if not db.postgres:
            print("(SQLite: the figures are not the PostgreSQL target's)")
        bench(db, info, years)
    finally:
        db.close()
    print(f"bench finished in {time.perf_counter() - started:.0f} s (database and temporary files removed)")


if __name__ == "__main__":
    main()
