"""The matching engine's promises to students and schools, checked on random small rounds and on textbook cases.

Every property is checked against the Result and the Instance alone, with small independent re-implementations
(stability check, brute-force enumeration, a by-hand serial dictatorship), never against engine internals.
Student ids are ints from 100 and slot ids are letters, so an engine that confused indices with ids would show.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Mapping, Sequence
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placements.matching import (
    Instance,
    InvalidInstance,
    RejectionReason,
    Result,
    deferred_acceptance,
    engine,
    lottery_numbers,
    order_from_scores,
    priorities_from_scores,
    reference,
    serial_dictatorship,
)

SLOT_NAMES = "ABCDEFGH"
OUTSIDER = 99  # a name in a priority list who is not a student of the round (e.g. withdrew); must be ignored

# No example database: the suite must not write files into the repository.
quick = settings(max_examples=150, deadline=None, database=None)
brute = settings(max_examples=120, deadline=None, database=None)


@st.composite
def instances(draw, max_students: int = 8, max_slots: int = 5, max_capacity: int = 3) -> Instance:
    """A valid round: random capacities, random strict lists over random subsets of slots, and random strict
    priorities that include every applicant and sometimes students who did not apply, or an outsider."""
    slots = list(SLOT_NAMES[: draw(st.integers(0, max_slots))])
    students = list(range(100, 100 + draw(st.integers(0, max_students))))
    capacities = {c: draw(st.integers(0, max_capacity)) for c in slots}
    preferences = {s: draw(st.lists(st.sampled_from(slots), unique=True)) if slots else [] for s in students}
    priorities = {}
    for c in slots:
        listed = [s for s in students if c in preferences[s]]
        if students:
            listed += [s for s in draw(st.lists(st.sampled_from(students), unique=True)) if s not in listed]
        if draw(st.booleans()):
            listed.append(OUTSIDER)
        priorities[c] = draw(st.permutations(listed))
    return Instance(preferences, capacities, priorities)


@st.composite
def markets(draw) -> Instance:
    """A contested round: as many students as seats, one-seat slots (one may have two), full or nearly full
    lists, and mostly "reluctant" priorities (a slot prefers the students who like it least), which is what
    gives a round several stable matchings. Everything is drawn from a seeded random.Random: hypothesis' own
    draws favour simple values (identity permutations, short lists), and a round where everyone agrees has a
    single stable matching, which would make the optimality check vacuous."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    slots = list(SLOT_NAMES[: rng.choice([3, 4])])
    capacities = dict.fromkeys(slots, 1)
    capacities[slots[0]] = rng.choice([1, 1, 2])
    students = list(range(100, 100 + sum(capacities.values())))
    preferences = {s: rng.sample(slots, len(slots) - (rng.random() < 0.2)) for s in students}
    reluctant = rng.random() < 0.75
    priorities = {}
    for c in slots:
        listed = [s for s in students if c in preferences[s]]
        rng.shuffle(listed)
        if reluctant:
            listed.sort(key=lambda s, c=c: -preferences[s].index(c))
        priorities[c] = listed
    return Instance(preferences, capacities, priorities)


rounds = st.one_of(instances(), markets())
tiny_rounds = st.one_of(instances(max_students=5, max_slots=4, max_capacity=2), markets())


# Independent helpers: what the properties mean, written out plainly ---------------------------------------


def choice_index(instance: Instance, student, slot) -> int:
    """How far down their list the student had to go: 0 for a first choice, len(list) for no slot."""
    ranked = list(instance.preferences[student])
    return ranked.index(slot) if slot is not None else len(ranked)


def priority_position(instance: Instance, slot, student) -> int:
    return list(instance.priorities[slot]).index(student)


def students_at(assignment: Mapping, slot) -> list:
    return [s for s, c in assignment.items() if c == slot]


def blocking_pairs(instance: Instance, assignment: Mapping) -> list[tuple]:
    """(student, slot) pairs who would both rather be together: the student prefers the slot to what they have,
    and the slot has a free seat or holds someone of lower priority."""
    pairs = []
    for student, ranked in instance.preferences.items():
        for slot in ranked[: choice_index(instance, student, assignment[student])]:
            held = students_at(assignment, slot)
            if len(held) < instance.capacities[slot] or any(
                priority_position(instance, slot, other) > priority_position(instance, slot, student) for other in held
            ):
                pairs.append((student, slot))
    return pairs


