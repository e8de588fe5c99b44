"""Strict orders from scores, with ties broken by a published, seeded lottery.

The rule, which a school publishes with the round's seed so anyone can recompute it:

1. The round's students, sorted by id (or in an explicitly published ``draw_order``), draw lottery numbers
   in turn: ``numbers = list(range(len(students))); random.Random(seed).shuffle(numbers)``, and the k-th
   student gets ``numbers[k]``. Every student thus holds one distinct number per round.
2. Students are ordered by score, highest first; students with equal scores by lottery number, lowest first.

One number per student per round serves every slot (a single tie-break), so two tied students come out in
the same order everywhere, which avoids the needless trading cycles a fresh lottery per slot creates. A tie
is never broken by id: ids only fix the order in which the numbers are dealt, and the numbers are a
shuffle. The same seed and students always give the same numbers (``random.Random`` with an integer seed is
reproducible across Python versions and platforms); use a new seed each round.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from numbers import Real

from placements.matching.instance import InvalidInstance, SlotId, StudentId


def lottery_numbers(
    students: Iterable[StudentId], seed: int, *, draw_order: Sequence[StudentId] | None = None
) -> dict[StudentId, int]:
    """Each student's lottery number for the round seeded by ``seed`` (rule in the module docstring).

    ``draw_order``, when given, replaces "sorted by id" as the order in which numbers are dealt and must name
    every student; use it when ids cannot be compared with each other.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidInstance(f"The lottery seed must be an integer, not {seed!r}.")
    population = set(students)
    if draw_order is None:
        try:
            dealt = sorted(population)
        except TypeError as error:
            raise InvalidInstance("Student ids cannot be sorted; pass the published draw_order.") from error
    else:
        dealt = list(dict.fromkeys(draw_order))
        if len(dealt) != len(draw_order):
            raise InvalidInstance("The draw order names a student more than once.")
        missing = population.difference(dealt)
        if missing:
            raise InvalidInstance(f"The draw order leaves out student {next(iter(missing))!r}.")
    numbers = list(range(len(dealt)))
    random.Random(seed).shuffle(numbers)
    return dict(zip(dealt, numbers, strict=True))


def order_from_scores(
    scores: Mapping[StudentId, float], seed: int, *, draw_order: Sequence[StudentId] | None = None
) -> list[StudentId]:
    """The students of ``scores`` by score, highest first, ties broken by the round's lottery.

    This is the ``order`` serial dictatorship takes.
    """
    _check_scores(scores, "")
    lottery = lottery_numbers(scores, seed, draw_order=draw_order)
    return sorted(scores, key=lambda s: (-scores[s], lottery[s]))


def priorities_from_scores(
    scores: Mapping[SlotId, Mapping[StudentId, float]] | Mapping[StudentId, float],
    seed: int,
    *,
    preferences: Mapping[StudentId, Sequence[SlotId]] | None = None,
    draw_order: Sequence[StudentId] | None = None,
) -> dict[SlotId, list[StudentId]]:
    """Slot priority lists (for ``Instance.priorities``) from scores, ties broken by the round's lottery.

    ``scores`` is either per slot, ``{slot: {student: score}}`` (a company scores its own applicants), or
    one score per student, ``{student: score}`` (the same ranking at every slot, e.g. a school's grade).
    The single-score form needs ``preferences``, to know who applied where. When ``preferences`` is given,
    each slot's list holds exactly the students who ranked the slot, and a student who ranked a slot without
    a score for it is an error. The lottery covers every scored student (and every student in
    ``preferences``), the same numbers at every slot.
    """
    per_slot = [isinstance(value, Mapping) for value in scores.values()]
    if any(per_slot) and not all(per_slot):
        raise InvalidInstance("Scores must be all per slot ({slot: {student: score}}) or all per student.")
    population: set[StudentId] = set(preferences or ())

    if all(per_slot):  # also an empty mapping: no slots, no priorities
        slot_scores: Mapping[SlotId, Mapping[StudentId, float]] = scores  # type: ignore[assignment]
        for slot, by_student in slot_scores.items():
            _check_scores(by_student, f" at slot {slot!r}")
            population.update(by_student)
        lottery = lottery_numbers(population, seed, draw_order=draw_order)
        priorities = {
            slot: sorted(by_student, key=lambda s, by=by_student: (-by[s], lottery[s]))
            for slot, by_student in slot_scores.items()
        }
        if preferences is None:
            return priorities
        return _restrict(priorities, preferences, slot_scores)

    if preferences is None:
        raise InvalidInstance("One score per student needs the preferences, to know who ranked each slot.")
    student_scores: Mapping[StudentId, float] = scores  # type: ignore[assignment]
    _check_scores(student_scores, "")
    population.update(student_scores)
    lottery = lottery_numbers(population, seed, draw_order=draw_order)
    for student, ranked in preferences.items():
        if ranked and student not in student_scores:
            raise InvalidInstance(f"Student {student!r} ranks slots but has no score.")
    order = sorted(student_scores, key=lambda s: (-student_scores[s], lottery[s]))
    priorities: dict[SlotId, list[StudentId]] = {}
    for slot in _slots_in_order(preferences):
        priorities[slot] = []
    for student in order:
        for slot in preferences.get(student, ()):
            priorities[slot].append(student)
    return priorities


def _restrict(
    priorities: dict[SlotId, list[StudentId]],
    preferences: Mapping[StudentId, Sequence[SlotId]],
    slot_scores: Mapping[SlotId, Mapping[StudentId, float]],
) -> dict[SlotId, list[StudentId]]:
    applicants: dict[SlotId, set[StudentId]] = {slot: set() for slot in _slots_in_order(preferences)}
    for student, ranked in preferences.items():
        for slot in ranked:
            if student not in slot_scores.get(slot, {}):
                raise InvalidInstance(f"Student {student!r} ranks slot {slot!r} but has no score there.")
            applicants[slot].add(student)
    return {
        slot: [s for s in priorities.get(slot, ()) if s in applicants.get(slot, ())]
        for slot in dict.fromkeys([*priorities, *applicants])
    }


def _slots_in_order(preferences: Mapping[StudentId, Sequence[SlotId]]) -> list[SlotId]:
    """Every ranked slot once, in order of first appearance, so the output's dict order is reproducible."""
    return list(dict.fromkeys(slot for ranked in preferences.values() for slot in ranked))


def _check_scores(scores: Mapping[StudentId, float], where: str) -> None:
    for student, score in scores.items():
        if isinstance(score, bool) or not isinstance(score, Real | Decimal) or math.isnan(score):
            raise InvalidInstance(f"The score of student {student!r}{where} must be a number, not {score!r}.")
