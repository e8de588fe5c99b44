"""`make bench`, match rounds: one whole round of 10,000 students on PostgreSQL, timed step by step (printed,
never asserted): `.venv/bin/python tests/bench/round.py [--profile]`.

The database: with DATABASE_URL pointing at PostgreSQL, a new database on that server (migrated here, dropped at
the end); otherwise a throwaway PostgreSQL cluster started the way .ci/run starts one (as root through the
`postgres` user, loopback only, fsync off), on a free port in a temporary folder, stopped and removed at the end;
without PostgreSQL binaries, SQLite in a temporary folder (and the table says so).

The round (bulk-created, not timed): one school, 12 majors in 3 major categories, 48 classes with an advisor
each, 10,000 students with accounts, 70 companies with one HR and one base each, 400 open slots for one or two
majors of one category (capacities about 10,500 in all), 8 preferences per student among the slots of their
category with Zipf-skewed popularity, and 40 slots whose company ordered 20 of its applicants itself.

Timed: `round_inputs` (load), `run_inputs` (match), `summarize`, `round_run` (all three and keeping the
result), `round_publish` (the closed round that ran: one pending application, one audit event and the notices
per matched student, in one transaction, notices delivered on commit). Target: load + match + publish ≤ 5 s.
With --profile, round_inputs runs again and publish is undone and run again, under cProfile, and the top
costs are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# BENCH_ROUND_STUDENTS scales the whole round (for a quick look); the target is for 10,000.
STUDENTS = int(os.environ.get("BENCH_ROUND_STUDENTS", "10000"))
MAJORS = [("46", 6), ("51", 3), ("53", 3)]  # major category, majors in it
COHORTS_PER_MAJOR = 4
COMPANIES = max(4, STUDENTS * 70 // 10_000)
SLOTS = max(32, STUDENTS * 400 // 10_000)  # at least 8 per major category, so every student can list 8
PLACES = STUDENTS * 105 // 100
CHOICES = 8
COMPANY_ORDERED_SLOTS = SLOTS // 10
COMPANY_ORDER_LENGTH = 20
SEED = 20_270_301


# -- the database ------------------------------------------------------------------------------------------------


from tests.bench.database import choose_database, setup_django, use_prefix  # noqa: E402

use_prefix("round")


# -- the round ---------------------------------------------------------------------------------------------------


def build_round():
    """Bulk-create the school, the companies, the slots and a closed round with everyone's preferences."""
    from django.utils import timezone

    from accounts.models import User
    from companies.credit_code import make_demo_credit_code
    from companies.models import Company, CompanyMember, TrainingBase
    from placements.models import MatchRound, RoundPreference, RoundPriority, Slot
    from schools.models import Cohort, Institution, Major, Student, Teacher

    rng = random.Random(SEED)
    school = Institution.objects.create(name="基准测试职业学院", short_name="基准", kind="higher_vocational")
    majors = Major.objects.bulk_create(
        [
            Major(institution=school, code=f"{category}{i:04d}", name=f"专业{category}-{i}", category=category)
            for category, n in MAJORS
            for i in range(n)
        ]
    )
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(major=m, entry_year=2024, name=f"{m.name}2024级{k + 1}班")
            for m in majors
            for k in range(COHORTS_PER_MAJOR)
        ]
    )
    advisor_users = User.objects.bulk_create(
        [User(username=f"advisor{i}", full_name=f"班主任{i}", password="!") for i in range(len(cohorts))]
    )
    advisors = Teacher.objects.bulk_create(
        [Teacher(user=u, institution=school, role=Teacher.Role.TEACHER) for u in advisor_users]
    )
    staff_user = User.objects.create(username="roundadmin", full_name="教务处", password="!")
    Teacher.objects.create(user=staff_user, institution=school, role=Teacher.Role.ADMIN)

    student_users = User.objects.bulk_create(
        [User(username=f"s{i:05d}", full_name=f"学生{i}", password="!") for i in range(STUDENTS)], batch_size=2000
    )
    students = Student.objects.bulk_create(
        [
            Student(institution=school, student_number=f"2024{i:06d}", full_name=f"学生{i}",
                    birth_date=date(2005, 6, 1), entry_year=2024, cohort=cohorts[i % len(cohorts)],
                    advisor=advisors[i % len(advisors)], user=u)
            for i, u in enumerate(student_users)
        ],
        batch_size=2000,
    )  # fmt: skip

    companies = Company.objects.bulk_create(
        [
            Company(name=f"基准汽车零部件有限公司{i}", credit_code=make_demo_credit_code(700_000 + i),
                    district="jiangxia", segment="parts", headcount=5000)
            for i in range(COMPANIES)
        ]
    )  # fmt: skip
    hr_users = User.objects.bulk_create(
        [User(username=f"hr{i}", full_name=f"人事{i}", password="!") for i in range(COMPANIES)]
    )
    CompanyMember.objects.bulk_create(
        [CompanyMember(company=c, user=u, role=CompanyMember.Role.HR) for c, u in zip(companies, hr_users, strict=True)]
    )
    bases = TrainingBase.objects.bulk_create(
        [
            TrainingBase(name=f"基准实习基地{i}", kind="off_campus", company=c, district="jiangxia", capacity=1000)
            for i, c in enumerate(companies)
        ]
    )  # fmt: skip

    # Slots per category in proportion to its students; capacities scaled so they sum to PLACES.
    by_category: dict[str, list] = {}
    for m in majors:
        by_category.setdefault(m.category, []).append(m)
    slot_category = [category for category, n in MAJORS for _ in range(round(SLOTS * n / sum(k for _c, k in MAJORS)))][
        :SLOTS
    ]
    raw = [rng.randint(8, 45) for _ in slot_category]
    capacities = [max(1, round(c * PLACES / sum(raw))) for c in raw]
    capacities[-1] += PLACES - sum(capacities)
    slots = Slot.objects.bulk_create(
        [
            Slot(company=companies[i % COMPANIES], base=bases[i % COMPANIES], title=f"岗位实习{i}",
                 job_cluster_id="production", kind="post", capacity=cap, post_headcount=2000,
                 start_date=date(2027, 3, 1), end_date=date(2027, 8, 31), term="2026-2027-2", daily_hours=8,
                 post_wage=5000, stipend=4000, application_deadline=date(2027, 2, 15), status="open")
            for i, cap in enumerate(capacities)
        ]
    )  # fmt: skip
    accepted = {}
    through = []
    for slot, category in zip(slots, slot_category, strict=True):
        named = rng.sample(by_category[category], rng.choice((1, 2)))
        accepted[slot.pk] = category
        through += [Slot.majors.through(slot_id=slot.pk, major_id=m.pk) for m in named]
    Slot.majors.through.objects.bulk_create(through)

    match_round = MatchRound.objects.create(
        institution=school, name="2027春季岗位实习匹配（基准）", mechanism="deferred_acceptance",
        preference_deadline=timezone.now() - timedelta(days=1), max_choices=CHOICES, seed=SEED, status="closed",
        created_by=staff_user,
    )  # fmt: skip
    match_round.slots.set(slots)
    match_round.cohorts.set(cohorts)

    # Zipf-skewed popularity within each category: the k-th most popular slot is wanted ∝ 1/k.
    pool: dict[str, tuple[list[int], list[float]]] = {}
    for category in by_category:
        ids = [s.pk for s in slots if accepted[s.pk] == category]
        rng.shuffle(ids)
        pool[category] = (ids, list(itertools.accumulate(1 / (k + 1) for k in range(len(ids)))))
    major_category = {c.pk: c.major.category for c in cohorts}
    rows = []
    applicants: dict[int, list[int]] = {}
    for student in students:
        ids, weights = pool[major_category[student.cohort_id]]
        ranked: dict[int, None] = {}
        while len(ranked) < CHOICES:
            for slot_id in rng.choices(ids, cum_weights=weights, k=CHOICES):
                ranked.setdefault(slot_id)
        for rank, slot_id in enumerate(list(ranked)[:CHOICES], 1):
            rows.append(RoundPreference(round=match_round, student_id=student.pk, slot_id=slot_id, rank=rank))
            applicants.setdefault(slot_id, []).append(student.pk)
    RoundPreference.objects.bulk_create(rows, batch_size=5000)
    ordered = rng.sample(sorted(applicants), COMPANY_ORDERED_SLOTS)
    RoundPriority.objects.bulk_create(
        [
            RoundPriority(round=match_round, slot_id=slot_id, student_id=student_id, position=i)
            for slot_id in ordered
            for i, student_id in enumerate(
                rng.sample(applicants[slot_id], min(COMPANY_ORDER_LENGTH, len(applicants[slot_id]))), 1
            )
        ]
    )
    return match_round, staff_user, len(rows)


