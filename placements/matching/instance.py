"""The input of one matching round, checked once and turned into the integer arrays the mechanisms share.

Validation lives here, at construction, so an invalid round fails where it is built (with a message naming
the student and slot at fault) and never half-way through a mechanism. It is array work: each id is hashed
or converted once, every check is a vectorised pass over flat arrays, and only once a pass has found
something wrong does a plain loop look for the first culprit, so refusing a bad round never costs more than
accepting a good one. Ids that are all ``int`` (the usual primary keys) are converted and looked up in numpy
without touching a dict; any other hashable ids go through one dict lookup each.
"""

from __future__ import annotations

import gc
import struct
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, compress, repeat
from types import MappingProxyType
from typing import NoReturn, TypeAlias

import numpy as np

StudentId: TypeAlias = Hashable
SlotId: TypeAlias = Hashable


class InvalidInstance(ValueError):
    """The round cannot be matched as given; the message names the student, slot or list at fault."""


class Instance:
    """One matching round: who wants which slot, how many seats each slot has, and whom each slot prefers.

    - ``preferences``: each student's acceptable slots, strictly ranked, most wanted first. Upstream has
      already filtered them for eligibility; a slot that is not on a student's list is never assigned to them.
      An empty list is allowed (the student stays unmatched).
    - ``capacities``: seats per slot, an ``int`` >= 0. Every slot of the round appears here.
    - ``priorities``: each slot's strict order over students, highest priority first. It must include every
      student who ranked the slot; it may also name students who did not (they are ignored), and a slot
      nobody ranked may be left out. Positions in this list are the "ranks" a ``Result`` reports.

    The mappings are copied on construction (read back, lists come out as tuples), so changing the caller's
    dicts later cannot desynchronise the instance from its index. Iteration orders are kept: results list
    students in the order of ``preferences`` and slots in the order of ``capacities``.

    Raises ``InvalidInstance`` (a ``ValueError``) for an unknown slot in a preference list, a slot ranked twice,
    a student missing from the priority list of a slot they ranked, a student listed twice in a priority list,
    priorities for an unknown slot, a capacity that is negative or not an integer, and an unhashable value (a
    list, a dict) where an id belongs.
    """

    __slots__ = ("_index", "capacities", "preferences", "priorities")

    preferences: Mapping[StudentId, Sequence[SlotId]]
    capacities: Mapping[SlotId, int]
    priorities: Mapping[SlotId, Sequence[StudentId]]

    def __init__(
        self,
        preferences: Mapping[StudentId, Sequence[SlotId]],
        capacities: Mapping[SlotId, int],
        priorities: Mapping[SlotId, Sequence[StudentId]],
    ) -> None:
        pref_lists = _lists_of(preferences, "preferences", "preference list of student")
        _require_mapping(capacities, "capacities")
        frozen_capacities = MappingProxyType(dict(capacities))
        prio_lists = _lists_of(priorities, "priorities", "priority list of slot")
        with gc_paused():
            index = _Index(list(preferences), pref_lists, frozen_capacities, list(priorities), prio_lists)
        set_ = object.__setattr__
        set_(self, "_index", index)
        set_(self, "capacities", frozen_capacities)
        set_(self, "preferences", _ListsView(index.student_ids, index.pref_ids, index.start))
        slot_of = index.slot_lookup.position
        set_(self, "priorities", _ListsView(index.prio_keys, index.prio_ids, index.prio_off, slot_of))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Instance is immutable; cannot set {name!r}.")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Instance):
            return NotImplemented
        return (self.preferences, self.capacities, self.priorities) == (
            other.preferences,
            other.capacities,
            other.priorities,
        )

    __hash__ = None  # type: ignore[assignment]  # equal instances may be built from different dicts

    def __repr__(self) -> str:
        return f"<Instance: {len(self.preferences)} students, {len(self.capacities)} slots>"

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
    return instance._index


class _ListsView(Mapping):
    """A read-only ``{key: tuple of ids}`` over lists laid end to end: the instance's own copy of the input.

    The key at position ``i`` owns list ``at(i)`` (``i`` itself when ``at`` is None), which spans
    ``flat[offsets[j]:offsets[j + 1]]``. The key-to-position dict is built on the first lookup.
    """

    __slots__ = ("_at", "_flat", "_keys", "_offsets", "_positions")

    def __init__(self, keys: list, flat: list, offsets: np.ndarray, at: Callable[[object], int] | None = None) -> None:
        self._keys = keys
        self._positions: dict | None = None
        self._flat = flat
        self._offsets = offsets
        self._at = at

    def __getitem__(self, key: object) -> tuple:
        if self._positions is None:
            self._positions = dict(zip(self._keys, range(len(self._keys)), strict=True))
        if key not in self._positions:
            raise KeyError(key)
        i = self._positions[key] if self._at is None else self._at(key)
        ids = self._flat[self._offsets[i] : self._offsets[i + 1]]
        return tuple(ids) if isinstance(ids, list) else tuple(ids.tolist())

    def __iter__(self) -> Iterator:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self))