def all_matchings(instance: Instance):
    """Every assignment of students to a slot on their list (or none) within capacities."""
    students = list(instance.preferences)
    room = dict(instance.capacities)
    current: dict = {}

    def extend(i: int):
        if i == len(students):
            yield dict(current)
            return
        student = students[i]
        current[student] = None
        yield from extend(i + 1)
        for slot in instance.preferences[student]:
            if room[slot]:
                room[slot] -= 1
                current[student] = slot
                yield from extend(i + 1)
                room[slot] += 1

    yield from extend(0)


def serial_dictatorship_by_hand(instance: Instance, order: Sequence) -> dict:
    taken = dict.fromkeys(instance.capacities, 0)
    assignment = dict.fromkeys(instance.preferences)
    for student in order:
        for slot in instance.preferences[student]:
            if taken[slot] < instance.capacities[slot]:
                taken[slot] += 1
                assignment[student] = slot
                break
    return assignment


def assert_consistent(instance: Instance, result: Result) -> None:
    """The parts of a Result agree with each other and with the instance, in the instance's orders."""
    students, slots = list(instance.preferences), list(instance.capacities)
    assert list(result.assignment) == students
    assert list(result.slot_students) == list(result.cutoffs) == list(result.fill) == slots
    assert list(result.explanations) == students
    for slot in slots:
        admitted = result.slot_students[slot]
        assert sorted(admitted, key=lambda s, c=slot: priority_position(instance, c, s)) == admitted
        assert sorted(admitted, key=students.index) == students_at(result.assignment, slot)
        assert result.fill[slot] == (len(admitted), instance.capacities[slot])
        positions = [priority_position(instance, slot, s) for s in admitted]
        assert result.cutoffs[slot] == (max(positions) if positions else None)
    assert result.unmatched == [s for s in students if result.assignment[s] is None]
    firsts = sum(1 for s in students if instance.preferences[s] and result.assignment[s] == instance.preferences[s][0])
    assert result.first_choice_share == (firsts / len(students) if students else 0.0)
    assert result.matched == len(students) - len(result.unmatched)


def assert_feasible(instance: Instance, result: Result) -> None:
    for slot, capacity in instance.capacities.items():
        assert len(students_at(result.assignment, slot)) <= capacity
    for student, slot in result.assignment.items():
        assert slot is None or slot in instance.preferences[student]


def with_list(instance: Instance, student, ranked: Sequence) -> Instance:
    return Instance({**instance.preferences, student: list(ranked)}, instance.capacities, instance.priorities)


# Properties of deferred acceptance -------------------------------------------------------------------------


@quick
@given(rounds)
def test_deferred_acceptance_stays_within_capacity_and_only_assigns_slots_a_student_ranked(instance):
    result = deferred_acceptance(instance)
    assert_feasible(instance, result)
    assert_consistent(instance, result)


@quick
@given(rounds)
def test_deferred_acceptance_leaves_no_student_and_slot_who_would_both_rather_be_together(instance):
    assert blocking_pairs(instance, deferred_acceptance(instance).assignment) == []


@brute
@given(tiny_rounds)
def test_deferred_acceptance_is_the_stable_matching_every_student_likes_best(instance):
    stable = [m for m in all_matchings(instance) if not blocking_pairs(instance, m)]
    best = [
        m
        for m in stable
        if all(
            choice_index(instance, s, m[s]) <= choice_index(instance, s, other[s])
            for other in stable
            for s in instance.preferences
        )
    ]
    assert len(best) == 1, "a student-optimal stable matching always exists and is unique"
    assert deferred_acceptance(instance).assignment == best[0]


@brute
@given(tiny_rounds)
def test_no_student_gets_a_better_slot_by_reordering_or_shortening_their_list(instance):
    truthful = deferred_acceptance(instance).assignment
    for student, ranked in instance.preferences.items():
        if len(ranked) > 4:
            continue
        honest = choice_index(instance, student, truthful[student])
        for size in range(len(ranked) + 1):
            for report in itertools.permutations(ranked, size):
                got = deferred_acceptance(with_list(instance, student, report)).assignment[student]
                assert choice_index(instance, student, got) >= honest, (student, report)


