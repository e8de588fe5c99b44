"""What a school promises when it publishes a round, checked on generated rounds: each slot ranks its applicants
by the company's own order, then by the published score (exact major 10, same major category 5, else 0), ties
broken by the round's seeded lottery; serial dictatorship serves students in lottery order; the same inputs
always give the same result (also after the JSON round trip of the round's JSONField); every explanation a
student reads is true. And on the database: a published round re-runs to the result it kept.

The generated rounds are plain `inputs` dicts in the exact shape `round_inputs` returns (the first database test
pins that shape), fed to the pure functions, so hypothesis needs no database. The expected orders are
recomputed here from the published rule (placements/matching/lottery.py), not taken from the engine."""

from __future__ import annotations

import copy
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placements.models import MatchRound
from placements.services import rounds as services
from tests import factories as f
from tests.placements.helpers import client_for, make_slot

DA, SD = MatchRound.Mechanism.DEFERRED_ACCEPTANCE.value, MatchRound.Mechanism.SERIAL_DICTATORSHIP.value
SCORES = (0, services.SCORE_CATEGORY, services.SCORE_MAJOR)
GONE = 999_999  # a student a company ranked who has since left the round (e.g. confirmed elsewhere)
CAPACITIES = st.sampled_from([0, 1, 1, 1, 2, 3])  # mostly scarce places, sometimes none

examples = settings(max_examples=40, deadline=None, database=None)


@st.composite
def inputs(draw, mechanisms=(DA, SD)) -> dict:
    """A round as `round_inputs` keeps it: students sorted by id, slots by id, one list per student who ranked
    something (others did not rank), a score per listed (slot, student), company orders for some slots naming
    applicants and sometimes students no longer in the round."""
    students = sorted(draw(st.sets(st.integers(1, 400), max_size=12)))
    slots = sorted(draw(st.sets(st.integers(1_000, 1_050), min_size=1, max_size=5)))
    preferences = []
    for student in students:
        listed = draw(st.lists(st.sampled_from(slots), unique=True, max_size=len(slots)))
        if listed:
            preferences.append([student, listed])
    scores = [
        [slot, [[s, draw(st.sampled_from(SCORES))] for s, listed in preferences if slot in listed]] for slot in slots
    ]
    company_orders = []
    for slot in slots:
        if draw(st.booleans()):
            order = draw(st.lists(st.sampled_from([*students, GONE]), unique=True, min_size=1))
            company_orders.append([slot, order])
    return {
        "mechanism": draw(st.sampled_from(mechanisms)),
        "seed": draw(st.integers(0, 2**31 - 1)),
        "students": students,
        "preferences": preferences,
        "capacities": [[slot, draw(CAPACITIES)] for slot in slots],
        "company_orders": company_orders,
        "scores": scores,
    }


def lottery(inputs: dict) -> dict[int, int]:
    """The published rule: the round's students, by id, draw from a shuffle of 0..n-1 seeded by the round."""
    numbers = list(range(len(inputs["students"])))
    random.Random(inputs["seed"]).shuffle(numbers)
    return dict(zip(inputs["students"], numbers, strict=True))


def expected_priorities(inputs: dict) -> dict[int, list[int]]:
    draw = lottery(inputs)
    company = dict(inputs["company_orders"])
    expected = {}
    for slot, pairs in inputs["scores"]:
        score = dict(pairs)
        own = [s for s in company.get(slot, []) if s in score]
        rest = sorted((s for s in score if s not in own), key=lambda s: (-score[s], draw[s]))
        expected[slot] = own + rest
    return expected


def outcome(inputs: dict) -> dict:
    return services.summarize(services.run_inputs(inputs), inputs)


# -- priorities --------------------------------------------------------------------------------------------------


