"""The staff search in the header (issue 14): one text, matched over what the user may already see, grouped by
kind of record.

Each group is a list page the app has, searched the way that page searches: the same scoped queryset (the app's
selector, as the list's viewset scopes it), the list's own `search_fields` with DRF's SearchFilter, and the list's
default filters (archived students are left out as the Students page leaves them out). So a group's total is
what its "more" link then lists, and nobody finds a record their lists would not show them. The roles decide the
groups: school staff search their school's students and placements, slots, graduate jobs and companies; company
staff their company's slots and jobs and the applicants to them (placements on those slots, never other
students); the city's analysts open jobs, companies and institutions, no personal records. Students (who search
the jobs page itself) and users with no staff role get nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from rest_framework.filters import SearchFilter, search_smart_split

from careers.api.views import JobViewSet
from careers.models import Job
from careers.selectors import jobs_visible_to
from companies.api.views import CompanyViewSet
from companies.models import Company
from companies.selectors import companies_visible_to
from placements.api.views import PlacementViewSet, SlotViewSet
from placements.models import Placement, Slot
from placements.selectors import placements_visible_to, slots_visible_to
from schools.api.views import InstitutionViewSet, StudentViewSet
from schools.models import Institution, Student
from schools.selectors import students_visible_to

if TYPE_CHECKING:
    from accounts.actor import Actor

GROUP_SIZE = 5
MAX_LENGTH = 100
KINDS = ("students", "applicants", "placements", "slots", "jobs", "companies", "institutions")


@dataclass(frozen=True)
class SearchResult:
    id: int
    title: str
    subtitle: str
    url: str  # the record's page in the app


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    total: int
    more: str  # the list page with the search applied, which lists all `total` of them
    results: list[SearchResult] = field(default_factory=list)


def may_search(actor: Actor) -> bool:
    """School staff, staff of a vetted company and the city's analysts; not students, nor a company under review
    (whose staff edit its profile and nothing else)."""
    return bool(actor.school_ids or actor.company_ids or actor.is_city_analyst)


def search_for(actor: Actor, text: str) -> list[SearchGroup]:
    """The groups the actor's roles search, in the order the header shows them, each with its first GROUP_SIZE
    matches and its total (two queries a group). Text that holds no search term finds nothing."""
    if not any(search_smart_split(text)):
        return [SearchGroup(kind, 0, "") for kind in _kinds(actor)]
    groups = []
    for kind in _kinds(actor):
        queryset, search_fields, order, describe, more = _GROUPS[kind](actor)
        found = _matching(queryset, search_fields, text)
        total = found.count()
        rows = list(found.order_by(*order)[:GROUP_SIZE]) if total else []
        groups.append(SearchGroup(kind, total, _url(more[0], search=text, **more[1]), [describe(r) for r in rows]))
    return groups


def _kinds(actor: Actor) -> list[str]:
    kinds: set[str] = set()
    if actor.school_ids:
        kinds |= {"students", "placements", "slots", "jobs", "companies"}
    if actor.company_ids:
        kinds |= {"applicants", "slots", "jobs"}
    if actor.is_city_analyst:
        kinds |= {"jobs", "companies", "institutions"}
    return [kind for kind in KINDS if kind in kinds]


def _matching(queryset: QuerySet, search_fields: Iterable[str], text: str) -> QuerySet:
    """`queryset` filtered by DRF's SearchFilter as a list with these `search_fields` filters it for `?search=`:
    every term (split on spaces and commas, quoted phrases kept) matches one of the fields."""
    view = SimpleNamespace(search_fields=list(search_fields))
    request = SimpleNamespace(query_params={SearchFilter.search_param: text})
    return SearchFilter().filter_queryset(request, queryset, view)


def _url(path: str, **query: Any) -> str:
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{path}?{urlencode(query)}" if query else path


def _joined(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p)


# -- the groups: (scoped queryset, the list's search fields, order, one row as a result, the "more" page) -------

Group = tuple[QuerySet, Iterable[str], tuple[str, ...], Callable[[Any], SearchResult], tuple[str, dict]]


def _students(actor: Actor) -> Group:

    qs = students_visible_to(actor, Student.objects.filter(archived_at__isnull=True).select_related("cohort"))
    return (
        qs,
        StudentViewSet.search_fields,
        ("student_number", "id"),
        lambda s: SearchResult(
            s.pk, s.full_name, _joined(s.student_number, s.cohort.name if s.cohort else ""), f"/students/{s.pk}"
        ),
        ("/students", {}),
    )


def _placements(actor: Actor, *, applicants: bool) -> Group:

    qs = placements_visible_to(actor, Placement.objects.select_related("student", "slot__company"))
    if applicants:  # the company's side: placements on its own slots
        qs = qs.filter(slot__company_id__in=actor.company_ids)
    else:  # the school's side: its own students' placements
        qs = qs.filter(student__institution_id__in=actor.school_ids)

    def describe(p: Placement) -> SearchResult:
        where = p.slot.title if applicants else _joined(p.slot.company.short_name or p.slot.company.name, p.slot.title)
        return SearchResult(p.pk, p.student.full_name, _joined(where, p.get_status_display()), f"/placements/{p.pk}")

    view = "company" if applicants else ("teacher" if actor.teacher_school_ids else "admin")
    # The teacher's view of the list opens on the pending queue; "all" lists every status, as the search found.
    more = ("/placements", {"view": view, "status": "all"})
    return qs, PlacementViewSet.search_fields, ("-updated_at", "-id"), describe, more


def _slots(actor: Actor) -> Group:

    qs = slots_visible_to(actor, Slot.objects.select_related("company"))
    more: dict[str, Any] = {}
    if not actor.school_ids and not actor.is_city_analyst:
        # Company staff search their own company's slots (the others' open ones are in the public list).
        qs = qs.filter(company_id__in=actor.company_ids)
        if len(actor.company_ids) == 1:
            more["company"] = next(iter(actor.company_ids))
    return (
        qs,
        SlotViewSet.search_fields,
        ("-created_at", "-id"),
        lambda s: SearchResult(
            s.pk, s.title, _joined(s.company.short_name or s.company.name, s.get_status_display()), f"/slots/{s.pk}"
        ),
        ("/slots", more),
    )


def _jobs(actor: Actor) -> Group:
    """Graduate jobs as the jobs page lists them (jobs_visible_to: the open ones for every role, a company's own
    drafts and closed ones for its staff); company staff search their own company's, like its slots."""
    qs = jobs_visible_to(actor, Job.objects.select_related("company"))
    more: dict[str, Any] = {}
    if not actor.school_ids and not actor.is_city_analyst:
        qs = qs.filter(company_id__in=actor.company_ids)
        more["mine"] = "true"
    return (
        qs,
        JobViewSet.search_fields,
        ("-created_at", "-id"),
        lambda j: SearchResult(
            j.pk,
            j.title,
            _joined(j.company.short_name or j.company.name, j.get_status_display()),
            f"/careers/jobs/{j.pk}",
        ),
        ("/careers/jobs", more),
    )


def _companies(actor: Actor) -> Group:

    return (
        companies_visible_to(actor, Company.objects.all()),
        CompanyViewSet.search_fields,
        ("name", "id"),
        lambda c: SearchResult(
            c.pk, c.name, _joined(c.short_name, c.get_district_display(), c.get_segment_display()), f"/companies/{c.pk}"
        ),
        ("/companies", {}),
    )


def _institutions(actor: Actor) -> Group:

    # The schools are a public directory (InstitutionViewSet scopes nothing); the app has no page per school, so
    # a result opens the list on its name.
    return (
        Institution.objects.all(),
        InstitutionViewSet.search_fields,
        ("name", "id"),
        lambda i: SearchResult(
            i.pk, i.name, _joined(i.short_name, i.get_district_display()), _url("/institutions", search=i.name)
        ),
        ("/institutions", {}),
    )


_GROUPS: dict[str, Callable[[Actor], Group]] = {
    "students": _students,
    "applicants": lambda actor: _placements(actor, applicants=True),
    "placements": lambda actor: _placements(actor, applicants=False),
    "slots": _slots,
    "jobs": _jobs,
    "companies": _companies,
    "institutions": _institutions,
}
