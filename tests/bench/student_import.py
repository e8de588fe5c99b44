"""Importing a school's students from XLSX, timed (printed, never asserted):
`.venv/bin/python tests/bench/student_import.py`. STUDENT_BENCH_ROWS=5000 imports a larger sheet.

On a throwaway SQLite database: a school with 8 classes and 10 teachers, a sheet of 2,000 students (every row
with its class and advisor). Timed through schools.imports.students_import, as the endpoint calls it: the dry
run (every row read and checked, nothing written), the first real run (every student created with an activation
code) and a re-import of the same sheet (every student updated). Median of a few runs, queries counted.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.database import timed_queries  # noqa: E402
from tests.sheets import xlsx_bytes  # noqa: E402

ROWS = int(os.environ.get("STUDENT_BENCH_ROWS", 2_000))
RUNS = 3


def world():
    from schools.models import Cohort, Institution, Major, Teacher
    from tests.factories import UserFactory

    school = Institution.objects.create(name="基准职业学院", short_name="基准", kind="higher_vocational")
    major = Major.objects.create(institution=school, code="460702", name="新能源汽车技术", category="46")
    year = time.localtime().tm_year
    cohorts = [
        Cohort.objects.create(major=major, entry_year=year - 1, name=f"新能源{year - 1}级{i}班") for i in range(1, 9)
    ]
    teachers = [Teacher.objects.create(user=UserFactory(), institution=school) for _ in range(10)]
    return school, cohorts, teachers, year


def sheet(cohorts, teachers, year: int) -> bytes:
    from schools.imports import COLUMNS

    rows = []
    for n in range(ROWS):
        values = {"student_number": f"{year - 1}{n:08d}", "full_name": f"学生{n}", "gender": "男女"[n % 2],
                  "birth_date": f"{year - 19}-05-01", "entry_year": year - 1, "cohort": cohorts[n % 8].name,
                  "advisor": teachers[n % 10].user.email}  # fmt: skip
        rows.append([values[c.field] for c in COLUMNS])
    return xlsx_bytes([c.header_zh for c in COLUMNS], rows)


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-student-import-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from schools import imports
    from schools.models import Student

    settings.DEBUG = True  # count the queries
    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, ROWS)
    call_command("migrate", verbosity=0)
    school, cohorts, teachers, year = world()
    data = sheet(cohorts, teachers, year)

    def run(dry_run: bool):
        upload = SimpleUploadedFile("students.xlsx", data)
        return imports.students_import(institution=school, upload=upload, dry_run=dry_run)

    print(f"database: SQLite; {ROWS:,} rows, median of {RUNS} runs")
    dry = [timed_queries(lambda: run(True)) for _ in range(RUNS)]
    created, updated = [], []
    for _ in range(RUNS):
        Student.objects.all().delete()
        created.append(timed_queries(lambda: run(False)))
        updated.append(timed_queries(lambda: run(False)))
    assert created[0][2].created == ROWS and updated[0][2].updated == ROWS
    for label, runs in [("dry run (checked, nothing written)", dry), ("first import (every row created)", created),
                        ("re-import (every row updated)", updated)]:  # fmt: skip
        print(f"  {label:36} {statistics.median(t for t, _q, _r in runs):7.0f} ms, {runs[0][1]} queries")


if __name__ == "__main__":
    main()