@quick
@given(rounds)
def test_a_student_is_never_told_they_lost_a_higher_choice_to_a_lower_priority_student(instance):
    result = deferred_acceptance(instance)
    for student, ranked in instance.preferences.items():
        got = result.assignment[student]
        above = ranked[: choice_index(instance, student, got)]
        explanation = result.explanations[student]
        assert explanation.slot == got
        assert [r.slot for r in explanation.ranked_above] == list(above)
        for rejection, slot in zip(explanation.ranked_above, above, strict=True):
            admitted, capacity = result.fill[slot]
            assert admitted == capacity, "a slot with a free seat cannot have turned the student away"
            position = priority_position(instance, slot, student)
            if capacity == 0:
                assert result.cutoffs[slot] is None
                assert rejection.reason == RejectionReason.NO_CAPACITY
            else:
                assert result.cutoffs[slot] < position
                assert rejection.reason == RejectionReason.FILLED_BY_HIGHER_PRIORITY
            assert (rejection.rank, rejection.cutoff, rejection.capacity) == (position, result.cutoffs[slot], capacity)
        if got is not None:
            assert explanation.rank == priority_position(instance, got, student)
            assert explanation.rank <= result.cutoffs[got]


@quick
@given(rounds, st.randoms(use_true_random=False))
def test_who_gets_what_does_not_depend_on_the_order_students_are_listed_in(instance, rng):
    students = list(instance.preferences)
    rng.shuffle(students)
    shuffled = Instance({s: instance.preferences[s] for s in students}, instance.capacities, instance.priorities)
    assert deferred_acceptance(shuffled).assignment == deferred_acceptance(instance).assignment


# Properties of serial dictatorship -------------------------------------------------------------------------


@quick
@given(st.data())
def test_serial_dictatorship_gives_each_student_their_best_slot_left_after_those_before_them(data):
    instance = data.draw(rounds)
    order = data.draw(st.permutations(list(instance.preferences)))
    result = serial_dictatorship(instance, order)
    assert_feasible(instance, result)
    assert_consistent(instance, result)
    assert result.assignment == serial_dictatorship_by_hand(instance, order)
    for slot, turn in result.turn_cutoffs.items():
        admitted = result.slot_students[slot]
        assert turn == (max(order.index(s) for s in admitted) if admitted else None)
        assert result.last_admitted[slot] == (order[turn] if admitted else None)


@quick
@given(st.data())
def test_serial_dictatorship_explains_each_higher_choice_as_filled_before_the_students_turn(data):
    instance = data.draw(rounds)
    order = data.draw(st.permutations(list(instance.preferences)))
    result = serial_dictatorship(instance, order)
    for student, ranked in instance.preferences.items():
        explanation = result.explanations[student]
        turn = order.index(student)
        assert explanation.turn == turn
        above = ranked[: choice_index(instance, student, result.assignment[student])]
        assert [r.slot for r in explanation.ranked_above] == list(above)
        for rejection in explanation.ranked_above:
            admitted, capacity = result.fill[rejection.slot]
            assert admitted == capacity
            assert all(order.index(s) < turn for s in result.slot_students[rejection.slot])
            if capacity:
                assert rejection.reason == RejectionReason.FILLED_BEFORE_TURN
                assert rejection.turn_cutoff == result.turn_cutoffs[rejection.slot] < turn


@quick
@given(st.data())
def test_deferred_acceptance_equals_serial_dictatorship_when_every_slot_ranks_students_in_the_same_order(data):
    instance = data.draw(rounds)
    order = data.draw(st.permutations(list(instance.preferences)))
    common = Instance(
        instance.preferences,
        instance.capacities,
        {c: [s for s in order if c in instance.preferences[s]] for c in instance.capacities},
    )
    assert deferred_acceptance(common).assignment == serial_dictatorship(common, order).assignment


# Determinism and the lottery -------------------------------------------------------------------------------


@quick
@given(st.data())
def test_the_same_round_always_gives_the_same_result_down_to_dict_order(data):
    instance = data.draw(rounds)
    order = data.draw(st.permutations(list(instance.preferences)))
    for run in (lambda i: deferred_acceptance(i), lambda i: serial_dictatorship(i, order)):
        first, again = run(instance), run(Instance(instance.preferences, instance.capacities, instance.priorities))
        assert first == again
        assert list(first.explanations.items()) == list(again.explanations.items())
        for name in ("assignment", "slot_students", "cutoffs", "fill", "last_admitted"):
            assert list(getattr(first, name).items()) == list(getattr(again, name).items())


