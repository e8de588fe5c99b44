"""The pure-Python matching engine: the reference the fast core (``placements.matching``) is checked against.

This is the engine as it was before the numpy core, kept whole and unchanged in behaviour: its own ``Instance``
(validated and indexed with dicts), student-proposing deferred acceptance with a heap per slot, serial
dictatorship, and ``Result`` explanations computed on demand from its integer index. The tests run both
engines on the same generated rounds and require identical results, explanations included; the benchmark
prints the fast engine's times as ratios to this one's. Nothing in the application imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from heapq import heappush, heapreplace
from itertools import accumulate, chain, compress, repeat
from operator import eq, ge, getitem, lt
from types import MappingProxyType
from typing import NoReturn

from placements.matching.instance import InvalidInstance, SlotId, StudentId
from placements.matching.result import (
    FILLED_BEFORE_TURN,
    FILLED_BY_HIGHER_PRIORITY,
    NO_CAPACITY,
    Mechanism,
    Result,
    SlotRejection,
    StudentExplanation,
)

__all__ = ["Explanations", "Instance", "deferred_acceptance", "serial_dictatorship"]


@dataclass(frozen=True)
class Instance:
    """One matching round: who wants which slot, how many seats each slot has, and whom each slot prefers.

    - ``preferences``: each student's acceptable slots, strictly ranked, most wanted first. Upstream has
      already filtered them for eligibility; a slot that is not on a student's list is never assigned to them.
      An empty list is allowed (the student stays unmatched).
    - ``capacities``: seats per slot, an ``int`` >= 0. Every slot of the round appears here.
    - ``priorities``: each slot's strict order over students, highest priority first. It must include every
      student who ranked the slot; it may also name students who did not (they are ignored), and a slot
      nobody ranked may be left out. Positions in this list are the "ranks" a ``Result`` reports.

    The mappings are copied on construction (lists become tuples), so changing the caller's dicts later cannot
    desynchronise the instance from its index. Iteration orders are kept: results list students in the order
    of ``preferences`` and slots in the order of ``capacities``.

    Raises ``InvalidInstance`` (a ``ValueError``) for an unknown slot in a preference list, a slot ranked twice,
    a student missing from the priority list of a slot they ranked, a student listed twice in a priority list,
    priorities for an unknown slot, and a capacity that is negative or not an integer.
    """

    preferences: Mapping[StudentId, Sequence[SlotId]]
    capacities: Mapping[SlotId, int]
    priorities: Mapping[SlotId, Sequence[StudentId]]

    def __post_init__(self) -> None:
        preferences = _frozen_lists(self.preferences, "preferences", "preference list of student")
        _require_mapping(self.capacities, "capacities")
        capacities = MappingProxyType(dict(self.capacities))
        priorities = _frozen_lists(self.priorities, "priorities", "priority list of slot")
        object.__setattr__(self, "preferences", preferences)
        object.__setattr__(self, "capacities", capacities)
        object.__setattr__(self, "priorities", priorities)
        object.__setattr__(self, "_index", _Index(preferences, capacities, priorities))

    @property
    def students(self) -> list[StudentId]:
        """Every student of the round, in the order of ``preferences``."""
        return list(self.preferences)

    @property
    def slots(self) -> list[SlotId]:
        """Every slot of the round, in the order of ``capacities``."""
        return list(self.capacities)


def index_of(instance: Instance) -> _Index:
    """The integer index built when ``instance`` was validated (for the mechanisms in this package)."""
    return instance._index  # type: ignore[attr-defined]


def _frozen_lists(lists: Mapping, field: str, what: str) -> Mapping:
    _require_mapping(lists, field)
    values = list(lists.values())
    # Checked once per distinct type rather than once per list: there are usually one or two types.
    for kind in set(map(type, values)):
        if issubclass(kind, str | bytes) or not issubclass(kind, Sequence):
            key = next(k for k, v in zip(lists, values, strict=True) if type(v) is kind)
            raise InvalidInstance(f"The {what} {key!r} must be a sequence of ids, not {kind.__name__}.")
    return MappingProxyType(dict(zip(lists, map(tuple, values), strict=True)))


def _require_mapping(value: object, field: str) -> None:
    if not isinstance(value, Mapping):
        raise InvalidInstance(f"Instance.{field} must be a mapping, not {type(value).__name__}.")


class _Index:
    """The round in integers: students 0..n-1, slots 0..m-1, every preference list laid end to end.

    Student ``s`` ranks the slots ``pref_slot[start[s]:start[s + 1]]`` (best first) and holds the priority
    positions ``pref_rank[...]`` at those slots, so a mechanism walks flat integer lists and never hashes an id.
    ``priority_ids[c]`` is slot ``c``'s priority list as given (ids), ``student_pos`` maps an id to its index.
    """

    __slots__ = (
        "capacities",
        "n",
        "pref_rank",
        "pref_slot",
        "priority_ids",
        "slot_ids",
        "start",
        "student_ids",
        "student_pos",
    )

    def __init__(
        self,
        preferences: Mapping[StudentId, tuple[SlotId, ...]],
        capacities: Mapping[SlotId, int],
        priorities: Mapping[SlotId, tuple[StudentId, ...]],
    ) -> None:
        for slot, capacity in capacities.items():
            if isinstance(capacity, bool) or not isinstance(capacity, int):
                raise InvalidInstance(f"The capacity of slot {slot!r} must be an integer, not {capacity!r}.")
            if capacity < 0:
                raise InvalidInstance(f"The capacity of slot {slot!r} is negative ({capacity}).")
        for slot in priorities:
            if slot not in capacities:
                raise InvalidInstance(f"A priority list is given for slot {slot!r}, which has no capacity.")

        self.student_ids: list[StudentId] = list(preferences)
        self.n = n = len(self.student_ids)
        self.student_pos: dict[StudentId, int] = dict(zip(self.student_ids, range(n), strict=True))
        self.slot_ids: list[SlotId] = list(capacities)
        self.capacities: list[int] = list(capacities.values())
        slot_pos = dict(zip(self.slot_ids, range(len(self.slot_ids)), strict=True))

        lists = list(preferences.values())
        lengths = list(map(len, lists))
        self.start: list[int] = [0, *accumulate(lengths)]
        try:
            self.pref_slot: list[int] = list(map(slot_pos.__getitem__, chain.from_iterable(lists)))
        except KeyError:
            _raise_first(
                f"Student {s!r} ranks slot {c!r}, which is not a slot of this round."
                for s, ranked in preferences.items()
                for c in ranked
                if c not in slot_pos
            )
        if list(map(len, map(set, lists))) != lengths:
            _raise_first(
                f"Student {s!r} ranks slot {c!r} more than once."
                for s, ranked in preferences.items()
                for i, c in enumerate(ranked)
                if c in ranked[:i]
            )

        self.priority_ids: list[tuple[StudentId, ...]] = [priorities.get(c, ()) for c in self.slot_ids]
        # rank_at[c][student id] = position in c's priority list. The position ints are shared by all slots, so
        # reading them below touches a few hot objects instead of one cold object per pair.
        positions = list(range(max(map(len, self.priority_ids), default=0)))
        rank_at = [dict(zip(ordered, positions, strict=False)) for ordered in self.priority_ids]
        for slot, ordered, ranks in zip(self.slot_ids, self.priority_ids, rank_at, strict=True):
            if len(ranks) != len(ordered):
                _raise_first(
                    f"The priority list of slot {slot!r} names student {s!r} more than once."
                    for i, s in enumerate(ordered)
                    if s in ordered[:i]
                )

        # Each listed (student, slot) pair's priority position, aligned with pref_slot, in one C-level pass.
        owners = chain.from_iterable(map(repeat, self.student_ids, lengths))
        try:
            self.pref_rank: list[int] = list(map(getitem, map(rank_at.__getitem__, self.pref_slot), owners))
        except KeyError:
            _raise_first(
                f"Student {s!r} ranks slot {c!r}, but the slot's priority list does not include them."
                for s, ranked in preferences.items()
                for c in ranked
                if s not in priorities.get(c, ())
            )


def _raise_first(messages: Iterable[str]) -> NoReturn:
    """Raise the first of the messages a slow second pass finds, once the fast pass has seen something wrong."""
    raise InvalidInstance(next(iter(messages), "The instance is invalid."))


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
