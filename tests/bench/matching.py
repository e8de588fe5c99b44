"""Matching engine figures, printed (never asserted): `.venv/bin/python tests/bench/matching.py`.

Two generated rounds: a city-wide stress case (50,000 students, 5,000 slots, 8 choices each, Zipf-skewed slot
popularity, capacities 1-20 so seats ≈ students) and a realistic school term (2,000 students, 70 slots).
Generating a round is not timed. For each mechanism: seconds from plain data to Result (Instance validation
and indexing included; median of 3 runs, fastest beside it), split into indexing and the mechanism itself,
and the tracemalloc peak of a separate run (tracemalloc slows code down, so it is never timed). The floor is
the time to read every preference list once in pure Python.
Targets for the large round: each mechanism at most 0.5 s and under 300 MB.
"""

from __future__ import annotations

import gc
import itertools
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from placements.matching import (  # noqa: E402 (needs the path above when run as a script)
    Instance,
    deferred_acceptance,
    order_from_scores,
    priorities_from_scores,
    serial_dictatorship,
)

RUNS = 3


def generate(
    *, students: int, slots: int, choices: int, capacity: tuple[int, int], seed: int, skew: float = 1.0
) -> tuple[dict, dict, dict, list]:
    """A round with Zipf-like slot popularity (weight of the k-th most popular slot ∝ 1/k**skew), priorities
    from per-slot scores (a student's grade plus the company's own assessment) and an SD order from grades
    rounded to whole points, so the lottery has ties to break."""
    rng = random.Random(seed)
    slot_ids = list(range(10_000, 10_000 + slots))
    popularity = [1 / (k + 1) ** skew for k in range(slots)]
    rng.shuffle(popularity)
    cumulative = list(itertools.accumulate(popularity))
    capacities = {c: rng.randint(*capacity) for c in slot_ids}
    grades = {}
    preferences = {}
    for student in range(1_000_000, 1_000_000 + students):
        ranked: dict[int, None] = {}
        while len(ranked) < choices:
            for c in rng.choices(slot_ids, cum_weights=cumulative, k=choices):
                ranked.setdefault(c)
        preferences[student] = list(ranked)[:choices]
        grades[student] = round(min(100.0, max(0.0, rng.gauss(70, 12))))
    scores: dict[int, dict[int, float]] = {c: {} for c in slot_ids}
    for student, ranked in preferences.items():
        for c in ranked:
            scores[c][student] = grades[student] + round(rng.gauss(0, 5))
    priorities = priorities_from_scores(scores, seed, preferences=preferences)
    order = order_from_scores(grades, seed)
    return preferences, capacities, priorities, order


def seconds(run: Callable[[], object]) -> tuple[float, float, object]:
    """Median and fastest of RUNS runs (the fastest shows what a busy shared machine hides), and a result."""
    times = []
    result = None
    for _ in range(RUNS):
        result = None
        gc.collect()
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


def peak_mb(run: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    kept = run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return peak / 2**20


def read_every_list(preferences: dict) -> int:
    count = 0
    for ranked in preferences.values():
        for _slot in ranked:
            count += 1
    return count


def report(title: str, **size: object) -> None:
    preferences, capacities, priorities, order = generate(**size)  # type: ignore[arg-type]
    seats = sum(capacities.values())
    listed = sum(map(len, preferences.values()))
    print(f"\n{title}: {len(preferences):,} students, {len(capacities):,} slots, {seats:,} seats, {listed:,} choices")

    def build() -> Instance:
        return Instance(preferences, capacities, priorities)

    floor, _, _ = seconds(lambda: read_every_list(preferences))
    index_s, _, instance = seconds(build)
    rows = [
        ("deferred acceptance", lambda i: deferred_acceptance(i)),
        ("serial dictatorship", lambda i: serial_dictatorship(i, order)),
    ]
    print(
        f"{'mechanism':<22}{'total s':>9}{'(best)':>8}{'index s':>9}{'run s':>8}{'peak MB':>9}"
        f"{'matched':>9}{'1st choice':>12}"
    )
    explain_s = None
    for name, mechanism in rows:
        total_s, best_s, result = seconds(lambda mechanism=mechanism: mechanism(build()))
        run_s, _, _ = seconds(lambda mechanism=mechanism: mechanism(instance))
        peak = peak_mb(lambda mechanism=mechanism: mechanism(build()))
        print(
            f"{name:<22}{total_s:>9.3f}{best_s:>8.3f}{index_s:>9.3f}{run_s:>8.3f}{peak:>9.1f}"
            f"{result.matched:>9,}{result.first_choice_share:>12.1%}"
        )
        if explain_s is None:
            explain_s, _, _ = seconds(lambda result=result: dict(result.explanations))
    print(f"{'floor: read every list once':<35}{floor:>9.3f} s")
    print(f"{'explain every student (DA, on demand)':<35}{explain_s:>9.3f} s")


def main() -> None:
    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} at start")
    print(f"total = Instance(...) + mechanism, median of {RUNS} runs (best in brackets); index = Instance(...) alone;")
    print("run = mechanism alone on a built Instance; peak = tracemalloc peak of Instance(...) + mechanism")
    report("Large round", students=50_000, slots=5_000, choices=8, capacity=(1, 20), seed=2026)
    report("School term", students=2_000, slots=70, choices=8, capacity=(10, 47), seed=2026)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess max RSS (generation included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