@quick
@given(
    st.dictionaries(st.integers(1, 10_000), st.integers(0, 3), max_size=12),
    st.integers(0, 2**32),
)
def test_scores_order_students_highest_first_and_ties_by_the_published_lottery(scores, seed):
    order = order_from_scores(scores, seed)
    assert order == order_from_scores(dict(reversed(scores.items())), seed), "input order does not matter"
    # The rule as published, recomputed here from its description.
    numbers = list(range(len(scores)))
    random.Random(seed).shuffle(numbers)
    lottery = dict(zip(sorted(scores), numbers, strict=True))
    assert lottery_numbers(scores, seed) == lottery
    assert order == sorted(scores, key=lambda s: (-scores[s], lottery[s]))


def test_a_different_seed_can_reorder_tied_students_but_the_same_seed_never_does():
    tied = dict.fromkeys([101, 102, 103, 104, 105, 106], 80.0)
    orders = {seed: order_from_scores(tied, seed) for seed in range(30)}
    assert all(order_from_scores(tied, seed) == orders[seed] for seed in orders)
    assert len({tuple(order) for order in orders.values()}) > 1
    # Ties are not broken by id: the lowest id does not always come first.
    assert {order[0] for order in orders.values()} != {101}


def test_a_higher_score_always_comes_first_whatever_the_lottery():
    scores = {101: 60, 102: 90, 103: 75, 104: 90}
    for seed in range(20):
        order = order_from_scores(scores, seed)
        assert set(order[:2]) == {102, 104}
        assert order[2:] == [103, 101]


def test_per_slot_scores_give_each_slot_its_own_order_with_one_lottery_number_per_student():
    scores = {"A": {101: 70, 102: 70, 103: 90}, "B": {101: 50, 102: 50}}
    for seed in range(20):
        priorities = priorities_from_scores(scores, seed)
        assert priorities["A"][0] == 103
        # One number per student per round: a tie between the same two students goes the same way everywhere.
        assert priorities["A"][1:] == priorities["B"]


def test_one_score_per_student_gives_each_slot_its_applicants_in_score_order():
    preferences = {101: ["A", "B"], 102: ["B"], 103: ["A"], 104: []}
    scores = {101: 80, 102: 95, 103: 60, 104: 99}
    priorities = priorities_from_scores(scores, 7, preferences=preferences)
    assert priorities == {"A": [101, 103], "B": [102, 101]}
    instance = Instance(preferences, {"A": 1, "B": 1}, priorities)
    assert deferred_acceptance(instance).assignment == {101: "A", 102: "B", 103: None, 104: None}


def test_scores_that_cannot_be_ranked_are_refused():
    with pytest.raises(ValueError, match="needs the preferences"):
        priorities_from_scores({101: 80}, 1)
    with pytest.raises(ValueError, match="no score there"):
        priorities_from_scores({"A": {101: 80}}, 1, preferences={101: ["A"], 102: ["A"]})
    with pytest.raises(ValueError, match="must be a number"):
        order_from_scores({101: float("nan")}, 1)
    with pytest.raises(ValueError, match="draw_order"):
        order_from_scores({101: 1, "x": 1}, 1)
    assert order_from_scores({101: 1, "x": 1}, 1, draw_order=[101, "x"]) in ([101, "x"], ["x", 101])


# Textbook and hand-made rounds ------------------------------------------------------------------------------


def textbook() -> Instance:
    """Three students, three one-seat slots, two stable matchings: students get A and B in the student-optimal
    one, the slots get their first choices in the other (s1-B, s2-A)."""
    return Instance(
        preferences={"s1": ["A", "B", "C"], "s2": ["B", "A", "C"], "s3": ["A", "B", "C"]},
        capacities={"A": 1, "B": 1, "C": 1},
        priorities={"A": ["s2", "s1", "s3"], "B": ["s1", "s2", "s3"], "C": ["s1", "s2", "s3"]},
    )


