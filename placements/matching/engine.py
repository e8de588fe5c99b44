"""The two placement mechanisms a school can run on an ``Instance``.

- ``deferred_acceptance``: student-proposing deferred acceptance (Gale–Shapley, many-to-one). The result is
  the student-optimal stable matching: no student and slot would both rather be matched to each other, and
  every student weakly prefers it to any other stable matching. Truthful lists are a dominant strategy for
  students, so a school can tell them "rank what you actually want".
- ``serial_dictatorship``: 平行志愿 — students in a given order (usually score order) each take their
  highest-ranked slot that still has a seat. It equals deferred acceptance when every slot's priority is
  that same order, which is how it is computed here.

Both run one numpy kernel (``_defer``) over the integer arrays built when the ``Instance`` was validated:
rounds of simultaneous proposals, each slot keeping its best applicants, then a plain loop for the last few
proposals once a round has too few to be worth a vectorised pass. The student-optimal stable matching does
not depend on the order in which proposals are made, so rounds, a loop, or the heap-per-slot engine of
``reference.py`` all give the same matching; the tests check that they do, explanations included.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np

from placements.matching.instance import Instance, StudentId, gc_paused, index_of, order_indices
from placements.matching.result import Result, build_result

# Below this many proposals in a round, the rest of the run is one proposal at a time in plain Python: a numpy
# round costs tens of microseconds whatever its size, a proposal in the loop about one.
_TAIL = 64


def deferred_acceptance(instance: Instance) -> Result:
    """Student-proposing deferred acceptance with capacities.

    Each unplaced student proposes to the next slot on their list; a slot holds its best ``capacity``
    proposals by priority and releases the worst one when a better proposal arrives, and the released student
    proposes further down their list. It ends when every student is held or has exhausted their list. The
    outcome does not depend on who proposes first.

    A proposal's key is its flat priority position (slot after slot, best first), so "the slot's best
    applicants" is "the smallest keys in the slot's group" and one sort ranks every touched slot at once.
    """
    with gc_paused():
        return _deferred_acceptance(index_of(instance))


def _deferred_acceptance(index) -> Result:
    seat = _defer(index, key=index.pref_entry, bounds=index.prio_off, student_of=index.prio_student.__getitem__)
    return build_result("deferred_acceptance", index, seat)


def serial_dictatorship(instance: Instance, order: Sequence[StudentId]) -> Result:
    """Serial dictatorship (平行志愿): in ``order``, each student takes their best slot with a seat left.

    ``order`` must list every student of the instance exactly once (see ``order_from_scores`` for score
    order with a published lottery for ties). The slots' priority lists play no part in who gets what; they
    only order ``Result.slot_students`` and define ``Result.cutoffs``. ``Result.turn_cutoffs`` and
    ``Result.last_admitted`` record, per slot, the last student in the order to take a seat.

    It is deferred acceptance in which every slot ranks students by their turn, which gives exactly the
    serial dictatorship's assignment, computed by the same kernel.
    """
    with gc_paused():
        return _serial_dictatorship(index_of(instance), order)


def _serial_dictatorship(index, order: Sequence[StudentId]) -> Result:
    students = order_indices(index, order)
    # A choice's key is its place when the choices are ordered by slot, then by their student's turn: the choices
    # in turn order (each student's list laid out in their turn), then a stable sort by slot (a radix sort when
    # slot indices fit in 16 bits). Keys then run from 0 to the number of choices, slot after slot.
    start, pref_slot = index.start, index.pref_slot
    lengths = np.diff(start)
    by_turn = _ranges(start[:-1][students], lengths[students])
    slots = pref_slot[by_turn]
    by_slot = by_turn[np.argsort(slots.astype(np.uint16) if index.m <= 1 << 16 else slots, kind="stable")]
    key = np.empty(len(pref_slot), np.int64)
    key[by_slot] = np.arange(len(pref_slot))
    bounds = np.zeros(index.m + 1, np.int64)
    np.cumsum(np.bincount(pref_slot, minlength=index.m), out=bounds[1:])
    seat = _defer(index, key=key, bounds=bounds, student_of=index.owner[by_slot].__getitem__)
    return build_result("serial_dictatorship", index, seat, order=students)


def _defer(index, *, key: np.ndarray, bounds: np.ndarray, student_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Deferred acceptance on arrays; returns each student's seat (position in ``pref_slot``) or -1.

    ``key[p]`` orders choice ``p`` among the applicants of its slot (smaller is better); slot ``c``'s keys lie
    in ``[bounds[c], bounds[c + 1])``, so keys also sort slot by slot, and ``student_of`` maps keys back to
    students. ``seats`` holds the keys of every held choice, sorted, hence slot by slot; ``held[c]`` counts
    slot ``c``'s.
    """
    n, m = index.n, index.m
    pref_slot, start, cap = index.pref_slot, index.start, index.cap
    end = start[1:]
    key_range = int(bounds[-1])
    held = np.zeros(m, np.int64)
    seats = np.zeros(0, np.int64)
    # next_choice[s]: the choice s proposes next, or the one they are held at.
    next_choice = start[:-1].copy()
    active = np.flatnonzero(end > next_choice)
    # bar[c]: a proposal to slot c with a key above it is refused at once (c is full and holds only better keys,
    # or has no seats); such a student moves down their list within the round instead of waiting for the next.
    bar = np.where(cap > 0, key_range, -1)

    while len(active) >= max(_TAIL, 1):
        active = _past_bars(active, next_choice, key, bar, pref_slot, end)
        if len(active) < max(_TAIL, 1):
            break
        proposal = next_choice[active]
        offers = np.bincount(pref_slot[proposal], minlength=m)
        # The union of holders and proposals, sorted (so slot by slot): by marking both over the key range when
        # the round is large, else by sorting the proposals and merging them in by binary search.
        keys = key[proposal]
        if len(keys) * 32 >= key_range:
            mark = np.zeros(key_range, bool)
            mark[seats] = True
            mark[keys] = True
            merged = np.flatnonzero(mark)
        else:
            keys = _sort(keys, key_range)
            at = np.searchsorted(seats, keys) + np.arange(len(keys))
            merged = np.empty(len(seats) + len(keys), np.int64)
            is_key = np.zeros(len(merged), bool)
            is_key[at] = True
            merged[at] = keys
            merged[~is_key] = seats
        # Each slot keeps the first ``cap`` of its group and releases the rest, the last ones.
        group = held + offers
        over = np.maximum(group - cap, 0)
        full = np.flatnonzero(over)
        out = _ranges(np.cumsum(group)[full] - over[full], over[full])
        held = group - over
        kept = np.ones(len(merged), bool)
        kept[out] = False
        seats = merged[kept]
        # A slot that just filled up, or stayed full, now refuses whatever ranks below its last holder.
        filled = np.flatnonzero((offers > 0) & (held == cap))
        bar[filled] = seats[np.cumsum(held)[filled] - 1]
        losers = student_of(merged[out])
        next_choice[losers] += 1
        active = losers[next_choice[losers] < end[losers]]

    if len(active):
        seats = _propose_one_by_one(active.tolist(), next_choice, seats, held, key, pref_slot, cap, end, student_of)
    seat = np.full(n, -1, np.int64)
    holders = student_of(seats)
    seat[holders] = next_choice[holders]
    return seat


