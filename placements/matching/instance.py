"""The input of one matching round, checked once and turned into integer indices the mechanisms share.

Validation lives here, at construction, so an invalid round fails where it is built (with a message naming
the student and slot at fault) and never half-way through a mechanism.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, repeat
from operator import getitem
from types import MappingProxyType
from typing import NoReturn, TypeAlias

StudentId: TypeAlias = Hashable
SlotId: TypeAlias = Hashable


class InvalidInstance(ValueError):
    """The round cannot be matched as given; the message names the student, slot or list at fault."""


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
