"""Matching engine figures, printed (never asserted): `.venv/bin/python tests/bench/matching.py`.

Everything is timed through the public API from the same plain dicts and lists a caller has: ``Instance(...)``
(conversion and validation) plus the mechanism (matching and the ``Result``, explanations object included),
median of a few runs with the fastest beside it. The numpy core (``placements.matching``) is printed as a
ratio to the pure-Python reference engine (``placements.matching.reference``), the two run in turn in the same
process, so a busy shared machine slows both alike; the ratio of the fastest runs is the steadier figure when
the load swings. Generating a round is not timed.

1. The city-wide stress round (50,000 students, 5,000 slots, 8 choices each, Zipf-skewed popularity,
   capacities 1-20 so seats ≈ students): both mechanisms, both engines, and the peak RSS a fresh process
   gains while running each (the round is loaded from a pickle first). Targets: ratio ≤ 0.1, under 100 MB.
2. Scaling: the core's cost per listed choice at 10,000, 50,000 and 200,000 students (slots scaled alike).
   Target: at 200,000 within 1.5x of that at 10,000.
3. Bad input: the core refusing a round (a duplicate in a long priority list, a 100,000-entry list or order
   with a duplicate, unhashable or unknown ids) next to the same round, valid. Target: refusing costs no more.
"""

from __future__ import annotations

import gc
import itertools
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from placements import matching as core  # noqa: E402 (needs the path above when run as a script)
from placements.matching import (  # noqa: E402
    Instance,
    InvalidInstance,
    deferred_acceptance,
    order_from_scores,
    priorities_from_scores,
    reference,
    serial_dictatorship,
)

RUNS = 5


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


def seconds(run: Callable[[], object], runs: int = RUNS) -> tuple[float, float, object]:
    """Median and fastest of ``runs`` runs (the fastest shows what a busy shared machine hides), and a result."""
    times = []
    result = None
    for _ in range(runs):
        result = None
        gc.collect()
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


def refused(run: Callable[[], object]) -> Callable[[], str]:
    def attempt() -> str:
        try:
            run()
        except InvalidInstance as error:
            return str(error)
        raise AssertionError("the bad input was accepted")

    return attempt


def mechanisms(engine, order: list) -> list[tuple[str, Callable]]:
    return [
        ("deferred acceptance", lambda p, c, r: engine.deferred_acceptance(engine.Instance(p, c, r))),
        ("serial dictatorship", lambda p, c, r: engine.serial_dictatorship(engine.Instance(p, c, r), order)),
    ]


# The peak-RSS child: loads the pickled round, then runs one mechanism of one engine once.
CHILD = """
import gc, pickle, sys
sys.path.insert(0, sys.argv[1])
from placements import matching
from placements.matching import reference
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
with open(sys.argv[2], "rb") as f:
    p, c, r, order = pickle.load(f)
engine = matching if sys.argv[3] == "fast" else reference
run = (lambda: engine.deferred_acceptance(engine.Instance(p, c, r))) if sys.argv[4] == "da" else (
    lambda: engine.serial_dictatorship(engine.Instance(p, c, r), order))
run()  # imports, caches and the allocator's arenas warmed up, as in a server that has run before
gc.collect()
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the high-water mark to the current RSS
except OSError:
    pass
before = hwm()
kept = run()
print(hwm() - before)
"""