@examples
@given(inputs())
def test_each_slot_ranks_the_companys_choices_first_then_the_rest_by_score_and_lottery(inputs):
    priorities = services.run_inputs_priorities(inputs)
    assert list(priorities) == [slot for slot, _cap in inputs["capacities"]]
    assert priorities == expected_priorities(inputs)


@examples
@given(inputs())
def test_where_the_company_did_not_rank_an_exact_major_comes_before_its_category_before_the_rest(inputs):
    inputs = {**inputs, "company_orders": []}
    scores = {slot: dict(pairs) for slot, pairs in inputs["scores"]}
    draw = lottery(inputs)
    for slot, order in services.run_inputs_priorities(inputs).items():
        assert sorted(order) == sorted(scores[slot])  # exactly the students who ranked the slot
        keys = [(-scores[slot][s], draw[s]) for s in order]
        assert keys == sorted(keys)


def test_a_tie_is_broken_by_the_lottery_not_by_student_id():
    tied = {"mechanism": DA, "students": [1, 2], "preferences": [[1, [7]], [2, [7]]], "capacities": [[7, 1]],
            "company_orders": [], "scores": [[7, [[1, 5], [2, 5]]]]}  # fmt: skip
    orders = {tuple(services.run_inputs_priorities({**tied, "seed": seed})[7]) for seed in range(20)}
    assert orders == {(1, 2), (2, 1)}
    assert services.run_inputs_priorities({**tied, "seed": 3}) == services.run_inputs_priorities({**tied, "seed": 3})


@examples
@given(inputs())
def test_the_same_seed_always_gives_the_same_order(inputs):
    first = services.run_inputs_priorities(inputs)
    assert services.run_inputs_priorities(copy.deepcopy(inputs)) == first
    assert services.run_inputs_priorities(inputs) == first


# -- results -----------------------------------------------------------------------------------------------------


@examples
@given(inputs())
def test_a_round_gives_the_same_result_every_time_it_runs(inputs):
    first = outcome(inputs)
    assert outcome(copy.deepcopy(inputs)) == first
    assert outcome(inputs) == first


@examples
@given(inputs())
def test_kept_as_json_the_inputs_give_the_same_result_and_the_result_survives_too(inputs):
    kept = json.loads(json.dumps(inputs))
    assert kept == inputs
    result = outcome(inputs)
    assert outcome(kept) == result
    assert json.loads(json.dumps(result)) == result


@examples
@given(inputs())
def test_the_summary_accounts_for_every_student_of_the_round(inputs):
    summary = outcome(inputs)
    ranked = [s for s, _listed in inputs["preferences"]]
    assert summary["students"] == len(inputs["students"])
    assert summary["ranked"] == len(ranked)
    assert summary["did_not_rank"] == [s for s in inputs["students"] if s not in ranked]
    assert summary["matched"] + len(summary["unmatched"]) == len(ranked)
    assert sorted(summary["explanations"]) == sorted(str(s) for s in ranked)
    capacities = dict(inputs["capacities"])
    for slot, (admitted, capacity) in summary["fill"].items():
        assert capacity == capacities[int(slot)]
        assert admitted == sum(1 for s in summary["assignment"].values() if s == int(slot)) <= capacity


@examples
@given(inputs(mechanisms=(SD,)))
def test_serial_dictatorship_serves_students_in_lottery_order(inputs):
    draw = lottery(inputs)
    room = dict(inputs["capacities"])
    expected = {}
    for student, listed in sorted(inputs["preferences"], key=lambda pair: draw[pair[0]]):
        slot = next((c for c in listed if room[c] > 0), None)
        if slot is not None:
            room[slot] -= 1
        expected[str(student)] = slot
    summary = outcome(inputs)
    assert summary["assignment"] == expected
    # Scores and company orders play no part in who gets what.
    plain = {**inputs, "company_orders": [], "scores": [[c, [[s, 0] for s, v in p]] for c, p in inputs["scores"]]}
    assert outcome(plain)["assignment"] == expected
    for explanation in summary["explanations"].values():
        assert {a["reason"] for a in explanation["above"]} <= {"filled_before_turn", "no_capacity"}