def _lists_of(lists: Mapping, field: str, what: str) -> list:
    _require_mapping(lists, field)
    values = list(lists.values())
    # Checked once per distinct type rather than once per list: there are usually one or two types.
    kinds = set(map(type, values))
    if any(issubclass(kind, str | bytes) or not issubclass(kind, Sequence) for kind in kinds):
        for key, value in zip(lists, values, strict=True):
            if isinstance(value, str | bytes) or not isinstance(value, Sequence):
                raise InvalidInstance(f"The {what} {key!r} must be a sequence of ids, not {type(value).__name__}.")
    return values


def _require_mapping(value: object, field: str) -> None:
    if not isinstance(value, Mapping):
        raise InvalidInstance(f"Instance.{field} must be a mapping, not {type(value).__name__}.")


def _int_array(values: Iterable, count: int | None = None) -> np.ndarray | None:
    """``values`` (``count`` of them, when an iterator) as an int64 array when every one is an ``int`` (bools
    too: ``True == 1`` as a dict key), else None. ``struct`` packs them in one strict pass straight into the
    array, a few times faster than ``array('q')`` and stricter than numpy's own conversion (which would take
    ``'5'`` or ``5.5`` for 5); it stops at the first float, string, unhashable list or int beyond 64 bits, so a
    list that is not all ints costs little to tell apart."""
    count = len(values) if count is None else count
    out = np.empty(count, np.int64)
    try:
        struct.pack_into(f"{count}q", out, 0, *values)
    except (struct.error, TypeError, OverflowError):
        return None
    return out


def _flat(
    lists: list, as_ints: bool, offsets: np.ndarray
) -> tuple[list | np.ndarray, np.ndarray | None, list[tuple[int, int]]]:
    """The lists end to end (list ``i`` at ``offsets[i]:offsets[i + 1]``), as ``(ids, ints, odd)``.

    When ``as_ints`` and every id is an int: an int64 array, twice (as the ids and as their ints), and no odd
    spans. Ints are kept only as the array: a Python list of a million ids is slow to build and to read back,
    and the garbage collector walks it again and again. Otherwise the ids as given in a list, and either None or,
    when the lists are long and only a few hold something else (an outsider named by a string, a culprit), the
    ints of the all-int lists with ``odd`` spans ``(start, end)`` of the rest, to look up one by one.

    Ints are packed straight from the lists a block of about ``_BLOCK`` ids at a time, without a flat list in
    between; a block that holds something else is gone over again list by list, so a round with a stray id costs
    about what an all-int one does."""
    if not as_ints:
        return list(chain.from_iterable(lists)), None, []
    bounds = offsets.tolist()
    total = bounds[-1]
    ints = np.empty(total, np.int64)
    failed = []
    first = 0
    while first < len(lists):
        last = max(bisect_right(bounds, bounds[first] + _BLOCK, first + 1) - 1, first + 1)
        if not _pack(ints, chain.from_iterable(lists[first:last]), bounds[first], bounds[last]):
            failed.append((first, last))
        first = last
    if not failed:
        return ints, ints, []
    flat = list(chain.from_iterable(lists))
    if total < 16 * len(lists):  # short lists: converting them one by one costs more than a dict
        return flat, None, []
    odd = []
    for first, last in failed:
        for i in range(first, last):
            start, end = bounds[i], bounds[i + 1]
            if not _pack(ints, flat[start:end], start, end):
                odd.append((start, end))
                ints[start:end] = 0
        if 8 * len(odd) > len(lists):
            return flat, None, []
    return flat, ints, odd


_BLOCK = 4096


def _pack(out: np.ndarray, ids: Iterable, start: int, end: int) -> bool:
    """Packs ``ids`` (``end - start`` of them) into ``out[start:end]`` if every one is an int; False (leaving
    garbage there) if not."""
    try:
        struct.pack_into(f"{end - start}q", out, 8 * start, *ids)
    except (struct.error, TypeError, OverflowError):
        return False
    return True