# -- the figures -------------------------------------------------------------------------------------------------


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def reset_publication(round) -> None:
    """Undo a publication (for the profiled second run)."""
    from notices.models import Notice
    from placements.models import MatchRound, Placement, PlacementEvent

    PlacementEvent.objects.filter(placement__slot__in=round.slots.all()).delete()
    Placement.objects.filter(slot__in=round.slots.all()).delete()
    Notice.objects.all().delete()
    MatchRound.objects.filter(pk=round.pk).update(status="closed", published_at=None, published_by=None)


def print_profile(title: str, profiler: cProfile.Profile, cumulative: int = 25, own: int = 12) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(cumulative)
    stats.sort_stats("tottime").print_stats(own)
    print(f"\n== {title}")
    print(out.getvalue())


def profile(round, user, actor) -> None:
    from django.db import connection

    from placements.services import rounds

    profiler = cProfile.Profile()
    profiler.runcall(rounds.round_inputs, round)
    print_profile("round_inputs under cProfile", profiler, 15, 8)

    reset_publication(round)
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile()
    with connection.execute_wrapper(count):
        profiler.runcall(rounds.round_publish, actor=actor, round=round)
    print_profile(f"round_publish under cProfile ({queries:,} SQL statements, commit hooks included)", profiler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--profile", action="store_true", help="then profile round_inputs and round_publish (a second, profiled run)"
    )
    args = parser.parse_args()

    db = choose_database()
    try:
        setup_django(db)
        from django.conf import settings
        from django.core.management import call_command

        _, migrate_seconds = timed(call_command, "migrate", verbosity=0)
        bench(args, db, settings, migrate_seconds)
    finally:
        db.close()