def peak_mb(round_file: str, engine: str, mechanism: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), round_file, engine, mechanism],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def stress() -> None:
    preferences, capacities, priorities, order = generate(
        students=50_000, slots=5_000, choices=8, capacity=(1, 20), seed=2026
    )
    listed = sum(map(len, preferences.values()))
    print(f"\n1. Large round: 50,000 students, 5,000 slots, {sum(capacities.values()):,} seats, {listed:,} choices")
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as f:
        pickle.dump((preferences, capacities, priorities, order), f)
    try:
        print(
            f"{'mechanism':<22}{'core s':>9}{'(best)':>8}{'pure s':>9}{'(best)':>8}{'ratio':>7}{'(best)':>8}"
            f"{'core +MB':>10}{'pure +MB':>10}{'matched':>9}"
        )
        for (name, fast), (_, pure) in zip(mechanisms(core, order), mechanisms(reference, order), strict=True):
            fast_times, pure_times = [], []
            for _ in range(RUNS):  # interleaved, so that the machine's load swings hit both engines alike
                fast_s, _, result = seconds(partial(fast, preferences, capacities, priorities), 1)
                pure_s, _, expected = seconds(partial(pure, preferences, capacities, priorities), 1)
                fast_times.append(fast_s)
                pure_times.append(pure_s)
            assert result == expected, "the core and the reference engine disagree"
            fast_s, fast_best = statistics.median(fast_times), min(fast_times)
            pure_s, pure_best = statistics.median(pure_times), min(pure_times)
            kind = "da" if name.startswith("deferred") else "sd"
            fast_mb, pure_mb = peak_mb(f.name, "fast", kind), peak_mb(f.name, "pure", kind)
            print(
                f"{name:<22}{fast_s:>9.3f}{fast_best:>8.3f}{pure_s:>9.3f}{pure_best:>8.3f}"
                f"{fast_s / pure_s:>7.3f}{fast_best / pure_best:>8.3f}"
                f"{fast_mb:>10.1f}{pure_mb:>10.1f}{result.matched:>9,}"
            )
        floor, _, _ = seconds(lambda: sum(1 for ranked in preferences.values() for _ in ranked))

        def explain(engine) -> Callable[[], object]:
            return lambda: dict(
                engine.deferred_acceptance(engine.Instance(preferences, capacities, priorities)).explanations
            )

        fast_explain, _, _ = seconds(explain(core), 3)
        pure_explain, _, _ = seconds(explain(reference), 3)
        print(f"floor: read every preference list once     {floor:.3f} s")
        print(f"DA and then every student's explanation     core {fast_explain:.3f} s, pure {pure_explain:.3f} s")
    finally:
        os.unlink(f.name)


def scaling() -> None:
    print("\n2. Scaling of the core: cost per listed choice, best run (8 choices per student, a slot per 10 students)")
    print(f"{'students':>10}{'choices':>11}{'DA s':>8}{'DA ns/choice':>14}{'SD s':>8}{'SD ns/choice':>14}")
    per_choice = {}
    for students in (10_000, 50_000, 200_000):
        preferences, capacities, priorities, order = generate(
            students=students, slots=students // 10, choices=8, capacity=(1, 20), seed=7
        )
        listed = sum(map(len, preferences.values()))
        runs = 3 if students > 50_000 else RUNS
        row = []
        for _, run in mechanisms(core, order):
            _, best, _ = seconds(partial(run, preferences, capacities, priorities), runs)
            row.append((best, best / listed * 1e9))
        per_choice[students] = row
        print(f"{students:>10,}{listed:>11,}{row[0][0]:>8.3f}{row[0][1]:>14.0f}{row[1][0]:>8.3f}{row[1][1]:>14.0f}")
        del preferences, capacities, priorities, order
    da = per_choice[200_000][0][1] / per_choice[10_000][0][1]
    sd = per_choice[200_000][1][1] / per_choice[10_000][1][1]
    print(f"cost per choice at 200,000 over 10,000: DA {da:.2f}x, SD {sd:.2f}x (target at most 1.5x)")


def deferred_acceptance_of(preferences: dict, capacities: dict, priorities: dict) -> object:
    return deferred_acceptance(Instance(preferences, capacities, priorities))