def _id_at(flat: list | np.ndarray, position: int) -> object:
    return flat[position] if isinstance(flat, list) else int(flat[position])


def _ids_at(flat: list | np.ndarray, positions: np.ndarray) -> list:
    """The ids at ``positions`` of a flat list or array, as Python objects."""
    if isinstance(flat, list):
        return list(map(flat.__getitem__, positions.tolist()))
    return flat[positions].tolist()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the engine builds its lists and dicts.

    The engine creates no reference cycles, but each new container counts towards a collection, and each
    collection walks every young container, including the million-entry lists being built: on a large round
    that walking, which touches every id object, costs more than the work. Reference counting still frees
    everything as usual; the collector runs again afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _Lookup:
    """Positions of ids among unique keys (dict keys): a numpy table or sorted search for int keys, a dict else.

    ``positions(ids, array)`` maps many ids at once (-1 for an id that is not a key) and raises ``TypeError``
    on an unhashable id; ``position(id)`` maps one.
    """

    __slots__ = ("_dict", "_keys", "_lo", "_order", "_sorted", "_table", "ints")

    def __init__(self, keys: list) -> None:
        self._keys = keys
        self._dict: dict | None = None
        array = _int_array(keys)
        self.ints = array is not None and len(keys) > 0
        self._table = self._sorted = self._order = None
        self._lo = 0
        if not self.ints:
            return
        lo, hi = int(array.min()), int(array.max())
        if hi - lo < 4 * len(keys) + 1024:
            self._lo = lo
            self._table = np.full(hi - lo + 1, -1, np.int64)
            self._table[array - lo] = np.arange(len(keys))
        else:
            self._order = np.argsort(array, kind="stable")
            self._sorted = array[self._order]

    @property
    def dict(self) -> dict:
        if self._dict is None:
            self._dict = dict(zip(self._keys, range(len(self._keys)), strict=True))
        return self._dict

    def position(self, key: object) -> int:
        return self.dict.get(key, -1)

    def positions(self, ids: list, array: np.ndarray | None, odd: list[tuple[int, int]] = ()) -> np.ndarray:
        """Positions of ``ids`` (-1 for an id that is not a key), given as ``_flat`` gives them."""
        if array is None or not self.ints:
            return np.fromiter(map(self.dict.get, ids, repeat(-1)), np.int64, len(ids))
        for start, end in odd:  # a key there keeps every value within the keys' range (one gather)
            array[start:end] = int(self._keys[0])
        found = self._int_positions(array)
        for start, end in odd:
            found[start:end] = self._odd_positions(ids[start:end])
        return found

    def _odd_positions(self, ids: list) -> np.ndarray:
        """Positions of a few ids among int keys, when not all of them are ints. Ids of types that never equal
        an int (strings, ``None``, tuples: the usual strays) are -1 once hashed, the ints are looked up in numpy;
        anything else (a float, a ``Decimal``, which may equal an int key) goes through the dict."""
        list(map(hash, ids))  # an unhashable id raises TypeError, as a dict lookup would, before any dict is built
        kinds = list(map(type, ids))
        if not set(kinds) <= _NEVER_INTS | _INTS:
            return np.fromiter(map(self.dict.get, ids, repeat(-1)), np.int64, len(ids))
        found = np.full(len(ids), -1, np.int64)
        at = np.flatnonzero(np.fromiter(map(_INTS.__contains__, kinds), bool, len(ids)))
        if len(at):
            try:
                values = np.fromiter(map(ids.__getitem__, at.tolist()), np.int64, len(at))
            except OverflowError:  # an int beyond 64 bits
                return np.fromiter(map(self.dict.get, ids, repeat(-1)), np.int64, len(ids))
            found[at] = self._int_positions(values)
        return found

    def _int_positions(self, array: np.ndarray) -> np.ndarray:
        if self._table is not None:
            if not len(array):
                return np.zeros(0, np.int64)
            if int(array.min()) >= self._lo and int(array.max()) < self._lo + len(self._table):
                return self._table[array - self._lo]  # every id within the keys' range: one gather
            out = np.full(len(array), -1, np.int64)
            inside = (array >= self._lo) & (array < self._lo + len(self._table))
            out[inside] = self._table[array[inside] - self._lo]
            return out
        found = np.searchsorted(self._sorted, array)
        found[found == len(self._sorted)] = 0
        return np.where(self._sorted[found] == array, self._order[found], -1)


