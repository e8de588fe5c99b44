"""The aggregates behind the Stay-in-Wuhan report, kept in step with the graduate outcomes.

Why: the report groups the outcomes eight ways, with a trend and a flow, under filters that compose. Over
millions of outcomes a scan per click takes seconds; these tables hold the same counts summed by key, a few
rows per class or per (school, district, industry, employer), so each click reads thousands of rows instead.

How they stay exact:
- Every change of an outcome goes through alumni.services (outcome_store / outcomes_store), which, in the
  same transaction, subtracts the outcome's old contribution and adds its new one (`apply`). Only confirmed
  outcomes contribute: the report counts nothing else.
- The counts are additive (graduates, known, working, stayed; hired, stayed for StayHire), so any filter
  that is one of a table's key columns selects whole rows and the sum over them equals the count over the
  outcomes. A query reads the smallest table whose key holds every dimension it filters or groups by
  (`table_for`); StayCell holds them all, so every combination composes.
- Distinct students (internship-to-hire): StayHire is keyed by the student, so 'students hired' is the
  number of students with a matching row whose `hired` > 0, exactly as the raw query's EXISTS.
- `key` is the MD5 of the key's values written so that different values never give the same text
  (numbers as digits, text as length:text, '|' between); the database computes the same text on rebuild
  (`key_sql`), so a live change and a rebuild land on the same row. A row whose counts all reach zero is
  deleted.
- `rebuild` recomputes every table from the outcomes in one statement each (INSERT ... SELECT ... GROUP BY),
  the same on SQLite and PostgreSQL; `drift` compares the tables with that fresh aggregate
  (`manage.py stay_rollups --check|--rebuild`).

The demo seeding bulk-creates its outcomes and then calls `rebuild` (the same code as --rebuild).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Case, CharField, Count, F, Func, Q, Sum, Value, When
from django.db.models.functions import MD5, Cast, Coalesce, Length

from alumni.models import (
    WORKING,
    GraduateOutcome,
    OutcomeStatus,
    StayByCohort,
    StayByDistrict,
    StayByEmployer,
    StayByIndustry,
    StayByPlace,
    StayCell,
    StayEmployerYear,
    StayHire,
)

# The report's dimensions (filter and breakdown names) and the outcome's field behind each.
DIMENSIONS = {
    "year": "graduation_year",
    "institution": "institution_id",
    "major": "major_id",
    "cohort": "cohort_id",
    "employer": "employer_id",
    "district": "district",
    "zone": "zone",
    "industry": "industry",
}
TEXT = {"district", "zone", "industry"}
# What a change needs to know of an outcome, before and after.
SNAPSHOT = ("confirmed", "status", "in_wuhan", "is_demo", "student_id", *DIMENSIONS.values())


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    dims: frozenset[str]
    columns: tuple[str, ...]  # the key's fields, in key order
    counts: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.model._meta.db_table


def _table(model, dims: tuple[str, ...], counts=("graduates", "known", "working", "stayed"), extra=()) -> Table:
    columns = (*extra, *(DIMENSIONS[d] for d in dims), "is_demo")
    return Table(model, frozenset(dims), columns, counts)


# Smallest first: a query reads the first whose dimensions cover it.
ROLLUPS = (
    _table(StayByCohort, ("year", "institution", "major", "cohort")),
    _table(StayByDistrict, ("year", "institution", "district", "zone")),
    _table(StayByIndustry, ("year", "institution", "industry")),
    _table(StayByPlace, ("year", "institution", "district", "zone", "industry")),
    _table(StayEmployerYear, ("year", "employer")),
    _table(StayByEmployer, ("year", "institution", "employer", "district", "zone", "industry")),
    _table(StayCell, tuple(DIMENSIONS)),
)
HIRES = _table(StayHire, tuple(DIMENSIONS), counts=("hired", "stayed"), extra=("student_id",))
TABLES = (*ROLLUPS, HIRES)


def table_for(dims: set[str]) -> type[models.Model]:
    """The smallest rollup whose key holds every dimension in `dims`."""
    for table in ROLLUPS:
        if dims <= table.dims:
            return table.model
    raise ValueError(f"no rollup covers {sorted(dims)}")


# -- keys ----------------------------------------------------------------------------------------------------


def _part(column: str, value) -> str:
    if column == "is_demo":
        return "1" if value else "0"
    if column in TEXT:
        value = value or ""
        return f"{len(value)}:{value}"
    return "" if value is None else str(int(value))


def key_of(table: Table, values: tuple) -> str:
    text = "|".join(_part(c, v) for c, v in zip(table.columns, values, strict=True))
    return hashlib.md5(text.encode()).hexdigest()


def key_sql(table: Table):
    """The same key, computed by the database over the outcomes (for rebuild)."""
    parts = []
    for column in table.columns:
        if parts:
            parts.append(Value("|"))
        if column == "is_demo":
            parts.append(Case(When(is_demo=True, then=Value("1")), default=Value("0"), output_field=CharField()))
        elif column in TEXT:
            parts += [Cast(Length(column), CharField()), Value(":"), F(column)]
        else:
            parts.append(Coalesce(Cast(column, CharField()), Value("")))
    return MD5(Joined(*parts))


class Joined(Func):
    """a || b || c, flat (Concat nests one pair per value: too deep for SQLite's parser over ten parts). Every
    part is text and never NULL."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = CharField()


def _columns(table: Table) -> list[str]:
    return [table.model._meta.get_field(c).column for c in table.columns]


# -- contributions -------------------------------------------------------------------------------------------


def snapshot(outcome: GraduateOutcome) -> dict:
    return {name: getattr(outcome, name) for name in SNAPSHOT}


def contributions(snap: dict | None) -> list[tuple[Table, tuple, tuple[int, ...]]]:
    """What one outcome adds to each table: (table, key values, counts). Nothing unless confirmed."""
    if not snap or not snap["confirmed"]:
        return []
    working = snap["status"] in WORKING
    stayed = working and bool(snap["in_wuhan"])
    counts = (1, int(snap["status"] != OutcomeStatus.UNKNOWN), int(working), int(stayed))
    out = [(table, tuple(snap[c] for c in table.columns), counts) for table in ROLLUPS]
    if working and snap["student_id"] and snap["employer_id"]:
        out.append((HIRES, tuple(snap[c] for c in HIRES.columns), (1, int(stayed))))
    return out


class Delta:
    """The net change of a set of outcome changes, per table row; applied at once (`apply`)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[Table, tuple], list[int]] = {}

    def add(self, snap: dict | None, sign: int) -> None:
        for table, values, counts in contributions(snap):
            row = self.rows.setdefault((table, values), [0] * len(counts))
            for i, n in enumerate(counts):
                row[i] += sign * n

    def change(self, old: dict | None, new: dict | None) -> None:
        self.add(old, -1)
        self.add(new, +1)


def apply(delta: Delta) -> None:
    """Add the delta to the tables: one upsert per row that changes, in a fixed order (tables, then keys) so
    that concurrent changes lock rows in the same order; rows left all zero are deleted."""
    by_table: dict[Table, list[tuple[str, tuple, list[int]]]] = defaultdict(list)
    for (table, values), counts in delta.rows.items():
        if any(counts):
            by_table[table].append((key_of(table, values), values, counts))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in TABLES:
            rows = sorted(by_table.get(table, ()), key=lambda r: r[0])
            if not rows:
                continue
            columns = ["key", *_columns(table), *table.counts]
            t = quote(table.name)
            sql = (
                f"INSERT INTO {t} ({', '.join(quote(c) for c in columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT ({quote('key')}) DO UPDATE SET "
                + ", ".join(f"{quote(c)} = {t}.{quote(c)} + EXCLUDED.{quote(c)}" for c in table.counts)
            )
            cursor.executemany(sql, [(key, *values, *counts) for key, values, counts in rows])
            shrunk = [key for key, _values, counts in rows if any(n < 0 for n in counts)]
            zero = " AND ".join(f"{quote(c)} = 0" for c in table.counts)
            for start in range(0, len(shrunk), 500):
                chunk = shrunk[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {t} WHERE {quote('key')} IN ({', '.join(['%s'] * len(chunk))}) AND {zero}", chunk
                )


# -- rebuild and drift ---------------------------------------------------------------------------------------


def _aggregate(table: Table):
    """The table's content computed from the outcomes: key, key columns, counts."""
    qs = GraduateOutcome.objects.filter(confirmed=True)
    if table is HIRES:
        qs = qs.filter(status__in=WORKING, student__isnull=False, employer__isnull=False)
        counts = {"c_hired": Count("id"), "c_stayed": Count("id", filter=Q(in_wuhan=True))}
    else:
        counts = {
            "c_graduates": Count("id"),
            "c_known": Count("id", filter=~Q(status=OutcomeStatus.UNKNOWN)),
            "c_working": Count("id", filter=Q(status__in=WORKING)),
            "c_stayed": Count("id", filter=Q(status__in=WORKING, in_wuhan=True)),
        }
    return (
        qs.order_by()
        .values(*table.columns)
        .annotate(c_key=key_sql(table), **counts)
        .values_list("c_key", *table.columns, *counts)
    )


@transaction.atomic
def rebuild(tables: tuple[Table, ...] = TABLES) -> dict[str, int]:
    """Recompute the tables from the outcomes (writers wait meanwhile on PostgreSQL). Rows per table."""
    quote = connection.ops.quote_name
    sizes = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {quote(GraduateOutcome._meta.db_table)} IN SHARE MODE")
        for table in tables:
            columns = ["key", *_columns(table), *table.counts]
            picked = ["c_key", *table.columns, *(f"c_{c}" for c in table.counts)]  # the aggregate's aliases
            cursor.execute(f"DELETE FROM {quote(table.name)}")
            sql, params = _aggregate(table).query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                # In key order: the unique index on the key then grows at its end instead of page by random page.
                f"SELECT {', '.join(quote(c) for c in picked)} FROM ({sql}) agg ORDER BY {quote('c_key')}",
                params,
            )
            sizes[table.model.__name__] = table.model.objects.count()
    return sizes


def drift(tables: tuple[Table, ...] = TABLES) -> dict[str, list[tuple]]:
    """Per table, the keys whose counts differ from a fresh aggregate of the outcomes: (key values, counts in
    the table, counts from the outcomes). Empty lists mean no drift."""
    found = {}
    for table in tables:
        fresh = {row[1 : 1 + len(table.columns)]: tuple(row[1 + len(table.columns) :]) for row in _aggregate(table)}
        kept: dict[tuple, list[int]] = {}
        sums = {f"s_{c}": Sum(c) for c in table.counts}
        for row in (
            table.model.objects.order_by().values(*table.columns).annotate(**sums).values_list(*table.columns, *sums)
        ):
            kept[row[: len(table.columns)]] = list(row[len(table.columns) :])
        zero = (0,) * len(table.counts)
        diffs = []
        for key in sorted(set(fresh) | set(kept), key=repr):
            mine, theirs = tuple(kept.get(key, zero)), fresh.get(key, zero)
            if mine != theirs:
                diffs.append((key, mine, theirs))
        found[table.model.__name__] = diffs
    return found
