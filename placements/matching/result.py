"""What a mechanism hands back: the assignment, and what a teacher needs to explain it to a student.

Explanations are built on demand (``Result.explanations`` is a read-only mapping that computes a student's
entry when it is looked up), because a school asks about one student at a time and building all of them for
50,000 students would cost more than the matching itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import compress, repeat
from operator import eq, ge, lt
from typing import Literal, NamedTuple

from placements.matching.instance import SlotId, StudentId, _Index

Mechanism = Literal["deferred_acceptance", "serial_dictatorship"]


class RejectionReason(StrEnum):
    """Why a student did not get a slot they ranked above the one they got."""

    NO_CAPACITY = "no_capacity"
    """The slot has no seats at all this round."""
    FILLED_BY_HIGHER_PRIORITY = "filled_by_higher_priority"
    """Deferred acceptance: every seat went to a student the slot ranks above this one."""
    FILLED_BEFORE_TURN = "filled_before_turn"
    """Serial dictatorship: every seat was taken by students whose turn came before this one's."""


class SlotRejection(NamedTuple):
    """One slot a student ranked above their result, and the figures that show why they did not get it.

    ``rank`` and ``cutoff`` are positions in the slot's priority list (0 is its first choice): under deferred
    acceptance the student lost because ``cutoff < rank`` (the slot's last admitted student has a higher
    priority). ``turn`` and ``turn_cutoff`` are positions in the serial dictatorship's order: the slot's last
    seat went at ``turn_cutoff``, before the student's ``turn``. Both are ``None`` under deferred acceptance,
    and ``cutoff`` is ``None`` when the slot admitted nobody (it has no seats).

    A named tuple rather than a dataclass: explaining a whole round builds hundreds of thousands of these, and
    a named tuple is immutable and several times cheaper to create than a frozen dataclass.
    """

    slot: SlotId
    choice: int
    """0-based position of the slot in the student's list."""
    reason: RejectionReason
    capacity: int
    rank: int
    cutoff: int | None
    turn: int | None = None
    turn_cutoff: int | None = None


class StudentExplanation(NamedTuple):
    """Where a student was placed and why not higher up their list.

    ``ranked_above`` holds one ``SlotRejection`` per slot the student preferred to their result, in the
    student's order (every slot on their list when they are unmatched; empty for a first choice or an empty
    list).
    """

    student: StudentId
    slot: SlotId | None
    choice: int | None
    """0-based position of ``slot`` in the student's list; ``None`` when unmatched."""
    rank: int | None
    """The student's position in ``slot``'s priority list; ``None`` when unmatched."""
    turn: int | None
    """Serial dictatorship: the student's position in the order; ``None`` under deferred acceptance."""
    ranked_above: tuple[SlotRejection, ...]


@dataclass
class Result:
    """The outcome of one mechanism on one ``Instance``.

    Students are listed in the order of ``Instance.preferences`` and slots in the order of
    ``Instance.capacities``, so the same input always gives the same output, dict order included.

    - ``assignment``: each student's slot, ``None`` when unmatched.
    - ``slot_students``: each slot's admitted students, in the slot's priority order.
    - ``cutoffs``: the priority position (0-based index in the slot's priority list) of the lowest-priority
      admitted student, ``None`` when the slot admitted nobody.
    - ``last_admitted``: the admitted student who sets the bar: the lowest-priority one under deferred
      acceptance (the one at ``cutoffs``), the lowest-ordered one (last to take a seat) under serial
      dictatorship.
    - ``turn_cutoffs``: serial dictatorship only (else ``None``): the position in the order of the student who
      took the slot's last seat, ``None`` for a slot nobody took.
    - ``explanations``: a ``StudentExplanation`` per student, computed when looked up.
    - ``first_choice_share``: students placed at their first choice over all students (0.0 for no students).
    - ``unmatched``: students without a slot. ``fill``: per slot, (admitted, capacity).
    """

    mechanism: Mechanism
    assignment: dict[StudentId, SlotId | None]
    slot_students: dict[SlotId, list[StudentId]]
    cutoffs: dict[SlotId, int | None]
    last_admitted: dict[SlotId, StudentId | None]
    turn_cutoffs: dict[SlotId, int | None] | None
    explanations: Mapping[StudentId, StudentExplanation]
    first_choice_share: float
    unmatched: list[StudentId]
    fill: dict[SlotId, tuple[int, int]]

    @property
    def matched(self) -> int:
        """How many students got a slot."""
        return len(self.assignment) - len(self.unmatched)


