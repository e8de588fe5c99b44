"""The Stay-in-Wuhan report (学子留汉), computed in the database. The definitions live here, once, and the
page shows them as they are:

- knowledge rate (去向知晓率) = graduates with a known outcome / all graduates;
- retention (留汉率) = graduates employed or self-employed in Wuhan / graduates employed or self-employed;
- stayed (留汉人数) = the head count of graduates employed or self-employed in Wuhan (the figure the city
  publishes as 新增留汉就业创业大学生 counts graduates of any year; this counts the platform's graduates).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from alumni import rollups
from alumni.filters import StayFilter
from alumni.models import WORKING, GraduateOutcome, OutcomeStatus, StayHire
from config.filters import read_filters
from placements.choices import PlacementStatus
from placements.models import Placement

DEFINITIONS = [
    ("knowledge_rate", _("Knowledge rate"), _("Graduates with a known outcome ÷ all graduates.")),
    (
        "retention",
        _("Retention (留汉率)"),
        _("Graduates working or self-employed in Wuhan ÷ graduates working or self-employed."),
    ),
    ("stayed", _("Stayed in Wuhan"), _("Head count of graduates working or self-employed in Wuhan.")),
    (
        "conversion",
        _("Internship-to-hire"),
        _("Students who completed a placement at a company and were then employed by it."),
    ),
]

BREAKDOWNS = {
    "year": ("graduation_year", "graduation_year"),
    "institution": ("institution_id", "institution__name"),
    "major": ("major_id", "major__name"),
    "cohort": ("cohort_id", "cohort__name"),
    "district": ("district", "district"),
    "zone": ("zone", "zone"),
    "industry": ("industry", "industry"),
    "employer": ("employer_id", "employer__name"),
}

COUNTS = {
    "graduates": Count("id"),
    "known": Count("id", filter=~Q(status=OutcomeStatus.UNKNOWN)),
    "working": Count("id", filter=Q(status__in=WORKING)),
    "stayed": Count("id", filter=Q(status__in=WORKING, in_wuhan=True)),
}
# The same four counts read from a rollup (alumni.rollups): sums of the rows the filters select.
SUMS = {name: Sum(name) for name in COUNTS}
# The dimensions a query can be filtered by: StayFilter's filters that are a rollup's key columns.
FILTERS = tuple(name for name in StayFilter.base_filters if name in rollups.DIMENSIONS)


def _is_raw(qs: QuerySet) -> bool:
    return qs.model is GraduateOutcome


def _counts(qs: QuerySet) -> dict:
    """The count expressions under names that do not clash with a rollup's own fields."""
    return {f"n_{name}": (COUNTS if _is_raw(qs) else SUMS)[name] for name in COUNTS}


def apply_filters(qs: QuerySet, params: dict) -> QuerySet:
    """Filters compose: years (repeatable), institution, major, cohort, district, zone, industry, employer, and
    `confirmed_only` on the raw outcomes (the rollups count confirmed outcomes only). `params` are the values
    of alumni.filters.StayFilter, the FilterSet the report views validate the query with; it applies them
    here to the outcomes or to the rollup chosen (their key columns carry the outcome's field names)."""
    return read_filters(StayFilter, params, queryset=qs).qs


@contextmanager
def short_queries():
    """The report's queries read aggregates and take milliseconds, but PostgreSQL compiles a query to machine
    code (JIT) when its estimated cost is high, as with the conversion's per-placement subqueries: measured,
    860 ms of compiling for a 150 ms query. Off for the report's transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def filtered_dims(params: dict) -> set[str]:
    """The report dimensions the filters restrict."""
    return {name for name in FILTERS if params.get(name) not in (None, "", [])}


def rollup_for(dims: set[str], *, params: dict, school_ids=None) -> QuerySet:
    """The figures' source: the smallest rollup covering the filters and `dims`, scoped and filtered."""
    if school_ids is not None:
        dims = dims | {"institution"}
    qs = rollups.table_for(filtered_dims(params) | dims).objects.all()
    if school_ids is not None:
        qs = qs.filter(institution_id__in=school_ids)
    return apply_filters(qs, params)


def stay_figures(*, params: dict, by: str, school_ids=None) -> dict:
    """The report's figures from the rollups: the breakdown, the trend, the flow, and whether generated
    (demo) outcomes are among them. The raw query gives the same numbers (tests/alumni/test_rollups.py)."""
    trend_qs = rollup_for({"year"}, params=params, school_ids=school_ids)
    trend = breakdown(trend_qs, "year")
    return {
        "trend": trend,
        "breakdown": trend if by == "year" else breakdown(rollup_for({by}, params=params, school_ids=school_ids), by),
        "flow": flow(rollup_for({"institution", "district"}, params=params, school_ids=school_ids)),
        "includes_demo": trend_qs.filter(is_demo=True, graduates__gt=0).exists(),
    }


def rates(row: dict) -> dict:
    graduates, known, working, stayed = row["graduates"], row["known"], row["working"], row["stayed"]
    return {
        **row,
        "knowledge_rate": round(known / graduates, 4) if graduates else None,
        "retention": round(stayed / working, 4) if working else None,
    }


def summary(qs: QuerySet) -> dict:
    return rates(qs.aggregate(**COUNTS))


def summary_from(rows: list[dict]) -> dict:
    """The totals of a breakdown's rows (each graduate is in exactly one row of a breakdown)."""
    return rates({key: sum(row[key] for row in rows) for key in COUNTS})


