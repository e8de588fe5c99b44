"""What a mechanism hands back: the assignment, and what a teacher needs to explain it to a student.

Explanations are built on demand (``Result.explanations`` is a read-only mapping that computes a student's
entry when it is looked up), because a school asks about one student at a time and building all of them for
50,000 students would cost more than the matching itself. ``build_result`` and ``Explanations`` here read the
fast core's arrays; the pure-Python reference engine (``reference.py``) has its own, and the tests require the
two to agree entry for entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np

from placements.matching.instance import SlotId, StudentId, _ids_at

if TYPE_CHECKING:
    from placements.matching.instance import _Index

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
    seat: np.ndarray,
    *,
    order: np.ndarray | None = None,
) -> Result:
    """Assemble a ``Result`` from the seat each student holds.

    ``seat[s]`` is the position in ``index.pref_slot`` of student ``s``'s seat, or -1. Serial dictatorship
    also passes ``order``, the student indices in turn order. Everything is computed on arrays and handed
    out as plain Python values (ints, ids, ``None``), never numpy scalars.
    """
    n, m = index.n, index.m
    slot_ids = index.slot_ids
    placed = seat >= 0
    placed_at = seat[placed]
    seat_slot = np.full(n, -1, np.int64)
    seat_slot[placed] = index.pref_slot[placed_at]
    # Ids gathered by a numpy take over an object array (ids as given, ``None`` last for -1): no per-id Python call.
    slot_or_none = np.fromiter(chain(slot_ids, (None,)), object, m + 1)
    assignment = dict(zip(index.student_ids, slot_or_none[seat_slot].tolist(), strict=True))

    # The admitted students' flat priority positions, sorted: slot by slot, best priority first.
    mark = np.zeros(len(index.prio_student), bool)
    mark[index.pref_entry[placed_at]] = True
    entries = np.flatnonzero(mark)
    counts = np.bincount(seat_slot[placed], minlength=m)
    bounds = np.zeros(m + 1, np.int64)
    np.cumsum(counts, out=bounds[1:])
    admitted = _ids_at(index.prio_ids, entries)
    edges = bounds.tolist()
    slot_students = dict(zip(slot_ids, map(admitted.__getitem__, map(slice, edges, edges[1:])), strict=True))
    filled = counts > 0
    cutoff = np.full(m, -1, np.int64)
    cutoff[filled] = entries[bounds[1:][filled] - 1] - index.prio_off[:-1][filled]
    cutoff_list = [None if c < 0 else c for c in cutoff.tolist()]
    cutoffs = dict(zip(slot_ids, cutoff_list, strict=True))
    fill = dict(zip(slot_ids, zip(counts.tolist(), index.capacities, strict=True), strict=True))

    turn_cutoffs: dict[SlotId, int | None] | None = None
    turn = slot_turn = None
    if order is None:
        # The last admitted of each slot, ``None`` (position -1, the object array's last entry) for an empty one.
        ends = np.where(filled, bounds[1:] - 1, -1)
        last = np.fromiter(chain(admitted, (None,)), object, len(admitted) + 1)[ends].tolist()
    else:
        turn = np.empty(n, np.int64)
        turn[order] = np.arange(n)
        # The latest turn among each filled slot's admitted students (``entries`` run slot by slot).
        slot_turn = np.full(m, -1, np.int64)
        if len(entries):
            slot_turn[filled] = np.maximum.reduceat(turn[index.prio_student[entries]], bounds[:-1][filled])
        turns = slot_turn.tolist()
        turn_cutoffs = dict(zip(slot_ids, [None if t < 0 else t for t in turns], strict=True))
        takers = order[np.maximum(slot_turn, 0)].tolist() if n else [0] * m
        student_ids = index.student_ids
        last = [None if t < 0 else student_ids[s] for t, s in zip(turns, takers, strict=True)]
    last_admitted = dict(zip(slot_ids, last, strict=True))

    first_choices = int(np.count_nonzero(seat == index.start[:-1]))
    return Result(
        mechanism=mechanism,
        assignment=assignment,
        slot_students=slot_students,
        cutoffs=cutoffs,
        last_admitted=last_admitted,
        turn_cutoffs=turn_cutoffs,
        explanations=Explanations(mechanism, index, seat, cutoff_list, turn, slot_turn),
        first_choice_share=first_choices / n if n else 0.0,
        unmatched=list(map(index.student_ids.__getitem__, np.flatnonzero(~placed).tolist())),
        fill=fill,
    )


class Explanations(Mapping[StudentId, StudentExplanation]):
    """Read-only ``{student: StudentExplanation}``, each entry computed from the result when looked up.

    Iterates in the order of ``Instance.preferences``; equality with another mapping compares every entry.
    The arrays it reads are turned into Python lists on the first lookup, so one lookup costs a few
    microseconds and explaining a whole round costs about what building the entries does.
    """

    __slots__ = ("_cutoffs", "_index", "_lists", "_mechanism", "_seat", "_turn", "_turn_cutoffs")

    def __init__(
        self,
        mechanism: Mechanism,
        index: _Index,
        seat: np.ndarray,
        cutoffs: list[int | None],
        turn: np.ndarray | None,
        turn_cutoffs: np.ndarray | None,
    ) -> None:
        self._mechanism = mechanism
        self._index = index
        self._seat = seat
        self._cutoffs = cutoffs
        self._turn = turn
        self._turn_cutoffs = turn_cutoffs
        self._lists: tuple | None = None

    def _as_lists(self) -> tuple:
        if self._lists is None:
            index = self._index
            turn_cutoffs = None
            if self._turn_cutoffs is not None:
                turn_cutoffs = [None if t < 0 else t for t in self._turn_cutoffs.tolist()]
            self._lists = (
                index.student_lookup.dict,
                index.start.tolist(),
                self._seat.tolist(),
                None if self._turn is None else self._turn.tolist(),
                turn_cutoffs,
                index.pref_slot.tolist(),
                index.pref_rank().tolist(),
            )
        return self._lists

    def __getitem__(self, student: StudentId) -> StudentExplanation:
        positions, start, seats, turns, turn_cutoffs, pref_slot, pref_rank = self._as_lists()
        s = positions[student]
        first, end = start[s], start[s + 1]
        held = seats[s]
        turn = turns[s] if turns is not None else None
        lost = FILLED_BEFORE_TURN if turns is not None else FILLED_BY_HIGHER_PRIORITY
        index = self._index
        slot_ids, capacities, cutoffs = index.slot_ids, index.capacities, self._cutoffs
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
                    turn_cutoffs[c] if turn_cutoffs is not None else None,
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