def _past_bars(
    active: np.ndarray,
    next_choice: np.ndarray,
    key: np.ndarray,
    bar: np.ndarray,
    pref_slot: np.ndarray,
    end: np.ndarray,
) -> np.ndarray:
    """Moves each of ``active`` down their list past the slots that would refuse them at once; returns those
    left with a proposal to make (the others have exhausted their lists)."""
    proposal = next_choice[active]
    refused = key[proposal] > bar[pref_slot[proposal]]
    if not refused.any():
        return active
    going = [active[~refused]]
    movers = active[refused]
    while len(movers):
        next_choice[movers] += 1
        movers = movers[next_choice[movers] < end[movers]]
        proposal = next_choice[movers]
        refused = key[proposal] > bar[pref_slot[proposal]]
        going.append(movers[~refused])
        movers = movers[refused]
    return np.concatenate(going)


def _propose_one_by_one(
    waiting: list[int],
    next_choice: np.ndarray,
    seats: np.ndarray,
    held: np.ndarray,
    key: np.ndarray,
    pref_slot: np.ndarray,
    cap: np.ndarray,
    end: np.ndarray,
    student_of: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    """The last few proposals, one at a time; returns the held keys (in no particular order).

    Only the slots these proposals reach get a Python list of their holders' keys (sorted, the worst last)."""
    first = np.cumsum(held) - held
    lists: dict[int, list[int]] = {}
    while waiting:
        s = waiting.pop()
        p, stop = int(next_choice[s]), int(end[s])
        while p < stop:
            c = int(pref_slot[p])
            seats_c = int(cap[c])
            if seats_c:
                holders = lists.get(c)
                if holders is None:
                    holders = lists[c] = seats[first[c] : first[c] + held[c]].tolist()
                mine = int(key[p])
                if len(holders) < seats_c:
                    insort(holders, mine)
                    break
                if mine < holders[-1]:
                    worst = holders.pop()
                    insort(holders, mine)
                    loser = int(student_of(np.array([worst]))[0])
                    next_choice[loser] += 1
                    if next_choice[loser] < end[loser]:
                        waiting.append(loser)
                    break
            p += 1
        next_choice[s] = p
    if not lists:
        return seats
    touched = np.fromiter(lists, np.int64, len(lists))
    kept = np.ones(len(seats), bool)
    kept[_ranges(first[touched], held[touched])] = False
    return np.concatenate([seats[kept], np.fromiter(chain.from_iterable(lists.values()), np.int64)])


def _sort(keys: np.ndarray, key_range: int) -> np.ndarray:
    """``np.sort(keys)`` for keys in ``[0, key_range)``: two stable 16-bit radix passes when the keys fit in 32
    bits, which numpy runs a few times faster than its comparison sort of int64."""
    if key_range > 1 << 32 or len(keys) < 1024:
        return np.sort(keys)
    low = keys[np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")]
    return low[np.argsort((low >> 16).astype(np.uint16), kind="stable")]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``concatenate([arange(a, a + k) for a, k in zip(starts, lengths)])`` without the Python loop."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - (ends - lengths), lengths)


def _counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, ascending, and how often each occurs (for few values over a wide range)."""
    ordered = np.sort(values)
    edges = np.flatnonzero(np.diff(ordered)) + 1
    starts = np.concatenate(([0], edges))
    return ordered[starts], np.diff(np.concatenate((starts, [len(ordered)])))
