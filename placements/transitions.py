"""The placement state machine, declared once.

Every move a placement can make is one row of `TABLE`: the action's name (what the API lists in a placement's
`actions`, so the app shows that button), the states it leaves from, the state it reaches, who may take it, the
school's approval order it belongs to, and the guards that must hold. The services in placements/services/ ask
`authorize` (who: 403) and `move` (state, order and guards: 409 or the guard's own error) instead of restating
the rules, and `allowed_actions` reads the same rows for the API. docs/API.md shows the table and its diagram as
`markdown()` and `mermaid()` print them (a test keeps them equal).

Guards come in two kinds:

- cheap ones, answered from the placement and what the API loads with it (its documents, assessments, slot and
  base): `move` raises the error the guard's function (in the services) returns, and `allowed_actions` leaves
  the action out while it would refuse. So a start is offered only once the papers are in (the `missing` list
  says what is still needed) and the slot's start date has come, a completion only with both assessments, on or
  after the end date and with the school's journal count (or a teacher's waiver), an assessment only once per
  side, and nothing is approved, confirmed or started at a company the school took off its list;
- guards that need counting under a lock (a place left on the slot, the intern shares of rule 8, one placement
  a term): named here, enforced where the slot is filled (`lifecycle._fill`), not foreseen by the API. A
  confirmation the API offers can therefore still be refused with `slot_full` and the like.

Applying (`POST /placements/`) creates the placement in `pending`; its rules (an open slot, the deadline,
eligibility, the number of choices) live in `application_submit`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from placements.choices import OPEN_APPLICATION_STATUSES, ApprovalOrder, PlacementStatus

if TYPE_CHECKING:
    from accounts.actor import Actor
    from placements.models import Placement, SchoolPolicy

S = PlacementStatus


@dataclass(frozen=True)
class Who:
    """A party that may take a move, and what anyone else is told (HTTP 403)."""

    label: str
    test: Callable[[Actor, Placement], bool]
    refusal: str | None = None


@dataclass(frozen=True)
class Condition:
    """Part of the state besides the status (a request to end waiting or not): failing it is an illegal move."""

    label: str
    test: Callable[[Placement], bool]


@dataclass(frozen=True)
class Guard:
    """A rule beyond the state. `refusal` names a function of the services that returns the error to raise, or
    None when the rule holds; a guard without one is checked by the service itself under a lock."""

    name: str
    label: str
    refusal: str | None = None

    def refuse(self, placement: Placement) -> Exception | None:
        return _resolve(self.refusal)(placement) if self.refusal else None


@cache
def _resolve(path: str) -> Callable[[Placement], Exception | None]:
    return import_string(path)


@dataclass(frozen=True)
class Transition:
    """One row of the table. `target` None: the status stays (an activity during the state, or a request)."""

    action: str
    sources: tuple[str, ...]
    target: str | None
    who: Who
    verb: str | None  # what the 409 says was attempted
    endpoint: str | None  # POST /api/v1/placements/{id}/<endpoint>/; None for moves the platform makes itself
    order: str | None = None  # the approval order this row belongs to; None: either
    when: Condition | None = None
    guards: tuple[Guard, ...] = ()

    def __post_init__(self) -> None:
        # Plain strings, not enum members: the target is also the audit entry's and the notice's name.
        object.__setattr__(self, "sources", tuple(str(s) for s in self.sources))
        object.__setattr__(self, "target", None if self.target is None else str(self.target))


# -- who -------------------------------------------------------------------------------------------------------


def _is_student(actor: Actor, placement: Placement) -> bool:
    return actor.student_id is not None and actor.student_id == placement.student_id


def _is_school(actor: Actor, placement: Placement) -> bool:
    return placement.student.institution_id in actor.school_ids


def _is_hr(actor: Actor, placement: Placement) -> bool:
    return placement.slot.company_id in actor.hr_company_ids


THE_STUDENT = Who("the student", _is_student, _("Only the student can do this."))
SCHOOL_STAFF = Who(
    "staff of the student's school (a teacher or an admin)",
    _is_school,
    _("Only teachers of the student's school can do this."),
)
COMPANY_HR = Who("HR of the slot's company", _is_hr, _("Only HR staff of the company can do this."))
SCHOOL_OR_HR = Who(
    "staff of the student's school or the company's HR",
    lambda a, p: _is_school(a, p) or _is_hr(a, p),
    _("Only the student's teachers or the company's HR can start a placement."),
)
# Which paper each party may upload is the service's finer rule (documents.UPLOADERS); every party has one.
A_PARTY = Who(
    "the student, staff of their school or the company's HR",
    lambda a, p: _is_student(a, p) or _is_school(a, p) or _is_hr(a, p),
    _("You cannot upload this kind of document for this placement."),
)
SCHOOL_ASSESSOR = Who(
    "staff of the student's school", _is_school, _("Only teachers of the student's school assess as the teacher.")
)
COMPANY_ASSESSOR = Who(
    "the company's HR or mentors",
    lambda a, p: p.slot.company_id in a.company_ids,
    _("Only the company's staff assess as the company."),
)
# Safety training is given by the school or the company (HR or a mentor); either side records it.
SCHOOL_OR_COMPANY = Who(
    "staff of the student's school or of the company (HR or a mentor)",
    lambda a, p: _is_school(a, p) or p.slot.company_id in a.company_ids,
    _("Only the student's school or the company's staff record the safety training."),
)
# The company's paper assessment is recorded by the teacher the placement names, or an admin of the school.
PAPER_RECORDER = Who(
    "the placement's teacher or an admin of the student's school",
    lambda a, p: (
        (p.teacher is not None and a.user_id is not None and p.teacher.user_id == a.user_id)
        or p.student.institution_id in a.admin_school_ids
    ),
    _("Only the placement's teacher or an administrator of the student's school records a paper assessment."),
)
MENTOR_NAMER = Who("HR of the slot's company", _is_hr, _("Only HR staff of the company name the mentor."))
TEACHER_NAMER = Who(
    "staff of the student's school", _is_school, _("Only staff of the student's school name the teacher.")
)
PLATFORM = Who("the platform", lambda a, p: False)


# -- conditions and guards -------------------------------------------------------------------------------------

END_REQUESTED = Condition("the student has asked to end early", lambda p: p.end_requested_at is not None)
NO_END_REQUEST = Condition("no request to end is waiting", lambda p: p.end_requested_at is None)

FILLING = (
    Guard("slot_has_room", "the slot is not cancelled and has a place left (slot_full)"),
    Guard("intern_shares", "rule 8: interns within the post's and the company's shares"),
    Guard("one_placement_a_term", "the student holds no other confirmed placement this term (already_placed)"),
)
PAPERWORK = Guard(
    "paperwork_complete",
    "a teacher and a mentor, passed safety training; rules 2, 3, 13, 14: agreement, consent, insurance covering the "
    "dates, a current inspection (paperwork_missing)",
    "placements.services.lifecycle.paperwork_refusal",
)
ON_THE_SLOTS_DATES = Guard(
    "within_the_slots_dates",
    "on or after the slot's start date and not after its end (before_start_date, after_end_date)",
    "placements.services.lifecycle.start_date_refusal",
)
END_DATE_REACHED = Guard(
    "end_date_reached",
    "the slot's end date has come; sooner only by ending early (before_end_date)",
    "placements.services.lifecycle.end_date_refusal",
)
JOURNALS_IN = Guard(
    "journals_in",
    "the school's journal count is in, or a teacher waived it with a reason (journals_missing)",
    "placements.services.journals.journals_refusal",
)
NOT_WAIVED = Condition("the journal count is not waived yet", lambda p: p.journals_waived_at is None)
COMPANY_LISTED = Guard(
    "company_not_delisted",
    "the student's school has not taken the company off its list of placement companies (company_delisted)",
    "placements.services.lifecycle.delisted_refusal",
)
STARTING = (PAPERWORK, ON_THE_SLOTS_DATES, COMPANY_LISTED)
MENTOR_NAMED = Guard(
    "mentor_named",
    "a company mentor is named (mentor_missing)",
    "placements.services.lifecycle.mentor_refusal",
)
BOTH_ASSESSED = Guard(
    "both_assessed",
    "rule 15: the teacher's and the company's assessments are in (assessment_missing)",
    "placements.services.lifecycle.assessments_refusal",
)
NOT_ASSESSED_BY_SCHOOL = Guard(
    "not_assessed_by_the_school",
    "the school's assessment is not given yet (400 on role)",
    "placements.services.assessments.teacher_assessment_refusal",
)
NOT_ASSESSED_BY_COMPANY = Guard(
    "not_assessed_by_the_company",
    "the company's assessment is not given yet (400 on role)",
    "placements.services.assessments.company_assessment_refusal",
)

COMPANY_OFF_PLATFORM = Guard(
    "company_off_platform",
    "the company has no active HR or mentor on the platform, so it cannot assess there (company_on_platform)",
    "placements.services.assessments.company_on_platform_refusal",
)


# -- the table -------------------------------------------------------------------------------------------------

OPEN = tuple(OPEN_APPLICATION_STATUSES)
SUPERVISED = (*OPEN, S.CONFIRMED, S.READY, S.ACTIVE)
TEACHER_FIRST, COMPANY_FIRST = ApprovalOrder.TEACHER_FIRST.value, ApprovalOrder.COMPANY_FIRST.value

TABLE: tuple[Transition, ...] = (
    Transition("withdraw", OPEN, S.WITHDRAWN, THE_STUDENT, _("withdraw"), "withdraw"),
    Transition(
        "approve",
        (S.PENDING,),
        S.APPROVED,
        SCHOOL_STAFF,
        _("approve"),
        "approve",
        TEACHER_FIRST,
        guards=(COMPANY_LISTED,),
    ),
    Transition(
        "approve",
        (S.ACCEPTED,),
        S.CONFIRMED,
        SCHOOL_STAFF,
        _("approve"),
        "approve",
        COMPANY_FIRST,
        guards=(MENTOR_NAMED, *FILLING, COMPANY_LISTED),
    ),
    Transition("reject", OPEN, S.REJECTED, SCHOOL_STAFF, _("reject"), "reject"),
    Transition(
        "confirm",
        (S.APPROVED,),
        S.CONFIRMED,
        COMPANY_HR,
        _("confirm"),
        "confirm",
        TEACHER_FIRST,
        guards=(MENTOR_NAMED, *FILLING, COMPANY_LISTED),
    ),
    Transition(
        "confirm",
        (S.PENDING,),
        S.ACCEPTED,
        COMPANY_HR,
        _("confirm"),
        "confirm",
        COMPANY_FIRST,
        guards=(MENTOR_NAMED, COMPANY_LISTED),
    ),
    Transition("decline", OPEN, S.DECLINED, COMPANY_HR, _("decline"), "decline"),
    Transition("upload", (S.CONFIRMED, S.READY, S.ACTIVE), None, A_PARTY, _("upload documents"), "documents"),
    # The company names the mentor and the school the teacher, from the application to the end.
    Transition("name_mentor", SUPERVISED, None, MENTOR_NAMER, _("name the mentor"), "mentor"),
    Transition("name_teacher", SUPERVISED, None, TEACHER_NAMER, _("name the teacher"), "teacher"),
    Transition(
        "record_training",
        (S.CONFIRMED, S.READY),
        None,
        SCHOOL_OR_COMPANY,
        _("record the safety training"),
        "safety-training",
    ),
    Transition("start", (S.CONFIRMED, S.READY), S.ACTIVE, SCHOOL_OR_HR, _("start"), "start", guards=STARTING),
    Transition("journal", (S.ACTIVE,), None, THE_STUDENT, _("write a journal"), "journals"),
    Transition("request_end", (S.ACTIVE,), None, THE_STUDENT, _("request to end"), "request-end", when=NO_END_REQUEST),
    # Agreeing ends the placement; refusing (with a reason) clears the request and it stays active.
    Transition(
        "decide_end",
        (S.ACTIVE,),
        S.ENDED_EARLY,
        SCHOOL_STAFF,
        _("decide on ending early"),
        "decide-end",
        when=END_REQUESTED,
    ),
    Transition(
        "assess_teacher",
        (S.ACTIVE, S.ENDED_EARLY),
        None,
        SCHOOL_ASSESSOR,
        _("assess"),
        "assess",
        guards=(NOT_ASSESSED_BY_SCHOOL,),
    ),
    Transition(
        "assess_company",
        (S.ACTIVE, S.ENDED_EARLY),
        None,
        COMPANY_ASSESSOR,
        _("assess"),
        "assess",
        guards=(NOT_ASSESSED_BY_COMPANY,),
    ),
    # A company with nobody on the platform assesses on the paper form it signs; the school records it.
    Transition(
        "record_paper_assessment",
        (S.ACTIVE, S.ENDED_EARLY),
        None,
        PAPER_RECORDER,
        _("record the company's paper assessment"),
        "paper-assessment",
        guards=(COMPANY_OFF_PLATFORM, NOT_ASSESSED_BY_COMPANY),
    ),
    Transition(
        "complete",
        (S.ACTIVE,),
        S.COMPLETED,
        SCHOOL_STAFF,
        _("complete"),
        "complete",
        guards=(BOTH_ASSESSED, END_DATE_REACHED, JOURNALS_IN),
    ),
    # A teacher lets the placement complete short of the school's journal count, with a reason.
    Transition(
        "waive_journals",
        (S.ACTIVE,),
        None,
        SCHOOL_STAFF,
        _("waive the journal count"),
        "waive-journals",
        when=NOT_WAIVED,
    ),
    # Moves the platform makes itself, as a consequence of another.
    Transition("paperwork_complete", (S.CONFIRMED,), S.READY, PLATFORM, None, None),
    Transition("paperwork_incomplete", (S.READY,), S.CONFIRMED, PLATFORM, None, None),
    Transition("placed_elsewhere", OPEN, S.WITHDRAWN, PLATFORM, None, None),
    Transition("slot_cancelled", OPEN, S.DECLINED, PLATFORM, None, None),
)

ROWS: dict[str, tuple[Transition, ...]] = {}
for _row in TABLE:
    ROWS[_row.action] = (*ROWS.get(_row.action, ()), _row)
for _rows in ROWS.values():
    # Who may act, and what a refused move is called, belong to the action, whatever the order.
    assert len({(r.who, r.verb, r.endpoint) for r in _rows}) == 1, _rows
del _row, _rows

ACTIONS: tuple[str, ...] = tuple(name for name, rows in ROWS.items() if rows[0].endpoint)
"""Every action the API can advertise, in the order it lists them."""


# -- asking the table ------------------------------------------------------------------------------------------


def _order_of(placement: Placement) -> str:
    from placements.selectors import policy_for

    return policy_for(placement.student.institution_id).approval_order


def _row_for(action: str, placement: Placement, order: str | None) -> Transition | None:
    for row in ROWS[action]:
        if row.order is not None and row.order != order:
            continue
        if placement.status in row.sources and (row.when is None or row.when.test(placement)):
            return row
    return None


def authorize(action: str, actor: Actor, placement: Placement) -> None:
    """Who: PermissionDenied (403) for anyone the action does not belong to."""
    who = ROWS[action][0].who
    if not who.test(actor, placement):
        raise PermissionDenied(who.refusal)


def move(action: str, placement: Placement, *, order: str | None = None) -> Transition:
    """The row that applies to the placement as it is now (call it on the locked row), after its cheap guards:
    a 409 `illegal_transition` naming the current state when none does, or the first guard's own error."""
    if order is None and any(r.order for r in ROWS[action]):
        order = _order_of(placement)
    row = _row_for(action, placement, order)
    if row is None:
        from placements.services.common import illegal_move

        raise illegal_move(placement, ROWS[action][0].verb)
    for guard in row.guards:
        error = guard.refuse(placement)
        if error is not None:
            raise error
    return row


