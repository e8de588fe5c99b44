"""What the signed-in user has to do, counted for the navigation's badges and the home page (issue 14).

Each count is the total of a list page the app has: the same scoped queryset (the app's selector) and the same
list filter with the same parameters that page sends, so the badge says what the page then shows. Each item names
that page as a route of the app (its name and query); `route` is None where the app has no list for it yet.
A count a role cannot act on is not computed for it: a user sees only items of their own roles and scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from alumni.filters import OutcomeFilter
from alumni.selectors import outcomes_visible_to
from careers.filters import ApplicationFilter
from careers.selectors import applications_visible_to
from certificates.filters import CertificateFilter
from certificates.selectors import certificates_visible_to
from companies.filters import ChangeRequestFilter, CompanyFilter
from companies.selectors import change_requests_visible_to, companies_visible_to
from placements.choices import FILLING_STATUSES, HoursExceptionStatus
from placements.filters import BreachReportFilter, PlacementFilter, SlotFilter
from placements.models import MatchRound, Placement
from placements.selectors import breaches_visible_to, journals_for_review, placements_visible_to, slots_visible_to
from placements.services.filing import filings_to_record
from placements.services.hours import exceptions_visible_to

if TYPE_CHECKING:
    from django_filters import FilterSet

    from accounts.actor import Actor


@dataclass(frozen=True)
class TodoItem:
    key: str
    count: int
    route: dict | None = None  # {"name": <route name>, "params": {...}, "query": {param: value}}
    roles: list[str] = field(default_factory=list)


def _filtered_count(filterset: type[FilterSet], queryset: QuerySet, params: dict[str, str], request=None) -> int:
    """The list's total for these query parameters: its FilterSet over its scoped queryset, as the list runs it."""
    return filterset(data=params, queryset=queryset, request=request).qs.count()


def _route(name: str, params: dict[str, str] | None = None, **query: str) -> dict:
    return {"name": name, "params": params or {}, "query": query}


def todo_for(actor: Actor, request=None) -> list[TodoItem]:
    """The user's counts by role, in the order the app shows them (zero counts included: the item exists)."""
    items: list[TodoItem] = []
    if actor.school_ids:
        items += _school_staff(actor, request)
    if actor.hr_company_ids:
        items += _company_hr(actor, request)
    if actor.company_ids:
        items += _mentor(actor)
        if not actor.school_ids:  # school staff count them among their own (one item per key)
            items += _company_incidents(actor)
    items += _careers(actor, request)
    if actor.school_ids or actor.company_ids:
        items += _fieldwork(actor)
    if actor.is_student:
        items += _student(actor)
        items += _student_journals(actor)
    return items


def _school_staff(actor: Actor, request) -> list[TodoItem]:

    roles = ["school_admin"] if actor.is_school_admin else ["teacher"]
    # A school admin answers for the whole school; a teacher for their own advisees (the home tile's queue).
    if actor.is_school_admin:
        approve = {"awaiting": "school"}
        approve_route = _route("placements", view="admin", awaiting="school")
    else:
        approve = {"awaiting": "school", "mine": "true"}
        approve_route = _route("placements", view="teacher", awaiting="school", mine="true")
    items = [
        TodoItem(
            "placements_to_approve",
            _filtered_count(PlacementFilter, placements_visible_to(actor), approve, request),
            approve_route,
            roles,
        ),
        TodoItem(
            # the review list's unread: journals of the placements this teacher supervises, not yet opened
            "journals_to_review",
            journals_for_review(actor).filter(unread=True).count(),
            _route("journal-review", unread="true"),
            roles,
        ),
        TodoItem(
            "certificates_to_verify",
            _filtered_count(CertificateFilter, certificates_visible_to(actor), {"status": "pending"}, request),
            _route("certificate-verify"),
            roles,
        ),
        TodoItem(
            "breaches_open",
            _filtered_count(BreachReportFilter, breaches_visible_to(actor), {"status": "open"}, request),
            _route("breaches", status="open"),
            roles,
        ),
        TodoItem(
            # the exceptions page opens on the proposed ones (art. 17: the school decides, then files)
            "hours_exceptions_to_decide",
            exceptions_visible_to(actor).filter(status=HoursExceptionStatus.PROPOSED).count(),
            _route("hours-exceptions"),
            roles,
        ),
    ]
    items += _care(actor, roles)
    if actor.is_school_admin:
        items += [
            TodoItem(
                # slots held because their words name high-risk work (art. 17), for this school's admins to review
                "slots_to_review",
                _filtered_count(SlotFilter, slots_visible_to(actor), {"status": "review"}, request),
                _route("slot-review"),
                ["school_admin"],
            ),
            TodoItem(
                "companies_to_vet",
                _filtered_count(CompanyFilter, companies_visible_to(actor), {"vetting_status": "pending"}, request),
                _route("companies", vetting_status="pending"),
                ["school_admin"],
            ),
            TodoItem(
                "change_requests_to_decide",
                _filtered_count(ChangeRequestFilter, change_requests_visible_to(actor), {"status": "pending"}, request),
                _route("company-change-requests"),
                ["school_admin"],
            ),
            TodoItem(
                # post internships not started that no filing with the education authority covers yet (备案)
                "filings_to_record",
                filings_to_record(actor),
                _route("filing", unfiled="true"),
                ["school_admin"],
            ),
        ]
    return items