def test_the_textbook_round_gives_students_their_optimal_stable_matching():
    result = deferred_acceptance(textbook())
    assert result.assignment == {"s1": "A", "s2": "B", "s3": "C"}
    assert result.cutoffs == {"A": 1, "B": 1, "C": 2}
    assert result.first_choice_share == pytest.approx(2 / 3)
    assert result.unmatched == []
    explanation = result.explanations["s3"]
    assert (explanation.slot, explanation.choice, explanation.rank) == ("C", 2, 2)
    assert [(r.slot, r.rank, r.cutoff) for r in explanation.ranked_above] == [("A", 2, 1), ("B", 2, 1)]


def test_serial_dictatorship_serves_students_in_turn_even_against_slot_priorities():
    result = serial_dictatorship(textbook(), ["s3", "s1", "s2"])
    assert result.assignment == {"s1": "B", "s2": "C", "s3": "A"}
    assert result.turn_cutoffs == {"A": 0, "B": 1, "C": 2}
    assert result.last_admitted == {"A": "s3", "B": "s1", "C": "s2"}
    # Not stable: slot A would rather have s1 or s2 than s3, and both would rather have A.
    assert blocking_pairs(textbook(), result.assignment) == [("s1", "A"), ("s2", "A")]


def test_a_displaced_student_moves_down_their_list_and_may_displace_someone_else():
    instance = Instance(
        preferences={1: ["X", "Y"], 2: ["X", "Y"], 3: ["Y"], 4: ["X"], 5: []},
        capacities={"X": 2, "Y": 1, "Z": 0},
        priorities={"X": [4, 2, 1], "Y": [1, 3, 2]},
    )
    result = deferred_acceptance(instance)
    assert result.assignment == {1: "Y", 2: "X", 3: None, 4: "X", 5: None}
    assert result.slot_students == {"X": [4, 2], "Y": [1], "Z": []}
    assert result.cutoffs == {"X": 1, "Y": 0, "Z": None}
    assert result.fill == {"X": (2, 2), "Y": (1, 1), "Z": (0, 0)}
    assert result.unmatched == [3, 5]
    assert result.explanations[5].ranked_above == ()
    assert [r.slot for r in result.explanations[3].ranked_above] == ["Y"]


def test_a_slot_without_seats_is_explained_as_such():
    instance = Instance({1: ["Z", "A"]}, {"Z": 0, "A": 1}, {"Z": [1], "A": [1]})
    for result in (deferred_acceptance(instance), serial_dictatorship(instance, [1])):
        assert result.assignment == {1: "A"}
        (rejection,) = result.explanations[1].ranked_above
        assert (rejection.slot, rejection.reason, rejection.cutoff) == ("Z", RejectionReason.NO_CAPACITY, None)


def test_an_empty_round_has_an_empty_result():
    result = deferred_acceptance(Instance({}, {}, {}))
    assert (result.assignment, result.first_choice_share, result.unmatched) == ({}, 0.0, [])


def test_changing_the_callers_dicts_afterwards_does_not_change_the_instance():
    preferences = {1: ["A"], 2: ["A"]}
    instance = Instance(preferences, {"A": 1}, {"A": [2, 1]})
    preferences[1].append("B")
    preferences[3] = ["A"]
    assert dict(instance.preferences) == {1: ("A",), 2: ("A",)}
    assert deferred_acceptance(instance).assignment == {1: None, 2: "A"}


# Validation ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preferences", "capacities", "priorities", "message"),
    [
        ({1: ["A", "Q"]}, {"A": 1}, {"A": [1]}, "Student 1 ranks slot 'Q', which is not a slot of this round"),
        ({1: ["A", "B", "A"]}, {"A": 1, "B": 1}, {"A": [1], "B": [1]}, "Student 1 ranks slot 'A' more than once"),
        ({1: ["A"], 2: ["A"]}, {"A": 1}, {"A": [2]}, "slot 'A', but the slot's priority list does not include"),
        ({1: ["A"]}, {"A": 1}, {}, "Student 1 ranks slot 'A', but the slot's priority list does not include"),
        ({1: ["A"]}, {"A": -1}, {"A": [1]}, "capacity of slot 'A' is negative"),
        ({1: ["A"]}, {"A": 1.5}, {"A": [1]}, "capacity of slot 'A' must be an integer"),
        ({1: ["A"]}, {"A": 1}, {"A": [1, 1]}, "priority list of slot 'A' names student 1 more than once"),
        ({1: ["A"]}, {"A": 1}, {"A": [1], "B": [1]}, "priority list is given for slot 'B', which has no capacity"),
        ({1: "AB"}, {"A": 1, "B": 1}, {"A": [1], "B": [1]}, "preference list of student 1 must be a sequence"),
        ({1: ["A"]}, [("A", 1)], {"A": [1]}, "Instance.capacities must be a mapping"),
    ],
)
def test_a_malformed_round_is_refused_with_a_message_naming_the_culprit(preferences, capacities, priorities, message):
    with pytest.raises(InvalidInstance, match=message.replace("(", r"\(")) as refused:
        Instance(preferences, capacities, priorities)
    with pytest.raises(InvalidInstance) as by_reference:
        reference.Instance(preferences, capacities, priorities)
    assert str(refused.value) == str(by_reference.value)


