"""The Stay-in-Wuhan report (学子留汉), computed in the database. The definitions live here, once, and the
page shows them as they are:

- knowledge rate (去向知晓率) = graduates with a known outcome / all graduates;
- retention (留汉率) = graduates employed or self-employed in Wuhan / graduates employed or self-employed;
- stayed (留汉人数) = the head count of graduates employed or self-employed in Wuhan (the figure the city
  publishes as 新增留汉就业创业大学生 counts graduates of any year; this counts the platform's graduates).
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from alumni import rollups
from alumni.filters import StayFilter
from alumni.models import WORKING, GraduateOutcome, OutcomeStatus, StayHire
from config.db_router import replica_reads
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
    """The count expressions under names that do not clash with a rollup's own fields, and how many of the
    graduates counted are generated demo outcomes (`n_demo`: the one demo flag, never a name)."""
    demo = Count("id", filter=Q(is_demo=True)) if _is_raw(qs) else Sum("graduates", filter=Q(is_demo=True))
    return {**{f"n_{name}": (COUNTS if _is_raw(qs) else SUMS)[name] for name in COUNTS}, "n_demo": demo}


def includes_demo(*tables: list[dict]) -> bool:
    """Whether any row of these tables counts generated demo records (each row's `demo`)."""
    return any(row.get("demo") for rows in tables for row in rows)


def apply_filters(qs: QuerySet, params: dict) -> QuerySet:
    """Filters compose: years (repeatable), institution, major, cohort, district, zone, industry, employer, and
    `confirmed_only` on the raw outcomes (the rollups count confirmed outcomes only). `params` are the values
    of alumni.filters.StayFilter, the FilterSet the report views validate the query with; it applies them
    here to the outcomes or to the rollup chosen (their key columns carry the outcome's field names)."""
    return read_filters(StayFilter, params, queryset=qs).qs


@contextmanager
def short_queries(*, replica: bool = False):
    """The report's queries read aggregates and take milliseconds, but PostgreSQL compiles a query to machine
    code (JIT) when its estimated cost is high, as with the conversion's per-placement subqueries: measured,
    860 ms of compiling for a 150 ms query. Off for the report's transaction. With `replica` (the Stay-in-Wuhan
    report) the reads go to the read replica when DATABASE_REPLICA_URL sets one (config/db_router.py)."""
    with replica_reads() if replica else nullcontext(DEFAULT_DB_ALIAS) as alias:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            yield
            return
        with transaction.atomic(using=alias), connection.cursor() as cursor:
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


def stay_figures(*, params: dict, by: str, school_ids=None, largest: int | None = None) -> dict:
    """The report's figures from the rollups: the breakdown, the trend, the flow, and whether generated
    (demo) outcomes are among them: any row of any of them, so the summary (the sum of the trend) too. The raw
    query gives the same numbers (tests/alumni/test_rollups.py).

    With `largest`, the breakdown keeps the rows with the most graduates and `rest` sums the others (None
    when none was left out): every graduate is in exactly one row of a breakdown, so the rest is the summary
    less the rows shown, and only the number of rows left out costs a query (a count of the groups)."""
    trend = breakdown(rollup_for({"year"}, params=params, school_ids=school_ids), "year")
    rest = None
    if by == "year":
        rows = trend
    else:
        source = rollup_for({by}, params=params, school_ids=school_ids)
        rows = breakdown(source, by, largest=largest)
        if largest is not None and len(rows) == largest:  # perhaps some left out: count them
            rest = rest_of(source, by, shown=rows, total=summary_from(trend))
    links = flow(rollup_for({"institution", "district"}, params=params, school_ids=school_ids))
    return {
        "trend": trend,
        "breakdown": rows,
        "rest": rest,
        "flow": links,
        "includes_demo": includes_demo(trend, rows, links),
    }


def rest_of(qs: QuerySet, by: str, *, shown: list[dict], total: dict) -> dict | None:
    """The rows of a breakdown that `shown` leaves out, summed: how many, and their counts and rates."""
    key = BREAKDOWNS[by][0]
    groups = qs.values(key).annotate(n_graduates=Sum("graduates")).filter(n_graduates__gt=0).count()
    if groups <= len(shown):
        return None
    counts = {name: total[name] - sum(row[name] for row in shown) for name in COUNTS}
    return rates({"rows": groups - len(shown), **counts})


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


def breakdown(qs: QuerySet, by: str, *, largest: int | None = None) -> list[dict]:
    """Every row of the breakdown, in key order; with `largest` and more rows than that, only the `largest`
    rows with the most graduates, largest first (the page: at city scale an employer breakdown has tens of
    thousands of rows; `rest_of` sums the others)."""
    key, label = BREAKDOWNS[by]
    if _is_raw(qs):
        rows = qs.values(key, label).annotate(**_counts(qs)).order_by(key)
    else:
        # Grouped by the key alone, the names looked up after: grouping by a joined name costs a join per row.
        grouped = qs.values(key).annotate(**_counts(qs)).filter(n_graduates__gt=0)
        if largest is None:
            rows = list(grouped.order_by(key))
        else:
            # one more than asked for, to know whether any is left out; when none is, key order as always
            rows = list(grouped.order_by("-n_graduates", key)[: largest + 1])
            if len(rows) > largest:
                rows = rows[:largest]  # the largest first
            else:  # as the database orders them (where NULL goes differs)
                nulls_last = connections[qs.db].features.nulls_order_largest
                rows.sort(key=lambda row: ((row[key] is None) == nulls_last, row[key] is not None and row[key]))
        if key != label:
            model = qs.model._meta.get_field(label.split("__")[0]).related_model
            names = dict(model.objects.filter(pk__in=[row[key] for row in rows]).values_list("pk", "name"))
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
                    "demo": bool(row["n_demo"]),
                }
            )
        )
    return out


