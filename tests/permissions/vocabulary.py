"""The words of the permission matrix: who asks (the personas), what they get (the outcomes), and `row()`, which
writes one operation's expectations compactly (a default for everyone signed in, then groups and people).

The tables (one module per app next to this one) are written from the role rules (README "What you can do in
the app", docs/API.md, DESIGN.md), never copied from what the server answers: where the two disagree, one of
them is wrong, and the matrix says which operation and which persona."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Outcome(Enum):
    """What a persona gets from one operation on the scene's record."""

    # The permission check passed: any answer but 401/403/404/405/5xx. A 400 for the table's (often empty) body
    # or a 409 from a state rule still means the persona was let in. On a list: 200 and the scene's record is
    # among the rows. On a create that names an organisation in its body (a teacher for a school, a colleague
    # for a company), ALLOW means the persona adds such records for their own; naming someone else's
    # organisation is a 400 on that field, as everywhere in the API.
    ALLOW = "allowed"
    # A list answers 200 but the scene's record is not among the rows (the persona sees records of their own
    # school or company, not ours).
    OMIT = "listed without ours"
    # A list answers 200 with no rows at all: the persona's role sees no such records anywhere.
    EMPTY = "empty list"
    # 403: the persona may see the record (or the endpoint) but not do this.
    DENY = "403"
    # 404: the persona must not even learn that the record exists.
    HIDE = "404"
    # 401: not signed in.
    ANON = "401"


ALLOW, OMIT, EMPTY, DENY, HIDE, ANON = (
    Outcome.ALLOW,
    Outcome.OMIT,
    Outcome.EMPTY,
    Outcome.DENY,
    Outcome.HIDE,
    Outcome.ANON,
)

# Everyone the issue names, by the names of tests/conftest.py's `world` (its docstring is the vocabulary). "Our"
# school is the student's; "our" company is where the student is placed.
PERSONAS: tuple[str, ...] = (
    "anon",  # not signed in
    "student",  # placed at our company, with a certificate, a registration, an outcome, a journal ...
    "classmate",  # same school, class and advisor as the student; owns none of the scene's records
    "teacher",  # the student's advisor at our school
    "admin",  # our school's admin
    "other_teacher",  # a teacher of another school
    "other_admin",  # an admin of another school
    "hr",  # HR of our company (vetted)
    "mentor",  # a mentor at our company
    "other_hr",  # HR of another (vetted) company
    "pending_hr",  # HR of a self-registered company still under review: edits its profile and nothing else
    "analyst",  # the city's analyst: figures only, no personal records, no files
    "city_staff",  # the city's recruitment-service staff: their fairs and the policy page, else an outsider
    "outsider",  # signed up, e-mail verified, no role anywhere
)

GROUPS: dict[str, tuple[str, ...]] = {
    "signed_in": PERSONAS[1:],
    "students": ("student", "classmate"),
    "staff": ("teacher", "admin"),  # our school's staff
    "other_staff": ("other_teacher", "other_admin"),
    "all_staff": ("teacher", "admin", "other_teacher", "other_admin"),  # staff of any school
    "admins": ("admin", "other_admin"),  # admins of any school
    "company": ("hr", "mentor"),  # our company's staff
    "vetted_hr": ("hr", "other_hr"),
    "company_staff": ("hr", "mentor", "other_hr"),  # staff of any vetted company
    # Everyone signed in who has nothing to do with our school or our company.
    "outsiders": ("other_teacher", "other_admin", "other_hr", "pending_hr", "analyst", "city_staff", "outsider"),
}

OPTIONS = ("body", "query", "multipart", "note")


@dataclass(frozen=True)
class Row:
    """One operation: the outcome per persona, and what to send (a body, query parameters)."""

    outcomes: dict[str, Outcome]
    body: Callable[[Any], dict] | None = None  # scene -> the request body; {} when None
    query: Callable[[Any], dict] | None = None  # scene -> query parameters
    multipart: bool = False
    note: str = ""


def row(default: Outcome = DENY, /, **given: Any) -> Row:
    """`row(HIDE, staff=ALLOW, teacher=DENY)`: everyone signed in gets `default`, then each group or persona
    named, in the order named (later names win); anonymous visitors get 401 unless `anon=` says otherwise.
    `body=`, `query=` (callables of the scene), `multipart=True` and `note=` describe the request."""
    options = {name: given.pop(name) for name in OPTIONS if name in given}
    outcomes = {persona: default for persona in PERSONAS}
    outcomes["anon"] = ANON
    for name, outcome in given.items():
        if not isinstance(outcome, Outcome):
            raise TypeError(f"{name}={outcome!r} is not an Outcome")
        if name in GROUPS:
            for persona in GROUPS[name]:
                outcomes[persona] = outcome
        elif name in PERSONAS:
            outcomes[name] = outcome
        else:
            raise KeyError(f"unknown persona or group {name!r}")
    return Row(outcomes=outcomes, **options)


def public(**given: Any) -> Row:
    """An endpoint that needs no sign-in (activation, invitation links, the CSRF cookie): everyone is let in."""
    return row(ALLOW, anon=ALLOW, **given)