def _care(actor: Actor, roles: list[str]) -> list[TodoItem]:
    """Incidents still waiting for their first response (the incidents page's open ones), and running placements
    short of the term's teacher visits (the coverage page: a teacher's own, an admin's whole school)."""
    from fieldwork.incidents import incidents_visible_to
    from fieldwork.models import IncidentStatus
    from fieldwork.visits import visits_due_count

    return [
        TodoItem(
            "incidents_to_answer",
            incidents_visible_to(actor).filter(status=IncidentStatus.OPEN).count(),
            _route("incidents", status="open"),
            roles,
        ),
        TodoItem("visits_due", visits_due_count(actor), _route("visit-coverage"), roles),
    ]


def _company_incidents(actor: Actor) -> list[TodoItem]:
    """Incidents at the company's placements it may see (HR all, a mentor their interns'), still waiting for a
    first response: the company's answer stops the clock as the school's does."""
    from fieldwork.incidents import incidents_visible_to
    from fieldwork.models import IncidentStatus

    count = incidents_visible_to(actor).filter(status=IncidentStatus.OPEN).count()
    return [
        TodoItem("incidents_to_answer", count, _route("incidents", status="open"), ["company_hr", "company_mentor"])
    ]


def _company_hr(actor: Actor, request) -> list[TodoItem]:

    # Only HR decides (transitions.COMPANY_HR): teacher first, confirming what the school approved; company first,
    # accepting new applications. Both are "awaiting the company".
    return [
        TodoItem(
            "applications_to_decide",
            _filtered_count(PlacementFilter, placements_visible_to(actor), {"awaiting": "company"}, request),
            _route("placements", view="company", awaiting="company"),
            ["company_hr"],
        )
    ]


def _mentor(actor: Actor) -> list[TodoItem]:
    """A company member who mentors interns (the placement names them): their journals not yet opened. Only shown
    to someone who mentors a placement at all (an HR person of a small company often does)."""
    if not Placement.objects.filter(mentor__user_id=actor.user_id, slot__company_id__in=actor.company_ids).exists():
        return []
    role = "company_mentor" if actor.mentor_company_ids else "company_hr"
    return [
        TodoItem(
            "journals_to_comment",
            journals_for_review(actor).filter(unread=True, placement__mentor__user_id=actor.user_id).count(),
            _route("mentor-home"),
            [role],
        )
    ]


def _student_journals(actor: Actor) -> list[TodoItem]:
    """Weekly reports the student owes now or by tomorrow, over their running placements (the summary's
    overdue, plus one due tomorrow); the route opens the report of the first such placement."""
    from placements.choices import JournalStatus, PlacementStatus
    from placements.services.journals import journal_summary

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    count, first = 0, None
    running = (
        Placement.objects.filter(student_id=actor.student_id, status=PlacementStatus.ACTIVE)
        .select_related("slot", "student")
        .annotate(journal_count=Count("journals", filter=Q(journals__status=JournalStatus.SUBMITTED)))
    )
    for placement in running:
        summary = journal_summary(placement, placement.journal_count)
        owed = summary.overdue + (1 if summary.next_due and summary.next_due <= tomorrow else 0)
        if owed and first is None:
            first = placement.pk
        count += owed
    route = _route("journal-write", params={"id": str(first)}) if first else None
    return [TodoItem("journals_due", count, route, ["student"])]