@pytest.mark.parametrize(
    ("preferences", "capacities", "priorities", "message"),
    [
        ({1: ["A", ["B"]]}, {"A": 1}, {"A": [1]}, "Student 1 ranks ['B'], which is not a slot id"),
        ({1: [{"A": 1}]}, {"A": 1}, {"A": [1]}, "Student 1 ranks {'A': 1}, which is not a slot id"),
        ({1: ["A"]}, {"A": 1}, {"A": [1, [2]]}, "priority list of slot 'A' names [2], which is not a student id"),
        ({1: [10]}, {10: 1}, {10: [1, {2: 3}]}, "priority list of slot 10 names {2: 3}, which is not a student id"),
        ({1: ["A"], 2: ["A"]}, {"A": 1}, {"A": [2, 7, 1, 7]}, "priority list of slot 'A' names student 7 more"),
        ({1: [10, 10.0]}, {10: 1}, {10: [1]}, "Student 1 ranks slot 10.0 more than once"),
        ({1: [10, 11.5]}, {10: 1}, {10: [1]}, "Student 1 ranks slot 11.5, which is not a slot of this round"),
        ({1: [10]}, {10: 1}, {10: ["1"]}, "Student 1 ranks slot 10, but the slot's priority list does not include"),
    ],
)
def test_ids_of_the_wrong_kind_are_refused_naming_the_student_or_slot(preferences, capacities, priorities, message):
    with pytest.raises(InvalidInstance, match=message.replace("(", r"\(").replace("[", r"\[")):
        Instance(preferences, capacities, priorities)


def big_round(students: int = 50_000) -> tuple[dict, dict, dict]:
    ids = list(range(1_000_000, 1_000_000 + students))
    slots = list(range(500))
    preferences = {s: [slots[(s * 7 + k) % 500] for k in range(3)] for s in ids}
    priorities: dict = {c: [] for c in slots}
    for s in ids:
        for c in preferences[s]:
            priorities[c].append(s)
    return preferences, dict.fromkeys(slots, 50), priorities


def test_a_culprit_deep_in_a_large_round_is_named():
    preferences, capacities, priorities = big_round()
    last = list(preferences)[-1]
    slot = preferences[last][0]
    twice = {**priorities, slot: [*priorities[slot], priorities[slot][3]]}
    with pytest.raises(InvalidInstance, match=f"slot {slot} names student {priorities[slot][3]} more than once"):
        Instance(preferences, capacities, twice)
    with pytest.raises(InvalidInstance, match=f"Student {last} ranks slot 999, which is not a slot"):
        Instance({**preferences, last: [*preferences[last], 999]}, capacities, priorities)
    with pytest.raises(InvalidInstance, match=f"Student {last} ranks slot {slot} more than once"):
        Instance({**preferences, last: [*preferences[last], slot]}, capacities, priorities)
    with pytest.raises(InvalidInstance, match=f"Student {last} ranks \\[1\\], which is not a slot id"):
        Instance({**preferences, last: [*preferences[last], [1]]}, capacities, priorities)
    without = {**priorities, slot: [s for s in priorities[slot] if s != last]}
    with pytest.raises(InvalidInstance, match=f"Student {last} ranks slot {slot}, but the slot's priority list"):
        Instance(preferences, capacities, without)
    instance = Instance(preferences, capacities, priorities)
    order = list(preferences)
    with pytest.raises(InvalidInstance, match=f"names student {order[5]} more than once"):
        serial_dictatorship(instance, [*order, order[5]])
    with pytest.raises(InvalidInstance, match=f"leaves out student {last}"):
        serial_dictatorship(instance, order[:-1])
    with pytest.raises(InvalidInstance, match="names \\{'x': 1\\}, which is not a student id"):
        serial_dictatorship(instance, [*order[:-1], {"x": 1}])
    with pytest.raises(InvalidInstance, match="names 'ghost', who is not a student of this round"):
        serial_dictatorship(instance, [*order[:-1], "ghost"])


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (["s1", "s2"], "leaves out student 's3'"),
        (["s1", "s2", "s3", "s1"], "names student 's1' more than once"),
        (["s1", "s2", "s3", "ghost"], "names 'ghost', who is not a student of this round"),
        (["s1", "s2", ["s3"]], r"names \['s3'\], which is not a student id"),
        ("s1s2s3", "must be a sequence of student ids, not str"),
    ],
)
def test_serial_dictatorship_refuses_an_order_that_is_not_every_student_once(order, message):
    with pytest.raises(InvalidInstance, match=message):
        serial_dictatorship(textbook(), order)