def breakdown(qs: QuerySet, by: str) -> list[dict]:
    key, label = BREAKDOWNS[by]
    if _is_raw(qs):
        rows = qs.values(key, label).annotate(**_counts(qs)).order_by(key)
    else:
        # Grouped by the key alone, the names looked up after: grouping by a joined name costs a join per row.
        rows = list(qs.values(key).annotate(**_counts(qs)).filter(n_graduates__gt=0).order_by(key))
        if key != label:
            model = qs.model._meta.get_field(label.split("__")[0]).related_model
            names = dict(model.objects.filter(pk__in=qs.values(key)).values_list("pk", "name"))
            for row in rows:
                row[label] = names.get(row[key])
    out = []
    for row in rows:
        name = row[label]
        if by in ("district", "zone") and name:
            field = GraduateOutcome._meta.get_field(by)
            name = str(dict(field.choices).get(name, name))
        out.append(
            rates(
                {
                    "key": row[key],
                    "name": name if name not in (None, "") else "—",
                    **{k: row[f"n_{k}"] for k in COUNTS},
                }
            )
        )
    return out


def flow(qs: QuerySet) -> list[dict]:
    """Institution → Wuhan district of those who stayed (for the flow chart)."""
    if _is_raw(qs):
        rows = qs.filter(status__in=WORKING, in_wuhan=True).values("institution__name", "district")
        rows = rows.annotate(n=Count("id"))
    else:
        rows = qs.values("institution__name", "district").annotate(n=Sum("stayed")).filter(n__gt=0)
    rows = rows.order_by("institution__name", "district")
    from schools.choices import District

    labels = dict(District.choices)
    return [
        {
            "source": r["institution__name"],
            "target": str(labels.get(r["district"], _("District unknown"))),
            "value": r["n"],
        }
        for r in rows
    ]


def converted_exists():
    """The graduate completed a placement at the company that employs them."""
    return Exists(
        Placement.objects.filter(
            student_id=OuterRef("student_id"),
            slot__company_id=OuterRef("employer_id"),
            status=PlacementStatus.COMPLETED,
        )
    )


def conversion(qs: QuerySet, *, company_ids: set[int] | None = None, school_ids: set[int] | None = None) -> dict:
    """Internship-to-hire: per company, interns who completed a placement there, how many it then employed,
    and how many of those stayed in Wuhan; per base, the same through the slots at that base.

    `qs` is the filtered outcomes (the raw query) or the filtered StayHire rows (the rollup: one row per
    student, employer and key, so students are counted as the raw query counts them)."""
    raw = _is_raw(qs)
    if raw:
        hires = qs.filter(employer__isnull=False, status__in=WORKING)
        hired_count, stayed_count = Count("id"), Count("id", filter=Q(in_wuhan=True))
    else:
        hires = qs.filter(hired__gt=0)
        hired_count, stayed_count = Sum("hired"), Sum("stayed")
    hires = hires.annotate(converted=converted_exists())
    if company_ids is not None:
        hires = hires.filter(employer_id__in=company_ids)
    by_company = {
        r["employer_id"]: {**r, "hired": r["n_hired"], "stayed": r["n_stayed"]}
        for r in hires.filter(converted=True)
        .values("employer_id", "employer__name")
        .annotate(n_hired=hired_count, n_stayed=stayed_count)
    }
    completed = Placement.objects.filter(status=PlacementStatus.COMPLETED)
    if company_ids is not None:
        completed = completed.filter(slot__company_id__in=company_ids)
    if school_ids is not None:  # the same population as the hires: the school's own students
        completed = completed.filter(student__institution_id__in=school_ids)
    interns = {
        r["slot__company_id"]: r
        for r in completed.values("slot__company_id", "slot__company__name").annotate(
            interns=Count("student", distinct=True)
        )
    }
    companies = []
    for company_id in sorted(set(by_company) | set(interns)):
        hired = by_company.get(company_id, {})
        done = interns.get(company_id, {})
        n_interns, n_hired = done.get("interns", 0), hired.get("hired", 0)
        companies.append({
            "key": company_id, "name": hired.get("employer__name") or done.get("slot__company__name"),
            "interns": n_interns, "hired": n_hired, "stayed": hired.get("stayed", 0),
            "rate": round(n_hired / n_interns, 4) if n_interns else None,
        })  # fmt: skip
    hired_students = qs.filter(
        employer_id=OuterRef("slot__company_id"),
        student_id=OuterRef("student_id"),
        **({"status__in": WORKING} if raw else {"hired__gt": 0}),
    )
    stayed_students = hired_students.filter(**({"in_wuhan": True} if raw else {"stayed__gt": 0}))
    bases = (
        completed.annotate(hired=Exists(hired_students), stayed=Exists(stayed_students))
        .values("slot__base_id", "slot__base__name")
        .annotate(
            interns=Count("student", distinct=True),
            hired=Count("student", filter=Q(hired=True), distinct=True),
            stayed=Count("student", filter=Q(stayed=True), distinct=True),
        )
        .order_by("slot__base_id")
    )
    return {
        "companies": sorted(companies, key=lambda r: (-r["hired"], r["key"])),
        "bases": [
            {"key": b["slot__base_id"], "name": b["slot__base__name"], "interns": b["interns"], "hired": b["hired"],
             "stayed": b["stayed"], "rate": round(b["hired"] / b["interns"], 4) if b["interns"] else None}
            for b in bases
        ],
    }  # fmt: skip


def conversion_figures(*, params: dict, school_ids=None, company_ids=None) -> dict:
    """Internship-to-hire from the rollup of hires (StayHire) and the placements."""
    qs = StayHire.objects.all()
    if school_ids is not None:
        qs = qs.filter(institution_id__in=school_ids)
    return conversion(apply_filters(qs, params), company_ids=company_ids, school_ids=school_ids)