def build_result(
    mechanism: Mechanism,
    index: _Index,
    held: list[int],
    *,
    order: list[int] | None = None,
) -> Result:
    """Assemble a ``Result`` from the seat each student holds.

    ``held[s]`` is the position in ``index.pref_slot`` of student ``s``'s seat, or -1. Serial dictatorship
    also passes ``order``, the student indices in turn order.
    """
    slot_ids = index.slot_ids
    pref_slot = index.pref_slot
    pref_rank = index.pref_rank
    admitted_ranks: list[list[int]] = [[] for _ in slot_ids]
    for p in compress(held, map(ge, held, repeat(0))):
        admitted_ranks[pref_slot[p]].append(pref_rank[p])
    for ranks in admitted_ranks:
        ranks.sort()

    slot_or_none = [*slot_ids, None]
    assignment = dict(zip(index.student_ids, [slot_or_none[pref_slot[p] if p >= 0 else -1] for p in held], strict=True))
    slot_students: dict[SlotId, list[StudentId]] = {}
    cutoffs: dict[SlotId, int | None] = {}
    last_admitted: dict[SlotId, StudentId | None] = {}
    fill: dict[SlotId, tuple[int, int]] = {}
    for slot, ranks, ordered, capacity in zip(
        slot_ids, admitted_ranks, index.priority_ids, index.capacities, strict=True
    ):
        slot_students[slot] = list(map(ordered.__getitem__, ranks))
        cutoffs[slot] = ranks[-1] if ranks else None
        last_admitted[slot] = ordered[ranks[-1]] if ranks else None
        fill[slot] = (len(ranks), capacity)

    turn_cutoffs: dict[SlotId, int | None] | None = None
    turn: list[int] | None = None
    slot_turn_cutoffs: list[int] | None = None
    if order is not None:
        turn = [0] * index.n
        slot_turn_cutoffs = [-1] * len(slot_ids)
        for t, s in enumerate(order):
            turn[s] = t
            if held[s] >= 0:
                slot_turn_cutoffs[pref_slot[held[s]]] = t
        turn_cutoffs = {slot: (t if t >= 0 else None) for slot, t in zip(slot_ids, slot_turn_cutoffs, strict=True)}
        student_ids = index.student_ids
        last_admitted = {
            slot: (student_ids[order[t]] if t >= 0 else None)
            for slot, t in zip(slot_ids, slot_turn_cutoffs, strict=True)
        }

    n = index.n
    first_choices = sum(map(eq, held, index.start))
    return Result(
        mechanism=mechanism,
        assignment=assignment,
        slot_students=slot_students,
        cutoffs=cutoffs,
        last_admitted=last_admitted,
        turn_cutoffs=turn_cutoffs,
        explanations=Explanations(
            mechanism,
            index,
            held,
            [ranks[-1] if ranks else None for ranks in admitted_ranks],
            turn,
            slot_turn_cutoffs,
        ),
        first_choice_share=first_choices / n if n else 0.0,
        unmatched=list(compress(index.student_ids, map(lt, held, repeat(0)))),
        fill=fill,
    )


class Explanations(Mapping[StudentId, StudentExplanation]):
    """Read-only ``{student: StudentExplanation}``, each entry computed from the result when looked up.

    Iterates in the order of ``Instance.preferences``; equality with another mapping compares every entry.
    """

    __slots__ = ("_cutoffs", "_held", "_index", "_mechanism", "_turn", "_turn_cutoffs")

    def __init__(
        self,
        mechanism: Mechanism,
        index: _Index,
        held: list[int],
        cutoffs: list[int | None],
        turn: list[int] | None,
        turn_cutoffs: list[int] | None,
    ) -> None:
        self._mechanism = mechanism
        self._index = index
        self._held = held
        self._cutoffs = cutoffs
        self._turn = turn
        self._turn_cutoffs = turn_cutoffs

    def __getitem__(self, student: StudentId) -> StudentExplanation:
        index = self._index
        s = index.student_pos[student]
        first, end = index.start[s], index.start[s + 1]
        held = self._held[s]
        turn = self._turn[s] if self._turn is not None else None
        lost = FILLED_BEFORE_TURN if self._turn is not None else FILLED_BY_HIGHER_PRIORITY
        slot_ids, capacities, cutoffs = index.slot_ids, index.capacities, self._cutoffs
        turn_cutoffs = self._turn_cutoffs
        pref_slot, pref_rank = index.pref_slot, index.pref_rank
        ranked_above = []
        for p in range(first, held if held >= 0 else end):
            c = pref_slot[p]
            capacity = capacities[c]
            ranked_above.append(
                SlotRejection(
                    slot_ids[c],
                    p - first,
                    lost if capacity else NO_CAPACITY,
                    capacity,
                    pref_rank[p],
                    cutoffs[c],
                    turn,
                    turn_cutoffs[c] if turn_cutoffs is not None and turn_cutoffs[c] >= 0 else None,
                )
            )
        if held < 0:
            return StudentExplanation(student, None, None, None, turn, tuple(ranked_above))
        return StudentExplanation(
            student, slot_ids[pref_slot[held]], held - first, pref_rank[held], turn, tuple(ranked_above)
        )

    def __iter__(self) -> Iterator[StudentId]:
        return iter(self._index.student_ids)

    def __len__(self) -> int:
        return self._index.n

    def __repr__(self) -> str:
        return f"<Explanations of {self._index.n} students ({self._mechanism})>"


NO_CAPACITY = RejectionReason.NO_CAPACITY
FILLED_BEFORE_TURN = RejectionReason.FILLED_BEFORE_TURN
FILLED_BY_HIGHER_PRIORITY = RejectionReason.FILLED_BY_HIGHER_PRIORITY
