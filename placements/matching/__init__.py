"""The placement matching engine: plain data in, plain data out (no Django here), computed on numpy arrays.

A school builds an ``Instance`` from students' ranked slot lists, slot capacities and slot priority lists
(``priorities_from_scores`` turns scores into priority lists with a published lottery for ties), then runs

- ``deferred_acceptance(instance)``: the student-optimal stable matching (truthful lists are safe), or
- ``serial_dictatorship(instance, order)``: 平行志愿 in ``order`` (``order_from_scores``).

Both return a ``Result``: the assignment, each slot's admitted students and cutoff, and for every student an
explanation of each slot they ranked higher and did not get. Bad input raises ``InvalidInstance``, a
``ValueError`` whose message names the student or slot at fault, in no more time than a valid round takes.

``placements.matching.reference`` keeps the pure-Python engine this core replaced; the tests require both to
give identical results, explanations included, and ``tests/bench/matching.py`` times the core against it.
"""

from __future__ import annotations

from placements.matching.engine import deferred_acceptance, serial_dictatorship
from placements.matching.instance import Instance, InvalidInstance, SlotId, StudentId
from placements.matching.lottery import lottery_numbers, order_from_scores, priorities_from_scores
from placements.matching.result import (
    Explanations,
    RejectionReason,
    Result,
    SlotRejection,
    StudentExplanation,
)

__all__ = [
    "Explanations",
    "Instance",
    "InvalidInstance",
    "RejectionReason",
    "Result",
    "SlotId",
    "SlotRejection",
    "StudentExplanation",
    "StudentId",
    "deferred_acceptance",
    "lottery_numbers",
    "order_from_scores",
    "priorities_from_scores",
    "serial_dictatorship",
]