def crowd(students: int) -> tuple[list, dict, dict, dict]:
    """Everyone ranks slot 0 then slot 1: two priority lists as long as the round."""
    ids = list(range(1, students + 1))
    preferences = {s: [0, 1] for s in ids}
    return ids, preferences, {0: students // 2, 1: students // 2}, {0: list(ids), 1: ids[::-1]}


def line(case: str, valid: Callable[[], object], bad: Callable[[], object]) -> None:
    valid_times, bad_times = [], []
    for _ in range(5):  # in turn, fastest of five: each call is short and the machine's load swings
        valid_times.append(seconds(valid, 1)[0])
        bad_s, _, message = seconds(refused(bad), 1)
        bad_times.append(bad_s)
    valid_s, bad_s = min(valid_times), min(bad_times)
    print(f"{case:<54}{valid_s:>9.4f}{bad_s:>11.4f}{bad_s / valid_s:>7.2f}   {message[:64]}")


def bad_inputs() -> None:
    print("\n3. Refusing bad input (core), next to the valid call on the same round: seconds, best of 5")
    print(f"{'case':<54}{'valid s':>9}{'refused s':>11}{'ratio':>7}   message")
    for size in (50_000, 100_000):
        ids, prefs, caps, prios = crowd(size)
        twice = {0: [*prios[0][:-1], prios[0][5]], 1: prios[1]}
        twice_end = {0: [*prios[0], prios[0][-1]], 1: prios[1]}
        valid = partial(deferred_acceptance_of, prefs, caps, prios)
        line(f"priority list of {size:,} naming a student twice", valid, partial(Instance, prefs, caps, twice))
        line(f"priority list of {size:,} + its last student again", valid, partial(Instance, prefs, caps, twice_end))

    slots = list(range(100_000))
    long_prefs = {1: slots, 2: slots[::-1]}
    long_caps = dict.fromkeys(slots, 1)
    long_prios = {c: [1, 2] for c in slots}
    long_twice = {1: slots, 2: [*slots[::-1][:-1], slots[-1]]}
    line(
        "preference list of 100,000 slots ranking one twice",
        partial(deferred_acceptance_of, long_prefs, long_caps, long_prios),
        partial(Instance, long_twice, long_caps, long_prios),
    )

    ids, prefs, caps, prios = crowd(100_000)
    instance = Instance(prefs, caps, prios)
    valid = partial(serial_dictatorship, instance, ids)
    line("SD order of 100,000 naming a student twice", valid, partial(serial_dictatorship, instance, [*ids, ids[7]]))
    line("SD order of 100,000 naming an unknown student", valid, partial(serial_dictatorship, instance, [*ids, "x"]))
    line("SD order of 100,000 with a list for an id", valid, partial(serial_dictatorship, instance, [*ids, [ids[0]]]))

    preferences, capacities, priorities, _ = generate(
        students=50_000, slots=5_000, choices=8, capacity=(1, 20), seed=2026
    )
    valid = partial(deferred_acceptance_of, preferences, capacities, priorities)
    last = list(preferences)[-1]
    ranked = preferences[last]
    slot = ranked[0]

    def with_list(changed: list) -> Callable[[], object]:
        return partial(Instance, {**preferences, last: changed}, capacities, priorities)

    def with_priorities(changed: list) -> Callable[[], object]:
        return partial(Instance, preferences, capacities, {**priorities, slot: changed})

    line("large round: last student ranks an unknown slot", valid, with_list([*ranked, -1]))
    line("large round: last student ranks a list as a slot", valid, with_list([*ranked, [ranked[0]]]))
    line("large round: last student ranks a slot twice", valid, with_list([*ranked, ranked[0]]))
    missing = [s for s in priorities[slot] if s != last]
    line("large round: last student missing from a priority list", valid, with_priorities(missing))
    line("large round: a dict in a priority list", valid, with_priorities([*priorities[slot], {"id": last}]))
    line("large round: an outsider named twice in a list", valid, with_priorities([*priorities[slot], "x", "x"]))
    negative = {**capacities, list(capacities)[-1]: -1}
    line(
        "large round: the last slot's capacity is negative", valid, partial(Instance, preferences, negative, priorities)
    )


def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} at start")
    print("time = Instance(plain dicts) + mechanism -> Result, through the public API; core = placements.matching,")
    print("pure = placements.matching.reference; +MB = peak RSS gained by a fresh process running it once")
    stress()
    scaling()
    bad_inputs()
    took = time.perf_counter() - started
    print(f"\n(matching benchmark: {took:.0f} s, load average {os.getloadavg()[0]:.1f} at end)")


if __name__ == "__main__":
    main()