def _fieldwork(actor: Actor) -> list[TodoItem]:
    """Leave waiting for this mentor or teacher (in the school's order), and field work for the mentor to confirm:
    the lists' `to_decide` filter, over what the viewer sees."""
    from fieldwork.models import FieldWork, LeaveRequest
    from fieldwork.selectors import field_work_to_confirm, leave_to_decide, leave_visible_to

    roles = [
        *(["school_admin"] if actor.is_school_admin else ["teacher"] if actor.school_ids else []),
        *(["company_hr"] if actor.hr_company_ids else ["company_mentor"] if actor.company_ids else []),
    ]
    items = [
        TodoItem(
            "leave_to_decide",
            leave_to_decide(actor, leave_visible_to(actor, LeaveRequest.objects.all())).count(),
            _route("leave-decide"),
            roles,
        )
    ]
    if actor.company_ids:
        items.append(
            TodoItem(
                "field_work_to_confirm",
                field_work_to_confirm(
                    actor, FieldWork.objects.filter(placement__slot__company_id__in=actor.company_ids)
                ).count(),
                _route("field-work", to_decide="true"),
                [r for r in roles if r.startswith("company")],
            )
        )
    return items


def _student(actor: Actor) -> list[TodoItem]:
    """Open rounds the student may still rank in: open, before the deadline, and none of their business once they
    hold a confirmed placement in the term of its slots (the rounds serializer's `taking_part`)."""

    rounds = (
        MatchRound.objects.filter(
            Q(cohorts=actor.student_cohort_id),
            status=MatchRound.Status.OPEN,
            preference_deadline__gt=timezone.now(),
        )
        .distinct()
        .prefetch_related("slots")
    )
    placed = set(
        Placement.objects.filter(student_id=actor.student_id, status__in=FILLING_STATUSES).values_list(
            "term", flat=True
        )
    )
    open_ids = [r.pk for r in rounds if not ({s.term for s in r.slots.all()} & placed)]
    # one round: straight to it; several: the list of open ones
    route = _route("round", params={"id": str(open_ids[0])}) if len(open_ids) == 1 else _route("rounds", status="open")
    return [TodoItem("rounds_to_rank", len(open_ids), route, ["student"])]


def _careers(actor: Actor, request) -> list[TodoItem]:
    """Issue 18: applications to the company's jobs not yet answered (HR), offers the student has to answer, and
    outcomes waiting for the school's confirmation (an accepted offer's, a graduate's own report) for its admins."""
    items = []
    if actor.hr_company_ids:
        items.append(
            TodoItem(
                "applications_to_review",
                _filtered_count(ApplicationFilter, applications_visible_to(actor).filter(
                    job__company_id__in=actor.hr_company_ids), {"stage": "submitted"}, request),
                _route("job-applications", stage="submitted"),
                ["company_hr"],
            )
        )  # fmt: skip
    if actor.is_student:
        items.append(
            TodoItem(
                "offers_to_answer",
                _filtered_count(ApplicationFilter, applications_visible_to(actor).filter(
                    student_id=actor.student_id), {"stage": "offered"}, request),
                _route("job-applications", stage="offered"),
                ["student"],
            )
        )  # fmt: skip
    if actor.is_city_staff or actor.is_school_admin:
        from careers.fairs.selectors import pending_booths_for

        # booths waiting for the organiser's decision at the fairs they organise (the city's, or their school's):
        # one fair with some leads to its page (where they are decided), several to the organiser's fairs
        waiting = list(pending_booths_for(actor).values_list("fair_id", flat=True))
        fairs = sorted(set(waiting))
        route = _route("fair-detail", params={"id": str(fairs[0])}) if len(fairs) == 1 else _route("fairs", mine="true")
        items.append(TodoItem("booths_to_decide", len(waiting), route, ["city_staff", "school_admin"]))
    if actor.is_school_admin:
        items.append(
            TodoItem(
                "outcomes_to_confirm",
                _filtered_count(OutcomeFilter, outcomes_visible_to(actor), {"confirmed": "false"}, request),
                _route("alumni-outcomes", confirmed="false"),
                ["school_admin"],
            )
        )
    return items
