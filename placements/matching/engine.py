"""The two placement mechanisms a school can run on an ``Instance``.

- ``deferred_acceptance``: student-proposing deferred acceptance (Gale–Shapley, many-to-one). The result is
  the student-optimal stable matching: no student and slot would both rather be matched to each other, and
  every student weakly prefers it to any other stable matching. Truthful lists are a dominant strategy for
  students, so a school can tell them "rank what you actually want".
- ``serial_dictatorship``: 平行志愿 — students in a given order (usually score order) each take their
  highest-ranked slot that still has a seat. It equals deferred acceptance when every slot's priority is
  that same order.

Both work on the integer index built when the ``Instance`` was validated and allocate nothing per proposal
beyond the heap entries themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from heapq import heappush, heapreplace

from placements.matching.instance import Instance, InvalidInstance, StudentId, index_of
from placements.matching.result import Result, build_result


def deferred_acceptance(instance: Instance) -> Result:
    """Student-proposing deferred acceptance with capacities.

    Each unplaced student proposes to the next slot on their list; a slot holds its best ``capacity``
    proposals by priority and releases the worst one when a better proposal arrives, and the released student
    proposes further down their list. It ends when every student is held or has exhausted their list. The
    outcome does not depend on who proposes first.

    Each slot keeps the priority positions of the students it holds in a max-heap (negated ranks in a
    ``heapq``), so "is this proposal better than my worst holder, and if so swap them" is one comparison and
    one ``heapreplace``. Total work is O(L log q) for L listed choices and capacities up to q.
    """
    index = index_of(instance)
    pref_slot = index.pref_slot
    pref_rank = index.pref_rank
    capacities = index.capacities
    priority_ids = index.priority_ids
    student_pos = index.student_pos
    start = index.start
    end = start[1:]
    # Every slot's holders as negated priority positions: held[0] is minus the worst holder's position.
    holders: list[list[int]] = [[] for _ in capacities]
    # next_choice[s]: where in pref_slot student s proposes next (one past their held proposal, if any).
    next_choice = start[:-1]

    for newcomer in range(index.n):
        s = newcomer
        p = next_choice[s]
        e = end[s]
        while p < e:
            c = pref_slot[p]
            key = -pref_rank[p]
            p += 1
            held = holders[c]
            if len(held) < capacities[c]:
                heappush(held, key)
                next_choice[s] = p
                break
            if held and key > held[0]:
                # The slot prefers s to its worst holder, who is released and proposes further down.
                released = -heapreplace(held, key)
                next_choice[s] = p
                s = student_pos[priority_ids[c][released]]
                p = next_choice[s]
                e = end[s]
        else:
            next_choice[s] = p

    seat = [-1] * index.n
    for ordered, held in zip(priority_ids, holders, strict=True):
        for key in held:
            s = student_pos[ordered[-key]]
            seat[s] = next_choice[s] - 1
    return build_result("deferred_acceptance", index, seat)


def serial_dictatorship(instance: Instance, order: Sequence[StudentId]) -> Result:
    """Serial dictatorship (平行志愿): in ``order``, each student takes their best slot with a seat left.

    ``order`` must list every student of the instance exactly once (see ``order_from_scores`` for score
    order with a published lottery for ties). The slots' priority lists play no part in who gets what; they
    only order ``Result.slot_students`` and define ``Result.cutoffs``. ``Result.turn_cutoffs`` and
    ``Result.last_admitted`` record, per slot, the last student in the order to take a seat.
    """
    index = index_of(instance)
    students = _order_indices(index.student_pos, order)
    pref_slot = index.pref_slot
    start = index.start
    room = list(index.capacities)
    seat = [-1] * index.n
    for s in students:
        for p in range(start[s], start[s + 1]):
            c = pref_slot[p]
            if room[c]:
                room[c] -= 1
                seat[s] = p
                break
    return build_result("serial_dictatorship", index, seat, order=students)


def _order_indices(student_pos: dict[StudentId, int], order: Sequence[StudentId]) -> list[int]:
    if isinstance(order, str | bytes) or not isinstance(order, Sequence):
        raise InvalidInstance(f"The order must be a sequence of student ids, not {type(order).__name__}.")
    students = list(map(student_pos.get, order))
    if None in students:
        unknown = next(s for s, i in zip(order, students, strict=True) if i is None)
        raise InvalidInstance(f"The order names {unknown!r}, who is not a student of this round.")
    if len(set(students)) != len(students):
        twice = next(s for i, s in enumerate(order) if s in order[:i])
        raise InvalidInstance(f"The order names student {twice!r} more than once.")
    if len(students) != len(student_pos):
        listed = set(order)
        missing = next(s for s in student_pos if s not in listed)
        raise InvalidInstance(f"The order leaves out student {missing!r}; it must list every student once.")
    return students