# Types whose values never equal an int, so never a key of an all-int lookup.
_NEVER_INTS = frozenset({str, bytes, type(None), tuple, frozenset})
_INTS = frozenset({int, bool})


def _unhashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return True
    return False


def _owner(offsets: np.ndarray, position: int) -> int:
    """Which list (by index) holds flat position ``position``, given the lists' offsets."""
    return int(np.searchsorted(offsets, position, side="right")) - 1


def _raise(message: str) -> NoReturn:
    raise InvalidInstance(message)


class _Index:
    """The round in integers: students 0..n-1, slots 0..m-1, lists laid end to end in numpy arrays.

    Student ``s`` ranks the slots ``pref_slot[start[s]:start[s + 1]]`` (best first) and sits at the priority
    positions ``pref_rank()[...]`` of those slots. Slot ``c``'s priority list is ``prio_ids[prio_off[c]:prio_off[c
    + 1]]`` (ids as given, in the order of ``capacities``), ``prio_student`` holds each entry's student index
    (-1 for someone who is not a student of the round), and ``pref_entry[p]`` is the flat position in it of
    choice ``p``'s student at choice ``p``'s slot.
    """

    __slots__ = (
        "cap",
        "capacities",
        "m",
        "n",
        "owner",
        "pref_entry",
        "pref_ids",
        "pref_slot",
        "prio_ids",
        "prio_keys",
        "prio_off",
        "prio_student",
        "slot_ids",
        "slot_lookup",
        "start",
        "student_ids",
        "student_lookup",
    )

    def __init__(
        self,
        student_ids: list,
        pref_lists: list,
        capacities: Mapping[SlotId, int],
        prio_keys: list,
        prio_lists: list,
    ) -> None:
        seats = list(capacities.values())
        ints = all(issubclass(kind, int) and kind is not bool for kind in set(map(type, seats)))
        cap = _int_array(seats) if ints else None
        if ints and cap is None:  # a capacity beyond 64 bits: as good as one seat per student
            cap = np.array([min(seat, 2**62) for seat in seats], np.int64)
        if cap is None or (len(cap) and int(cap.min()) < 0):
            for slot, capacity in capacities.items():
                if isinstance(capacity, bool) or not isinstance(capacity, int):
                    _raise(f"The capacity of slot {slot!r} must be an integer, not {capacity!r}.")
                if capacity < 0:
                    _raise(f"The capacity of slot {slot!r} is negative ({capacity}).")
        if not all(map(capacities.__contains__, prio_keys)):
            slot = next(slot for slot in prio_keys if slot not in capacities)
            _raise(f"A priority list is given for slot {slot!r}, which has no capacity.")

        self.student_ids = student_ids
        self.n = n = len(student_ids)
        self.slot_ids: list = list(capacities)
        self.m = m = len(self.slot_ids)
        self.capacities: list[int] = seats
        self.cap = cap
        self.student_lookup = _Lookup(student_ids)
        self.slot_lookup = _Lookup(self.slot_ids)
        self.prio_keys = prio_keys

        # Preferences: every student's list end to end, as slot indices.
        lengths = np.fromiter(map(len, pref_lists), np.int64, n)
        self.start = start = np.zeros(n + 1, np.int64)
        np.cumsum(lengths, out=start[1:])
        self.pref_ids, slot_ints, odd = _flat(pref_lists, self.slot_lookup.ints, start)
        total = len(self.pref_ids)
        try:
            pref_slot = self.slot_lookup.positions(self.pref_ids, slot_ints, odd)
        except TypeError:
            pref_slot = None
        if pref_slot is None or (total and int(pref_slot.min()) < 0):
            self._unknown_slot(pref_slot)
        self.pref_slot = pref_slot
        self.owner = owner = np.repeat(np.arange(n), lengths)
        width = int(lengths.max()) if n else 0
        # Dense when lists are of similar lengths (the usual case): one row per student of ``slot * W + column``
        # (W a power of two >= the longest list), sorted, padded with a value above every slot.
        shift = max(width - 1, 0).bit_length()
        dense = total and n << shift <= 4 * total + 1024
        if dense:
            small = (m + 1) << shift < 2**31 and n << shift < 2**31
            kind = np.int32 if small else np.int64
            padding = np.iinfo(kind).max
            if total == n << shift:  # every list as long as a row: the flat array is the rows
                rows = (pref_slot.astype(kind) << shift).reshape(n, 1 << shift)
                rows += np.arange(1 << shift, dtype=kind)
            else:
                rows = np.full((n, 1 << shift), padding, kind)
                column = np.arange(total) - start[owner]
                rows[owner, column] = (pref_slot << shift) + column
            rows.sort(axis=1)
            slots_in_row = rows >> shift
            twice = ((slots_in_row[:, 1:] == slots_in_row[:, :-1]) & (rows[:, 1:] != padding)).any(axis=1)
            if twice.any():
                self._ranked_twice(int(np.argmax(twice)))
        else:
            rows = None
            keys = owner * max(m, 1) + pref_slot
            by_key = np.argsort(keys, kind="stable")
            sorted_keys = keys[by_key]
            same = sorted_keys[1:] == sorted_keys[:-1]
            if same.any():
                self._ranked_twice(int(owner[by_key[1:][same]].min()))

        # Priorities: every slot's list end to end in the order of capacities, as student indices.
        by_slot = dict(zip(prio_keys, prio_lists, strict=True))
        ordered_lists = [by_slot.get(c, ()) for c in self.slot_ids]
        prio_lengths = np.fromiter(map(len, ordered_lists), np.int64, m)
        self.prio_off = prio_off = np.zeros(m + 1, np.int64)
        np.cumsum(prio_lengths, out=prio_off[1:])
        self.prio_ids, student_ints, odd = _flat(ordered_lists, self.student_lookup.ints, prio_off)
        try:
            prio_student = self.student_lookup.positions(self.prio_ids, student_ints, odd)
        except TypeError:
            self._unhashable_in_priorities()
        self.prio_student = prio_student
        prio_slot = np.repeat(np.arange(m), prio_lengths)

        # Each priority entry naming a student who ranked its slot, matched to that choice.
        outsiders = prio_student < 0
        everyone = not outsiders.any()
        entry_choice = np.full(len(self.prio_ids), -1, np.int64)
        every_entry_matched = False
        if total and len(prio_student):
            if rows is not None:
                # A branchless binary search in each entry's student row: log2(W) gathers, whatever the lists. An
                # entry naming someone who is not a student searches student 0's row and is then left unmatched.
                students = prio_student if everyone else np.maximum(prio_student, 0)
                wanted = (prio_slot << shift).astype(kind)
                flat_rows = rows.ravel()
                at = (students << shift).astype(kind)  # the row's first position, then the entry's
                step = (1 << shift) >> 1
                while step:
                    at += (flat_rows[at + kind(step - 1)] < wanted) * kind(step)
                    step >>= 1
                found = flat_rows[at]
                hit = (found >> shift) == prio_slot
                if not everyone:
                    hit &= ~outsiders
                column = found & kind((1 << shift) - 1)
                entry_choice = start[students] + column
                if hit.all():
                    every_entry_matched = True
                else:
                    entry_choice[~hit] = -1
            else:
                known = np.flatnonzero(~outsiders)
                wanted = prio_student[known] * max(m, 1) + prio_slot[known]
                found = np.minimum(np.searchsorted(sorted_keys, wanted), total - 1)
                hit = sorted_keys[found] == wanted
                entry_choice[known[hit]] = by_key[found[hit]]
        if every_entry_matched:  # the usual case: no entry to leave out, none unmatched
            matched = np.arange(len(entry_choice))
            choices = entry_choice
            unmatched = matched[:0]
        else:
            matched = np.flatnonzero(entry_choice >= 0)
            choices = entry_choice[matched]
            # Entries that name nobody's choice (outsiders, students who did not rank the slot) are rare: a set
            # finds any of them named twice in one list.
            unmatched = np.flatnonzero(entry_choice < 0)
        self.pref_entry = pref_entry = np.full(total, -1, np.int64)
        pref_entry[choices] = matched
        twice_at = self._named_twice(unmatched, prio_slot) if len(unmatched) else None
        # As many matches as choices, every choice matched: one entry per choice, nothing named twice or missing.
        if twice_at is not None or len(choices) != total or (total and int(pref_entry.min()) < 0):
            seen = np.bincount(choices, minlength=total)
            if (len(choices) and int(seen.max()) > 1) or twice_at is not None:
                self._listed_twice(matched, choices, seen, twice_at)
            self._not_in_priorities(np.flatnonzero(seen == 0)[0])

    def pref_rank(self) -> np.ndarray:
        """Each choice's priority position at its slot (computed when explanations need it)."""
        if not len(self.pref_entry):
            return self.pref_entry
        return self.pref_entry - self.prio_off[self.pref_slot]

    # The culprit hunts: each runs once, after a vectorised pass has seen something wrong, and is linear. -------

    def _unknown_slot(self, pref_slot: np.ndarray | None) -> NoReturn:
        if pref_slot is not None:  # every id hashed: the first that is not a slot is the culprit
            position = int(np.argmax(pref_slot < 0))
        else:  # some id is unhashable: the first id that is unhashable or not a slot
            lookup = self.slot_lookup.dict
            for position, slot in enumerate(self.pref_ids):
                try:
                    if slot not in lookup:
                        break
                except TypeError:
                    student = self.student_ids[_owner(self.start, position)]
                    _raise(f"Student {student!r} ranks {slot!r}, which is not a slot id (an id must be hashable).")
        student = self.student_ids[_owner(self.start, position)]
        slot = _id_at(self.pref_ids, position)
        _raise(f"Student {student!r} ranks slot {slot!r}, which is not a slot of this round.")

    def _ranked_twice(self, s: int) -> NoReturn:
        seen: set[int] = set()
        first = int(self.start[s])
        for offset, c in enumerate(self.pref_slot[first : self.start[s + 1]].tolist()):
            if c in seen:
                again = _id_at(self.pref_ids, first + offset)
                _raise(f"Student {self.student_ids[s]!r} ranks slot {again!r} more than once.")
            seen.add(c)
        _raise("The instance is invalid.")  # pragma: no cover

    def _unhashable_in_priorities(self) -> NoReturn:
        position = next(i for i, s in enumerate(self.prio_ids) if type(s) is not int and _unhashable(s))
        slot = self.slot_ids[_owner(self.prio_off, position)]
        student = self.prio_ids[position]
        _raise(
            f"The priority list of slot {slot!r} names {student!r}, which is not a student id (an id must be hashable)."
        )

    def _named_twice(self, entries: np.ndarray, prio_slot: np.ndarray) -> int | None:
        """The first of ``entries`` (flat priority positions) whose id appeared earlier in the same list."""
        seen: set = set()
        for entry, c, named in zip(
            entries.tolist(), prio_slot[entries].tolist(), _ids_at(self.prio_ids, entries), strict=True
        ):
            key = (c, named)
            if key in seen:
                return entry
            seen.add(key)
        return None

    def _listed_twice(
        self, matched: np.ndarray, choices: np.ndarray, seen: np.ndarray, twice_at: int | None
    ) -> NoReturn:
        # Among entries matched to a choice, the second and later for the same choice; the first of all wins.
        candidates = [] if twice_at is None else [twice_at]
        repeated = seen[choices] > 1
        if repeated.any():
            earlier: set[int] = set()
            for entry, choice in zip(matched[repeated].tolist(), choices[repeated].tolist(), strict=True):
                if choice in earlier:
                    candidates.append(entry)
                    break
                earlier.add(choice)
        entry = min(candidates)
        slot = self.slot_ids[_owner(self.prio_off, entry)]
        _raise(f"The priority list of slot {slot!r} names student {_id_at(self.prio_ids, entry)!r} more than once.")

    def _not_in_priorities(self, p: int) -> NoReturn:
        student = self.student_ids[_owner(self.start, int(p))]
        _raise(
            f"Student {student!r} ranks slot {_id_at(self.pref_ids, int(p))!r}, but the slot's priority list does not "
            "include them."
        )