# The numpy core against the pure-Python reference engine ------------------------------------------------------


@contextmanager
def tail_from(size: int):
    """Run the core's rounds until fewer than ``size`` proposals are left (1: rounds all the way down)."""
    kept = engine._TAIL
    engine._TAIL = size
    try:
        yield
    finally:
        engine._TAIL = kept


def assert_same_as_reference(preferences, capacities, priorities, order) -> None:
    fast_instance = Instance(preferences, capacities, priorities)
    slow_instance = reference.Instance(preferences, capacities, priorities)
    pairs = [
        (deferred_acceptance(fast_instance), reference.deferred_acceptance(slow_instance)),
        (serial_dictatorship(fast_instance, order), reference.serial_dictatorship(slow_instance, order)),
    ]
    for fast, slow in pairs:
        assert fast == slow
        assert list(fast.explanations.items()) == list(slow.explanations.items())
        for name in ("assignment", "slot_students", "cutoffs", "fill", "last_admitted", "turn_cutoffs"):
            assert repr(getattr(fast, name)) == repr(getattr(slow, name)), name


@quick
@given(st.data(), st.sampled_from([1, 2, 64]))
def test_the_core_gives_the_reference_engines_result_and_explanations_on_every_round(data, tail):
    instance = data.draw(rounds)
    order = data.draw(st.permutations(list(instance.preferences)))
    plain = (dict(instance.preferences), dict(instance.capacities), dict(instance.priorities))
    with tail_from(tail):
        assert_same_as_reference(*plain, order)


def random_round(rng: random.Random, students: list, slots: list, *, lengths=(0, 6), extra=0.2) -> tuple:
    """A bigger round than hypothesis draws: skewed popularity, ties broken by a seeded order, capacity-0 slots,
    empty lists, and priority lists naming students who did not apply and outsiders."""
    weights = [1 / (k + 1) for k in range(len(slots))]
    capacities = {c: rng.choice([0, 1, 1, 2, 3, 5]) for c in slots}
    preferences = {}
    for s in students:
        wanted = rng.randint(*lengths)
        ranked = dict.fromkeys(rng.choices(slots, weights, k=wanted * 2))
        preferences[s] = list(ranked)[:wanted]
    priorities = {}
    for c in slots:
        listed = [s for s in students if c in preferences[s]]
        listed += [s for s in rng.sample(students, min(len(students), 3)) if s not in listed and rng.random() < extra]
        if rng.random() < extra:
            listed.append(("outsider", c))
        rng.shuffle(listed)
        priorities[c] = listed
    order = list(students)
    rng.shuffle(order)
    return preferences, capacities, priorities, order


