"""Importing graduate outcomes from a school's employment report sheet, timed (printed, never asserted):
`.venv/bin/python tests/bench/outcome_import.py`. OUTCOME_BENCH_ROWS=5000 imports a larger sheet.

The database: tests/bench/database.py (a new database on DATABASE_URL's PostgreSQL, else a throwaway cluster,
else SQLite, said so in the output); OUTCOME_BENCH_SQLITE=1 uses SQLite even where PostgreSQL is at hand.

The sheet (2,000 rows by default), a school's year as the demo shapes it: 70 % employed (a third of them at an
employer on the platform, named by its credit code; the others by name), the rest studying further, in the
army, seeking or unknown; a quarter of the graduates on the platform (matched by student number), every row
with its major and class. Timed through alumni.imports.outcomes_import, as the import endpoint calls it: the
dry run (every row checked, nothing written), the first real run (every row created, with the report's
aggregates), and a re-import of the same sheet with every outcome changed (every row updated). Median of a few
runs, queries counted.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.database import choose_database, timed_queries, use_prefix  # noqa: E402
from tests.sheets import xlsx_bytes  # noqa: E402

ROWS = int(os.environ.get("OUTCOME_BENCH_ROWS", 2_000))
RUNS = 3
STATUSES = [("就业", 70), ("升学", 12), ("参军入伍", 2), ("待就业", 5), ("暂不就业", 2), ("未知", 6), ("自主创业", 3)]
DISTRICTS = ["蔡甸区", "江夏区", "汉南区", "洪山区", "武昌区", "江岸区", "东西湖区"]
OTHER_CITIES = ["深圳", "广州", "上海", "长沙", "襄阳"]


def world():
    """A school with a major and its classes, a quarter of the sheet's graduates on the platform, 50 companies
    on the platform and the school's admin (as the actor importing)."""
    from accounts.actor import actor_for
    from companies.credit_code import make_demo_credit_code
    from companies.models import Company
    from schools.models import Cohort, Institution, Major, Student, Teacher
    from tests.factories import UserFactory

    school = Institution.objects.create(name="基准职业学院", short_name="基准", kind="higher_vocational")
    major = Major.objects.create(institution=school, code="460702", name="新能源汽车技术", category="46")
    year = time.localtime().tm_year
    cohorts = [
        Cohort.objects.create(major=major, entry_year=year - 3, name=f"新能源{year - 3}级{i}班") for i in range(1, 9)
    ]
    Student.objects.bulk_create(
        Student(
            institution=school, student_number=f"B{n:06d}", full_name=f"学生{n}", birth_date=f"{year - 21}-05-01",
            entry_year=year - 3, cohort=cohorts[n % len(cohorts)],
        )
        for n in range(0, ROWS, 4)
    )  # fmt: skip
    companies = [
        Company.objects.create(name=f"基准汽车零部件有限公司{i}", credit_code=make_demo_credit_code(700000 + i),
                               district="jiangxia", segment="parts", headcount=500, vetting_status="approved")
        for i in range(50)
    ]  # fmt: skip
    user = UserFactory()
    Teacher.objects.create(user=user, institution=school, role=Teacher.Role.ADMIN)
    return school, actor_for(user), cohorts, companies, year


def sheet(cohorts, companies, year: int, seed: int) -> bytes:
    from alumni.imports import COLUMNS

    rng = random.Random(seed)
    words, weights = zip(*STATUSES, strict=True)
    rows = []
    for n in range(ROWS):
        status = rng.choices(words, weights)[0]
        values = {"student_number": f"B{n:06d}", "full_name": f"学生{n}", "graduation_year": year - 1,
                  "major": "460702", "cohort": cohorts[n % len(cohorts)].name, "status": status,
                  "reported_on": f"{year - 1}-08-31"}  # fmt: skip
        if status in ("就业", "自主创业"):
            in_wuhan = rng.random() < 0.6
            values["work_city"] = "武汉" if in_wuhan else rng.choice(OTHER_CITIES)
            if in_wuhan:
                values["district"] = rng.choice(DISTRICTS)
            values["industry"] = "汽车制造业"
            values["fits_major"] = rng.choice(["是", "否"])
            values["salary_band"] = rng.choice(["3000-4999", "5000-6999"])
            if status == "就业":
                if rng.random() < 0.33:
                    company = rng.choice(companies)
                    values["employer_name"], values["employer_credit_code"] = company.name, company.credit_code
                else:
                    values["employer_name"] = f"某用人单位{rng.randint(1, 300)}"
        rows.append([values.get(c.field, "") for c in COLUMNS])
    return xlsx_bytes([c.header_zh for c in COLUMNS], rows)


def main() -> None:
    use_prefix("outcome_import")
    if os.environ.get("OUTCOME_BENCH_SQLITE"):
        os.environ.pop("DATABASE_URL", None)
    db = choose_database() if not os.environ.get("OUTCOME_BENCH_SQLITE") else None
    if db is None:
        import tempfile

        from tests.bench.database import Database

        db = Database()
        folder = tempfile.mkdtemp(prefix="bench-outcome-import-")
        db.url, db.label = f"sqlite:///{folder}/bench.sqlite3", "SQLite (asked for)"
    try:
        os.environ["DATABASE_URL"] = db.url
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
        import django

        django.setup()
        from django.conf import settings
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.core.management import call_command
        from django.db import connections

        from alumni import imports, rollups
        from alumni.models import GraduateOutcome

        db.cleanup.append(connections.close_all)
        settings.DEBUG = True  # count the queries
        settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, ROWS)
        print(f"database: {db.label}")
        call_command("migrate", verbosity=0)
        school, actor, cohorts, companies, year = world()
        first, second = sheet(cohorts, companies, year, 1), sheet(cohorts, companies, year, 2)

        def run(data: bytes, dry_run: bool):
            upload = SimpleUploadedFile("outcomes.xlsx", data)
            return imports.outcomes_import(institution=school, actor=actor, upload=upload, dry_run=dry_run)

        print(f"{ROWS:,} rows, median of {RUNS} runs")
        dry = [timed_queries(lambda: run(first, True)) for _ in range(RUNS)]
        print(f"  dry run (checked, nothing written):   {statistics.median(t for t, _q, _r in dry):7.0f} ms, "
              f"{dry[0][1]} queries")  # fmt: skip
        created, updated = [], []
        for i in range(RUNS):
            GraduateOutcome.objects.all().delete()
            rollups.rebuild()
            created.append(timed_queries(lambda: run(first, False)))
            updated.append(timed_queries(lambda i=i: run(second if i % 2 == 0 else first, False)))
        assert created[0][2].created == ROWS and updated[0][2].updated == ROWS
        print(f"  first import (every row created):     {statistics.median(t for t, _q, _r in created):7.0f} ms, "
              f"{created[0][1]} queries")  # fmt: skip
        print(f"  re-import (every row updated):        {statistics.median(t for t, _q, _r in updated):7.0f} ms, "
              f"{updated[0][1]} queries")  # fmt: skip
        drifting = sum(len(d) for d in rollups.drift().values())
        print(f"  the report's aggregates after it all: {drifting} drifting keys")
    finally:
        db.close()


if __name__ == "__main__":
    main()