def flow(qs: QuerySet) -> list[dict]:
    """Institution → Wuhan district of those who stayed (for the flow chart)."""
    if _is_raw(qs):
        rows = qs.filter(status__in=WORKING, in_wuhan=True).values("institution__name", "district")
        rows = rows.annotate(n=Count("id"), n_demo=Count("id", filter=Q(is_demo=True)))
    else:
        rows = qs.values("institution__name", "district").annotate(
            n=Sum("stayed"), n_demo=Sum("stayed", filter=Q(is_demo=True))
        )
        rows = rows.filter(n__gt=0)
    rows = rows.order_by("institution__name", "district")
    from schools.choices import District

    labels = dict(District.choices)
    return [
        {
            "source": r["institution__name"],
            "target": str(labels.get(r["district"], _("District unknown"))),
            "value": r["n"],
            "demo": bool(r["n_demo"]),
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
        demo_count = Count("id", filter=Q(is_demo=True))
    else:
        hires = qs.filter(hired__gt=0)
        hired_count, stayed_count = Sum("hired"), Sum("stayed")
        demo_count = Sum("hired", filter=Q(is_demo=True))
    hires = hires.annotate(converted=converted_exists())
    if company_ids is not None:
        hires = hires.filter(employer_id__in=company_ids)
    by_company = {
        r["employer_id"]: {**r, "hired": r["n_hired"], "stayed": r["n_stayed"]}
        for r in hires.filter(converted=True)
        .values("employer_id", "employer__name")
        .annotate(n_hired=hired_count, n_stayed=stayed_count, n_demo=demo_count)
    }
    completed = Placement.objects.filter(status=PlacementStatus.COMPLETED)
    if company_ids is not None:
        completed = completed.filter(slot__company_id__in=company_ids)
    if school_ids is not None:  # the same population as the hires: the school's own students
        completed = completed.filter(student__institution_id__in=school_ids)
    interns = {
        r["slot__company_id"]: r
        for r in completed.values("slot__company_id", "slot__company__name").annotate(
            interns=Count("student", distinct=True), n_demo=Count("id", filter=Q(slot__is_demo=True))
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
            "demo": bool(hired.get("n_demo") or done.get("n_demo")),
        })  # fmt: skip
    hired_students = qs.filter(
        employer_id=OuterRef("slot__company_id"),
        student_id=OuterRef("student_id"),
        **({"status__in": WORKING} if raw else {"hired__gt": 0}),
    )
    stayed_students = hired_students.filter(**({"in_wuhan": True} if raw else {"stayed__gt": 0}))
    bases = (
        completed.annotate(
            hired=Exists(hired_students),
            stayed=Exists(stayed_students),
            hired_demo=Exists(hired_students.filter(is_demo=True)),
        )
        .values("slot__base_id", "slot__base__name")
        .annotate(
            interns=Count("student", distinct=True),
            hired=Count("student", filter=Q(hired=True), distinct=True),
            stayed=Count("student", filter=Q(stayed=True), distinct=True),
            n_demo=Count("id", filter=Q(slot__is_demo=True) | Q(hired_demo=True)),
        )
        .order_by("slot__base_id")
    )
    by_base = [
        {"key": b["slot__base_id"], "name": b["slot__base__name"], "interns": b["interns"], "hired": b["hired"],
         "stayed": b["stayed"], "rate": round(b["hired"] / b["interns"], 4) if b["interns"] else None,
         "demo": bool(b["n_demo"])}
        for b in bases
    ]  # fmt: skip
    return {
        "companies": sorted(companies, key=lambda r: (-r["hired"], r["key"])),
        "bases": by_base,
        "includes_demo": includes_demo(companies, by_base),
    }


def conversion_figures(*, params: dict, school_ids=None, company_ids=None) -> dict:
    """Internship-to-hire from the rollup of hires (StayHire) and the placements, and whether generated demo
    records (outcomes or placements in demo slots) are among the figures."""
    qs = StayHire.objects.all()
    if school_ids is not None:
        qs = qs.filter(institution_id__in=school_ids)
    return conversion(apply_filters(qs, params), company_ids=company_ids, school_ids=school_ids)