@pytest.mark.parametrize(
    ("ids", "lengths"),
    [
        ("ints", (0, 6)),  # int ids in a compact range: numpy table lookups
        ("sparse ints", (0, 6)),  # ints far apart: sorted search
        ("strings", (0, 6)),  # other hashables: one dict lookup each
        ("ints", (0, 2)),  # one student ranks every slot, the others a few: the sort-based join, not per-student rows
        ("ints, a few outsiders", (0, 6)),  # the int lists through numpy, the few with a tuple id through a dict
    ],
)
@pytest.mark.parametrize("seed", [1, 2])
def test_the_core_gives_the_reference_engines_result_on_larger_rounds(ids, lengths, seed):
    rng = random.Random(seed)
    extra = 0.2
    if ids.startswith("ints"):
        students, slots = list(range(5000, 6500)), list(range(10, 130))
        extra = 0.02 if "outsiders" in ids else extra
    elif ids == "sparse ints":
        students, slots = [rng.randrange(-(2**60), 2**60) for _ in range(1500)], [k * 10**12 for k in range(120)]
    else:
        students, slots = [f"s{k}" for k in range(1500)], [("slot", k) for k in range(120)]
    round_ = random_round(rng, students, slots, lengths=lengths, extra=extra)
    if lengths == (0, 2):
        preferences, _, priorities, _ = round_
        preferences[students[0]] = list(slots)
        for c in slots:
            priorities[c] = [students[0], *(s for s in priorities[c] if s != students[0])]
    for tail in (1, 64):
        with tail_from(tail):
            assert_same_as_reference(*round_)


def test_results_hold_plain_python_values_that_serialise_to_json():
    instance = textbook()
    for result in (deferred_acceptance(instance), serial_dictatorship(instance, ["s3", "s1", "s2"])):
        explanations = {s: e._asdict() for s, e in result.explanations.items()}
        for e in explanations.values():
            e["ranked_above"] = [r._asdict() for r in e["ranked_above"]]
        text = json.dumps([result.assignment, result.cutoffs, result.fill, result.turn_cutoffs, explanations])
        assert "s1" in text
        for value in [*result.cutoffs.values(), *(e.rank for e in result.explanations.values())]:
            assert value is None or type(value) is int


def test_an_instance_reads_back_its_own_copy_of_the_input():
    priorities = {"A": [2, 1]}
    instance = Instance({1: ["A"], 2: []}, {"A": 1, "B": 0}, priorities)
    priorities["A"].append(3)
    assert instance.preferences[1] == ("A",)
    assert instance.priorities == {"A": (2, 1)}
    assert "B" not in instance.priorities
    with pytest.raises(KeyError):
        instance.priorities["B"]
    assert instance == Instance({1: ("A",), 2: ()}, {"A": 1, "B": 0}, {"A": (2, 1)})
    assert instance.students == [1, 2] and instance.slots == ["A", "B"]


def test_odd_but_valid_input_gives_the_reference_engines_result():
    rounds_ = [
        ({1: ["A"], 2: ["A"]}, {"A": 2**70}, {"A": [2, 1]}, [1, 2]),  # a capacity beyond 64 bits
        ({1: [10.0], 2: [10]}, {10: 1}, {10: [2, 1.0]}, [2, 1]),  # 10.0 is slot 10 and 1.0 student 1, as in a dict
        ({(1, "a"): ["x"], (2, "b"): ["x", "y"]}, {"x": 1, "y": 0}, {"x": [(2, "b"), (1, "a")], "y": [(2, "b")]}, None),
    ]
    for preferences, capacities, priorities, order in rounds_:
        assert_same_as_reference(preferences, capacities, priorities, order or list(preferences))


def test_strays_in_long_priority_lists_are_looked_up_as_the_reference_engine_does():
    """Long lists of int ids with a few others among them: the core packs the ints in blocks and looks the others
    up one by one (a string, None or tuple never equals a student; a float or True may), as a dict would."""
    rng = random.Random(19)
    students = list(range(1000, 1300))
    slots = list(range(20))
    preferences = {s: rng.sample(slots, 3) for s in students}
    priorities: dict = {c: [s for s in students if c in preferences[s]] for c in slots}
    for ranked in priorities.values():
        rng.shuffle(ranked)
    priorities[3] = [*priorities[3][:5], "x", None, (1, 2), True, 2**70, *priorities[3][5:], "x2"]
    priorities[7] = [float(s) if i == 4 else s for i, s in enumerate(priorities[7])]
    capacities = {c: 5 for c in slots}
    assert_same_as_reference(preferences, capacities, priorities, students)
    twice = {**priorities, 3: [*priorities[3], "x"]}
    with pytest.raises(InvalidInstance, match="The priority list of slot 3 names student 'x' more than once"):
        Instance(preferences, capacities, twice)
    named_as_float = priorities[7][4]
    again = {**priorities, 7: [*priorities[7], int(named_as_float)]}
    with pytest.raises(InvalidInstance, match=f"slot 7 names student {int(named_as_float)} more than once"):
        Instance(preferences, capacities, again)