@examples
@given(inputs(mechanisms=(DA,)))
def test_deferred_acceptance_explains_each_better_slot_as_filled_by_higher_priority(inputs):
    summary = outcome(inputs)
    priorities = expected_priorities(inputs)
    listed = dict(inputs["preferences"])
    for sid, explanation in summary["explanations"].items():
        mine = listed[int(sid)]
        got = explanation["slot"]
        above = mine if got is None else mine[: mine.index(got)]
        assert [a["slot"] for a in explanation["above"]] == above
        if got is not None:
            assert explanation["choice"] == mine.index(got) + 1
            assert explanation["rank"] == priorities[got].index(int(sid)) + 1
        for row in explanation["above"]:
            assert row["rank"] == priorities[row["slot"]].index(int(sid)) + 1
            if row["capacity"] == 0:
                assert (row["reason"], row["cutoff"]) == ("no_capacity", None)
                continue
            assert row["reason"] == "filled_by_higher_priority"
            assert row["cutoff"] is not None and row["cutoff"] < row["rank"]
            admitted, capacity = summary["fill"][str(row["slot"])]
            assert admitted == capacity  # full, and only with students the slot ranks higher


# -- on the database ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_kept_inputs_are_plain_data_with_the_published_score(world):
    world.company.headcount = 1000
    world.company.save()
    sibling = f.MajorFactory(institution=world.school, category=world.major.category, name="汽车检测与维修技术")
    exact = make_slot(world, majors=[world.major], title="本专业岗位")
    category = make_slot(world, majors=[sibling], title="同大类岗位")
    open_to_all = make_slot(world, majors=[], title="不限专业岗位")
    round = f.MatchRoundFactory(
        institution=world.school, slots=[exact, category, open_to_all], cohorts=[world.cohort], seed=42
    )
    client_for(world.student.user).put(
        f"/api/v1/match-rounds/{round.pk}/preferences/",
        {"slots": [open_to_all.pk, category.pk, exact.pk]},
        format="json",
    )
    kept = services.round_inputs(round)
    assert json.loads(json.dumps(kept)) == kept
    assert kept == {
        "mechanism": DA,
        "seed": 42,
        "student_scores": [[pk, 0] for pk in sorted([world.student.pk, world.classmate.pk])],
        "students": sorted([world.student.pk, world.classmate.pk]),
        "preferences": [[world.student.pk, [open_to_all.pk, category.pk, exact.pk]]],
        "capacities": [[exact.pk, 5], [category.pk, 5], [open_to_all.pk, 5]],
        "company_orders": [],
        "scores": [
            [exact.pk, [[world.student.pk, 10]]],
            [category.pk, [[world.student.pk, 5]]],
            [open_to_all.pk, [[world.student.pk, 0]]],
        ],
    }


@pytest.mark.django_db
def test_a_published_round_re_runs_to_the_result_it_kept_and_a_tampered_result_shows(round_scene):
    scene = round_scene
    scene.everyone_wants_a_then_b_then_c()
    scene.close()
    scene.run()
    scene.publish()
    round = scene.refresh()
    assert services.round_verify(round) is True
    teacher = client_for(scene.world.teacher.user)
    assert teacher.get(scene.url + "verify/").json() == {"same_result": True, "seed": round.seed}

    # Someone edits the kept result: the unmatched student now holds the first matched student's slot.
    (loser,) = round.result["unmatched"]
    winner, slot = next((s, c) for s, c in round.result["assignment"].items() if c is not None)
    round.result["assignment"][str(loser)], round.result["assignment"][winner] = slot, None
    MatchRound.objects.filter(pk=round.pk).update(result=round.result)
    assert services.round_verify(scene.refresh()) is False
    assert teacher.get(scene.url + "verify/").json()["same_result"] is False