def check(action: str, actor: Actor, placement: Placement, *, order: str | None = None) -> Transition:
    """`authorize`, then `move`."""
    authorize(action, actor, placement)
    return move(action, placement, order=order)


def allowed_actions(actor: Actor, placement: Placement, policy: SchoolPolicy) -> list[str]:
    """What the viewer can do next: every action `check` would let through, short of the guards that need a lock
    (see the module's docstring). Reads only what the placement list loads (no query per row)."""
    names: list[str] = []
    for row in TABLE:
        if row.endpoint is None or row.action in names:
            continue
        if _row_for(row.action, placement, policy.approval_order) is not row:
            continue
        if row.who.test(actor, placement) and not any(g.refuse(placement) for g in row.guards):
            names.append(row.action)
    return names


# -- the table for people --------------------------------------------------------------------------------------


def _order_label(order: str | None) -> str:
    return order or "either"


def _endpoint(row: Transition) -> str:
    if row.endpoint is None:
        return "—"
    if row.endpoint == "assess":
        return f'`assess/` `{{"role": "{row.action.removeprefix("assess_")}"}}`'
    return f"`{row.endpoint}/`"


def mermaid() -> str:
    """The status diagram (docs/API.md shows it): every row that changes the status, one arrow per source."""
    lines = ["stateDiagram-v2", "    [*] --> pending: apply (the student)"]
    for row in TABLE:
        if row.target is None:
            continue
        label = f"{row.action} (platform)" if row.who is PLATFORM else row.action
        suffix = f" [{row.order}]" if row.order else ""
        for source in row.sources:
            lines.append(f"    {source} --> {row.target}: {label}{suffix}")
    return "\n".join(lines)


def markdown() -> str:
    """The table as docs/API.md shows it; a guard marked * is checked by the service under the slot's lock and
    not foreseen by `actions`."""
    lines = [
        "| action | endpoint | from | to | who | order | also needs |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in TABLE:
        needs = [row.when.label] if row.when else []
        needs += [f"{g.label}{'' if g.refusal else ' *'}" for g in row.guards]
        lines.append(
            "| {action} | {endpoint} | {sources} | {target} | {who} | {order} | {needs} |".format(
                action=f"`{row.action}`",
                endpoint=_endpoint(row),
                sources=", ".join(row.sources),
                target=row.target or "(stays)",
                who=row.who.label,
                order=_order_label(row.order),
                needs="; ".join(needs) or "—",
            )
        )
    return "\n".join(lines)