def order_indices(index: _Index, order: Sequence[StudentId]) -> np.ndarray:
    """Student indices of ``order``, which must name every student of the round exactly once."""
    if isinstance(order, str | bytes) or not isinstance(order, Sequence):
        raise InvalidInstance(f"The order must be a sequence of student ids, not {type(order).__name__}.")
    ids = list(order)
    lookup = index.student_lookup
    try:
        students = lookup.positions(ids, _int_array(ids) if lookup.ints else None)
    except TypeError:
        unhashable = next(s for s in ids if type(s) is not int and _unhashable(s))
        _raise(f"The order names {unhashable!r}, which is not a student id (an id must be hashable).")
    if len(students) and int(students.min()) < 0:
        _raise(f"The order names {ids[int(np.argmax(students < 0))]!r}, who is not a student of this round.")
    counts = np.bincount(students, minlength=index.n)
    if len(students) and int(counts.max()) > 1:
        earlier: set[int] = set()
        for position, s in enumerate(students.tolist()):
            if s in earlier:
                _raise(f"The order names student {ids[position]!r} more than once.")
            earlier.add(s)
    if len(students) != index.n:
        missing = next(compress(index.student_ids, (counts == 0).tolist()))
        _raise(f"The order leaves out student {missing!r}; it must list every student once.")
    return students