def bench(args, db, settings, migrate_seconds: float) -> None:
    from django.db.models import Count

    from accounts.actor import actor_for
    from notices.models import Notice
    from placements.models import Placement, PlacementEvent
    from placements.services import rounds

    (round, user, preferences), build_seconds = timed(build_round)
    actor = actor_for(user)
    round.refresh_from_db()

    inputs, load = timed(rounds.round_inputs, round)
    result, match = timed(rounds.run_inputs, inputs)
    summary, summarize = timed(rounds.summarize, result, inputs)
    round, run_total = timed(rounds.round_run, actor=actor, round=round)
    round, publish = timed(rounds.round_publish, actor=actor, round=round)

    seats = sum(cap for _slot, cap in inputs["capacities"])
    placements = Placement.objects.filter(slot__in=round.slots.all()).count()
    events = PlacementEvent.objects.filter(action="matched").count()
    notices = dict(Notice.objects.values_list("kind").annotate(n=Count("id")))
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[-1]

    print(f"database: {db.label}")
    print(f"channel layer: {layer}; migrate {migrate_seconds:.1f} s, building the round {build_seconds:.1f} s")
    print(
        f"round: {len(inputs['students']):,} students, {len(inputs['capacities'])} slots, {seats:,} places, "
        f"{preferences:,} preferences, {len(inputs['company_orders'])} company orders, {round.mechanism}"
    )
    rows = [
        ("round_inputs (load)", load, f"{len(inputs['students']):,} students, {preferences:,} preferences"),
        ("run_inputs (match)", match, f"{result.matched:,} matched, {len(result.unmatched):,} unmatched"),
        ("summarize", summarize, f"{len(summary['explanations']):,} explanations"),
        ("round_run (total)", run_total, "load + match + summarize + keep inputs and result"),
        ("round_publish", publish, f"{placements:,} placements, {events:,} events, "
                                   f"{sum(notices.values()):,} notices"),
        ("load + match + publish", load + match + publish, "target ≤ 5 s"),
    ]  # fmt: skip
    print(f"{'step':<24} {'seconds':>8}  counts")
    for name, seconds, counts in rows:
        print(f"{name:<24} {seconds:>8.2f}  {counts}")
    print("notices by kind: " + ", ".join(f"{kind} {n:,}" for kind, n in sorted(notices.items())))
    if args.profile:
        profile(round, user, actor)


if __name__ == "__main__":
    main()
